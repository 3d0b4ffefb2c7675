/**
 * The language a romanized crisis message points to (src/i18n/romanized-words.ts): the crisis
 * reply to a first message is worded in it. "ar bachte chai na" and "khudkushi karna chahta hu"
 * had no known word and were answered in English.
 */
import { detectLanguage } from '../../src/i18n/detect-language';

describe('romanized crisis words say their language', () => {
  it.each([
    ['ar bachte chai na', 'bn'],
    ['nijeke shesh kore dite chai', 'bn'],
    ['morte chai', 'bn'],
    ['morte ichche korche', 'bn'],
    ['ghumer oshudh kheye felechi', 'bn'],
    ['hath kete felechi', 'bn'],
    ['khudkushi karna chahta hu', 'hi'],
    ['mujhe mar jana hai', 'hi'],
    ['neend ki goliyan kha li', 'hi'],
    ['bhai ne haath ki nas kaat li', 'hi'],
    ['fan se latakne wala hoon', 'hi'],
    ['I took 30 sleeping pills', 'en'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toEqual({ lang, confident: false, byWords: true });
  });
});
