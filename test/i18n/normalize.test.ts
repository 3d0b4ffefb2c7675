import { toAsciiDigits } from '../../src/i18n/digits';
import { looseText, normalizeText, words } from '../../src/i18n/normalize';

describe('normalizeText', () => {
  it('removes zero-width joiners, non-joiners, spaces, BOM, soft hyphens and variation selectors', () => {
    expect(normalizeText('হ\u200D্যাঁ')).toBe('হ্যাঁ');
    expect(normalizeText('क्\u200Cष')).toBe('क्ष');
    expect(normalizeText('\uFEFFme\u200Bnu')).toBe('menu');
    expect(normalizeText('he\u00ADlp')).toBe('help');
    expect(normalizeText('ok\uFE0F')).toBe('ok');
  });

  it('composes to NFC, so the one-code-point and two-code-point য় compare equal', () => {
    const precomposed = '\u09AA\u09BE\u09DF'; // পায় typed with U+09DF
    const decomposed = '\u09AA\u09BE\u09AF\u09BC'; // য + nukta
    expect(normalizeText(precomposed)).toBe(normalizeText(decomposed));
    // Devanagari क़ (U+0958) and क + nukta likewise.
    expect(normalizeText('\u0958')).toBe(normalizeText('\u0915\u093C'));
    // Latin é composed.
    expect(normalizeText('caf\u0065\u0301')).toBe('caf\u00e9');
  });

  it('lower-cases, folds whitespace and trims', () => {
    expect(normalizeText('  Main\t\n  MENU  ')).toBe('main menu');
    expect(normalizeText('HaAn\u00A0Ji')).toBe('haan ji');
  });

  it('strips punctuation at the ends but keeps it inside', () => {
    expect(normalizeText('/menu')).toBe('menu');
    expect(normalizeText('হ্যাঁ।')).toBe('হ্যাঁ');
    expect(normalizeText('"Yes!!" ')).toBe('yes');
    expect(normalizeText('2.')).toBe('2');
    expect(normalizeText('(2)')).toBe('2');
    expect(normalizeText('98.6')).toBe('98.6');
    expect(normalizeText("don't know...")).toBe("don't know");
    expect(normalizeText('...')).toBe('');
    expect(normalizeText('')).toBe('');
  });

  it('reads keycap emoji as their digit', () => {
    expect(normalizeText('2\uFE0F\u20E3')).toBe('2');
  });
});

describe('looseText and words', () => {
  it('turns inner punctuation and emoji into spaces', () => {
    expect(looseText('না, নেই')).toBe('না নেই');
    expect(looseText('🚑 Ambulance')).toBe('ambulance');
    expect(looseText('👍🏽')).toBe('');
    expect(words('haan  ji!')).toEqual(['haan', 'ji']);
    expect(words(' ')).toEqual([]);
  });
});

describe('toAsciiDigits', () => {
  it('maps Bengali, Devanagari, Arabic-Indic and Persian digits', () => {
    expect(toAsciiDigits('০১২৩৪৫৬৭৮৯')).toBe('0123456789');
    expect(toAsciiDigits('०१२३४५६७८९')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
  });

  it('keeps everything else', () => {
    expect(toAsciiDigits('SpO2 ৯২%')).toBe('SpO2 92%');
    expect(toAsciiDigits('तापमान ९८.६')).toBe('तापमान 98.6');
    expect(toAsciiDigits('no digits')).toBe('no digits');
  });
});
