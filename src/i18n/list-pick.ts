/**
 * A place in a numbered list, picked with words around its number: "number 2", "option 2",
 * "no. 2", "2 please", "2nd", "the second one", "2 নম্বর", "দুই নম্বর", "দ্বিতীয়টা", "2 wala",
 * "doosra", "नंबर 2". Every list a patient is shown is numbered (a WhatsApp list, the FAQ's
 * "did you mean"), and patients answer it as they would a person reading it out.
 *
 * Only words that point at a place in a list may stand around the number (words.json
 * `list_pick`): "2 days fever" is symptoms, not option 2, and "spo2 92" a reading. A number
 * word ("দুই", "do", "two": words.json `number_words`) counts only beside a word that makes it
 * a list's number ("দুই নম্বর", "option two"): alone, "do" is a word of English and "two" may
 * answer something else. Ordinals ("second", "দ্বিতীয়", "दूसरा") name a place by themselves.
 *
 * ```ts
 * const pick = listPickReader(words);
 * pick('number 2', 7)        // 2
 * pick('the second one', 7)  // 2
 * pick('2 days fever', 7)    // null: "days", "fever" point at no place in a list
 * pick('number 9', 7)        // null: the list has 7
 * ```
 */
import { toAsciiDigits } from './digits';
import { looseText } from './normalize';
import { PhraseTable } from './phrase-table';

/** The loose words a list pick is read with (each a phrase of one or more loose words). */
export interface ListPickWords {
  /** Words that make a number a list's number: "number", "option", "no", "নম্বর", "নং", "नंबर", "wala". */
  pointers: ReadonlySet<string>;
  /** Words that change nothing around a pick: "the", "one", "please", "thanks", "টা". */
  fillers: ReadonlySet<string>;
  /** Ordinal → its place: "second" 2, "2nd" 2, "দ্বিতীয়টা" 2, "दूसरा" 2. */
  ordinals: ReadonlyMap<string, number>;
  /** Number word → its value (whole numbers): "two" 2, "দুই" 2, "do" 2. */
  numberWords: ReadonlyMap<string, number>;
}

/** The 1-based place a text picks in a list of `size`, or null when it picks none. */
export type ListPickReader = (text: string, size: number) => number | null;

/** A number as a list shows it: one to three digits, in any script (made ASCII first). */
const DIGITS = /^\d{1,3}$/;

type Word = { kind: 'pointer' } | { kind: 'filler' } | { kind: 'place'; value: number } | { kind: 'number_word'; value: number };

export function listPickReader(words: ListPickWords): ListPickReader {
  const table = new PhraseTable(
    new Map<string, Word>([
      ...[...words.numberWords].map(([w, value]) => [w, { kind: 'number_word', value }] as const),
      ...[...words.fillers].map((w) => [w, { kind: 'filler' }] as const),
      ...[...words.pointers].map((w) => [w, { kind: 'pointer' }] as const),
      ...[...words.ordinals].map(([w, value]) => [w, { kind: 'place', value }] as const),
    ]),
  );
  // A word listed as a filler and a number word ("one" of "the second one"): a filler, unless
  // nothing else in the message gives the place ("option one").
  const numberWordOf = (phrase: string): number | undefined => words.numberWords.get(phrase);

  return (text, size) => {
    const ws = looseText(toAsciiDigits(text)).split(' ').filter((w) => w !== '');
    if (!ws.length) return null;
    const places: number[] = [];
    const numberWords: number[] = [];
    let pointer = false;
    for (let i = 0; i < ws.length; ) {
      const w = ws[i]!;
      if (DIGITS.test(w)) {
        places.push(Number(w));
        i++;
        continue;
      }
      const hit = table.at(ws, i);
      if (!hit) return null;
      const phrase = ws.slice(i, i + hit.length).join(' ');
      if (hit.value.kind === 'place') places.push(hit.value.value);
      else if (hit.value.kind === 'number_word') numberWords.push(hit.value.value);
      else {
        if (hit.value.kind === 'pointer') pointer = true;
        const asNumber = numberWordOf(phrase);
        if (asNumber !== undefined) numberWords.push(asNumber);
      }
      i += hit.length;
    }
    // One place, told by a digit or an ordinal; else one number word beside a pointer.
    const place = places.length === 1 ? places[0] : places.length === 0 && pointer && numberWords.length === 1 ? numberWords[0] : undefined;
    return place !== undefined && place >= 1 && place <= size ? place : null;
  };
}
