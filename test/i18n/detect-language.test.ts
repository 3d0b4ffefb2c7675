import { detectLanguage } from '../../src/i18n/detect-language';
import { ROMANIZED_WORDS } from '../../src/i18n/romanized-words';

describe('detectLanguage', () => {
  it.each([
    ['আমার জ্বর', { lang: 'bn', confident: true }],
    ['মেনু', { lang: 'bn', confident: true }],
    ['मुझे बुखार है', { lang: 'hi', confident: true }],
    ['I have fever', { lang: 'en', confident: false, byWords: true }],
    ['mujhe bukhar hai', { lang: 'hi', confident: false, byWords: true }],
    ['Mujhe 3 din se BUKHAR hai!!', { lang: 'hi', confident: false, byWords: true }],
    ['amar jor', { lang: 'bn', confident: false, byWords: true }],
    ['amar shash kosto hocche', { lang: 'bn', confident: false, byWords: true }],
    ['mujhe fever hai', { lang: 'hi', confident: false, byWords: true }],
    ['hello', { lang: 'en', confident: false, byWords: true }],
  ] as const)('%s', (text, expected) => {
    expect(detectLanguage(text)).toEqual(expected);
  });

  it('falls back to English, not confident, for unknown words, ties and other scripts', () => {
    expect(detectLanguage('xyzzy')).toEqual({ lang: 'en', confident: false, byWords: false });
    expect(detectLanguage('ami hai')).toEqual({ lang: 'en', confident: false, byWords: false }); // one bn, one hi
    expect(detectLanguage('مرحبا')).toEqual({ lang: 'en', confident: false });
    expect(detectLanguage('👍')).toEqual({ lang: 'en', confident: false });
    expect(detectLanguage('')).toEqual({ lang: 'en', confident: false });
  });

  it('reads numbers in native digits as no language at all', () => {
    expect(detectLanguage('৯২').confident).toBe(false);
  });

  it('keeps the romanized word lists disjoint and lower-case', () => {
    const seen = new Map<string, string>();
    for (const [lang, list] of Object.entries(ROMANIZED_WORDS)) {
      for (const w of list) {
        expect(w).toBe(w.toLowerCase().trim());
        expect(w).not.toContain(' ');
        if (seen.has(w)) throw new Error(`"${w}" is in both ${seen.get(w)} and ${lang}`);
        seen.set(w, lang);
      }
    }
  });
});
