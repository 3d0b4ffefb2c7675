/**
 * The FAQ index is rebuilt in steps (FaqIndex.build), so that an admin's edit or a draft
 * preview never stops the bot for the whole rebuild: other work runs between the steps,
 * the index answers exactly as one built in one go, and the questions asked during a
 * rebuild share it.
 */
import { faqEntries } from '../../bench/faq-lookup';
import { ENTRIES_PER_STEP, FaqIndex } from '../../src/faq/faq-index';
import { starterContents } from '../../src/faq/starter';
import { Synonyms } from '../../src/faq/synonyms';
import { faqServiceWith, faqTestConfig as config, freshFaqIndex } from '../support/faq';

// The starter set and variants of it (the look-up bench's entries): several steps' worth.
const entries = faqEntries(starterContents(config.faq.starterFile), 450);
/** Turns of the event loop a build of them lets run at least: one between each two steps, less the ends. */
const TURNS = Math.ceil(entries.length / ENTRIES_PER_STEP) - 2;
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
    const atOnce = freshFaqIndex(entries);
    expect(inSteps.size).toBe(entries.length);
    for (const q of QUESTIONS) expect(inSteps.query(q)).toEqual(atOnce.query(q));
    expect(atOnce.query(QUESTIONS[0]!)[0]?.confidence).toBeGreaterThan(0.5);
  });

  it('lets other work run while it is built', async () => {
    const { turns } = await turnsWhile(FaqIndex.build(entries, new Synonyms(config.faq.synonyms), config.faq.matching));
    // The event loop turned between the steps (built in one go, it would not turn at all).
    expect(TURNS).toBeGreaterThanOrEqual(2);
    expect(turns).toBeGreaterThanOrEqual(TURNS);
  });

  it('rebuilds once after an edit for every question asked meanwhile, and answers them from the edit', async () => {
    const { store, faq } = await faqServiceWith(entries);
    await faq.match(QUESTIONS[0]!);
    // The edit adds a word no entry had: only an index built from the edit can find it.
    const edited = { ...entries[3]!, answers: { ...entries[3]!.answers, en: 'Edited: ask the zanzibarite desk.' } };
    await store.faq.save([{ content: edited, publish: true, note: 'edit' }], { actorId: null, at: 2 });

    const build = jest.spyOn(FaqIndex, 'build');
    try {
      const asked = [...QUESTIONS, 'zanzibarite'];
      const { value: answers, turns } = await turnsWhile(Promise.all(asked.map((q) => faq.match(q))));
      expect(build).toHaveBeenCalledTimes(1);
      expect(turns).toBeGreaterThanOrEqual(TURNS);
      expect(answers.at(-1)!.candidates.map((c) => c.content)).toContainEqual(edited);
      // Every answer is the edited index's: the same as a fresh index over the edited entries gives.
      const fresh = freshFaqIndex(entries.map((e) => (e.id === edited.id ? edited : e)));
      for (const [i, q] of asked.entries()) {
        const top = fresh.query(q)[0];
        if (top) expect(answers[i]!.candidates[0]).toMatchObject({ id: top.id, confidence: top.confidence });
        else expect(answers[i]!.candidates).toEqual([]);
      }
      await expect(faq.published(edited.id)).resolves.toEqual(edited);
      // Nothing changed since: no second build.
      expect(build).toHaveBeenCalledTimes(1);
    } finally {
      build.mockRestore();
      await store.close();
    }
  });

  it('builds one revision at a time: an edit published during a build is built next, and answered from', async () => {
    const { store, faq } = await faqServiceWith(entries);
    const original = FaqIndex.build.bind(FaqIndex);
    let running = 0;
    let most = 0;
    const build = jest.spyOn(FaqIndex, 'build').mockImplementation(async (...args) => {
      most = Math.max(most, ++running);
      try {
        return await original(...args);
      } finally {
        running--;
      }
    });
    try {
      const first = faq.match(QUESTIONS[0]!);
      // Let the first build get going, then publish an edit.
      while (running === 0) await new Promise((resolve) => setImmediate(resolve));
      const edited = { ...entries[5]!, answers: { ...entries[5]!.answers, en: 'Edited: the quokkanite line.' } };
      await store.faq.save([{ content: edited, publish: true, note: 'edit' }], { actorId: null, at: 2 });
      // Published while the first build still runs.
      expect(running).toBe(1);
      const second = await faq.match('quokkanite');
      // The first question is answered from the entries as they were when it was asked.
      const before = freshFaqIndex(entries).query(QUESTIONS[0]!)[0]!;
      expect((await first).candidates[0]).toMatchObject({ id: before.id, confidence: before.confidence });
      expect(second.candidates.map((c) => c.content)).toContainEqual(edited);
      expect(build).toHaveBeenCalledTimes(2);
      expect(most).toBe(1);
    } finally {
      build.mockRestore();
      await store.close();
    }
  });
});
