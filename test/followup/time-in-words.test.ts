/**
 * Problem 1 (found on main with the terminal chat): at "Which time of day suits you? 1. Morning
 * 2. Afternoon 3. Evening", "kabhi bhi", "any time", "যেকোনো সময়", "raat ko", "at night", "রাতে",
 * "after 8 pm" were not understood; after three tries the patient got "Sorry, I did not
 * understand. Let's go back to the menu": the check-ins they had said yes to, and the symptom
 * check's "what next?", were lost without a word.
 *
 * Now a time in words is read (src/followup/time-in-answer.ts) and placed in a slot when the
 * patient is enrolled (slot-for-time.ts: any time → config `any_time`, the night → the latest
 * slot, a clock time → the nearest), and the patient is told which; when three answers in a row
 * still name no time, they are told plainly that no check-ins were set and how to ask for them,
 * and the symptom check goes on to its "what next?".
 */
import { join } from 'node:path';
import type { Language } from '../../src/engine/flow';
import { loadFollowupConfig } from '../../src/followup/config';
import { slotForTime, type TimeWish } from '../../src/followup/slot-for-time';
import { readTime } from '../../src/followup/time-in-answer';
import { shippedTimeWords, timeWordsFrom } from '../../src/followup/time-words';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator, readLocales } from '../../src/i18n/translator';
import { localesDir, projectRoot } from '../../src/paths';
import { existingConversation } from '../support/conversation';
import { coreForEachTest, type RestartableCore } from './harness';

const translator = createTranslator(localesDir);
const interpret = createInterpreter(translator);
const words = shippedTimeWords();
const read = (text: string) => readTime(text, words, interpret);
const problems: string[] = [];
const config = loadFollowupConfig(join(projectRoot, 'config'), problems)!;
const H = (h: number, m = 0) => h * 60 + m;

