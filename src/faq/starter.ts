/**
 * The starter set (config/faq/starter.yaml), like the files in flows/, is a
 * shipped default: it is copied into the store, where admins edit it. An entry
 * whose id the store already has is left alone, so a new release adds its new
 * entries without undoing an admin's edits (or bringing back a withdrawn one).
 */
import { readFileSync } from 'node:fs';
import type { FaqContent, Store } from '../storage/repositories';
import { remembered } from '../remembered';
import { formatProblem, parseFaqFile, type FaqFileRow } from './faq-file';

export class StarterFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`The FAQ starter set ${file} has errors:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'StarterFileError';
  }
}

/** The starter file's text, parsed once per process for each text it has had (src/yaml-file.ts says why). */
const parsedStarter = remembered((text: string) => parseFaqFile(text, 'yaml'), { max: 4 });

export function readStarter(file: string): FaqFileRow[] {
  const { rows, problems } = structuredClone(parsedStarter(readFileSync(file, 'utf8')));
  if (problems.length > 0) throw new StarterFileError(file, problems.map(formatProblem));
  return rows;
}

/** Entries of the starter set, for benchmarks and tests that need no store. */
export function starterContents(file: string): FaqContent[] {
  return readStarter(file).map((r) => r.content);
}

/** Copy the starter entries the store does not have yet; returns how many were added. */
export async function seedStarter(store: Store, file: string, now: number): Promise<number> {
  const rows = readStarter(file);
  const known = new Set((await store.faq.list()).map((e) => e.id));
  const fresh = rows.filter((r) => !known.has(r.content.id));
  if (fresh.length === 0) return 0;
  const res = await store.faq.save(
    fresh.map((r) => ({ content: r.content, publish: r.publish, note: 'starter', baseVersion: 0 })),
    { actorId: null, at: now },
  );
  // Another process seeded at the same moment: what it stored is the same file.
  return res.status === 'saved' ? res.versions.length : 0;
}
