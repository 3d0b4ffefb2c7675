/**
 * Reading an answer to "which of these do you have?": numbers from the list
 * shown ("1 2 5", "১, ২", "2 aur 4"), or words in any language ("jor ar kashi",
 * "बुखार है, खांसी नहीं", "fever and loss of smell"), or "none" ("0", "kichu na",
 * "कुछ नहीं", "no").
 */
import { toAsciiDigits } from '../i18n/digits';
import { looseText } from '../i18n/normalize';
import type { PhraseMatcher } from './phrase-matcher';

export type ListAnswer<T extends string> =
  | { status: 'found'; codes: T[] }
  | { status: 'none' }
  /** Nothing recognised, or a number that is not on the list: ask again. */
  | { status: 'unclear' };

/** Words that may join numbers: "1 and 3", "১ আর ৩", "2 aur 4", "2 o 5". */
const JOINERS = new Set(['and', 'ar', 'aur', 'o', 'ও', 'আর', 'এবং', 'ebong', 'और', 'evam', 'एवं', 'or', 'ba', 'বা', 'ya', 'या']);

/**
 * `list` is the numbered list the patient saw (position 1 first); `isNo` says
 * whether the whole text is a plain "no" in any language (the interpreter's yes/no).
 */
export function readListAnswer<T extends string>(
  text: string,
  list: readonly T[],
  matcher: PhraseMatcher<T>,
  isNo: (text: string) => boolean,
): ListAnswer<T> {
  const numbers = numbersOnly(text);
  if (numbers) {
    if (numbers.length === 1 && numbers[0] === 0) return { status: 'none' };
    if (numbers.some((n) => n < 1 || n > list.length)) return { status: 'unclear' };
    return { status: 'found', codes: [...new Set(numbers.map((n) => list[n - 1]!))] };
  }
  const { present, denied } = matcher.extract(text);
  if (present.length) return { status: 'found', codes: present };
  if (matcher.model.isNone(text) || isNo(text) || denied.length) return { status: 'none' };
  return { status: 'unclear' };
}

/** The numbers of a text made only of numbers and joining words, else null. */
function numbersOnly(text: string): number[] | null {
  const words = looseText(toAsciiDigits(text)).split(' ').filter(Boolean);
  if (!words.length) return null;
  const numbers: number[] = [];
  for (const w of words) {
    if (/^\d{1,3}$/.test(w)) numbers.push(Number(w));
    else if (!JOINERS.has(w)) return null;
  }
  return numbers.length ? numbers : null;
}
