/**
 * The full-text index of the published FAQ entries (MiniSearch, BM25), and the
 * confidence of each candidate. A question is searched with its own words,
 * their synonyms (synonyms.ts), and the stored words near them — one edit away
 * or longer forms (near-terms.ts) — each weighted less than what was typed.
 *
 * One document per entry and language, with four fields of analysed terms
 * (analyze.ts): the example questions, the romanized shadow of the
 * native-script questions (so "koto din isolation" reaches "কত দিন
 * আইসোলেশন"), the topics, and the answer (weighed low: answers are long and
 * mention many things). A question is searched in every language at once, so a
 * Bengali patient who types "oximeter" still finds the entry.
 *
 * MiniSearch's score ranks; it is not comparable across questions. The
 * decision to answer needs a number that is: the confidence, from 0 to 1, an
 * F2 measure (recall counts twice as much as precision) of
 * - recall: the share of the question's informative words (weighted by inverse
 *   document frequency) that the entry's questions and topics contain — exactly,
 *   by a synonym, or nearly (prefix, one edit) — with half credit for words found
 *   only in the answer;
 * - precision: the share of the entry's closest example question that the
 *   patient's words cover.
 * "How long should I isolate" against an entry asked as "how long is home
 * isolation" is near 1; "how is the weather in Kolkata" against anything is
 * near 0, because "weather" and "kolkata" are rare words that no entry has.
 * Candidates are ranked mostly by confidence, then by MiniSearch's score.
 */
import MiniSearch from 'minisearch';
import type { FaqContent } from '../storage/repositories';
import { analyzeWords } from './analyze';
import { analyzeEntry, type AnalyzedEntry, type Doc, type EntryTerms } from './entry-analysis';
import { ExactQuestions } from './exact-questions';
import type { MatchingConfig } from './faq-config';
import { NearTerms } from './near-terms';
import type { Expansion, Synonyms } from './synonyms';

export interface Candidate {
  id: string;
  /** MiniSearch's score (ranking only). */
  score: number;
  /** 0..1: how much of the question the entry covers (see above). */
  confidence: number;
}

const FIELDS = ['q', 'r', 't', 'a'] as const;
const split = (s: string): string[] => (s === '' ? [] : s.split(' '));

/** Confidence credit for a word found only nearly (a prefix of, or one edit from, a stored term), or only in an answer. */
const NEAR = 0.8;
const ANSWER_ONLY = 0.5;
/** Weight of the confidence against BM25 in the ranking (rankOf). */
const RANK_COVERAGE = 0.7;
/** How many of BM25's best entries get a confidence (and can be ranked first). */
const CONFIDENCE_CANDIDATES = 40;
/** Near: a stored term the question's word is a prefix of (3+ letters), or one edit away from (5+ letters). */
const NEAR_LENGTHS = { minPrefix: 3, minEdit: 5 };
/** The weight of a near term in the search (MiniSearch's own fuzzy weight), and how many per word. */
const NEAR_WEIGHT = 0.45;
const MAX_NEAR_SEARCHED = 12;
/** The F-measure's beta: recall (the question's words covered) counts twice as much as precision. */
const BETA = 2;

/**
 * Entries indexed per step of `FaqIndex.build` (300 documents: a few tens of milliseconds with
 * the entries' analyses remembered, over 100 ms on a first build), between which the event loop
 * answers patients: 2,000 entries in one go took 0.4–0.7 s (bench/README.md).
 */
export const ENTRIES_PER_STEP = 100;
/** The real setImmediate, taken at load: a test that fakes timers must not stall a rebuild. */
const nextStep = globalThis.setImmediate;

