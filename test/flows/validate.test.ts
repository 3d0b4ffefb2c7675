/** Semantic checks over a set of flows: the good fixture set passes, and cross-flow rules hold. */
import type { FlowDef, StateDef } from '../../src/engine/flow';
import { loadFlowFile, parseFlowSource } from '../../src/flows/load';
import { listFlowFiles } from '../../src/flows/registry';
import { validateFlows, type FlowToValidate } from '../../src/flows/validate';
import { ctx, goodDir } from './helpers';

function goodSet(): FlowToValidate[] {
  return listFlowFiles(goodDir).map((file) => {
    const { flow, locate, errors } = loadFlowFile(file);
    expect(errors).toEqual([]);
    return { file, flow: flow as FlowDef, locate };
  });
}

function fromSource(file: string, source: string): FlowToValidate {
  const { flow, locate, errors } = parseFlowSource(source, file);
  expect(errors).toEqual([]);
  return { file, flow: flow as FlowDef, locate };
}

/** A flow built as the admin API builds one (not through the schema): state `a`, then `b`, which ends. */
function apiFlow(a: StateDef): FlowDef {
  return { id: 'api', spec: 1, version: 'v1', start: 'a', states: { a, b: { say: 'demo.bye', end: true } } };
}

describe('validateFlows', () => {
  it('passes the good fixture set', () => {
    const set = goodSet();
    expect(set.map((f) => f.flow.id)).toEqual(['helplines', 'main_menu', 'triage']);
    expect(validateFlows(set, ctx)).toEqual([]);
  });

  it('needs the other flows of the set for call and goto_flow', () => {
    const triage = goodSet().filter((f) => f.flow.id === 'triage');
    expect(validateFlows(triage, ctx)).toEqual([
      expect.objectContaining({ flow: 'triage', state: 'emergency', field: 'goto_flow', message: 'unknown flow "helplines"' }),
    ]);
    expect(validateFlows(triage, { ...ctx, extraFlowIds: new Set(['helplines']) })).toEqual([]);
  });

  it('reports duplicate flow ids across files', () => {
    const a = fromSource('a.yaml', 'id: same\nspec: 1\nstart: x\nstates:\n  x: { say: demo.bye, end: true }\n');
    const b = fromSource('b.yaml', '# a copy\nid: same\nspec: 1\nstart: x\nstates:\n  x: { say: demo.hello, end: true }\n');
    expect(validateFlows([a, b], ctx)).toEqual([
      { file: 'b.yaml', flow: 'same', field: 'id', line: 2, message: 'flow id "same" is also defined in a.yaml' },
    ]);
  });

  it('reports an unknown start state', () => {
    const f = fromSource('s.yaml', 'id: s\nspec: 1\nstart: helo\nstates:\n  hello: { say: demo.hello, end: true }\n');
    expect(validateFlows([f], ctx)).toEqual([
      { file: 's.yaml', flow: 's', field: 'start', line: 3, message: 'unknown state "helo" (did you mean "hello"?)' },
    ]);
  });

  it('reports a key missing everywhere once per language', () => {
    const f = fromSource('k.yaml', 'id: k\nspec: 1\nstart: a\nstates:\n  a:\n    say: demo.nowhere\n    end: true\n');
    expect(validateFlows([f], ctx).map((e) => [e.line, e.message])).toEqual([
      [6, 'message key "demo.nowhere" is missing in bn'],
      [6, 'message key "demo.nowhere" is missing in hi'],
      [6, 'message key "demo.nowhere" is missing in en'],
    ]);
  });

  it('checks every kind of message key: ask, skip, invalid, choice labels, {key} refs', () => {
    const f = fromSource(
      'm.yaml',
      `id: m
spec: 1
start: a
states:
  a:
    say: { key: x.say }
    ask: x.ask
    expect: { choice: [ { value: one, label: x.label } ] }
    skip: x.skip
    invalid: x.invalid
    next: a
`,
    );
    const en = validateFlows([f], { ...ctx, hasKey: (key, lng) => lng !== 'en' || key === 'never.used' });
    expect(en.map((e) => `${e.line} ${e.field}`)).toEqual(['6 say.key', '7 ask', '8 expect.choice[0].label', '9 skip', '10 invalid']);
  });

  it('reports a branch without when that hides the branches after it', () => {
    const f = fromSource(
      'b.yaml',
      'id: b\nspec: 1\nstart: a\nstates:\n  a:\n    say: demo.hello\n    next:\n      - goto: c\n      - goto: c\n  c: { say: demo.bye, end: true }\n',
    );
    expect(validateFlows([f], ctx)).toEqual([
      { file: 'b.yaml', flow: 'b', state: 'a', field: 'next[0]', line: 8, message: 'branch 1 has no "when", so the branches after it never run' },
    ]);
  });

  it('checks conditions of definitions that did not come through the schema', () => {
    const flow = apiFlow({ say: 'demo.hello', next: [{ when: { 'bad path': 1, ok: { gtt: 1 } as never }, goto: 'b' }, { goto: 'b' }] });
    expect(validateFlows([{ file: 'admin:api', flow }], ctx)).toEqual([
      { file: 'admin:api', flow: 'api', state: 'a', field: 'next[0].when.bad path', message: expect.stringMatching(/not a dotted path/) },
      { file: 'admin:api', flow: 'api', state: 'a', field: 'next[0].when.ok.gtt', message: expect.stringMatching(/unknown comparison "gtt"/) },
    ]);
  });

  it('checks the conditions of choice options, and refuses a question whose every option has one', () => {
    const flow = apiFlow({
      ask: 'demo.hello',
      expect: { choice: [{ value: 'x', label: 'demo.hello', when: { 'bad path': true } }, { value: 'y', label: 'demo.bye', when: { ok: { gtt: 1 } as never } }] },
      next: 'b',
    });
    expect(validateFlows([{ file: 'admin:api', flow }], ctx)).toEqual([
      { file: 'admin:api', flow: 'api', state: 'a', field: 'expect.choice[0].when.bad path', message: expect.stringMatching(/not a dotted path/) },
      { file: 'admin:api', flow: 'api', state: 'a', field: 'expect.choice[1].when.ok.gtt', message: expect.stringMatching(/unknown comparison "gtt"/) },
      { file: 'admin:api', flow: 'api', state: 'a', field: 'expect.choice', message: expect.stringMatching(/every option has a "when"/) },
    ]);
  });

  it('does not treat inherited object properties as states', () => {
    const f = fromSource('p.yaml', 'id: p\nspec: 1\nstart: a\nstates:\n  a: { say: demo.hello, next: constructor }\n');
    expect(validateFlows([f], ctx).map((e) => e.message)).toEqual(['unknown state "constructor"']);
  });

  describe('loops without an ask', () => {
    it('finds a state that goes to itself', () => {
      const f = fromSource('l.yaml', 'id: l\nspec: 1\nstart: a\nstates:\n  a: { say: demo.wait, next: a }\n');
      expect(validateFlows([f], ctx)).toEqual([
        { file: 'l.yaml', flow: 'l', state: 'a', field: 'next', line: 5, message: 'loop without an ask: a → a would repeat forever in one turn' },
      ]);
    });

    it('allows a loop through a question', () => {
      const f = fromSource(
        'q.yaml',
        'id: q\nspec: 1\nstart: a\nstates:\n  a: { say: demo.wait, next: b }\n  b: { ask: demo.ask.age, expect: text, next: a }\n',
      );
      expect(validateFlows([f], ctx)).toEqual([]);
    });

    it('counts a call to a flow that asks as a question, and a call to one that never asks as none', () => {
      const asks = fromSource('asks.yaml', 'id: asks\nspec: 1\nstart: q\nstates:\n  q: { ask: demo.ask.age, expect: text, next: e }\n  e: { say: demo.bye, end: true }\n');
      const silent = fromSource('silent.yaml', 'id: silent\nspec: 1\nstart: e\nstates:\n  e: { say: demo.bye, end: true }\n');
      const caller = (callee: string) =>
        fromSource('c.yaml', `id: c\nspec: 1\nstart: a\nstates:\n  a: { call: ${callee}, next: b }\n  b: { say: demo.wait, next: a }\n`);
      expect(validateFlows([asks, caller('asks')], ctx)).toEqual([]);
      expect(validateFlows([silent, caller('silent')], ctx)).toEqual([
        expect.objectContaining({ file: 'c.yaml', state: 'a', message: 'loop without an ask: a → b → a would repeat forever in one turn' }),
      ]);
    });
  });
});
