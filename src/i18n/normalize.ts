/**
 * One canonical form for what patients type, so that the same word typed on
 * different keyboards compares equal. Phones differ: some emit য় as one code
 * point (U+09DF), some as য + nukta; Bengali and Hindi keyboards insert
 * zero-width joiners to force a conjunct's shape; copy-paste brings BOMs and
 * soft hyphens. None of these change what the patient meant.
 */
import { remembered } from '../remembered';

export { toAsciiDigits } from './digits';

/**
 * The same few strings are normalised many times a turn: the patient's message by the
 * command, red-flag, symptom and answer readers, and every choice label of the state
 * it answers, again on every turn (profiled: about a tenth of the engine's time).
 * Both functions are pure, so their last results are kept — a bounded map, emptied
 * when full, so that a stream of distinct messages cannot grow it.
 */
const remember = (fn: (s: string) => string) => remembered(fn, { max: 2000, longest: 200 });

/**
 * Invisible characters that change rendering, not meaning: soft hyphen, zero-width
 * space / non-joiner / joiner, word joiner, BOM, variation selectors (the ones after
 * an emoji or a CJK character) and their supplementary block. Also the keycap
 * mark: WhatsApp menus number their lines 1️⃣ 2️⃣, and a patient who copies "2️⃣"
 * back means "2".
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\u20e3\ufeff\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/g;

const EDGE_PUNCTUATION = /^[\p{P}\s]+|[\p{P}\s]+$/gu;

/**
 * NFC, invisibles removed, lower-cased, whitespace folded to single spaces,
 * punctuation stripped from both ends ("/menu" → "menu", "হ্যাঁ।" → "হ্যাঁ",
 * "2." → "2") but kept inside ("98.6", "don't").
 */
export const normalizeText = remember((s: string): string =>
  s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION, ''),
);

/**
 * normalizeText, then every punctuation mark and symbol (emoji included) becomes
 * a space: the form we compare words and labels in, so "না, নেই" is the words
 * "না" "নেই" and "🚑 Ambulance" matches "ambulance".
 */
export const looseText = remember((s: string): string =>
  normalizeText(s)
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** The words of a text in its loose form. */
export function words(s: string): string[] {
  const loose = looseText(s);
  return loose === '' ? [] : loose.split(' ');
}
