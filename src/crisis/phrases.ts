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
 *   is not: "lu" ≠ "le");
 * - `#n`: a count of at least n, in any digits, with or without a counting word joined to it
 *   ("took #3 sleeping pill*": "took 30 sleeping pills"; "#10 goli* kha li": "৩০টা", "30ta"): "I took
 *   2 paracetamol" is a dose, "30 paracetamol" an overdose.
 *
 * Both sides are read in one folded form, so that one entry covers the ways a word is typed:
 * lower case and NFC; apostrophes dropped ("don't" is "dont", as many type it); every other
 * punctuation mark a space (i18n `looseText`); the nukta dropped (ख़ुद = खुद, ज़िंदगी =
 * जिंदगी, য় = য) and the chandrabindu read as the anusvara in Devanagari (हूँ = हूं) and
 * dropped in Bengali (বাঁচতে = বাচতে), which phone keyboards add or leave out; and a Latin
 * letter typed twice read once ("jaana" = "jana", "mann" = "man", "jeena" = "jena").
 */
import { looseText, toAsciiDigits } from '../i18n/normalize';
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

/** Any character foldWord changes: most words have none, and are then kept as they are without four replaces. */
const FOLDED_AWAY = /[\u093c\u09bc\u0901\u0981]|([a-z])\1/;

function foldWord(word: string): string {
  if (!FOLDED_AWAY.test(word)) return word;
  return word.replace(NUKTA, '').replace(DEVANAGARI_CHANDRABINDU, DEVANAGARI_ANUSVARA).replace(BENGALI_CHANDRABINDU, '').replace(LATIN_REPEATS, '$1');
}

/** One word of a phrase: the words it may be, the beginnings a word it may be has, and the least count it may be. */
interface Slot {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  atLeast: number | null;
}

const COUNT_TOKEN = /^#(\d+)$/;
/** A count as typed: digits, and the counting word Bengali and Hindi chat joins to them ("30ta", "৩০টা", "৩০টি"). */
const COUNT_WORD = /^(\d+)(?:ta|ti|to|টা|টি|টো)?$/;

/** A word that may be a count: only these are tried against phrases that begin with one. */
const STARTS_WITH_DIGIT = /^[0-9\u09e6-\u09ef\u0966-\u096f]/;

function countOf(word: string): number | null {
  const m = COUNT_WORD.exec(toAsciiDigits(word));
  return m ? Number(m[1]) : null;
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
  /** Phrases whose first slot is a count ("#10 goli* kha li": Bengali and Hindi put the count first). */
  private readonly byFirstCount: Slot[][] = [];
  /** The lengths of the prefixes in `byFirstPrefix`, shortest first. */
  private readonly prefixLengths: readonly number[];

  /** `source` names the list in errors ("crisis.words.self_harm (en)"). */
  constructor(entries: readonly string[], source: string) {
    for (const entry of entries) {
      const slots = entry
        .trim()
        .split(/\s+/)
        .map((token, i) => slotOf(token, entry, source, i === 0));
      if (!slots.length) continue;
      const first = slots[0]!;
      if (first.atLeast !== null) this.byFirstCount.push(slots);
      for (const w of first.exact) push(this.byFirstWord, w, slots);
      for (const p of first.prefixes) push(this.byFirstPrefix, p, slots);
    }
    this.prefixLengths = [...new Set([...this.byFirstPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  }

  /**
   * Every place in `ws` (folded words) a phrase of the list is found. Runs on every message (six
   * lists), so it makes no list of candidates per word: the phrases whose first word is this one,
   * then those whose first word's beginning it has, each tried where found. Only the lengths some
   * prefix has are cut from the word.
   */
  spans(ws: readonly string[]): Span[] {
    const out: Span[] = [];
    const lengths = this.prefixLengths;
    for (let i = 0; i < ws.length; i++) {
      const word = ws[i]!;
      const exact = this.byFirstWord.get(word);
      if (exact) pushFound(out, exact, ws, i);
      if (this.byFirstCount.length && STARTS_WITH_DIGIT.test(word)) pushFound(out, this.byFirstCount, ws, i);
      for (let l = 0; l < lengths.length && lengths[l]! <= word.length; l++) {
        const byPrefix = this.byFirstPrefix.get(word.slice(0, lengths[l]));
        if (byPrefix) pushFound(out, byPrefix, ws, i);
      }
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

function slotOf(token: string, entry: string, source: string, first: boolean): Slot {
  const shortestPrefix = first ? SHORTEST_FIRST_PREFIX : SHORTEST_PREFIX;
  const count = COUNT_TOKEN.exec(token);
  if (count) return { exact: new Set(), prefixes: [], atLeast: Number(count[1]) };
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
  return { exact, prefixes, atLeast: null };
}

/** A span in `out` for each of `phrases` found at word `at`. */
function pushFound(out: Span[], phrases: readonly (readonly Slot[])[], ws: readonly string[], at: number): void {
  for (let p = 0; p < phrases.length; p++) {
    const slots = phrases[p]!;
    if (matchesAt(slots, ws, at)) out.push({ start: at, end: at + slots.length });
  }
}

function matchesAt(slots: readonly Slot[], ws: readonly string[], at: number): boolean {
  if (at + slots.length > ws.length) return false;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    const word = ws[at + k]!;
    if (slot.exact.has(word)) continue;
    if (slot.atLeast !== null) {
      const n = countOf(word);
      if (n !== null && n >= slot.atLeast) continue;
      return false;
    }
    let found = false;
    for (let j = 0; j < slot.prefixes.length && !found; j++) found = word.startsWith(slot.prefixes[j]!);
    if (!found) return false;
  }
  return true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
