/**
 * `npm run bench:faq`: how well patients' own words reach the right FAQ entry.
 *
 * The index is the starter set (config/faq/starter.yaml) built exactly as the
 * bot builds it; the queries are bench/faq-queries.yaml, paraphrases written
 * apart from the entries and never indexed (the run fails if one is a copy of an
 * example question). Reported per language, native script and romanized apart:
 * - precision@1: the right entry ranked first; in top 3;
 * - at the thresholds of config/faq/matching.yaml: how often the bot answers at
 *   once, how often that answer is right, how often a close call offers the right
 *   entry among its choices, and how often questions outside the FAQ are answered
 *   (they should get helplines, not a guess);
 * - a sweep of the answer threshold and margin, which is how the configured ones
 *   were chosen (the setting that answers most at once while direct answers stay
 *   at least 95% right and nothing outside the FAQ is answered), with the two
 *   halves of the entries shown apart to see that it does not hang on a few;
 * - English paraphrase pairs from deepset's COVID-QA (Apache-2.0; read from
 *   ../shared/data/faq/, or bench/data/ if a copy is put there; left out with a
 *   note when neither holds it): precision@1 of finding a question's paraphrase
 *   among all the set's questions.
 *
 * Results are printed and written to bench/results/faq-<time>.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseCsv } from '../src/beds/csv';
import type { Language } from '../src/engine/flow';
import { loadFaqConfig, type MatchingConfig } from '../src/faq/faq-config';
import { FaqIndex } from '../src/faq/faq-index';
import { decide } from '../src/faq/matcher';
import { starterContents } from '../src/faq/starter';
import { Synonyms } from '../src/faq/synonyms';
import { looseText } from '../src/i18n/normalize';
import { configDir, projectRoot } from '../src/paths';
import type { FaqContent } from '../src/storage/repositories';

const querySchema = z.strictObject({
  entries: z.record(z.string(), z.strictObject({ en: z.array(z.string()), bn: z.array(z.string()), hi: z.array(z.string()) })),
  none: z.strictObject({ en: z.array(z.string()), bn: z.array(z.string()), hi: z.array(z.string()) }),
});

interface Query {
  text: string;
  lang: Language;
  /** native script or romanized (bn/hi); en is 'en'. */
  group: string;
  expected: string | null;
  /** Which half of the entries (for the split check). */
  half: 0 | 1;
}

interface Outcome {
  query: Query;
  rank: number | null;
  decision: 'answer' | 'choose' | 'none';
  answeredRight: boolean;
  offeredRight: boolean;
  topConfidence: number;
}

export interface FaqBenchResult {
  entries: number;
  groups: GroupStats[];
  outOfScope: { n: number; answered: number; choose: number; none: number };
  sweep: SweepRow[];
  offerSweep: OfferRow[];
  offerChosen: { offerConfidence: number; rule: string };
  chosen: { answerConfidence: number; answerMinGap: number; rule: string };
  deepset: { pairs: number; candidates: number; precisionAt1: number } | null;
}

interface GroupStats {
  group: string;
  n: number;
  precisionAt1: number;
  inTop3: number;
  answered: number;
  answeredPrecision: number;
  choose: number;
  chooseHasRight: number;
  none: number;
  /** Answered right at once, or offered among the choices. */
  reached: number;
}

interface OfferRow {
  offerConfidence: number;
  inScopeNone: number;
  /** Answered right at once, or the right entry among the choices of a close call. */
  inScopeReached: number;
  outOfScopeNone: number;
}

interface SweepRow {
  answerConfidence: number;
  answerMinGap: number;
  answered: number;
  answeredPrecision: number;
  outOfScopeAnswered: number;
  halves: Array<{ answered: number; answeredPrecision: number }>;
}

const LATIN = /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u;

