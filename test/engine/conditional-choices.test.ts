/**
 * A choice option with `when` is offered only when its condition holds on the session
 * (flows/faq_answer.yaml offers only the languages an FAQ entry has). An option not offered
 * is not numbered and is no answer: "2" is the second option shown, and the hidden option's
 * button or word is not understood.
 */
import type { StateDef } from '../../src/engine/flow';
import type { Input } from '../../src/engine/input';
import { newSession, type Session } from '../../src/engine/session';
import { converse, flow, makeEngine, said, text } from './harness';

const offer: StateDef = {
  ask: 'offer.ask',
  expect: {
    choice: [
      { value: 'bn', label: 'common.lang.bn', when: { 'has.bn': true } },
      { value: 'hi', label: 'common.lang.hi', when: { 'has.hi': true } },
      { value: 'en', label: 'common.lang.en', when: { 'has.en': true } },
      { value: 'menu', label: 'menu.back' },
    ],
  },
  save: 'picked',
  next: 'done',
};
const offers = flow('offers', { offer, done: { say: 'offer.done', end: true } });

function withLanguages(has: Record<string, boolean>): Session {
  const s = newSession();
  s.vars = { has };
  return s;
}

async function run(has: Record<string, boolean>, answer: Input) {
  const { engine } = makeEngine([offers]);
  const { turns, session } = await converse(engine, [text('start'), answer], withLanguages(has));
  return { asked: said(turns[0]!.events), after: said(turns[1]!.events), picked: session.vars.picked };
}

describe('choice options with a condition (`when`)', () => {
  it('offers only the options whose condition holds, in their order', async () => {
    expect((await run({ bn: true, hi: false, en: true }, text('menu'))).asked).toEqual(['offer.ask[bn,en,menu]']);
    expect((await run({ bn: false, hi: true, en: false }, text('menu'))).asked).toEqual(['offer.ask[hi,menu]']);
    // A condition on a value that is not set does not hold.
    expect((await run({}, text('menu'))).asked).toEqual(['offer.ask[menu]']);
  });

  it('numbers the options shown: "2" is the second of them, not the second listed', async () => {
    const r = await run({ bn: false, hi: true, en: true }, text('2'));
    expect(r.picked).toBe('en');
    expect(r.after).toEqual(['offer.done']);
  });

  it('takes an option not offered as no answer: its button, its word and its number', async () => {
    for (const answer of [{ kind: 'choice', payload: 'bn' } as Input, text('bn'), text('3')]) {
      const r = await run({ bn: false, hi: true, en: false }, answer);
      expect(r.picked).toBeUndefined();
      expect(r.after).toEqual(['common.invalid.choice', 'offer.ask[hi,menu]']);
    }
  });

  it('takes an option offered by its button', async () => {
    const r = await run({ bn: true, hi: false, en: false }, { kind: 'choice', payload: 'bn' });
    expect(r.picked).toBe('bn');
  });
});
