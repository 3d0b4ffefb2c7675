/**
 * The FAQ index is rebuilt in steps (FaqIndex.build), so that an admin's edit or a draft
 * preview never stops the bot for the whole rebuild: other work runs between the steps,
 * the index answers exactly as one built in one go, and the questions asked during a
 * rebuild share it.
 */
import { join } from 'node:path';
import { faqEntries } from '../../bench/faq-lookup';
import { loadConfig } from '../../src/config';
import { FaqIndex } from '../../src/faq/faq-index';
import { FaqService } from '../../src/faq/faq-service';
import { starterContents } from '../../src/faq/starter';
import { Synonyms } from '../../src/faq/synonyms';
import { projectRoot } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';

const config = loadConfig({ DATA_DIR: join(projectRoot, 'data-test-unused') });
// The starter set and variants of it (the look-up bench's entries): several steps' worth.
const entries = faqEntries(starterContents(config.faq.starterFile), 450);
const QUESTIONS = ['how long should I isolate', 'koto din isolation e thakbo', 'टीका कहाँ लगवाएं', 'অক্সিজেন কত হলে হাসপাতালে যাব', 'oximeter in Howrah', 'weather in Kolkata'];

/** How many turns of the event loop `work` let run before it settled. */
async function turnsWhile<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work;
  done = true;
  return { value, turns };
}

describe('the FAQ index built in steps', () => {
  it('answers every question exactly as an index built in one go', async () => {
    const synonyms = new Synonyms(config.faq.synonyms);
    const inSteps = await FaqIndex.build(entries, synonyms, config.faq.matching);
    const atOnce = new FaqIndex(entries, synonyms, config.faq.matching);
    expect(inSteps.size).toBe(entries.length);
    for (const q of QUESTIONS) expect(inSteps.query(q)).toEqual(atOnce.query(q));
    expect(atOnce.query(QUESTIONS[0]!)[0]?.confidence).toBeGreaterThan(0.5);
  });

  it('lets other work run while it is built', async () => {
    const { turns } = await turnsWhile(FaqIndex.build(entries, new Synonyms(config.faq.synonyms), config.faq.matching));
    // 450 entries are five steps: the event loop turned between them (built in one go, it would not turn at all).
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('rebuilds once after an edit for every question asked meanwhile, and answers them from the edit', async () => {
    const store = createMemoryStore();
    const faq = new FaqService({ config: config.faq });
    await faq.attach(store, { seed: false });
    await store.faq.save(
      entries.map((content) => ({ content, publish: true, note: 'test' })),
      { actorId: null, at: 1 },
    );
    await faq.match(QUESTIONS[0]!);
    const edited = { ...entries[3]!, answers: { ...entries[3]!.answers, en: 'Edited: ask the district control room.' } };
    await store.faq.save([{ content: edited, publish: true, note: 'edit' }], { actorId: null, at: 2 });

    const build = jest.spyOn(FaqIndex, 'build');
    try {
      const { value: answers, turns } = await turnsWhile(Promise.all(QUESTIONS.map((q) => faq.match(q))));
      expect(build).toHaveBeenCalledTimes(1);
      expect(turns).toBeGreaterThanOrEqual(3);
      expect(answers.map((a) => a.outcome)).toEqual(await Promise.all(QUESTIONS.map(async (q) => (await faq.match(q)).outcome)));
      await expect(faq.published(edited.id)).resolves.toEqual(edited);
      // Nothing changed since: no second build.
      expect(build).toHaveBeenCalledTimes(1);
    } finally {
      build.mockRestore();
    }
    await store.close();
  });
});
