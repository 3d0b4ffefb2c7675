/**
 * A loop without a question may pass through other flows: a flow that calls
 * itself, flows that call or go to each other, or a call to a flow that asks on
 * some paths only. Each would run to the step limit on every turn, saying its
 * messages each time round (the help text a hundred times, then "Something went
 * wrong"), so each is refused, at the state and field that start it.
 */
import { validateFlows } from '../../src/flows/validate';
import { ctx, fromSource } from './helpers';

const flow = (id: string, states: string) => fromSource(`${id}.yaml`, `id: ${id}\nspec: 1\nstart: show\nstates:\n${states}`);

describe('loops without an ask across flows', () => {
  it('refuses a flow that calls itself (the help flow that said its text a hundred times)', () => {
    const help = flow('help', '  show:\n    say: demo.hello\n    call: help\n    next: done\n  done: { say: demo.bye, end: true }\n');
    expect(validateFlows([help], ctx)).toEqual([
      { file: 'help.yaml', flow: 'help', state: 'show', field: 'call', line: 7, message: 'loop without an ask: show → (call help) show would repeat forever in one turn' },
    ]);
  });

  it('refuses flows that call each other, once, at the first flow of the set', () => {
    const a = flow('a', '  show: { call: b, next: done }\n  done: { say: demo.bye, end: true }\n');
    const b = flow('b', '  show: { say: demo.wait, call: a, next: done }\n  done: { say: demo.bye, end: true }\n');
    expect(validateFlows([a, b], ctx)).toEqual([
      expect.objectContaining({ file: 'a.yaml', flow: 'a', state: 'show', field: 'call', message: 'loop without an ask: show → (call b) show → (call a) show would repeat forever in one turn' }),
    ]);
    expect(validateFlows([b, a], ctx)).toEqual([expect.objectContaining({ file: 'b.yaml', state: 'show', field: 'call' })]);
  });

  it('refuses flows that go to each other with goto_flow', () => {
    const a = flow('a', '  show: { say: demo.hello, next: away }\n  away: { goto_flow: b }\n');
    const b = flow('b', '  show: { do: demo.check, next: back }\n  back: { goto_flow: a }\n');
    expect(validateFlows([a, b], ctx)).toEqual([
      expect.objectContaining({ file: 'a.yaml', state: 'show', field: 'next', message: 'loop without an ask: show → away → (goto_flow b) show → back → (goto_flow a) show would repeat forever in one turn' }),
    ]);
  });

  it('goes on at the caller\'s next when the called flow can end without asking on some path', () => {
    // `maybe` asks only when demo.ok is set: otherwise it ends at once, and the caller loops.
    const maybe = flow('maybe', '  show:\n    say: demo.hello\n    next:\n      - when: { demo.ok: true }\n        goto: q\n      - goto: done\n  q: { ask: demo.ask.age, expect: text, next: done }\n  done: { say: demo.bye, end: true }\n');
    const caller = flow('caller', '  show: { call: maybe, next: again }\n  again: { say: demo.wait, next: show }\n');
    expect(validateFlows([maybe, caller], ctx)).toEqual([
      expect.objectContaining({ file: 'caller.yaml', state: 'show', field: 'next', message: 'loop without an ask: show → again → show would repeat forever in one turn' }),
    ]);
  });

  it('a call whose flow asks on every path, or never comes back, stops the loop in the caller', () => {
    const asks = flow('asks', '  show: { do: demo.check, next: q }\n  q: { ask: demo.ask.age, expect: text, next: done }\n  done: { say: demo.bye, end: true }\n');
    const leaves = flow('leaves', '  show: { goto_flow: asks }\n');
    const caller = (callee: string) => flow('caller', `  show: { call: ${callee}, next: again }\n  again: { say: demo.wait, next: show }\n`);
    expect(validateFlows([asks, caller('asks')], ctx)).toEqual([]);
    expect(validateFlows([asks, leaves, caller('leaves')], ctx)).toEqual([]);
  });

  it('allows a flow to call itself after a question', () => {
    const again = flow('again', '  show: { ask: demo.ask.age, expect: text, next: more }\n  more: { call: again, next: done }\n  done: { say: demo.bye, end: true }\n');
    expect(validateFlows([again], ctx)).toEqual([]);
  });

  it('gives a flow outside the set the benefit of the doubt', () => {
    const caller = flow('caller', '  show: { call: elsewhere, next: again }\n  again: { say: demo.wait, next: show }\n');
    expect(validateFlows([caller], { ...ctx, extraFlowIds: new Set(['elsewhere']) })).toEqual([]);
  });
});