describe('a time of day in words (readTime)', () => {
  it('keeps every word in one kind, in the three languages', () => {
    expect(timeWordsFrom(readLocales(localesDir)).conflicts).toEqual([]);
  });

  it.each([
    'any time', 'anytime', 'Any time is fine', 'whenever', 'kabhi bhi', 'कभी भी', 'koi bhi time', 'कोई भी समय चलेगा', 'jab marzi',
    'যেকোনো সময়', 'je kono somoy', 'যখন খুশি', 'morning or evening, whichever', "I don't know", 'pata nahi', 'জানি না',
  ])('"%s" is any time', (text) => expect(read(text)).toEqual({ time: { kind: 'any' } }));

  it.each(['at night', 'raat ko', 'रात को', 'রাতে', 'late evening', 'raat 9 baje', 'রাত ৮টায়', 'der shaam', 'after dinner'])('"%s" is the night', (text) =>
    expect(read(text)).toEqual({ time: { kind: 'night' } }),
  );

  it.each<[string, number[]]>([
    ['10 am', [H(10)]],
    ['10am', [H(10)]],
    ['10 a.m.', [H(10)]],
    ['after 8 pm', [H(20)]],
    ['8:30 pm', [H(20, 30)]],
    ['20:00', [H(20)]],
    ['10.30 am', [H(10, 30)]],
    ['সকাল ১০টায়', [H(10)]],
    ['সকাল ১০টা', [H(10)]],
    ['বিকেল ৪টায়', [H(16)]],
    ['subah 10 baje', [H(10)]],
    ['सुबह 10 बजे', [H(10)]],
    ['शाम ६ बजे', [H(18)]],
    ['dopahar 1 baje', [H(13)]],
    ['8 baje', [H(8), H(20)]],
    ['৭টায়', [H(7), H(19)]],
    ['3 baje', [H(15)]],
    ['12 baje', [H(12)]],
    ['12 am', [H(0)]],
    ["10 o'clock", [H(10), H(22)]],
  ])('"%s" is a clock time (%j)', (text, minutes) => expect(read(text)).toEqual({ time: { kind: 'clock', minutes } }));

  it.each<[string, string]>([
    ['morning time is good', 'morning'],
    ['any time in the evening', 'evening'],
    ['shaam ko theek rahega', 'evening'],
    ['দুপুরের দিকে', 'afternoon'],
  ])('"%s" is the %s', (text, slot) => expect(read(text)).toEqual({ slot }));

  it.each(['not at night', 'raat ko nahi', 'রাতে না', 'not in the morning', 'morning or night', '4', '10', 'yes', 'spo2 98', 'hello', 'tomorrow'])(
    '"%s" names no time: asked again',
    (text) => expect(read(text)).toBeNull(),
  );

  it('reads the examples the time question gives when it asks again, in each language', () => {
    for (const lng of ['en', 'hi', 'bn'] as const) {
      const examples = [...translator.t('followup.offer.slot_unclear', lng).matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      expect(examples).toHaveLength(2);
      for (const example of examples) expect([lng, example, read(example)]).toEqual([lng, example, expect.anything()]);
    }
  });
});

describe('the slot a time gets (slotForTime, config/followup.yaml)', () => {
  it.each<[TimeWish, string, string]>([
    [{ kind: 'any' }, 'morning', 'any'],
    [{ kind: 'night' }, 'evening', 'latest'],
    [{ kind: 'clock', minutes: [H(20)] }, 'evening', 'latest'],
    [{ kind: 'clock', minutes: [H(23)] }, 'evening', 'latest'],
    [{ kind: 'clock', minutes: [H(2)] }, 'evening', 'latest'],
    [{ kind: 'clock', minutes: [H(10)] }, 'morning', 'closest'],
    [{ kind: 'clock', minutes: [H(6)] }, 'morning', 'earliest'],
    [{ kind: 'clock', minutes: [H(13)] }, 'afternoon', 'closest'],
    [{ kind: 'clock', minutes: [H(17)] }, 'evening', 'closest'],
    [{ kind: 'clock', minutes: [H(14)] }, 'afternoon', 'exact'],
    // "8 baje": 8 am and 8 pm are each an hour from a slot: the morning reading.
    [{ kind: 'clock', minutes: [H(8), H(20)] }, 'morning', 'earliest'],
    // "7 baje": 7 pm is the evening's own hour.
    [{ kind: 'clock', minutes: [H(7), H(19)] }, 'evening', 'exact'],
  ])('%j → %s (%s)', (time, slot, placed) => expect(slotForTime(time, config)).toEqual({ slot, placed }));
});

describe('the time question takes a time in words', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  const TO_SLOT: Record<Language, string[]> = {
    en: ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes', 'yes'],
    hi: ['नमस्ते जी', 'हाँ', '1', 'नहीं', 'बुखार और खाँसी', 'हाँ', '३', '97', '58', 'कोई बीमारी नहीं', '1', 'हाँ'],
    bn: ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২', '৯৮', '৩৪', 'না', '০', '৪', 'হ্যাঁ', 'হ্যাঁ'],
  };
  const t = (key: string, lang: Language, params?: Record<string, unknown>) => translator.t(key, lang, params as never);
  const enrolment = async (user: string) => h.core.store.followups.currentFor((await existingConversation(h.core.store, 'webchat', user)).id);
  /** To the time question, then the time and the region (West Bengal, India's time). */
  const answer = async (lang: Language, user: string, time: string): Promise<string[]> => {
    for (const text of TO_SLOT[lang]) await h.send(user, text);
    expect((await h.send(user, time)).map((m) => m.text)).toEqual([t('helplines.ask.region', lang)]);
    return (await h.send(user, '1')).map((m) => m.text);
  };

  it.each<[Language, string, string]>([
    ['en', 'any time is fine', 'every day at 9 am, India time.'],
    ['hi', 'kabhi bhi', 'मैं रोज़ सुबह 9 बजे (भारत के समय से) आपको संदेश भेजूँगा।'],
    ['bn', 'যেকোনো সময়', 'প্রতিদিন সকাল ৯টায় (ভারতের সময়) আপনাকে মেসেজ করব।'],
  ])('%s: "%s" enrols in the morning, and the confirmation names it', async (lang, time, named) => {
    const said = await answer(lang, 'p1', time);
    expect(said).toHaveLength(2);
    expect(said[0]).toContain(named);
    expect(said[1]).toBe(t('triage.ask.next', lang));
    expect(await enrolment('p1')).toMatchObject({ slot: 'morning', state: 'active' });
  });

  it.each<[Language, string]>([
    ['en', 'at night'],
    ['en', 'after 8 pm'],
    ['hi', 'raat ko'],
    ['hi', 'रात को'],
    ['bn', 'রাতে'],
  ])('%s: "%s" enrols in the evening, the latest, and says so', async (lang, time) => {
    const said = await answer(lang, 'p2', time);
    expect(said).toEqual([
      t('followup.offer.placed.latest', lang, { when: t('followup.at.evening', lang) }),
      expect.stringContaining(t('followup.at.evening', lang)),
      t('triage.ask.next', lang),
    ]);
    expect(await enrolment('p2')).toMatchObject({ slot: 'evening', state: 'active' });
  });

  it.each<[Language, string, string, string]>([
    ['en', '10 am', 'morning', 'closest'],
    ['hi', '8 baje', 'morning', 'earliest'],
    ['bn', 'সকাল ১০টায়', 'morning', 'closest'],
    ['hi', 'dopahar 1 baje', 'afternoon', 'closest'],
  ])('%s: "%s" enrols at the nearest slot (%s), and says so', async (lang, time, slot, placed) => {
    const said = await answer(lang, 'p3', time);
    expect(said).toEqual([
      t(`followup.offer.placed.${placed}`, lang, { when: t(`followup.at.${slot}`, lang) }),
      expect.stringContaining(t(`followup.at.${slot}`, lang)),
      t('triage.ask.next', lang),
    ]);
    expect(await enrolment('p3')).toMatchObject({ slot, state: 'active' });
  });

  it.each<[Language, string[]]>([
    ['en', ['tomorrow', 'hmm', 'ok']],
    ['hi', ['kal', 'pakka nahi', 'dekhte hain']],
    ['bn', ['কাল', 'দেখি', 'হুম']],
  ])('%s: three answers that name no time: told plainly no check-ins were set, and "what next?" goes on', async (lang, unclear) => {
    for (const text of TO_SLOT[lang]) await h.send('p4', text);
    for (const text of unclear.slice(0, 2)) {
      expect((await h.send('p4', text)).map((m) => m.text)).toEqual([t('followup.offer.slot_unclear', lang), t('followup.offer.slot', lang)]);
    }
    const said = await h.send('p4', unclear[2]!);
    expect(said.map((m) => m.text)).toEqual([t('followup.offer.slot_given_up', lang), t('triage.ask.next', lang)]);
    expect(said.map((m) => m.text)).not.toContain(t('common.not_understood', lang));
    expect(await enrolment('p4')).toBeUndefined();
    // The symptom check's "what next?" is still the question: "2" is its menu, not a lost answer.
    expect((await h.send('p4', '2')).map((m) => m.text)).toEqual([t('menu.ask', lang)]);
  });

  it('a clear answer after an unclear one is taken, and a later offer counts its unclear answers afresh', async () => {
    for (const text of TO_SLOT.en) await h.send('p5', text);
    await h.send('p5', 'hmm');
    await h.send('p5', 'hmm');
    expect((await h.send('p5', 'whenever')).map((m) => m.text)).toEqual([t('helplines.ask.region', 'en')]);
    await h.send('p5', '1');
    await h.send('p5', 'stop');
    h.clock.now += 24 * 3_600_000;
    for (const text of ['menu', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes', 'yes']) await h.send('p5', text);
    expect((await h.send('p5', 'hmm')).map((m) => m.text)).toEqual([t('followup.offer.slot_unclear', 'en'), t('followup.offer.slot', 'en')]);
  });
});
