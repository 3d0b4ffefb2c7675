/**
 * One FAQ entry as the index stores it: its search documents (one per language,
 * four fields of analysed terms) and the term sets its confidence is computed
 * from (faq-index.ts). A pure function of the entry's content.
 *
 * Analysing is most of the cost of building the index (about two thirds of 2 s
 * for 2,000 entries on the bench machine), and the index is rebuilt whole after
 * every edit and for every draft preview. `EntryAnalyses` remembers each entry's
 * analysis by its content, so that a rebuild analyses only the entries that
 * changed.
 *
 * ```ts
 * const analyses = new EntryAnalyses();
 * await FaqIndex.build(entries, synonyms, matching, (c) => analyses.of(c));   // analyses every entry
 * await FaqIndex.build(edited, synonyms, matching, (c) => analyses.of(c));    // only the edited one
 * ```
 */
import { LANGUAGES } from '../engine/flow';
import type { FaqContent } from '../storage/repositories';
import { analyze, analyzeBoth } from './analyze';
import { exactForm } from './exact-questions';

export interface Doc {
  id: string;
  entry: string;
  q: string;
  r: string;
  t: string;
  a: string;
}

export interface EntryTerms {
  /** Terms of the questions, their romanized shadow and the topics, in every language. */
  strong: ReadonlySet<string>;
  answer: ReadonlySet<string>;
  /** Each example question's terms (with the romanized shadow of a native one). */
  questions: ReadonlyArray<ReadonlySet<string>>;
}

export interface AnalyzedEntry {
  docs: readonly Doc[];
  terms: EntryTerms;
  /** Its example questions as written, in their exact forms (exact-questions.ts). */
  exact: readonly string[];
}

export function analyzeEntry(c: FaqContent): AnalyzedEntry {
  const strong = new Set<string>();
  const answer = new Set<string>();
  const questions: Array<Set<string>> = [];
  const docs: Doc[] = [];
  const exact = new Set<string>();
  const topics = analyze(c.topics.join(' ').replace(/[-_]/g, ' '));
  for (const lang of LANGUAGES) {
    const asked = c.questions[lang] ?? [];
    const text = c.answers[lang];
    if (asked.length === 0 && text === undefined) continue;
    // Each question is split into words once; the language's fields are the questions' terms in order.
    const each = asked.map(analyzeBoth);
    for (const question of asked) exact.add(exactForm(question));
    const q = each.flatMap((one) => one.words.flat());
    const r = [...new Set(each.flatMap((one) => one.romanized))];
    const a = text === undefined ? [] : analyze(text);
    for (const t of [...q, ...r, ...topics]) strong.add(t);
    for (const one of each) {
      const set = new Set([...one.words.map((w) => w[0]!), ...one.romanized]);
      if (set.size > 0) questions.push(set);
    }
    for (const t of a) answer.add(t);
    docs.push({ id: `${c.id}#${lang}`, entry: c.id, q: q.join(' '), r: r.join(' '), t: topics.join(' '), a: a.join(' ') });
  }
  return { docs, terms: { strong, answer, questions }, exact: [...exact] };
}

/** Each entry's analysis, remembered by the entry's id and content (see above). */
export class EntryAnalyses {
  private readonly byId = new Map<string, { json: string; analyzed: AnalyzedEntry }>();
  /** Entries analysed (not found remembered), for tests and diagnostics. */
  analysed = 0;

  of(c: FaqContent): AnalyzedEntry {
    const json = JSON.stringify(c);
    const known = this.byId.get(c.id);
    if (known?.json === json) return known.analyzed;
    const analyzed = analyzeEntry(c);
    this.analysed++;
    this.byId.set(c.id, { json, analyzed });
    return analyzed;
  }

  /** Forget every entry but these (the ones published now), so that deleted entries and old drafts go. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.byId.keys()) if (!ids.has(id)) this.byId.delete(id);
  }
}
