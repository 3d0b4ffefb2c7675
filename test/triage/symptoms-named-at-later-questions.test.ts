/**
 * A symptom named in the answer to a question that asks something else is not dropped
 * (src/triage/later-symptoms.ts): at the danger-sign question ("no, but I have cough"), the
 * pregnancy question, the long-term illness question and the close-contact question, as at the
 * days, oxygen, breathing and age questions before. A fever named with its days ("fever too, for
 * 6 days") brings them: their question is skipped; named without, they are asked, once.
 *
 * Regression (under-triage): each of these answers lost its symptom. A 70-year-old diabetic
 * with no other symptom who wrote "diabetes, fever too" at the illness question was told "You do
 * not need medical care now"; so was one who answered the close-contact question "yes, and now
 * fever since yesterday".
 */
import type { Language } from '../../src/engine/flow';
import { createTestCore, type TestCore } from '../support/core';
import { run as runIn, sessionValue, toDangerSigns, WORDS } from '../support/symptom-check-walk';

let tc: TestCore;
beforeAll(async () => {
  tc = await createTestCore();
});
afterAll(async () => tc.close());

let users = 0;
const newUser = () => `later-${++users}`;
const t = (key: string, lng: Language, params?: Record<string, string | number>) => tc.core.translator.t(key, lng, params);
const bullet = (lng: Language, ...keys: string[]) => keys.map((k) => `• ${t(k, lng)}`).join('\n');

const run = (user: string, msgs: readonly string[]) => runIn(tc, user, msgs);
const vars = (user: string, path: string) => sessionValue(tc, user, path);

const words = WORDS;
/** No danger sign, no symptom ("0", confirmed), oxygen 97, aged 70: the long-term illness question. */
const toConditionsAt70 = (lng: Language) => [...toDangerSigns(lng), words[lng].no, '0', words[lng].yes, '97', '70'];

describe('at the long-term illness question', () => {
  it.each<[Language, string]>([
    ['en', 'diabetes, and now chest pain'],
    ['hi', 'sugar hai, aur ab seene mein dard'],
    ['bn', 'ডায়াবেটিস আছে, এখন বুকে ব্যথা'],
  ])('(%s) a danger sign named with the illness is still the emergency: %s', async (lng, text) => {
    const user = newUser();
    await run(user, toConditionsAt70(lng));
    expect((await run(user, [text])).join('\n')).toContain('108');
    expect(await vars(user, 'triage.level')).toBe('emergency');
    expect(await vars(user, 'triage.reasons')).toEqual(['chest_pain']);
  });

  it.each<[Language, string]>([
    ['en', 'weak immunity'],
    ['hi', 'कमज़ोर इम्यूनिटी'],
    ['hi', 'kamzor immunity'],
  ])('(%s) the name of an illness is no symptom: "%s" is weak immunity, not weakness', async (lng, text) => {
    const user = newUser();
    await run(user, toConditionsAt70(lng));
    const replies = await run(user, [text]);
    expect(replies).toEqual([`${t('triage.noted_conditions', lng, { list: bullet(lng, 'triage.condition.immunocompromised') })}`, t('triage.ask.test', lng)]);
    expect(await vars(user, 'triage.q.symptoms')).toEqual([]);
  });

  it('a fever named without its days: they are asked before the result, and count', async () => {
    const user = newUser();
    await run(user, toConditionsAt70('en'));
    expect(await run(user, ['diabetes, fever too'])).toEqual([
      t('triage.noted_conditions', 'en', { list: bullet('en', 'triage.condition.diabetes') }),
      t('triage.also_noted', 'en', { list: bullet('en', 'triage.symptom.fever') }),
      t('triage.ask.test', 'en'),
    ]);
    expect(await run(user, ['4', 'no'])).toEqual([t('triage.ask.fever_days', 'en')]);
    await run(user, ['5']);
    expect(await vars(user, 'triage.level')).toBe('doctor');
    expect(await vars(user, 'triage.reasons')).toEqual(['age_over_60', 'comorbidity', 'fever_over_3_days']);
  });

  it.each<[Language, string]>([
    ['en', 'diabetes, and fever for 5 days'],
    ['hi', 'sugar hai, bukhar bhi hai 5 din se'],
    ['bn', 'ডায়াবেটিস আছে, জ্বরও আছে ৫ দিন ধরে'],
  ])('(%s) a fever named with its days: they are read, not asked: %s', async (lng, text) => {
    const user = newUser();
    await run(user, toConditionsAt70(lng));
    const replies = await run(user, [text]);
    expect(replies[1]).toBe(t('triage.also_noted', lng, { list: `${bullet(lng, 'triage.symptom.fever')}\n• ${t('triage.stated.fever_days', lng, { n: 5 })}` }));
    expect(await vars(user, 'triage.q.fever_days')).toBe(5);
    // Not tested, no contact: the result, with no days question before it.
    expect((await run(user, ['4', words[lng].no]))[0]).toContain(t('triage.reason.fever_over_3_days', lng));
    expect(await vars(user, 'triage.reasons')).toEqual(['age_over_60', 'comorbidity', 'fever_over_3_days']);
  });

  it('a fever whose days were asked once already ("don\'t know") is not asked about again', async () => {
    const user = newUser();
    // A cough; at the oxygen question "95, and fever too": the days are asked after the age.
    await run(user, [...toDangerSigns('en'), 'no', 'cough', 'yes', '95, and fever too']);
    expect(await run(user, ['70'])).toEqual([t('triage.ask.fever_days', 'en')]);
    expect((await run(user, ["I don't know"]))[0]).toBe(t('common.going_on_without', 'en'));
    await run(user, ['diabetes', '4']);
    const result = await run(user, ['no']);
    expect(result).not.toContain(t('triage.ask.fever_days', 'en'));
    expect(await vars(user, 'triage.level')).toBe('doctor');
  });
});

