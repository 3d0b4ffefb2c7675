/**
 * Emoji that answer. On WhatsApp a 👍 is a yes as often as "yes" is, and a 👎 a no; but words
 * are compared in their loose form (normalize.ts `looseText`), where every symbol is a space
 * ("🚑 Ambulance" is "ambulance"), so a message of emoji alone has no words at all. Its emoji
 * are read here instead, against the emoji of the same word lists (words.json `yes`, `no`).
 *
 * An emoji is one form whatever its skin tone and presentation: 👍🏻 … 👍🏿 and 👍️ are 👍.
 *
 * ```ts
 * emojiOf('👍🏽')     // ['👍']
 * emojiOf('👍 👍!')   // ['👍', '👍']
 * emojiOf('ok 👍')   // ['👍']: the words are read as words
 * ```
 */
import { normalizeText } from './normalize';

/** The five skin tone modifiers (Fitzpatrick 1-2 … 6) that may follow a hand or a face. */
const SKIN_TONE = /[\u{1f3fb}-\u{1f3ff}]/gu;

/** Spaces and punctuation between emoji ("👍 👍!"): no emoji of their own. */
const NOT_EMOJI = /^[\s\p{P}\p{L}\p{M}\p{N}]*$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The emoji (and other symbols) of a text, one by one, each in one form; words, digits, spaces and punctuation are left out. */
export function emojiOf(text: string): string[] {
  const out: string[] = [];
  // normalizeText drops what does not change meaning: the emoji presentation selector, zero-width joiners.
  for (const { segment } of graphemes.segment(normalizeText(text))) {
    const emoji = segment.replace(SKIN_TONE, '');
    if (!NOT_EMOJI.test(emoji)) out.push(emoji);
  }
  return out;
}
