/**
 * Digits in the scripts our patients type. Phones in Bangladesh and India often
 * default to native digits (৯২, ९२), and migrant workers in Saudi Arabia type on
 * Arabic keyboards (٩٢, or ۹۲ on Persian/Urdu layouts), so every number we read
 * goes through here first.
 */

/** The zero of each decimal digit block we fold to ASCII; the nine digits follow it. */
const ZEROS: readonly number[] = [
  0x09e6, // Bengali ০
  0x0966, // Devanagari ०
  0x0660, // Arabic-Indic ٠
  0x06f0, // Extended Arabic-Indic ۰ (Urdu / Persian keyboards)
];

const DIGIT_MAP: ReadonlyMap<string, string> = new Map(
  ZEROS.flatMap((zero) => Array.from({ length: 10 }, (_, d) => [String.fromCodePoint(zero + d), String(d)] as const)),
);

const NON_ASCII_DIGIT = /[\u09e6-\u09ef\u0966-\u096f\u0660-\u0669\u06f0-\u06f9]/g;

/** "৯২" → "92", "९८.६" → "98.6", "٩٢" → "92"; every other character is kept. */
export function toAsciiDigits(s: string): string {
  return s.replace(NON_ASCII_DIGIT, (d) => DIGIT_MAP.get(d) ?? d);
}
