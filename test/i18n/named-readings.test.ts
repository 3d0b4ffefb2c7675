/**
 * The readings a whole message names (interpreter `namedReadings`), for a symptom check that
 * starts from the message: only numbers named as a reading count, weeks and months in days.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interp = createInterpreter(createTranslator(localesDir));

describe('namedReadings', () => {
  it.each([
    ['fever 102 for 3 days', [{ reading: 'days', value: 3, by: 'unit' }]],
    ['bukhar 102 hai 3 din se', [{ reading: 'days', value: 3, by: 'unit' }]],
    ['৩ দিন ধরে জ্বর, অক্সিজেন ৯৬', [{ reading: 'days', value: 3, by: 'unit' }, { reading: 'spo2', value: 96, by: 'name' }]],
    ['बुखार २ हफ्ते से, उम्र 62', [{ reading: 'days', value: 14, by: 'unit' }, { reading: 'age', value: 62, by: 'name' }]],
    ['fever 1.5 weeks', [{ reading: 'days', value: 11, by: 'unit' }]],
    ['45 years old with fever', [{ reading: 'age', value: 45, by: 'unit' }]],
  ])('%s', (text, readings) => {
    expect(interp.namedReadings(text)).toEqual(readings);
  });

  it.each([
    ['do din se bukhar', 2],
    ['teen hafte se khansi', 21],
    ['দুই সপ্তাহ ধরে জ্বর', 14],
  ])('a number in words with a unit of days: %s → %d', (text, days) => {
    expect(interp.namedReadings(text)).toEqual([{ reading: 'days', value: days, by: 'unit' }]);
  });

  it.each(['fever 102', 'I have fever and cough', 'pulse 110 with fever', 'fever twice a day', 'fever since yesterday 34 F'])('names no reading: %s', (text) => {
    expect(interp.namedReadings(text)).toEqual([]);
  });
});
