/**
 * `answer.not_understood` (src/engine/builtin-actions.ts): a question tries an answer that is
 * none of its choices another way first (`retries: 0`, `fallback`), and when that way has
 * nothing for it either, the answer is given back to the question and counted with its other
 * unclear answers, exactly as if the question had no fallback (flows/main_menu.yaml tries the
 * FAQ; test/transcripts/handoff-bn-not-understood.yaml is the same count through the real flows).
 */
import type { Event } from '../../src/engine/events';
import type { Action } from '../../src/engine/services';
import { converse, flow, makeEngine, said, text } from './harness';

const ofType = <T extends Event['type']>(events: Event[], type: T) => events.filter((e): e is Extract<Event, { type: T }> => e.type === type);

const choices = { choice: [{ value: 'a', label: 'menu.option.a' }, { value: 'b', label: 'menu.option.b' }] };

/** A menu that answers "question …" itself and gives anything else back as not understood. */
const menu = flow('menu', {
  ask: { ask: 'menu.ask', expect: choices, save: 'menu.choice', next: 'picked', retries: 0, fallback: 'other' },
  other: { do: 'try', next: [{ when: { tried: 'answered' }, goto: 'ask' }, { goto: 'unclear' }] },
  unclear: { do: 'answer.not_understood', next: 'ask' },
  picked: { say: 'menu.picked', end: true },
});
const help = flow('help', { show: { say: 'help.text', end: true } });
const fallbackFlow = flow('fallback', { start: { say: 'fallback.start', goto_flow: 'menu' } });

const tryAction: Action = (ctx) => {
  const input = ctx.input;
  const answered = input?.kind === 'text' && input.text.startsWith('question');
  if (answered) ctx.emit({ type: 'msg_created', msg: { key: 'faq.answer' } });
  ctx.set('tried', answered ? 'answered' : 'none');
};

const engineFor = () =>
  makeEngine([menu, help, fallbackFlow], { homeFlow: 'menu', fallbackFlow: 'fallback', commands: { help: { call: 'help' } }, retries: 2 }, { try: tryAction }).engine;

describe('answer.not_understood', () => {
  it('counts the answers the fallback gives back as the question would without one: twice asked again, the third time the fallback flow', async () => {
    const { turns, session } = await converse(engineFor(), [text('hi'), text('x'), text('y'), text('z')]);
    expect(turns.slice(1).map((t) => said(t.events))).toEqual([
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['common.not_understood', 'fallback.start', 'menu.ask[a,b]'],
    ]);
    expect(turns.slice(1).map((t) => ofType(t.events, 'input_rejected').map((e) => e.retries))).toEqual([[1], [2], [3]]);
    expect(session.stack).toEqual([expect.objectContaining({ flow: 'menu', state: 'ask', waiting: { retries: 0 } })]);
  });

  it('an answer the fallback takes up is no unclear answer, and the question that comes back after it counts afresh', async () => {
    const { turns } = await converse(engineFor(), [text('hi'), text('x'), text('question one'), text('y'), text('z'), text('a')]);
    expect(turns.slice(1).map((t) => said(t.events))).toEqual([
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['faq.answer', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['menu.picked'],
    ]);
  });

  it('says why a photo or voice note was not taken, and a global word in between starts the count again', async () => {
    const { turns } = await converse(engineFor(), [text('hi'), { kind: 'media', mediaType: 'audio', ref: 'v:1' }, text('x'), text('help'), text('y'), text('z')]);
    expect(turns.slice(1).map((t) => said(t.events))).toEqual([
      ['common.unsupported_media', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['help.text', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
      ['common.invalid.choice', 'menu.ask[a,b]'],
    ]);
  });

  it('is a content error anywhere but on the way a fallback took in the turn of its answer', async () => {
    const misused = flow('misused', { start: { do: 'answer.not_understood', next: 'start' } });
    const home = flow('home', { q: { ask: 'home.q', expect: 'text', next: 'q' } });
    const { engine } = makeEngine([misused, home], { fallbackFlow: 'home', homeFlow: 'home' });
    const { turns } = await converse(engine, [text('hi')]);
    expect(ofType(turns[0]!.events, 'failure')[0]).toMatchObject({ code: 'action_failed', flow: 'misused', detail: expect.stringContaining('answer.not_understood') });
    expect(said(turns[0]!.events)).toEqual(['common.error', 'home.q']);
  });
});