/** `deepset: false` leaves out the deepset pairs (the jest regression floor does not need them). */
export function runFaqBench(opts: { deepset?: boolean } = {}): FaqBenchResult {
  const problems: string[] = [];
  const faq = loadFaqConfig(configDir, problems);
  if (!faq) throw new Error(problems.join('\n'));
  const entries = starterContents(faq.starterFile);
  const synonyms = new Synonyms(faq.synonyms);
  const index = new FaqIndex(entries, synonyms, faq.matching);
  const queries = readQueries(entries);

  // Ranking does not depend on the thresholds: rank once, decide per setting.
  const rankings = queries.map((q) => index.query(q.text));
  const run = (m: MatchingConfig): Outcome[] =>
    queries.map((query, i) => {
      const ranked = rankings[i]!;
      const d = decide(ranked, m);
      const rank = query.expected === null ? null : ranked.findIndex((c) => c.id === query.expected);
      return {
        query,
        rank: rank === null || rank < 0 ? null : rank + 1,
        decision: d.outcome,
        answeredRight: d.outcome === 'answer' && d.candidates[0]?.id === query.expected,
        offeredRight: d.outcome === 'choose' && d.candidates.some((c) => c.id === query.expected),
        topConfidence: ranked[0]?.confidence ?? 0,
      };
    });

  const outcomes = run(faq.matching);
  const inScope = outcomes.filter((o) => o.query.expected !== null);
  const groups = ['en', 'bn', 'bn (romanized)', 'hi', 'hi (romanized)', 'all'].map((g) => stats(g, inScope.filter((o) => g === 'all' || o.query.group === g)));
  const oos = outcomes.filter((o) => o.query.expected === null);
  const outOfScope = {
    n: oos.length,
    answered: share(oos, (o) => o.decision === 'answer'),
    choose: share(oos, (o) => o.decision === 'choose'),
    none: share(oos, (o) => o.decision === 'none'),
  };

  const sweep: SweepRow[] = [];
  for (const answerMinGap of [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) for (let t = 0.3; t <= 0.951; t += 0.05) {
    const answerConfidence = Math.round(t * 100) / 100;
    const res = run({ ...faq.matching, answerConfidence, answerMinGap, offerConfidence: Math.min(faq.matching.offerConfidence, answerConfidence) });
    const inS = res.filter((o) => o.query.expected !== null);
    const half = (h: 0 | 1) => {
      const part = inS.filter((o) => o.query.half === h);
      const answered = part.filter((o) => o.decision === 'answer');
      return { answered: share(part, (o) => o.decision === 'answer'), answeredPrecision: share(answered, (o) => o.answeredRight) };
    };
    const answered = inS.filter((o) => o.decision === 'answer');
    sweep.push({
      answerConfidence,
      answerMinGap,
      answered: share(inS, (o) => o.decision === 'answer'),
      answeredPrecision: share(answered, (o) => o.answeredRight),
      outOfScopeAnswered: share(res.filter((o) => o.query.expected === null), (o) => o.decision === 'answer'),
      halves: [half(0), half(1)],
    });
  }
  // Among the settings whose direct answers are at least 95% right and that answer no question
  // outside the FAQ, those that answer (within a point) the most at once; of these the strictest.
  const rule =
    'direct answers at least 95% right, no out-of-scope question answered, the most answered at once (within 1 point), then the strictest';
  const eligible = sweep.filter((r) => r.answeredPrecision >= 0.95 && r.outOfScopeAnswered === 0);
  const most = Math.max(0, ...eligible.map((r) => r.answered));
  const pick = eligible
    .filter((r) => r.answered >= most - 0.01)
    .sort((a, b) => b.answerConfidence - a.answerConfidence || b.answerMinGap - a.answerMinGap)[0];

  // Up to the answer threshold: above it there would be nothing left to offer.
  const offers = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5].filter((o) => o <= faq.matching.answerConfidence);
  const offerSweep: OfferRow[] = offers.map((offerConfidence) => {
    const res = run({ ...faq.matching, offerConfidence });
    const inS = res.filter((o) => o.query.expected !== null);
    return {
      offerConfidence,
      inScopeNone: share(inS, (o) => o.decision === 'none'),
      inScopeReached: share(inS, (o) => o.answeredRight || o.offeredRight),
      outOfScopeNone: share(res.filter((o) => o.query.expected === null), (o) => o.decision === 'none'),
    };
  });

  // Offer: the lowest threshold at which at least 80% of out-of-scope questions get helplines,
  // so that patients whose words are far from every entry still see their choices.
  const offerRule = 'the lowest offer threshold at which at least 80% of out-of-scope questions get no match';
  const offerPick = offerSweep.find((o) => o.outOfScopeNone >= 0.8);

  return {
    entries: entries.length,
    offerSweep,
    offerChosen: { offerConfidence: offerPick?.offerConfidence ?? NaN, rule: offerRule },
    groups,
    outOfScope,
    sweep,
    chosen: { answerConfidence: pick?.answerConfidence ?? NaN, answerMinGap: pick?.answerMinGap ?? NaN, rule },
    deepset: opts.deepset === false ? null : deepsetPairs(synonyms, faq.matching),
  };
}

