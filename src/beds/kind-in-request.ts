/**
 * The kind of bed a bed request names, taken out of it so that what is left is read as the
 * request: "free oxygen bed" is "free bed", "খালি আইসিইউ বেড" is "খালি বেড", "I want a free ICU bed
 * in Kolkata" is "I want a free bed in Kolkata". The menu and the interpreter list some requests
 * with a kind in them ("oxygen bed", "icu bed", "অক্সিজেন বেড লাগবে"), not every kind with every
 * way of asking ("free", "khali", "ফ্রি", "আইসিইউ বেড"), so a kind with "free" before it was read
 * as no request at all. The kind itself is read as the kind question reads an answer (the
 * interpreter's `choice` on that question's choices, labels and aliases in every language, as
 * src/i18n/choices-in-text.ts reads it in a sentence), and kept by the bed search
 * (`beds.note_kind`): here it is only left out.
 *
 * "Any free bed" is no kind to leave out: its words ("any", "free") are request words already, and
 * "bed" is the request itself.
 */
import type { ChoiceOption } from '../engine/flow';
import type { Interpreter } from '../engine/services';

/** The longest span of words read as one kind ("oxygen wala bed", "আই সি ইউ"), as choices-in-text.ts reads them. */
const LONGEST_KIND = 3;

export type KindReader = Pick<Interpreter, 'choice' | 'listPick'>;

/**
 * Each run of words in `ws` that names one kind besides "any" ("oxygen", "আইসিইউ", "আইসিইউ
 * বেড", "ventilator"), as its words; none in a message with no kinds to read. A number is no kind
 * ("2 bed" would be the second choice).
 */
export function kindPhrasesIn(ws: readonly string[], interpret: KindReader, kinds: readonly ChoiceOption[]): string[][] {
  if (kinds.length === 0) return [];
  const phrases: string[][] = [];
  for (let from = 0; from < ws.length; from++) {
    for (let n = 1; n <= Math.min(LONGEST_KIND, ws.length - from); n++) {
      const span = ws.slice(from, from + n);
      const text = span.join(' ');
      if (!/\p{L}/u.test(text) || interpret.listPick?.(text, kinds.length) != null) continue;
      const kind = interpret.choice(text, kinds);
      if (kind !== null && kind !== 'any') phrases.push(span);
    }
  }
  return phrases;
}

/**
 * `ws` less one kind phrase, each way it can be left out: "আইসিইউ বেড" less "আইসিইউ" is "বেড"
 * (the request), less "আইসিইউ বেড" nothing (none). Empty when no phrase is in `ws`.
 */
export function withoutKind(ws: readonly string[], phrases: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  for (const phrase of phrases) {
    for (let at = 0; at + phrase.length <= ws.length; at++) {
      if (phrase.every((w, i) => ws[at + i] === w)) out.push([...ws.slice(0, at), ...ws.slice(at + phrase.length)]);
    }
  }
  return out;
}

/** Whether `span` is one of the kind phrases (so no place to search for: "oxygen" is no typo of a town). */
export function isKindPhrase(span: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  return phrases.some((p) => p.length === span.length && p.every((w, i) => span[i] === w));
}
