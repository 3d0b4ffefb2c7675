/**
 * Which readings of the message that started the symptom check are taken as answers
 * (src/triage/stated-readings.ts): plainly named, once, in range; the days only with a fever.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import type { Interpreter } from '../../src/engine/services';
import { statedReadings, statedReadingsOf } from '../../src/triage/stated-readings';

const interp = createInterpreter(createTranslator(localesDir));

describe('statedReadings', () => {
  it.each([
    ['fever 102 for 3 days', { fever_days: 3 }],
    ['bukhar 102 hai 3 din se', { fever_days: 3 }],
    ['৩ দিন ধরে জ্বর, অক্সিজেন ৯৬', { fever_days: 3, spo2: 96 }],
    ['fever 2 weeks, oxygen 95, rr 22, age 64', { fever_days: 14, spo2: 95, respiratory_rate: 22, age: 64 }],
    ['bukhar dedh hafte se', { fever_days: 11 }],
  ])('%s', (text, readings) => {
    expect(statedReadings(interp, text, true)).toEqual(readings);
  });

  it('takes no days without a fever: they are how long another symptom lasted', () => {
    expect(statedReadings(interp, 'cough for 5 days, oxygen 97', false)).toEqual({ spo2: 97 });
  });

  it('takes an age only after its name: "10 years" is as often how long an illness has lasted', () => {
    expect(statedReadings(interp, 'fever, diabetes for 10 years', true)).toEqual({});
    expect(statedReadings(interp, 'fever, umar 10', true)).toEqual({ age: 10 });
  });

  it('takes no reading named twice with two values, nor one out of the question\'s range', () => {
    expect(statedReadings(interp, 'fever 2 days, cough 2 weeks', true)).toEqual({});
    expect(statedReadings(interp, 'fever for 90 days, oxygen 101', true)).toEqual({});
  });

  it('takes nothing from an interpreter that does not read whole messages', () => {
    const plain = { ...interp } as Partial<typeof interp>;
    delete plain.namedReadings;
    expect(statedReadings(plain as Interpreter, 'fever 3 days', true)).toEqual({});
  });

  it('keeps only stored readings that still fit', () => {
    expect(statedReadingsOf({ fever_days: 3, spo2: 'x', age: 200, respiratory_rate: 20.5 })).toEqual({ fever_days: 3 });
    expect(statedReadingsOf(null)).toEqual({});
  });
});
