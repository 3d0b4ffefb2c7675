/**
 * Which writing system a message is in. The script is the strongest signal of
 * language we get: Bengali script means Bengali (Assamese shares it, but we do
 * not serve Assamese), Devanagari means Hindi.
 */
export type Script = 'bengali' | 'devanagari' | 'latin' | 'other';

const LETTER = /[\p{L}\p{M}]/u;
const BENGALI = /\p{Script=Bengali}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;
const LATIN = /\p{Script=Latin}/u;
/** Combining marks and shared signs that belong to no one script. */
const SHARED = /\p{Script=Inherited}|\p{Script=Common}/u;

/**
 * The script most of the letters are in. Digits, punctuation and emoji do not
 * count, so "SpO2 ৯২" is Latin and "৯২" alone is 'other'. Vowel signs and
 * other combining marks count with their script. On a tie a native script wins
 * over Latin: someone who typed any Bengali or Hindi at all chose to.
 */
export function detectScript(text: string): Script {
  let bengali = 0;
  let devanagari = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (BENGALI.test(ch)) bengali++;
    else if (DEVANAGARI.test(ch)) devanagari++;
    else if (LATIN.test(ch)) latin++;
    else if (!SHARED.test(ch)) other++;
  }
  const best = Math.max(bengali, devanagari, latin, other);
  if (best === 0) return 'other';
  if (bengali === best) return 'bengali';
  if (devanagari === best) return 'devanagari';
  if (latin === best) return 'latin';
  return 'other';
}

/**
 * The one native script a message has letters of, or null (none, or both). A native word among
 * Latin ones ("amar জ্বর and khashi hai", "I have জ্বর") was typed on purpose, on a keyboard set
 * to that script: it says the patient's language where the majority of letters
 * (`detectScript`) and romanized words cannot. Only letters count (digits "৯২", the taka sign
 * "৳", the danda "।", emoji are no word of anyone's), and a vowel sign needs its letter.
 */
export function nativeScriptOf(text: string): 'bengali' | 'devanagari' | null {
  const bengali = BENGALI_LETTER.test(text);
  const devanagari = DEVANAGARI_LETTER.test(text);
  if (bengali === devanagari) return null;
  return bengali ? 'bengali' : 'devanagari';
}

const BENGALI_LETTER = /(?=\p{Script=Bengali})\p{L}/u;
const DEVANAGARI_LETTER = /(?=\p{Script=Devanagari})\p{L}/u;
