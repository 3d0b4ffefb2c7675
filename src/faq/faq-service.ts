/**
 * The FAQ as the bot, the console and `sahay faq match` see it: the published
 * entries of the store, their search index, and one `match` — the same code
 * path for all three.
 *
 * The index is rebuilt when the store's FAQ revision moves, checked on every
 * match (one small read): an entry published in the console, or imported by
 * `sahay faq import` in another process, is answered from the next message on.
 * A rebuild runs in steps (FaqIndex.build): the questions that need the FAQ wait
 * for it, every other patient's message is answered meanwhile.
 *
 * ```ts
 * const faq = new FaqService({ config: config.faq });
 * await faq.attach(store);            // seeds the starter set into an empty store
 * const m = await faq.match('koto din isolation e thakbo');
 * // { outcome: 'answer', candidates: [{ id: 'isolation-how-long', confidence: 0.91, score: 41.2, … }] }
 * ```
 */
import type { FaqContent, Store } from '../storage/repositories';
import type { FaqConfig } from './faq-config';
import { EntryAnalyses, analyzeEntry, type AnalyzedEntry } from './entry-analysis';
import { FaqIndex, type Candidate } from './faq-index';
import { decide, type MatchOutcome } from './matcher';
import { seedStarter } from './starter';
import { Synonyms } from './synonyms';

export interface MatchedEntry extends Candidate {
  /** The entry's published content (or the draft a preview was asked with). */
  content: FaqContent;
}

export interface FaqMatch {
  outcome: MatchOutcome;
  /** answer: the answer first; choose: the entries to offer; none: the nearest tries. */
  candidates: MatchedEntry[];
}

interface Built {
  revision: number;
  index: FaqIndex;
  entries: Map<string, FaqContent>;
}

/** A build in progress, shared by every question asked meanwhile. */
interface Building {
  revision: number;
  built: Promise<Built>;
}

export class FaqService {
  private store: Store | undefined;
  private built: Built | undefined;
  private building: Building | undefined;
  private readonly synonyms: Synonyms;
  /** Each published entry's analysis, so that a rebuild after an edit analyses only what changed. */
  readonly analyses = new EntryAnalyses();

  constructor(private readonly deps: { config: FaqConfig; now?: () => number }) {
    this.synonyms = new Synonyms(deps.config.synonyms);
  }

  /** config/helplines.yaml, for answers' `{{emergency}}` (src/faq/answer-placeholders.ts); undefined when not given. */
  get helplines(): FaqConfig['helplines'] {
    return this.deps.config.helplines;
  }

  /** Use this store; with `seed`, copy into it the starter entries it does not have yet. */
  async attach(store: Store, opts: { seed?: boolean } = {}): Promise<void> {
    this.store = store;
    this.built = undefined;
    this.building = undefined;
    if (opts.seed ?? true) await seedStarter(store, this.deps.config.starterFile, (this.deps.now ?? Date.now)());
  }

  /**
   * What the bot does with a question: answer, offer a choice, or nothing fits.
   * `draft` (the console's "what would the bot answer" box) stands in for the
   * published version of its entry, or adds it when it is new.
   */
  async match(question: string, opts: { draft?: FaqContent } = {}): Promise<FaqMatch> {
    const built = await this.current();
    let { index, entries } = built;
    if (opts.draft) {
      entries = new Map(entries);
      entries.set(opts.draft.id, opts.draft);
      // The draft is analysed apart: it is not remembered in place of its published version.
      const draft = opts.draft;
      index = await this.buildIndex([...entries.values()], (c) => (c === draft ? analyzeEntry(c) : this.analyses.of(c)));
    }
    const decision = decide(index.query(question), this.deps.config.matching, index.entryAskedAs(question));
    return {
      outcome: decision.outcome,
      candidates: decision.candidates.flatMap((c) => {
        const content = entries.get(c.id);
        return content ? [{ ...c, content }] : [];
      }),
    };
  }

  /** An entry's published content, or undefined when it is not published. */
  async published(id: string): Promise<FaqContent | undefined> {
    return (await this.current()).entries.get(id);
  }

  private async current(): Promise<Built> {
    const store = this.store;
    if (!store) throw new Error('the FAQ has no store attached');
    const revision = await store.faq.revision();
    // Attached to another store meanwhile: ask that one.
    if (this.store !== store) return this.current();
    if (this.built && this.built.revision >= revision) return this.built;
    const running = this.building;
    if (running) {
      if (running.revision >= revision) return running.built;
      // One build at a time: the older one finishes (and is installed, unless it failed or the
      // store was re-attached meanwhile), then this revision's starts.
      await running.built.catch(() => undefined);
      return this.current();
    }
    const building: Building = { revision, built: this.rebuild(store, revision) };
    this.building = building;
    // Once settled (built or failed), the next question looks again.
    const done = () => {
      if (this.building === building) this.building = undefined;
    };
    building.built.then(done, done);
    return building.built;
  }

  private async rebuild(store: Store, revision: number): Promise<Built> {
    const records = await store.faq.list();
    const contents = records.flatMap((r) => (r.published ? [r.published.content] : []));
    const built: Built = { revision, index: await this.buildIndex(contents, (c) => this.analyses.of(c)), entries: new Map(contents.map((c) => [c.id, c])) };
    // After a re-attach, a newer build may have finished first: it stays installed.
    if (this.store === store && (this.built === undefined || this.built.revision < revision)) {
      this.built = built;
      this.analyses.keepOnly(new Set(contents.map((c) => c.id)));
    }
    return built;
  }

  private buildIndex(contents: FaqContent[], analyzed: (c: FaqContent) => AnalyzedEntry): Promise<FaqIndex> {
    return FaqIndex.build(contents, this.synonyms, this.deps.config.matching, analyzed);
  }
}
