/**
 * What an admin's FAQ edits cost the bot: with the bench's 2,000 published entries
 * (faq-lookup.ts), the first index build (with its first match), then three edits
 * each published and followed by a match (the rebuild), then three draft previews.
 * Milliseconds of wall time, and the longest the event loop was stopped during each
 * rebuild and preview (a setImmediate probe, bench/event-loop-stops.ts: how long a
 * patient's message could wait behind it).
 *
 * It runs the FAQ code of any compiled build, so that two builds can be compared in
 * alternation (how bench/README.md measured the change to entry-analysis.ts):
 *
 *   npm run build && node dist/bench/faq-edits.js [build folder, default: this one's] [--runs N]
 *   node dist/bench/faq-edits.js dist-before --runs 2 && node dist/bench/faq-edits.js dist --runs 2
 */
import { buildArgs, buildLoader } from './any-build';
import { timedWithStops } from './event-loop-stops';

export interface FaqEditCosts {
  firstBuildMs: number;
  rebuildAfterEditMs: number[];
  draftPreviewMs: number[];
  /** The longest stop of the event loop during each rebuild after an edit, and each preview. */
  rebuildLongestStopMs: number[];
  previewLongestStopMs: number[];
}

export async function faqEditCosts(build: string): Promise<FaqEditCosts> {
  const load = buildLoader(build);
  const config = load<typeof import('../src/config')>('src/config').loadConfig({ LOG_LEVEL: 'silent' });
  const entries = load<typeof import('./faq-lookup')>('bench/faq-lookup').faqEntries(load<typeof import('../src/faq/starter')>('src/faq/starter').starterContents(config.faq.starterFile), 2000);
  const store = load<typeof import('../src/storage/memory/memory-store')>('src/storage/memory/memory-store').createMemoryStore();
  const faq = new (load<typeof import('../src/faq/faq-service')>('src/faq/faq-service').FaqService)({ config: config.faq });
  await faq.attach(store, { seed: false });
  await store.faq.save(
    entries.map((content) => ({ content, publish: true, note: 'bench' })),
    { actorId: null, at: Date.now() },
  );
  const question = 'how long should I isolate';
  const { ms: firstBuildMs } = await timedWithStops(() => faq.match(question));
  const rebuildAfterEditMs: number[] = [];
  const rebuildLongestStopMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const e = entries[100 + i]!;
    await store.faq.save([{ content: { ...e, answers: { ...e.answers, en: `${e.answers.en ?? ''} Edited ${i}` } }, publish: true, note: 'edit' }], { actorId: null, at: Date.now() });
    const { ms, longestStopMs } = await timedWithStops(() => faq.match(question));
    rebuildAfterEditMs.push(ms);
    rebuildLongestStopMs.push(longestStopMs);
  }
  const draftPreviewMs: number[] = [];
  const previewLongestStopMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const e = entries[200]!;
    const { ms, longestStopMs } = await timedWithStops(() => faq.match(question, { draft: { ...e, answers: { ...e.answers, en: `draft ${i}` } } }));
    draftPreviewMs.push(ms);
    previewLongestStopMs.push(longestStopMs);
  }
  await store.close();
  return { firstBuildMs, rebuildAfterEditMs, draftPreviewMs, rebuildLongestStopMs, previewLongestStopMs };
}

if (require.main === module) {
  const { folder, build, numbers } = buildArgs(process.argv.slice(2), { runs: 1 });
  void (async () => {
    for (let r = 0; r < numbers.runs; r++) {
      const c = await faqEditCosts(build);
      const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
      console.log(
        `${folder ?? 'this build'}: first build ${c.firstBuildMs.toFixed(0)} ms; rebuild after an edit ${ms(c.rebuildAfterEditMs)} ms ` +
          `(longest stop ${ms(c.rebuildLongestStopMs)}); draft preview ${ms(c.draftPreviewMs)} ms (longest stop ${ms(c.previewLongestStopMs)})`,
      );
    }
  })();
}