function readQueries(entries: readonly FaqContent[]): Query[] {
  const data = querySchema.parse(parse(readFileSync(join(projectRoot, 'bench', 'faq-queries.yaml'), 'utf8')));
  const ids = entries.map((e) => e.id);
  const unknown = Object.keys(data.entries).filter((id) => !ids.includes(id));
  const uncovered = ids.filter((id) => !(id in data.entries));
  if (unknown.length || uncovered.length) throw new Error(`faq-queries.yaml: unknown entries ${unknown.join(', ') || '-'}; entries without queries ${uncovered.join(', ') || '-'}`);
  // Kept out of the index: a query that is an example question measures nothing.
  const examples = new Set(entries.flatMap((e) => Object.values(e.questions).flat().map((q) => looseText(q))));
  const out: Query[] = [];
  for (const [id, byLang] of Object.entries(data.entries)) {
    const half = (ids.indexOf(id) % 2) as 0 | 1;
    for (const lang of ['en', 'bn', 'hi'] as const) {
      for (const text of byLang[lang]) {
        if (examples.has(looseText(text))) throw new Error(`faq-queries.yaml: "${text}" is an example question of an entry: write a paraphrase`);
        out.push({ text, lang, group: groupOf(text, lang), expected: id, half });
      }
    }
  }
  for (const lang of ['en', 'bn', 'hi'] as const) for (const text of data.none[lang]) out.push({ text, lang, group: groupOf(text, lang), expected: null, half: 0 });
  return out;
}

function groupOf(text: string, lang: Language): string {
  return lang !== 'en' && LATIN.test(text) ? `${lang} (romanized)` : lang;
}

function stats(group: string, os: Outcome[]): GroupStats {
  const answered = os.filter((o) => o.decision === 'answer');
  const choose = os.filter((o) => o.decision === 'choose');
  return {
    group,
    n: os.length,
    precisionAt1: share(os, (o) => o.rank === 1),
    inTop3: share(os, (o) => o.rank !== null && o.rank <= 3),
    answered: share(os, (o) => o.decision === 'answer'),
    answeredPrecision: share(answered, (o) => o.answeredRight),
    choose: share(os, (o) => o.decision === 'choose'),
    chooseHasRight: share(choose, (o) => o.offeredRight),
    none: share(os, (o) => o.decision === 'none'),
    reached: share(os, (o) => o.answeredRight || o.offeredRight),
  };
}

const DEEPSET_FILE = 'deepset_question_similarity_en.csv';
/** bench/data/ if a copy is there, else the shared data folder next to the project (see test/fixtures/SOURCES.md). */
const DEEPSET_PLACES = [join(projectRoot, 'bench', 'data', DEEPSET_FILE), join(projectRoot, '..', 'shared', 'data', 'faq', DEEPSET_FILE)];

