/**
 * The FAQ as the bot sees it, for tests of matching and rebuilding: the configuration
 * (its default files, no data directory used), an index built in one go from it, and a
 * FaqService over a memory store with the given entries published.
 */
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { FaqIndex } from '../../src/faq/faq-index';
import { FaqService } from '../../src/faq/faq-service';
import { Synonyms } from '../../src/faq/synonyms';
import { projectRoot } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { FaqContent } from '../../src/storage/repositories';

export const faqTestConfig = loadConfig({ DATA_DIR: join(projectRoot, 'data-test-unused') });

/** An index of these entries built in one go, with the configured synonyms and matching. */
export function freshFaqIndex(contents: readonly FaqContent[]): FaqIndex {
  return new FaqIndex(contents, new Synonyms(faqTestConfig.faq.synonyms), faqTestConfig.faq.matching);
}

/** A FAQ service with these entries published (and nothing seeded). */
export async function faqServiceWith(contents: readonly FaqContent[]) {
  const store = createMemoryStore();
  const faq = new FaqService({ config: faqTestConfig.faq });
  await faq.attach(store, { seed: false });
  await store.faq.save(
    contents.map((content) => ({ content, publish: true, note: 'test' })),
    { actorId: null, at: 1 },
  );
  return { store, faq };
}
