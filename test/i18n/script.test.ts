import { detectScript } from '../../src/i18n/script';

describe('detectScript', () => {
  it.each([
    ['আমার জ্বর', 'bengali'],
    ['मुझे बुखार है', 'devanagari'],
    ['I have fever', 'latin'],
    ['mujhe bukhar hai', 'latin'],
    ['مرحبا', 'other'],
    ['', 'other'],
    ['৯২', 'other'],
    ['92 %', 'other'],
    ['🤒😷', 'other'],
  ] as const)('%s → %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });

  it('lets the majority of letters win in mixed text', () => {
    expect(detectScript('আমার fever আছে অনেক')).toBe('bengali');
    expect(detectScript('mujhe bahut tez bukhar hai, सांस')).toBe('latin');
    expect(detectScript('SpO2 ৯২ আছে')).toBe('bengali');
    expect(detectScript('SpO2 ৯২')).toBe('latin');
  });

  it('counts vowel signs and other marks with their script', () => {
    // कि: a letter and a vowel sign; ok: two Latin letters. The native script wins the tie.
    expect(detectScript('कि ok')).toBe('devanagari');
  });

  it('ignores zero-width joiners and punctuation', () => {
    expect(detectScript('\u200Dক\u200D্\u200Dষ!!!')).toBe('bengali');
  });
});