describe('at the danger-sign question', () => {
  it.each<[Language, string, string]>([
    ['en', 'no, but I have a cough', 'triage.symptom.cough'],
    ['hi', 'nahi, lekin khansi hai', 'triage.symptom.cough'],
    ['bn', 'না, তবে কাশি আছে', 'triage.symptom.cough'],
  ])('(%s) "%s": noted, kept when the list is answered "nothing else"', async (lng, text, label) => {
    const user = newUser();
    await run(user, toDangerSigns(lng));
    const replies = await run(user, [text]);
    expect(replies[0]).toBe(t('triage.also_noted', lng, { list: bullet(lng, label) }));
    expect(replies.at(-1)).toBe(t('triage.ask.symptoms_more', lng));
    expect((await run(user, ['0']))[0]).toBe(t('triage.understood', lng, { list: bullet(lng, label) }));
    expect(await vars(user, 'triage.q.symptoms')).toEqual(['cough']);
  });

  it('a fever named with its days: said back with the symptoms, and the days question skipped', async () => {
    const user = newUser();
    await run(user, toDangerSigns('en'));
    await run(user, ['no, but fever for 5 days']);
    expect((await run(user, ['0']))[0]).toBe(t('triage.understood', 'en', { list: `${bullet('en', 'triage.symptom.fever')}\n• ${t('triage.stated.fever_days', 'en', { n: 5 })}` }));
    expect(await run(user, ['yes'])).toEqual([t('triage.ask.spo2', 'en')]);
    expect(await vars(user, 'triage.q.fever_days')).toBe(5);
  });
});

