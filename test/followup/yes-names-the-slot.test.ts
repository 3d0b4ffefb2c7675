/**
 * Problem 2 (patient tester): a yes to the check-in offer that named the time of day ("yes, in
 * the morning", "haan subah", "হ্যাঁ, সকালে") was taken as a bare yes, and the time was asked
 * again. The words after the yes are read as the slot question reads its answers.
 */
import { join } from 'node:path';
import { slotAfterYes } from '../../src/followup/slot-in-answer';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { projectRoot } from '../../src/paths';
import { existingConversation } from '../support/conversation';
import { coreForEachTest, type RestartableCore } from './harness';

const translator = createTranslator(join(projectRoot, 'locales'));
const interpret = createInterpreter(translator);
const t = (key: string) => translator.t(key, 'en');

describe('the slot named after a yes (the readers the questions use)', () => {
  it.each([
    ['yes, in the morning', 'morning'],
    ['Yes in the evening', 'evening'],
    ['yes 9 am', 'morning'],
    ['ok, afternoon', 'afternoon'],
    ['haan subah', 'morning'],
    ['haan ji, subah', 'morning'],
    ['हाँ, शाम', 'evening'],
    ['হ্যাঁ, সকালে', 'morning'],
    ['হ্যাঁ সন্ধ্যা', 'evening'],
  ])('"%s" → %s', (text, slot) => expect(slotAfterYes(text, interpret)).toBe(slot));

  it.each([
    ['yes'],
    // Not seen the numbered list of slots yet: a number is no slot.
    ['yes 1'],
    ['yes, but not in the morning'],
    ['yes please, not the morning'],
    ['yes please'],
    ['morning'],
    ['no, in the morning'],
  ])('"%s" → none', (text) => expect(slotAfterYes(text, interpret)).toBeNull());
});

describe('a yes with the time of day enrols at that time without asking it again', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  /** A symptom check to home isolation: from a first message, or (`again`) from the menu. */
  const toOffer = async (user: string, again = false): Promise<void> => {
    const start = again ? ['menu'] : ['I need help', 'English', 'yes'];
    for (const text of [...start, '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4']) await h.send(user, text);
    expect((await h.send(user, 'yes')).at(-1)!.text).toBe(t('followup.offer.ask'));
  };
  const enrolment = async (user: string) => h.core.store.followups.currentFor((await existingConversation(h.core.store, 'webchat', user)).id);

  it('"yes, in the evening": the region is asked next, not the time; enrolled for the evening', async () => {
    await toOffer('p1');
    expect((await h.send('p1', 'yes, in the evening')).map((m) => m.text)).toEqual([t('helplines.ask.region')]);
    const said = await h.send('p1', '1');
    expect(said[0]!.text).toContain('every day at 7 pm, India time.');
    expect(await enrolment('p1')).toMatchObject({ slot: 'evening', state: 'active' });
  });

  it('a plain yes still asks the time, even when an earlier enrolment had one', async () => {
    await toOffer('p2');
    await h.send('p2', 'yes, in the morning');
    await h.send('p2', '1');
    await h.send('p2', 'stop');
    // The next day (the flood guard counts a minute's messages).
    h.clock.now += 24 * 3_600_000;
    await toOffer('p2', true);
    expect((await h.send('p2', 'yes')).map((m) => m.text)).toEqual([t('followup.offer.slot')]);
    await h.send('p2', '2');
    expect(await enrolment('p2')).toMatchObject({ slot: 'afternoon', state: 'active' });
  });

  it('"ok" and "sure" are a yes to the offer (the time is asked)', async () => {
    for (const [user, ok] of [['p3', 'ok'], ['p4', 'sure']] as const) {
      await toOffer(user);
      expect((await h.send(user, ok)).map((m) => m.text)).toEqual([t('followup.offer.slot')]);
    }
  });
});
