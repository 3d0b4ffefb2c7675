/**
 * Finding symptoms (or long-term conditions) named in free text, in Bengali,
 * Hindi and English, native script or romanized, and telling a named symptom
 * from a denied one.
 *
 * Matching: phrases are word sequences; at each word the longest phrase that
 * starts there wins ("सांस नहीं आ रही" is one phrase, not "सांस" + a denial).
 * Fillers and auxiliaries may sit inside a phrase ("বুকে খুব ব্যথা", "pain in my
 * chest", "lips are blue").
 * A Bengali-script word may carry a case ending ("জ্বরে", "শ্বাসকষ্টের"), even when the word
 * with its ending is itself part of some phrase: "কিডনির" is in "কিডনির সমস্যা", and
 * "কিডনির অসুখ" still finds "কিডনি".
 *
 * Negation, by where each language puts it:
 * - English puts the negator before: "no fever", "I do not have any cough";
 * - Bengali and Hindi put it after the noun or verb: "জ্বর নেই", "jor hocche na",
 *   "सीने में दर्द नहीं", "bukhar nahi hai";
 * - "na … na" (neither … nor) negates from the front, only at the start of a clause.
 * Between symptom and negator only auxiliaries and fillers may stand ("hocche",
 * "hai", "have", "any"); any other word ends the search, so "सीने में दर्द है नींद
 * नहीं आती" still reports chest pain. A negator inside a phrase is part of it:
 * "gondho pacchi na" (cannot smell) is a symptom, not a denial. When in doubt
 * the symptom counts: a missed denial costs a question, a missed symptom more.
 */
import { remembered } from '../remembered';
import type { LanguageData, PhraseLists } from './triage-config';
import { buildSpelling, clauses, plainWords, spelledWords, type Spelling } from './words';

export interface PhraseMatch<T extends string> {
  code: T;
  /** Which clause of the message (0 first), for telling whether two matches overlap. */
  clause: number;
  /** Word positions in the clause, end exclusive. */
  start: number;
  end: number;
  negated: boolean;
}

export interface Extracted<T extends string> {
  /** Named and not denied, in the order first named. */
  present: T[];
  /** Only ever named as denied ("no fever"). */
  denied: T[];
}

interface Phrase<T> {
  words: readonly string[];
  code: T;
}

/** How many auxiliaries and fillers may stand between a symptom and its negator. */
const MAX_SKIPPED = 4;
/** How many fillers or auxiliaries may stand between two words of a phrase. */
const MAX_FILLERS_INSIDE = 2;
/** Bengali-script word: case endings are only stripped from these. */
const BENGALI = /^[\u0980-\u09ff]+$/;

/** The word-handling every lexicon shares: spelling, endings, negation and filler words. */
export class WordModel {
  readonly spelling: Spelling;
  readonly suffixes: readonly string[];
  readonly fillers: ReadonlySet<string>;
  readonly before: ReadonlySet<string>;
  readonly beforeAtClauseStart: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
  readonly skip: ReadonlySet<string>;
  readonly orWords: ReadonlySet<string>;
  readonly breaks: ReadonlySet<string>;
  private readonly noneAnswers: ReadonlySet<string>;
  /**
   * The clauses of a message (words.ts `clauses`), kept: one message is split by several readers
   * a turn (the red-flag check on every message, then the symptom or condition list and the
   * oxygen reading), and splitting was the largest part of each (bench/README.md, "What moved
   * the figures"). Shared, so callers must not change the lists.
   */
  readonly clausesOf: (text: string) => ReadonlyArray<readonly string[]>;

  constructor(data: LanguageData) {
    this.spelling = buildSpelling(data.spelling);
    const set = (list: readonly string[]) => new Set(list.flatMap((w) => spelledWords(w, this.spelling)));
    // Longest ending first, so "জ্বরের" loses "ের" rather than "র".
    this.suffixes = [...new Set(data.suffixes.map((s) => plainWords(s).join('')))].filter(Boolean).sort((a, b) => b.length - a.length);
    this.fillers = set(data.fillers);
    this.before = set(data.negation.before);
    this.beforeAtClauseStart = set(data.negation.beforeAtClauseStart);
    this.after = set(data.negation.after);
    this.skip = set(data.negation.skip);
    this.orWords = set(data.negation.orWords);
    this.breaks = set(data.negation.clauseBreaks);
    this.noneAnswers = new Set(data.noneAnswers.map((a) => spelledWords(a, this.spelling).join(' ')));
    this.clausesOf = remembered((text) => clauses(text, this.spelling, this.breaks), { max: 2000, longest: 200 });
  }

