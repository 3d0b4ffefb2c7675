/**
 * Phrases found in what a patient typed, for the crisis words (locales/<lng>/crisis.json
 * `words`). A phrase is words separated by spaces, matched as consecutive words of the
 * message, anywhere in it. Two marks keep the lists short where chat spelling and grammar
 * vary a word's ending:
 *
 * - `a|b|c`: any one of these words ("chahta|chahti|chahte": the speaker's gender);
 * - `word*`: any word that begins so ("kill*": kill, killing, kills; "আত্মহত্যা*": আত্মহত্যার),
 *   with at least three characters before the star in a phrase's first word (where nothing
 *   before it narrows what it finds) and two in the others ("apni jaan le*": le, lena, lunga
 *   is not: "lu" ≠ "le").
 *
 * Both sides are read in one folded form, so that one entry covers the ways a word is typed:
 * lower case and NFC; apostrophes dropped ("don't" is "dont", as many type it); every other
 * punctuation mark a space (i18n `looseText`); the nukta dropped (ख़ुद = खुद, ज़िंदगी =
 * जिंदगी, য় = য) and the chandrabindu read as the anusvara in Devanagari (हूँ = हूं) and
 * dropped in Bengali (বাঁচতে = বাচতে), which phone keyboards add or leave out; and a Latin
 * letter typed twice read once ("jaana" = "jana", "mann" = "man", "jeena" = "jena").
 */
import { looseText } from '../i18n/normalize';
import { remembered } from '../remembered';

const APOSTROPHES = /['’‘`´]/g;
/** Devanagari and Bengali nukta: NFC leaves ख़ and য় as a letter and this mark. */
const NUKTA = /[\u093c\u09bc]/g;
const DEVANAGARI_CHANDRABINDU = /\u0901/g;
const DEVANAGARI_ANUSVARA = '\u0902';
const BENGALI_CHANDRABINDU = /\u0981/g;
const LATIN_REPEATS = /([a-z])\1+/g;
/** A phrase's first word shorter than this before its star ("ab*") would be looked for in nearly every message. */
const SHORTEST_FIRST_PREFIX = 3;
/** A prefix shorter than this ("a*") would match nearly anything, even after the words before it. */
const SHORTEST_PREFIX = 2;

/** A message (or a list entry) in the folded words both are compared in. */
export const foldedWords = remembered(
  (text: string): readonly string[] => {
    const loose = looseText(text.replace(APOSTROPHES, ''));
    if (loose === '') return [];
    return loose.split(' ').map(foldWord).filter((w) => w !== '');
  },
  { max: 2000, longest: 500 },
);

function foldWord(word: string): string {
  return word.replace(NUKTA, '').replace(DEVANAGARI_CHANDRABINDU, DEVANAGARI_ANUSVARA).replace(BENGALI_CHANDRABINDU, '').replace(LATIN_REPEATS, '$1');
}

/** One word of a phrase: the words it may be, and the beginnings a word it may be has. */
interface Slot {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

/** Where a phrase was found: words [start, end) of the message. */
export interface Span {
  start: number;
  end: number;
}

export class PhraseList {
  /** Phrases by the words their first slot may be exactly; and by the prefixes it may begin with. */
  private readonly byFirstWord = new Map<string, Slot[][]>();
  private readonly byFirstPrefix = new Map<string, Slot[][]>();

  /** `source` names the list in errors ("crisis.words.self_harm (en)"). */
  constructor(entries: readonly string[], source: string) {
    for (const entry of entries) {
      const slots = entry
        .trim()
        .split(/\s+/)
        .map((token, i) => slotOf(token, entry, source, i === 0 ? SHORTEST_FIRST_PREFIX : SHORTEST_PREFIX));
      if (!slots.length) continue;
      const first = slots[0]!;
      for (const w of first.exact) push(this.byFirstWord, w, slots);
      for (const p of first.prefixes) push(this.byFirstPrefix, p, slots);
    }
  }

  /** Every place in `ws` (folded words) a phrase of the list is found. */
  spans(ws: readonly string[]): Span[] {
    const out: Span[] = [];
    for (let i = 0; i < ws.length; i++) {
      const word = ws[i]!;
      const candidates = [...(this.byFirstWord.get(word) ?? [])];
      for (let n = SHORTEST_FIRST_PREFIX; n <= word.length; n++) candidates.push(...(this.byFirstPrefix.get(word.slice(0, n)) ?? []));
      for (const slots of candidates) if (matchesAt(slots, ws, i)) out.push({ start: i, end: i + slots.length });
    }
    return out;
  }

  /** Whether `ws` is phrases of these lists, one after another, and nothing else ("I feel low, want to talk"). */
  static cover(ws: readonly string[], lists: readonly PhraseList[]): boolean {
    const spans = lists.flatMap((l) => l.spans(ws));
    // reached[i]: the first i words are phrases of the lists, one after another.
    const reached = [true, ...ws.map(() => false)];
    for (let i = 0; i < ws.length; i++) {
      if (!reached[i]) continue;
      for (const s of spans) if (s.start === i) reached[s.end] = true;
    }
    return ws.length > 0 && reached[ws.length] === true;
  }
}

function slotOf(token: string, entry: string, source: string, shortestPrefix: number): Slot {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const alternative of token.split('|')) {
    const prefix = alternative.endsWith('*');
    const ws = foldedWords(prefix ? alternative.slice(0, -1) : alternative);
    if (ws.length !== 1) throw new Error(`${source}: “${entry}”: “${alternative}” must be one word (write the words of a phrase apart)`);
    const word = ws[0]!;
    if (!prefix) exact.add(word);
    else if (word.length < shortestPrefix) throw new Error(`${source}: “${entry}”: “${alternative}” needs at least ${shortestPrefix} characters before the *`);
    else prefixes.push(word);
  }
  return { exact, prefixes };
}

function matchesAt(slots: readonly Slot[], ws: readonly string[], at: number): boolean {
  if (at + slots.length > ws.length) return false;
  return slots.every((slot, k) => {
    const word = ws[at + k]!;
    return slot.exact.has(word) || slot.prefixes.some((p) => word.startsWith(p));
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
