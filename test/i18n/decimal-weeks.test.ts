/**
 * Tester finding: "1.5 weeks" at the days question was refused ("Please send a number") three
 * times: a decimal of weeks or months is a whole number of days, rounded, in every language.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interp = createInterpreter(createTranslator(localesDir));

describe('number: a decimal of weeks or months at the days question', () => {
  it.each([
    ['1.5 weeks', 11],
    ['1.5 hafte', 11],
    ['1.5 हफ्ते से', 11],
    ['১.৫ সপ্তাহ', 11],
    ['1.5 months', 45],
    ['0.5 month', 15],
    ['2 weeks', 14],
  ])('%s → %d days', (text, days) => {
    expect(interp.number(text, 'days')).toBe(days);
  });

  it.each([
    ['dedh hafte se', 11],
    ['डेढ़ हफ्ते', 11],
    ['দেড় সপ্তাহ', 11],
    ['der soptaho', 11],
    ['one and a half weeks', 11],
    ['ढाई हफ्ते', 18],
    ['আড়াই মাস', 75],
  ])('in words: %s → %d days', (text, days) => {
    expect(interp.number(text, 'days')).toBe(days);
  });

  it('leaves a decimal of days as it is (the question refuses it: whole days only)', () => {
    expect(interp.number('1.5 days', 'days')).toBe(1.5);
  });
});
