/**
 * Which readings of the message that started the symptom check are taken as answers
 * (src/triage/stated-readings.ts): the days of fever and the age, plainly named, once, in range;
 * the days only with a fever as the one symptom. Oxygen and breathing rate are always asked.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import type { Interpreter } from '../../src/engine/services';
import type { Symptom } from '../../src/triage/case';
import { statedReadings, statedReadingsOf, statedVitals, statedVitalsOf } from '../../src/triage/stated-readings';

const interp = createInterpreter(createTranslator(localesDir));
const FEVER: Symptom[] = ['fever'];

describe('statedReadings', () => {
  it.each([
    ['fever 102 for 3 days', { fever_days: 3 }],
    ['bukhar 102 hai 3 din se', { fever_days: 3 }],
    ['৩ দিন ধরে জ্বর, অক্সিজেন ৯৬', { fever_days: 3 }],
    ['fever 2 weeks, oxygen 95, rr 22, age 64', { fever_days: 14, age: 64 }],
    ['bukhar dedh hafte se', { fever_days: 11 }],
  ])('%s', (text, readings) => {
    expect(statedReadings(interp, text, FEVER)).toEqual(readings);
  });

  it('takes no days without a fever: they are how long another symptom lasted', () => {
    expect(statedReadings(interp, 'cough for 5 days, umar 50', ['cough'])).toEqual({ age: 50 });
  });

  it('takes an age only after its name: "10 years" is as often how long an illness has lasted', () => {
    expect(statedReadings(interp, 'fever, diabetes for 10 years', FEVER)).toEqual({});
    expect(statedReadings(interp, 'fever, umar 10', FEVER)).toEqual({ age: 10 });
  });

  it('takes no reading named twice with two values, nor one out of the question\'s range', () => {
    expect(statedReadings(interp, 'fever 2 days, cough 2 weeks', FEVER)).toEqual({});
    expect(statedReadings(interp, 'fever for 90 days, oxygen 101', FEVER)).toEqual({});
  });

  it('takes no days of fever beside another symptom: "2 days" may be the cough\'s', () => {
    expect(statedReadings(interp, 'cough 2 days, fever for a week', ['cough', 'fever'])).toEqual({});
    expect(statedReadings(interp, 'khansi 2 hafte se, bukhar kal se', ['cough', 'fever'])).toEqual({});
  });

  it.each([
    'fever, oxygen 96',
    'fever, oxygen dropped from 96 to 88',
    'bukhar hai, oxygen subah 95 tha ab 86',
    'জ্বর, অক্সিজেন ৯৬ ছিল এখন ৮৭',
    'fever, rr 20 then 32',
    'bukhar 100 oxygen kam hai',
  ])('takes no oxygen or breathing rate ("%s"): they change by the hour, and are always asked', (text) => {
    expect(statedReadings(interp, text, FEVER)).toEqual({});
  });

  it('takes nothing from an interpreter that does not read whole messages', () => {
    const plain = { ...interp } as Partial<typeof interp>;
    delete plain.namedReadings;
    expect(statedReadings(plain as Interpreter, 'fever 3 days', FEVER)).toEqual({});
  });

  it('keeps only stored readings that still fit', () => {
    expect(statedReadingsOf({ fever_days: 3, spo2: 96, age: 200 })).toEqual({ fever_days: 3 });
    expect(statedReadingsOf({ fever_days: 2.5, age: 40 })).toEqual({ age: 40 });
    expect(statedReadingsOf(null)).toEqual({});
  });

  describe('statedVitals: oxygen and breathing rate, kept for a skipped question', () => {
    it.each([
      ['my oxygen is 91', { spo2: 91 }],
      ['oxygen 96 yesterday, now 89', { spo2: 89 }],
      ['অক্সিজেন কাল ৯৬ ছিল, এখন ৮৯', { spo2: 89 }],
      ['fever, rr 20 then 32', { respiratory_rate: 32 }],
      ['bukhar 100 oxygen kam hai', {}],
      ['fever for 3 days', {}],
    ])('%s', (text, vitals) => {
      expect(statedVitals(interp, text)).toEqual(vitals);
    });
    it('keeps only stored values that still fit', () => {
      expect(statedVitalsOf({ spo2: 91, respiratory_rate: 500, at: 1 })).toEqual({ spo2: 91 });
    });
  });
});