/** deepset COVID-QA question pairs: index every first question of a similar pair, search with the second. */
function deepsetPairs(synonyms: Synonyms, matching: MatchingConfig): FaqBenchResult['deepset'] {
  const file = DEEPSET_PLACES.find((f) => existsSync(f));
  if (!file) {
    console.warn(`deepset COVID-QA pairs not found (looked in ${DEEPSET_PLACES.join(', ')}); left out`);
    return null;
  }
  const { header, rows } = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string) => header.indexOf(name);
  const pairs = rows.map((r) => ({ q1: r.fields[col('question_1')] ?? '', q2: r.fields[col('question_2')] ?? '', similar: r.fields[col('similar')] === '1' }));
  const firsts = [...new Set(pairs.filter((p) => p.similar).map((p) => p.q1))];
  const contents: FaqContent[] = firsts.map((q, i) => ({ id: `q${i}`, topics: [], questions: { en: [q] }, answers: { en: q }, source: 'deepset', reviewed: '2020-04-01' }));
  const index = new FaqIndex(contents, synonyms, matching);
  const similar = pairs.filter((p) => p.similar);
  const hits = similar.filter((p) => index.query(p.q2)[0]?.id === `q${firsts.indexOf(p.q1)}`).length;
  return { pairs: similar.length, candidates: firsts.length, precisionAt1: hits / similar.length };
}

function share<T>(xs: readonly T[], f: (x: T) => boolean): number {
  return xs.length === 0 ? 0 : xs.filter(f).length / xs.length;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function main(): void {
  const r = runFaqBench();
  console.log(`FAQ retrieval: ${r.entries} entries; queries from bench/faq-queries.yaml (not indexed)\n`);
  console.table(
    r.groups.map((g) => ({
      language: g.group,
      queries: g.n,
      'precision@1': pct(g.precisionAt1),
      'in top 3': pct(g.inTop3),
      answered: pct(g.answered),
      'answers right': pct(g.answeredPrecision),
      'close call': pct(g.choose),
      'choices hold it': pct(g.chooseHasRight),
      'no match': pct(g.none),
      'reached right': pct(g.reached),
    })),
  );
  console.log(`Out-of-scope questions (${r.outOfScope.n}): answered ${pct(r.outOfScope.answered)}, close call ${pct(r.outOfScope.choose)}, no match ${pct(r.outOfScope.none)}\n`);
  console.log('Answer sweep: in-scope questions answered at once / share of those answers right (✗: an out-of-scope question was answered)');
  const gaps = [...new Set(r.sweep.map((x) => x.answerMinGap))];
  const thresholds = [...new Set(r.sweep.map((x) => x.answerConfidence))];
  console.table(
    thresholds.map((t) => ({
      'answer.confidence': t.toFixed(2),
      ...Object.fromEntries(
        gaps.map((g) => {
          const x = r.sweep.find((y) => y.answerConfidence === t && y.answerMinGap === g)!;
          return [`gap ${g.toFixed(2)}`, `${pct(x.answered)} / ${pct(x.answeredPrecision)}${x.outOfScopeAnswered > 0 ? ' ✗' : ''}`];
        }),
      ),
    })),
  );
  const c = r.sweep.find((x) => x.answerConfidence === r.chosen.answerConfidence && x.answerMinGap === r.chosen.answerMinGap);
  if (c) console.log(`Chosen setting, halves of the entries apart: A ${pct(c.halves[0]!.answered)} / ${pct(c.halves[0]!.answeredPrecision)}, B ${pct(c.halves[1]!.answered)} / ${pct(c.halves[1]!.answeredPrecision)}`);
  console.log('\nOffer sweep (below offer.confidence the bot offers helplines instead of choices):');
  console.table(
    r.offerSweep.map((o) => ({
      'offer.confidence': o.offerConfidence.toFixed(2),
      'in-scope: no match': pct(o.inScopeNone),
      'in-scope: right one answered or offered': pct(o.inScopeReached),
      'out-of-scope: no match': pct(o.outOfScopeNone),
    })),
  );
  console.log(`Chosen by rule (${r.offerChosen.rule}): offer.confidence ${r.offerChosen.offerConfidence}`);
  console.log(`Chosen by rule (${r.chosen.rule}): answer.confidence ${r.chosen.answerConfidence}, answer.min_gap ${r.chosen.answerMinGap}`);
  if (r.deepset) console.log(`deepset COVID-QA English paraphrase pairs: precision@1 ${pct(r.deepset.precisionAt1)} (${r.deepset.pairs} pairs among ${r.deepset.candidates} questions)`);
  const outDir = join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `faq-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...r }, null, 2) + '\n');
  console.log(`written ${file}`);
}

if (require.main === module) main();