describe('at the yes-or-no questions after the readings', () => {
  it.each<[Language, string]>([
    ['en', 'no, but I have fever now'],
    ['hi', 'nahi, lekin ab bukhar hai'],
    ['bn', 'না, তবে এখন জ্বর আছে'],
  ])('(%s) at the pregnancy question, "%s": noted, and its days asked next', async (lng, text) => {
    const user = newUser();
    await run(user, [...toDangerSigns(lng), words[lng].no, '2', words[lng].yes, '96', '30']);
    const replies = await run(user, [text]);
    expect(replies).toEqual([t('triage.also_noted', lng, { list: bullet(lng, 'triage.symptom.fever') }), t('triage.ask.fever_days', lng)]);
    expect(await vars(user, 'triage.q.pregnant')).toBe(false);
    expect(await vars(user, 'triage.q.symptoms')).toEqual(['cough', 'fever']);
  });

  it('at the close-contact question, "yes, and now fever since yesterday": noted, its days asked, and the advice reflects it', async () => {
    const user = newUser();
    await run(user, [...toConditionsAt70('en'), 'diabetes', '4']);
    const replies = await run(user, ['yes, and now fever since yesterday']);
    expect(replies).toEqual([t('triage.also_noted', 'en', { list: bullet('en', 'triage.symptom.fever') }), t('triage.ask.fever_days', 'en')]);
    await run(user, ['1']);
    expect(await vars(user, 'triage.level')).toBe('doctor');
    expect(await vars(user, 'triage.reasons')).toEqual(['age_over_60', 'comorbidity']);
  });
});

describe('breathlessness named after the breathing count was passed by', () => {
  it.each<[Language, string, string]>([
    ['en', '45, and now I have difficulty breathing', 'no'],
    ['hi', '45, aur ab saans lene mein takleef hai', 'nahi'],
    ['bn', '৪৫, এখন শ্বাসকষ্টও হচ্ছে', 'না'],
  ])('(%s) at the age question, "%s": the count is asked before the result, and a fast one is the emergency', async (lng, text, no) => {
    const user = newUser();
    // A cough, oxygen 96: no count asked (it is asked for breathlessness, or without a reading).
    await run(user, [...toDangerSigns(lng), words[lng].no, '2', words[lng].yes, '96']);
    expect((await run(user, [text]))[0]).toBe(t('triage.also_noted', lng, { list: bullet(lng, 'triage.symptom.breathless') }));
    // Not pregnant, no illness, not tested, no contact: then the count.
    expect((await run(user, [no, '0', '4', no])).at(-1)).toBe(t('triage.ask.respiratory_rate', lng));
    await run(user, ['32']);
    expect(await vars(user, 'triage.level')).toBe('emergency');
    expect(await vars(user, 'triage.reasons')).toEqual(['rr_above_30']);
  });

  it('is not asked for again when it was taken (or could not be) before', async () => {
    const user = newUser();
    // No reading: the count is asked at once ("can't count"); breathlessness named later asks nothing more.
    await run(user, [...toDangerSigns('en'), 'no', '2', 'yes', t('triage.option.no_oximeter', 'en'), t('triage.option.cannot_count', 'en'), '45, and now I have difficulty breathing']);
    const result = await run(user, ['no', '0', '4', 'no']);
    expect(result).not.toContain(t('triage.ask.respiratory_rate', 'en'));
    expect(await vars(user, 'triage.level')).toBe('hospital');
  });
});

describe('at "Is that right?"', () => {
  it('"yes, fever too, for 6 days": the days are read with the fever, and their question skipped', async () => {
    const user = newUser();
    await run(user, [...toDangerSigns('en'), 'no', 'cough']);
    const replies = await run(user, ['yes, fever too, for 6 days']);
    expect(replies).toEqual([
      t('triage.also_noted', 'en', { list: `${bullet('en', 'triage.symptom.fever')}\n• ${t('triage.stated.fever_days', 'en', { n: 6 })}` }),
      t('triage.ask.spo2', 'en'),
    ]);
    expect(await vars(user, 'triage.q.fever_days')).toBe(6);
  });

  it('"yes, fever and headache too, for 6 days": whose days they are is not clear, so they are asked', async () => {
    const user = newUser();
    await run(user, [...toDangerSigns('en'), 'no', 'cough']);
    expect((await run(user, ['yes, fever and headache too, for 6 days'])).at(-1)).toBe(t('triage.ask.fever_days', 'en'));
  });
});
