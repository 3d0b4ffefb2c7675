/**
 * One key for the many ways a word is spelt in Latin letters, so that "jor",
 * "jwor" and the romanized shadow of "জ্বর" meet, as do "bukhar" / "bukhaar",
 * "saans" / "sans", "zyada" / "jyada" and "vaccine" / "vacin". The same key is
 * applied to every Latin word, at indexing and at search, so it only has to be
 * consistent, not pretty: "covid" becomes "kabid".
 *
 * What it merges: aspirates with their plain consonant (kh/k, bh/b), sh/s, ph/f,
 * c/k (but ch stays apart), z/j, q/k, v/w/b, o/a (the Bengali inherent vowel is
 * typed either way), long and short vowels, doubled letters, a nasal before a
 * consonant ("khansi"/"khasi"), w and y after a consonant ("jwor", "byatha"),
 * and a final a/o/e ("tika"/"tik", "koshto"/"kosht", "hobe"/"hob").
 */

const VOWEL = /[aeiou]/;

export function phoneticKey(word: string): string {
  // Latin only: "é" is "e"; anything else (digits, other scripts) is not a spelling to fold.
  if (!/^\p{Script=Latin}+$/u.test(word)) return word;
  let w = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  if (!/^[a-z]+$/.test(w)) return w;
  w = w
    .replace(/ph/g, 'f')
    // ch, chh, cch, chchh: one sound as typed ("hocche", "bachcha").
    .replace(/c+h+(?:c+h+)?/g, 'C')
    .replace(/ck/g, 'k')
    .replace(/c/g, 'k')
    .replace(/C/g, 'c')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 'j')
    .replace(/sh/g, 's')
    // Aspirates: h after a consonant is dropped (kh, gh, jh, th, dh, bh, rh).
    .replace(/([bcdfgjklmnpqrstvwy])h/g, '$1')
    // w/y gliding from a consonant into a vowel: "jwor", "shwas", "byatha", "zyada" (not "body").
    .replace(/([bcdfgjklmnpqrstv])[wy](?=[aeiou])/g, '$1')
    .replace(/[vw]/g, 'b')
    .replace(/o/g, 'a')
    .replace(/ee|ii|ie/g, 'i')
    .replace(/uu/g, 'u')
    .replace(/aa/g, 'a')
    // A nasal before a consonant is often not typed: "khansi"/"khasi", "saans"/"sas".
    .replace(/n(?=[bcdfgjklmpqrstvwy])/g, '');
  w = w.replace(/(.)\1+/g, '$1');
  // A final a, o (already folded into a) or e, and a final h: "tika"/"tik", "koshto"/"kosht",
  // "hobe"/"hob" (the Bengali stemmer takes the same vowel signs off native words).
  if (w.length >= 4 && /[ae]$/.test(w) && !VOWEL.test(w.charAt(w.length - 2))) w = w.slice(0, -1);
  if (w.length >= 3 && w.endsWith('h')) w = w.slice(0, -1);
  return w;
}
