/**
 * A number question says which reading it asks for (`expect: { number: { reading } }`), and the
 * answer is the number named as that reading: "temp 99 spo2 90" at the SpO2 question was 99,
 * the first number. At a question for days, weeks and months count in days: "2 weeks" was 2.
 * A "no" inside a don't-know ("nahi pata", "no idea") is no "no".
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import type { Language } from '../../src/engine/flow';
import { createTestCore, type TestCore } from '../support/core';

const interp = createInterpreter(createTranslator(localesDir));

describe('the number labelled for the question asked', () => {
  it.each([
    ['temp 99 spo2 90', 'spo2', 90],
    ['temperature 101, oxygen 92', 'spo2', 92],
    ['pulse 88 temp 99 sats 94', 'spo2', 94],
    ['jor 102 degree, oxygen 93', 'spo2', 93],
    ['তাপমাত্রা ১০১, অক্সিজেন ৯২', 'spo2', 92],
    ['tapmatra 101 oxigen 91', 'spo2', 91],
    ['तापमान 100, ऑक्सीजन लेवल ९४', 'spo2', 94],
    ['taapmaan 100 oxygen ka level 95', 'spo2', 95],
    ['95, temp 99', 'spo2', 95],
    ['spo2 90 temp 99', 'temperature', 99],
    ['অক্সিজেন ৯২, তাপমাত্রা ১০১', 'temperature', 101],
    ['ऑक्सीजन 94 तापमान 100', 'temperature', 100],
    ['temp 102 for 3 days', 'days', 3],
    ['jor 102 degree, 4 din dhore', 'days', 4],
    ['১০২ ডিগ্রি জ্বর, ৩ দিন ধরে', 'days', 3],
    ['बुखार 102 डिग्री, 5 दिन से', 'days', 5],
    ['62 saal, 5 din se', 'days', 5],
    ['62 saal, 5 din se', 'age', 62],
    ['oxygen 95, 24 breaths', 'respiratory_rate', 24],
    ['spo2 95 rr 24', 'respiratory_rate', 24],
    ['spo2 95 rr 24', 'spo2', 95],
  ])('"%s" asked for %s → %d', (text, reading, n) => {
    expect(interp.number(text, reading)).toBe(n);
  });

  it.each([
    ['92', 'spo2', 92],
    ['92%', 'spo2', 92],
    ['৯২', 'spo2', 92],
    ['3', 'days', 3],
    ['62', 'age', 62],
    ['101.5', 'temperature', 101.5],
    // "F" after an age is the patient's sex, not Fahrenheit: a one-letter unit names weakly.
    ['34 F', 'age', 34],
    ['34F', 'age', 34],
    ['45/F', 'age', 45],
    ['101 F', 'temperature', 101],
  ])('a single unlabelled number still answers: "%s" for %s → %d', (text, reading, n) => {
    expect(interp.number(text, reading)).toBe(n);
  });

  it.each([
    ['temp 99', 'spo2'],
    ['temp 99 F', 'spo2'],
    ['5 din', 'age'],
    ['pulse 95', 'respiratory_rate'],
    ['6 mahine', 'age'],
  ])('a number named only as another reading is no answer: "%s" for %s', (text, reading) => {
    expect(interp.number(text, reading)).toBeNull();
  });

  it('not told the reading, it reads as before', () => {
    expect(interp.number('temp 99 spo2 90')).toBe(99);
    expect(interp.number('pulse 95 spo2 88')).toBe(88);
    expect(interp.number('2 weeks')).toBe(2);
  });
});

describe('several values of the reading asked: the worse for the patient counts', () => {
  const spo2 = { pick: 'lowest', min: 50, max: 100 } as const;
  const breathing = { pick: 'highest', min: 5, max: 80 } as const;
  it.each<[string, string, typeof spo2 | typeof breathing, number]>([
    ['oxygen was 98 yesterday now 92', 'spo2', spo2, 92],
    ['৯৫ থেকে ৯২ তে নেমে গেছে', 'spo2', spo2, 92],
    ['oxygen 95 but drops to 89 when i walk', 'spo2', spo2, 89],
    ['97 at rest, 91 after walking', 'spo2', spo2, 91],
    ['yesterday 89 today 96', 'spo2', spo2, 89],
    ['temp 99 spo2 90', 'spo2', spo2, 90],
    ['pulse 88 temp 99 sats 94', 'spo2', spo2, 94],
    ['SpO2 92 at 10 am', 'spo2', spo2, 92],
    ['oxygen 93 on 2 litre', 'spo2', spo2, 93],
    ['my father 65 years old oxygen 88', 'spo2', spo2, 88],
    ['30 to 35', 'respiratory_rate', breathing, 35],
    ['30-32', 'respiratory_rate', breathing, 32],
    ['between 28 and 34', 'respiratory_rate', breathing, 34],
    ['spo2 95 rr 24', 'respiratory_rate', breathing, 24],
  ])('"%s" asked for %s → %d', (text, reading, several, n) => {
    expect(interp.number(text, reading, several)).toBe(n);
  });

  it('with nothing in range, reads as without the rule (so the question can say the range)', () => {
    expect(interp.number('oxygen 45', 'spo2', spo2)).toBe(45);
  });
});

describe('weeks and months at a question for days', () => {
  it.each([
    ['2 weeks', 14],
    ['1 week', 7],
    ['fever for 2 weeks', 14],
    ['1 month', 30],
    ['১ সপ্তাহ', 7],
    ['২ সপ্তাহ ধরে', 14],
    ['1 soptaho', 7],
    ['১ মাস', 30],
    ['2 हफ्ते', 14],
    ['२ हफ़्ते से', 14],
    ['1 सप्ताह', 7],
    ['2 hafte', 14],
    ['1 mahina', 30],
    ['do hafte', 14],
    ['दो हफ़्ते', 14],
    ['ek saptah', 7],
    ['teen hafte', 21],
    ['ek mahina', 30],
    ['এক মাস', 30],
    ['5 din', 5],
  ])('"%s" → %d days', (text, days) => {
    expect(interp.number(text, 'days')).toBe(days);
  });

  it.each([['2 weeks', 'spo2'], ['1 month', 'age'], ['ek mahina', 'age']])('not at another question: "%s" for %s is no answer', (text, reading) => {
    expect(interp.number(text, reading)).toBeNull();
  });
});

describe('a "no" inside a don\'t-know is no answer to a yes/no question', () => {
  it.each([
    'nahi pata', 'नहीं पता', 'nahi malum', 'nahi maloom', 'नहीं मालूम', 'no idea', 'पता नहीं', 'jani na', 'জানি না',
    // A "no" and then a don't-know: still no answer.
    'না জানি না', 'না, জানি না', 'নাহ জানি না', 'na jani na', 'na, ami jani na', 'नहीं, मुझे नहीं पता', 'nahi mujhe nahi pata', "no, I don't know", 'nah idk', 'no not sure',
  ])('%s', (text) => {
    expect(interp.dontKnow(text)).toBe(true);
    expect(interp.yesNo(text)).toBeNull();
  });

  it.each([
    ['no', false],
    ['nahi', false],
    ['no, i do not know anyone with covid', false],
    ['haan', true],
  ])('%s is still %s', (text, yes) => {
    expect(interp.yesNo(text)).toBe(yes);
  });
});

describe('in the symptom check', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(async () => t.close());

  const languageWord: Record<Language, string> = { bn: 'bangla', hi: 'hindi', en: 'english' };

  /** A patient at the fever-days question in `lng` (fever named, confirmed). */
  async function atFeverDays(user: string, lng: Language): Promise<void> {
    await t.send(user, { kind: 'text', text: 'hello' });
    await t.send(user, { kind: 'text', text: languageWord[lng] });
    await t.send(user, { kind: 'choice', payload: 'yes' });
    await t.send(user, { kind: 'text', text: '1' });
    await t.send(user, { kind: 'choice', payload: 'no' });
    await t.send(user, { kind: 'text', text: 'fever' });
    const asked = await t.send(user, { kind: 'choice', payload: 'yes' });
    expect(asked.map((m) => m.text)).toContain(t.core.translator.t('triage.ask.fever_days', lng));
  }

  it.each<[Language, string, number, string, number]>([
    ['en', '2 weeks', 14, 'temp 99 spo2 90', 90],
    ['bn', '১ সপ্তাহ', 7, 'তাপমাত্রা ১০১, অক্সিজেন ৯২', 92],
    ['hi', '2 हफ्ते', 14, 'तापमान 100, ऑक्सीजन 94', 94],
  ])('%s: "%s" is %d days, "%s" an SpO2 of %d', async (lng, days, dayCount, spo2, spo2Value) => {
    const user = `readings-${lng}`;
    await atFeverDays(user, lng);
    const toSpo2 = await t.send(user, { kind: 'text', text: days });
    expect(toSpo2.map((m) => m.text)).toContain(t.core.translator.t('triage.ask.spo2', lng));
    await t.send(user, { kind: 'text', text: spo2 });
    const conv = (await t.core.store.conversations.findByUser('webchat', user))!;
    expect(conv.session.vars.triage).toMatchObject({ q: { fever_days: dayCount, spo2: spo2Value } });
  });

  it('an SpO2 that fell ("oxygen was 98 yesterday now 92") is saved as the lower, a hospital\'s level', async () => {
    const user = 'readings-several';
    await atFeverDays(user, 'en');
    await t.send(user, { kind: 'text', text: '2' });
    await t.send(user, { kind: 'text', text: 'oxygen was 98 yesterday now 92' });
    const conv = (await t.core.store.conversations.findByUser('webchat', user))!;
    expect(conv.session.vars.triage).toMatchObject({ q: { spo2: 92 } });
  });
});
