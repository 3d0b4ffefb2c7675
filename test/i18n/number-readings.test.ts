/** QA findings: the pulse is never the answer to a number question; days in words; bed requests at the menu. */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { shippedOptionsOf } from '../support/shipped-options';

const interp = createInterpreter(createTranslator(localesDir));

describe('number: the pulse beside the SpO2', () => {
  it.each([
    ['pulse 95 spo2 88', 88],
    ['spo2 88 pulse 95', 88],
    ['PR 102 SpO2 91%', 91],
    ['95 bpm, spo2 88', 88],
    ['88 spo2 95 pulse', 88],
    ['heart rate 110 oxygen 86', 86],
    ['নাড়ি ৯৫ অক্সিজেন ৮৮', 88],
    ['পালস ৯৫, অক্সিজেন ৮৮', 88],
    ['नाड़ी 95 ऑक्सीजन 88', 88],
    ['नब्ज़ 100, ऑक्सीजन ९०', 90],
    ['पल्स 100 ऑक्सीजन 89', 89],
    ['my father oxygen is 85', 85],
    ['SpO2 ৯২%', 92],
  ])('%s → %d', (text, n) => {
    expect(interp.number(text)).toBe(n);
  });

  it('a pulse alone is no answer', () => {
    expect(interp.number('pulse 95')).toBeNull();
    expect(interp.number('95 bpm')).toBeNull();
  });

  it.each([
    ['62 saal, 5 din se', 62],
    ['62 years', 62],
    ['98.6', 98.6],
    ['101f', 101],
    ['٩٢', 92],
    ['2 weeks', 2],
  ])('keeps the first number otherwise: %s → %d', (text, n) => {
    expect(interp.number(text)).toBe(n);
  });
});

describe('number: small numbers in words, where no digit is given', () => {
  it.each([
    ['five days', 5],
    ['since last five days', 5],
    ['about a week', 7],
    ['তিন দিন', 3],
    ['গতকাল থেকে', 1],
    ['char din', 4],
    ['do din se', 2],
    ['ek hafta', 7],
    ['दो दिन से', 2],
    ['kal se bukhar hai', 1],
  ])('%s → %d', (text, n) => {
    expect(interp.number(text)).toBe(n);
  });

  it.each(['I do not know', 'ek minute', 'one moment', 'ninety six', 'no oximeter'])('%s → no number', (text) => {
    expect(interp.number(text)).toBeNull();
  });

  it('a digit wins over a word', () => {
    expect(interp.number('five or 6 days')).toBe(6);
  });
});

describe('typed bed requests at the menu', () => {
  const menu = shippedOptionsOf('main_menu', 'menu');
  it.each(['bed chahiye', 'oxygen bed', 'bed chai', 'বেড লাগবে', 'হাসপাতালে বেড লাগবে', 'बेड चाहिए', 'I need an oxygen bed'])('%s → beds', (text) => {
    expect(interp.choice(text, menu)).toBe('beds');
  });
});
