/**
 * What one FAQ question costs the bot with 2,000 published entries: the bot's own
 * path, `FaqService.match` (the store's revision check, the MiniSearch query,
 * the confidence of each candidate, the decision), on the memory store.
 *
 * The 2,000 entries are the starter set (config/faq/starter.yaml, three
 * languages) and variants of it: a copy of each entry whose example questions
 * carry a district name ("… in Howrah", "… হাওড়ায়"). Every question therefore
 * meets dozens of near-identical candidates, which makes the confidence step
 * work harder than a real FAQ of that size would. The questions asked are the
 * paraphrases of bench/faq-queries.yaml (three languages, native script and
 * romanized, and questions the FAQ does not answer), never indexed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config';
import type { Language } from '../src/engine/flow';
import { FaqService } from '../src/faq/faq-service';
import { starterContents } from '../src/faq/starter';
import { projectRoot } from '../src/paths';
import { createMemoryStore } from '../src/storage/memory/memory-store';
import type { FaqContent } from '../src/storage/repositories';
import { median, summarize, type LatencySummary } from './stats';

export interface FaqLookupResult {
  entries: number;
  questions: number;
  /** ms per question, after a warm-up pass. */
  latencyMs: LatencySummary;
  /** CPU ms per question (process user + system): the work itself, without waiting for a core. */
  cpuMs: LatencySummary;
  /** ms to build the index at start-up (every entry analysed). */
  indexBuildMs: number;
  /** ms to rebuild it after one entry was edited and published (the median of three edits). */
  rebuildAfterEditMs: number;
}

const PLACES: Record<Language, string[]> = {
  en: ['in Kolkata', 'in Howrah', 'in Raipur', 'in Pune', 'in Dhaka', 'in Sylhet', 'in Durg', 'in Bilaspur', 'in Hooghly', 'in Nadia', 'in Siliguri', 'in Asansol'],
  bn: ['কলকাতায়', 'হাওড়ায়', 'ঢাকায়', 'সিলেটে', 'চট্টগ্রামে', 'খুলনায়', 'নদিয়ায়', 'হুগলিতে', 'শিলিগুড়িতে', 'আসানসোলে', 'বর্ধমানে', 'রাজশাহীতে'],
  hi: ['रायपुर में', 'पुणे में', 'दुर्ग में', 'बिलासपुर में', 'कोलकाता में', 'पटना में', 'रांची में', 'भोपाल में', 'नागपुर में', 'इंदौर में', 'लखनऊ में', 'कोरबा में'],
};

/** `count` entries: the starter set, then variants of it with a district in every question. */
export function faqEntries(starter: readonly FaqContent[], count: number): FaqContent[] {
  const out: FaqContent[] = [];
  for (let i = 0; out.length < count; i++) {
    const base = starter[i % starter.length]!;
    const copy = Math.floor(i / starter.length);
    if (copy === 0) {
      out.push(base);
      continue;
    }
    const questions: FaqContent['questions'] = {};
    for (const [lng, qs] of Object.entries(base.questions) as Array<[Language, string[]]>) {
      const places = PLACES[lng];
      questions[lng] = qs.map((q, j) => `${q} ${places[(copy + j) % places.length]!}`);
    }
    out.push({ ...base, id: `${base.id}-${copy}`, questions });
  }
  return out;
}

function benchQuestions(): string[] {
  const doc = parse(readFileSync(join(projectRoot, 'bench', 'faq-queries.yaml'), 'utf8')) as {
    entries: Record<string, Record<Language, string[]>>;
    none: Record<Language, string[]>;
  };
  return [...Object.values(doc.entries).flatMap((byLang) => Object.values(byLang).flat()), ...Object.values(doc.none).flat()];
}

export async function benchFaqLookup(opts: { entries?: number; rounds?: number } = {}): Promise<FaqLookupResult> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const entries = faqEntries(starterContents(config.faq.starterFile), opts.entries ?? 2000);
  const store = createMemoryStore();
  const faq = new FaqService({ config: config.faq });
  await faq.attach(store, { seed: false });
  const saved = await store.faq.save(
    entries.map((content) => ({ content, publish: true, note: 'bench' })),
    { actorId: null, at: Date.now() },
  );
  if (saved.status !== 'saved') throw new Error('bench: could not store the FAQ entries');

  const built = performance.now();
  await faq.match('warm up: build the index');
  const indexBuildMs = performance.now() - built;

  const questions = benchQuestions();
  for (const q of questions) await faq.match(q);
  const latencies: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < (opts.rounds ?? 5); r++) {
    for (const q of questions) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await faq.match(q);
      latencies.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }

  // An admin publishes an edit: the next question rebuilds the index (only the edited entry is analysed again).
  const rebuilds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const e = entries[(i * 7) % entries.length]!;
    await store.faq.save([{ content: { ...e, answers: { ...e.answers, en: `${e.answers.en ?? ''} (edited ${i})` } }, publish: true, note: 'bench edit' }], { actorId: null, at: Date.now() });
    const t0 = performance.now();
    await faq.match('warm up: rebuild the index');
    rebuilds.push(performance.now() - t0);
  }
  await store.close();
  return { entries: entries.length, questions: latencies.length, latencyMs: summarize(latencies), cpuMs: summarize(cpu), indexBuildMs, rebuildAfterEditMs: median(rebuilds) };
}