  /**
   * The whole answer means "none" ("kichu na", "कुछ नहीं", "nothing", "0"), also with the
   * number the list gives it ("0. None of these", copied from the list).
   */
  isNone(text: string): boolean {
    const key = spelledWords(text, this.spelling).join(' ');
    return key === '0' || this.noneAnswers.has(key) || (key.startsWith('0 ') && this.noneAnswers.has(key.slice(2)));
  }
}

export class PhraseMatcher<T extends string> {
  private readonly byFirstWord = new Map<string, Array<Phrase<T>>>();
  private readonly vocabulary = new Set<string>();
  /**
   * Words of the lexicon that are also another word of it with a case ending: "কিডনির" (in
   * "কিডনির সমস্যা") → "কিডনি". Such a word is read both ways, so "কিডনির অসুখ" is still "কিডনি".
   */
  private readonly vocabularyStems = new Map<string, string>();

  constructor(
    lexicon: Readonly<Record<T, PhraseLists>>,
    readonly model: WordModel,
  ) {
    for (const [code, lists] of Object.entries(lexicon) as Array<[T, PhraseLists]>) {
      for (const text of [...lists.en, ...lists.bn, ...lists.hi]) {
        const words = spelledWords(text, model.spelling);
        const first = words[0];
        if (first === undefined) continue;
        for (const w of words) this.vocabulary.add(w);
        const list = this.byFirstWord.get(first) ?? [];
        const existing = list.find((p) => p.words.join(' ') === words.join(' '));
        if (existing && existing.code !== code) throw new Error(`phrase "${text}" is listed for both ${existing.code} and ${code}`);
        if (!existing) list.push({ words, code });
        this.byFirstWord.set(first, list);
      }
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
    for (const w of this.vocabulary) {
      const stem = this.stem(w);
      if (stem !== undefined) this.vocabularyStems.set(w, stem);
    }
  }

  /** Symptoms named and denied in a message. */
  extract(text: string): Extracted<T> {
    // Each code once, in the order first named (a message names a few: a list's includes are no cost).
    const present: T[] = [];
    const denied: T[] = [];
    const found = this.matches(text);
    for (let i = 0; i < found.length; i++) {
      const m = found[i]!;
      const to = m.negated ? denied : present;
      if (!to.includes(m.code)) to.push(m.code);
    }
    return { present, denied: denied.length ? denied.filter((c) => !present.includes(c)) : denied };
  }

  /** Every phrase found, clause by clause, with its negation worked out. */
  matches(text: string): Array<PhraseMatch<T>> {
    const clauses = this.model.clausesOf(text);
    const out: Array<PhraseMatch<T>> = [];
    for (let index = 0; index < clauses.length; index++) {
      const clause = clauses[index]!;
      const words = new Array<string>(clause.length);
      const stems = new Array<string | undefined>(clause.length);
      for (let i = 0; i < clause.length; i++) {
        const w = clause[i]!;
        words[i] = this.vocabulary.has(w) ? w : (this.stem(w) ?? w);
        stems[i] = this.vocabularyStems.get(w);
      }
      this.inClause(out, index, words, stems);
    }
    return out;
  }

  /** A Bengali-script word without its case ending, when that is a word of the lexicon; else undefined. */
  private stem(word: string): string | undefined {
    if (!BENGALI.test(word)) return undefined;
    for (const suffix of this.model.suffixes) {
      if (word.length - suffix.length < 2 || !word.endsWith(suffix)) continue;
      const stem = word.slice(0, -suffix.length);
      const spelled = this.model.spelling.get(stem);
      const canonical = spelled && spelled.length === 1 ? spelled[0]! : stem;
      if (this.vocabulary.has(canonical)) return canonical;
    }
    return undefined;
  }

  /**
   * The phrases of `words` (clause `clause`) as the lexicon knows them, added to `out`; `stems[i]`,
   * when set, another reading of word i (without its ending).
   */
  private inClause(out: Array<PhraseMatch<T>>, clause: number, words: readonly string[], stems: ReadonlyArray<string | undefined>): void {
    const found: Array<PhraseMatch<T>> = [];
    for (let i = 0; i < words.length; ) {
      const hit = this.longestAt(words, stems, i);
      if (hit) {
        // Built whole, not spread from the hit: a spread that adds a property costs V8 about half a
        // microsecond (bench/experiments/object-spread.js), and a message has a match per symptom it names.
        found.push({ code: hit.code, clause, start: hit.start, end: hit.end, negated: false });
        i = hit.end;
      } else i++;
    }
    if (!found.length) return;
    const pre = this.negatedBefore(words, found);
    const post = this.negatedAfter(words, found);
    // The matches were made here, for this call: their negation is set on them, not on copies.
    for (let i = 0; i < found.length; i++) {
      const m = found[i]!;
      m.negated = pre[i]! || post[i]!;
      out.push(m);
    }
  }

  /** The longest phrase that starts at `start`, reading the first word as spelt or by its stem. */
  private longestAt(words: readonly string[], stems: ReadonlyArray<string | undefined>, start: number): { code: T; start: number; end: number } | null {
    const hit = this.firstAt(this.byFirstWord.get(words[start]!), words, stems, start);
    const stem = stems[start];
    if (stem === undefined) return hit;
    const byStem = this.firstAt(this.byFirstWord.get(stem), words, stems, start);
    return byStem && (!hit || byStem.end > hit.end) ? byStem : hit;
  }

  /** The first of `phrases` (longest first) found at `start`. */
  private firstAt(
    phrases: ReadonlyArray<Phrase<T>> | undefined,
    words: readonly string[],
    stems: ReadonlyArray<string | undefined>,
    start: number,
  ): { code: T; start: number; end: number } | null {
    if (phrases === undefined) return null;
    for (let p = 0; p < phrases.length; p++) {
      const phrase = phrases[p]!;
      let pos = start + 1;
      let ok = true;
      // Its words after the first, by index: no copy of the list per phrase tried.
      for (let k = 1; k < phrase.words.length; k++) {
        const want = phrase.words[k]!;
        let fillers = 0;
        while (pos < words.length && words[pos] !== want && stems[pos] !== want && this.isGap(words[pos]!) && fillers < MAX_FILLERS_INSIDE) {
          pos++;
          fillers++;
        }
        if (words[pos] !== want && stems[pos] !== want) {
          ok = false;
          break;
        }
        pos++;
      }
      if (ok) return { code: phrase.code, start, end: pos };
    }
    return null;
  }

  /** A word that may stand inside a phrase: a filler or an auxiliary ("lips are turning blue", "বুকে খুব ব্যথা"). */
  private isGap(word: string): boolean {
    return this.model.fillers.has(word) || this.model.skip.has(word);
  }

  /** English-order negation: "no fever", "do not have any cough", "na jor ache na kashi". */
  private negatedBefore(words: readonly string[], found: ReadonlyArray<{ start: number; end: number }>): boolean[] {
    const m = this.model;
    const out: boolean[] = [];
    found.forEach((match, idx) => {
      const prev = found[idx - 1];
      let negated = false;
      let sawOr = false;
      let skipped = 0;
      for (let k = match.start - 1; k >= 0; k--) {
        if (prev && k < prev.end) {
          // "no fever or cough": the negator of the one before carries over "or".
          negated = sawOr && (out[idx - 1] ?? false);
          break;
        }
        const w = words[k]!;
        if (m.before.has(w)) {
          negated = true;
          break;
        }
        if (m.beforeAtClauseStart.has(w)) {
          negated = k === match.start - 1 && (k === 0 || m.beforeAtClauseStart.has(words[0]!));
          break;
        }
        if (m.orWords.has(w)) {
          sawOr = true;
          continue;
        }
        if ((m.skip.has(w) || m.fillers.has(w)) && skipped < MAX_SKIPPED) {
          skipped++;
          continue;
        }
        break;
      }
      out.push(negated);
    });
    return out;
  }

  /** Bengali/Hindi-order negation: "জ্বর নেই", "jor hocche na", "bukhar nahi hai", "জ্বর বা কাশি নেই". */
  private negatedAfter(words: readonly string[], found: ReadonlyArray<{ start: number; end: number }>): boolean[] {
    const m = this.model;
    const out: boolean[] = new Array<boolean>(found.length).fill(false);
    for (let idx = found.length - 1; idx >= 0; idx--) {
      const match = found[idx]!;
      const next = found[idx + 1];
      let negated = false;
      let sawOr = false;
      let skipped = 0;
      for (let k = match.end; k < words.length; k++) {
        if (next && k >= next.start) {
          negated = sawOr && out[idx + 1]!;
          break;
        }
        const w = words[k]!;
        if (m.after.has(w)) {
          negated = true;
          break;
        }
        if (m.orWords.has(w)) {
          sawOr = true;
          continue;
        }
        if ((m.skip.has(w) || m.fillers.has(w)) && skipped < MAX_SKIPPED) {
          skipped++;
          continue;
        }
        break;
      }
      out[idx] = negated;
    }
    return out;
  }
}