export class FaqIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly terms = new Map<string, EntryTerms>();
  /** term → how many entries have it among their strong terms. */
  private readonly df = new Map<string, number>();
  private readonly idfs = new Map<string, number>();
  /** Every stored term, for near-matching a question's word once per question. */
  private readonly vocabulary = new Set<string>();
  /** The entries' example questions as written: one typed as it is, is that entry's. */
  private readonly exact = new ExactQuestions();
  private nearIndex: NearTerms;

  /**
   * An index built in steps, so that a rebuild after an admin's edit never stops the bot for
   * long: the service's way (faq-service.ts). The constructor builds in one go (tests, benches).
   */
  static async build(
    entries: readonly FaqContent[],
    synonyms: Synonyms,
    config: Pick<MatchingConfig, 'boosts' | 'synonymWeight'>,
    analyzed: (c: FaqContent) => AnalyzedEntry = analyzeEntry,
  ): Promise<FaqIndex> {
    const index = new FaqIndex([], synonyms, config, analyzed);
    for (let at = 0; at < entries.length; at += ENTRIES_PER_STEP) {
      // Between steps, whatever else is waiting runs (I/O included: setImmediate, not a microtask).
      if (at > 0) await new Promise((resolve) => nextStep(resolve));
      index.add(entries.slice(at, at + ENTRIES_PER_STEP), analyzed);
    }
    index.nearIndex = new NearTerms(index.vocabulary, NEAR_LENGTHS);
    return index;
  }

  /** `analyzed` gives an entry's analysis (entry-analysis.ts; the FAQ service remembers them across rebuilds). */
  constructor(
    entries: readonly FaqContent[],
    private readonly synonyms: Synonyms,
    private readonly config: Pick<MatchingConfig, 'boosts' | 'synonymWeight'>,
    analyzed: (c: FaqContent) => AnalyzedEntry = analyzeEntry,
  ) {
    this.search = new MiniSearch<Doc>({
      fields: [...FIELDS],
      storeFields: ['entry'],
      // Fields hold analysed terms joined by spaces: no second tokenising or processing.
      tokenize: split,
      processTerm: (t) => t,
      searchOptions: { tokenize: split, processTerm: (t) => t },
    });
    this.add(entries, analyzed);
    this.nearIndex = new NearTerms(this.vocabulary, NEAR_LENGTHS);
  }

  /**
   * Index these entries. The near-terms index is made over the vocabulary once every entry is
   * in (by the constructor, or by `build` after its last step), and before any query.
   */
  private add(entries: readonly FaqContent[], analyzed: (c: FaqContent) => AnalyzedEntry): void {
    const docs: Doc[] = [];
    for (const c of entries) {
      const { docs: own, terms, exact } = analyzed(c);
      for (const d of own) docs.push(d);
      this.exact.add(c.id, exact);
      this.terms.set(c.id, terms);
      for (const t of terms.strong) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        this.vocabulary.add(t);
      }
      for (const t of terms.answer) this.vocabulary.add(t);
    }
    this.search.addAll(docs);
  }

  get size(): number {
    return this.terms.size;
  }

  has(id: string): boolean {
    return this.terms.has(id);
  }

  /** The one entry that has this question, as the patient typed it, among its example questions. */
  entryAskedAs(question: string): string | undefined {
    return this.exact.entryOf(question);
  }

  /** Entries for a question, best first (at most `limit`). */
  query(question: string, limit = 10): Candidate[] {
    // One slot per distinct word: its terms (main first).
    const slots = dedupeSlots(analyzeWords(question));
    const own = [...new Set(slots.flat())];
    if (own.length === 0) return [];
    const expansions = this.synonyms.expand(own);
    const weight = new Map<string, number>(expansions.flatMap((e) => e.terms.map((t) => [t, this.config.synonymWeight] as const)));
    for (const t of own) weight.set(t, 1);
    const q: QueryTerms = { slots, expansions, asked: [...new Set([...slots.flat(), ...expansions.flatMap((e) => e.terms)])], near: new Map() };
    // Misspellings and longer forms of the patient's own words (synonyms are spelt right): the
    // stored terms one edit away or starting with the word, searched at a lower weight. Looked up
    // in the near-terms index rather than by MiniSearch's fuzzy and prefix search, which walks
    // the whole term tree for every word and costs more than the rest of a question together.
    for (const t of own) {
      for (const n of this.closest(this.nearTerms(t, q), t)) if (!weight.has(n)) weight.set(n, NEAR_WEIGHT);
    }
    const { boosts } = this.config;
    const results = this.search.search([...weight.keys()].join(' '), {
      boost: { q: boosts.questions, r: boosts.romanized, t: boosts.topics, a: boosts.answer },
      boostTerm: (term) => weight.get(term) ?? 1,
      combineWith: 'OR',
    });

    // An entry's score is that of its best language document.
    const best = new Map<string, number>();
    for (const r of results) {
      const entry = (r as unknown as { entry: string }).entry;
      if ((best.get(entry) ?? 0) < r.score) best.set(entry, r.score);
    }
    const top = Math.max(0, ...best.values());
    // The confidence of the entries BM25 ranks highest only: the rest cannot come first,
    // and a large FAQ would otherwise pay for hundreds of weak matches on every question.
    return [...best]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CONFIDENCE_CANDIDATES)
      .map(([id, score]) => ({ id, score, confidence: this.confidence(id, q) }))
      .sort((a, b) => rankOf(b, top) - rankOf(a, top) || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  /** Inverse document frequency of a term over the entries (unknown terms weigh most). */
  private idf(term: string): number {
    let w = this.idfs.get(term);
    if (w === undefined) {
      w = Math.log(1 + this.terms.size / (1 + (this.df.get(term) ?? 0)));
      this.idfs.set(term, w);
    }
    return w;
  }

  private confidence(id: string, q: QueryTerms): number {
    const entry = this.terms.get(id);
    if (!entry) return 0;
    let total = 0;
    let matched = 0;
    for (const slot of q.slots) {
      // A word weighs as much as its most common reading: "করোনার" is as common as করোনা.
      const w = Math.min(...slot.map((t) => this.idf(t)));
      total += w;
      matched += w * Math.max(...slot.map((t) => this.credit(t, entry, q)));
    }
    if (total === 0) return 0;
    const recall = matched / total;
    // The other side: how much of its closest example question the patient's words cover.
    let precision = 0;
    for (const question of entry.questions) {
      let all = 0;
      let hit = 0;
      for (const t of question) {
        const w = this.idf(t);
        all += w;
        if (this.asked(t, q)) hit += w;
      }
      if (all > 0) precision = Math.max(precision, hit / all);
    }
    const b2 = BETA * BETA;
    return recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
  }

  private credit(t: string, entry: EntryTerms, q: QueryTerms): number {
    // A synonym counts when the entry has all of it ("কত দিন" needs both words).
    if (entry.strong.has(t) || q.expansions.some((e) => e.origins.includes(t) && e.terms.every((x) => entry.strong.has(x)))) return 1;
    const near = this.nearTerms(t, q);
    if ([...near].some((n) => entry.strong.has(n))) return NEAR;
    return entry.answer.has(t) || [...near].some((n) => entry.answer.has(n)) ? ANSWER_ONLY : 0;
  }

  /** The stored terms a question's term is a prefix of (3+ letters) or one edit away from (5+ letters). */
  private nearTerms(t: string, q: QueryTerms): ReadonlySet<string> {
    let found = q.near.get(t);
    if (!found) {
      found = this.nearIndex.near(t);
      q.near.set(t, found);
    }
    return found;
  }

  /** Whether a stored term is among the question's words, or near one of them. */
  private asked(t: string, q: QueryTerms): boolean {
    if (!q.nearAsked) q.nearAsked = new Set(q.asked.flatMap((a) => [a, ...this.nearTerms(a, q)]));
    return q.nearAsked.has(t);
  }

  /** The near terms worth searching for: those closest in length to the word, a few at most. */
  private closest(near: ReadonlySet<string>, t: string): string[] {
    return [...near]
      .filter((n) => n !== t)
      .sort((a, b) => Math.abs(a.length - t.length) - Math.abs(b.length - t.length) || (a < b ? -1 : 1))
      .slice(0, MAX_NEAR_SEARCHED);
  }
}

/** One question's terms, and what was worked out about them (shared by every candidate). */
interface QueryTerms {
  slots: readonly string[][];
  expansions: readonly Expansion[];
  asked: readonly string[];
  near: Map<string, ReadonlySet<string>>;
  /** The question's words and every stored term near one of them (made on first use). */
  nearAsked?: Set<string>;
}

function dedupeSlots(slots: string[][]): string[][] {
  const seen = new Set<string>();
  return slots.filter((s) => {
    const key = s[0]!;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The order of candidates: mostly how much of the question the entry covers,
 * then BM25 (relative to the best) among entries that cover it alike. BM25
 * alone favours entries whose questions repeat a common word ("covid").
 */
function rankOf(c: Candidate, topScore: number): number {
  return RANK_COVERAGE * c.confidence + (1 - RANK_COVERAGE) * (topScore > 0 ? c.score / topScore : 0);
}
