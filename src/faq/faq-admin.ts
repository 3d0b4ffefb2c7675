/**
 * Changing the FAQ: the operations the console and `sahay faq import` share.
 * Every change appends a version (nothing is overwritten), so an earlier
 * answer can always be looked at and brought back. Callers write the audit
 * entry: they know who acted and from where.
 */
import type { Language } from '../engine/flow';
import type { FaqContent, FaqEntryRecord, FaqVersion, Store } from '../storage/repositories';
import { missingLanguages, sameContent, titleOf } from './content';
import type { FaqFileRow } from './faq-file';

export type EntryStatus = 'published' | 'changed' | 'draft';

export interface EntrySummary {
  id: string;
  title: string;
  topics: string[];
  status: EntryStatus;
  latestVersion: number;
  publishedVersion: number | null;
  /** Languages the latest version has no answer in. */
  missing: Language[];
  reviewed: string;
  updatedAt: number;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Entries the import left published (new or updated rows with status published). */
  published: number;
  drafts: number;
}

export type SaveOutcome = { status: 'saved'; record: FaqEntryRecord } | { status: 'conflict'; latestVersion: number };

export class FaqAdmin {
  constructor(private readonly deps: { store: Store; now: () => number }) {}

  async list(): Promise<EntrySummary[]> {
    return (await this.deps.store.faq.list()).map(summarize);
  }

  records(): Promise<FaqEntryRecord[]> {
    return this.deps.store.faq.list();
  }

  get(id: string): Promise<FaqEntryRecord | undefined> {
    return this.deps.store.faq.get(id);
  }

  versions(id: string): Promise<FaqVersion[]> {
    return this.deps.store.faq.versions(id);
  }

  /** Save an edit as a new version (a draft unless `publish`), if nobody saved the entry since `baseVersion`. */
  async save(content: FaqContent, opts: { publish: boolean; baseVersion: number; actorId: string | null }): Promise<SaveOutcome> {
    const res = await this.deps.store.faq.save([{ content, publish: opts.publish, note: 'edit', baseVersion: opts.baseVersion }], { actorId: opts.actorId, at: this.deps.now() });
    if (res.status === 'conflict') return { status: 'conflict', latestVersion: res.latestVersion };
    const record = await this.deps.store.faq.get(content.id);
    return { status: 'saved', record: record! };
  }

  /** Make a version (by default the latest) the one the bot answers with. */
  async publish(id: string, version?: number): Promise<FaqEntryRecord | undefined> {
    const record = await this.deps.store.faq.get(id);
    if (!record) return undefined;
    return this.deps.store.faq.setPublished(id, version ?? record.latest.version, this.deps.now());
  }

  /** Stop answering with the entry (it stays, with its history, as a draft). */
  withdraw(id: string): Promise<FaqEntryRecord | undefined> {
    return this.deps.store.faq.setPublished(id, null, this.deps.now());
  }

  /**
   * Bring back an earlier version's text as a new, published version: the
   * history keeps the rolled-back text, and what the bot says is the old text.
   */
  async rollback(id: string, version: number, opts: { actorId: string | null }): Promise<SaveOutcome | undefined> {
    const old = await this.deps.store.faq.version(id, version);
    const record = await this.deps.store.faq.get(id);
    if (!old || !record) return undefined;
    const res = await this.deps.store.faq.save([{ content: old.content, publish: true, note: `rollback:${version}`, baseVersion: record.latest.version }], {
      actorId: opts.actorId,
      at: this.deps.now(),
    });
    if (res.status === 'conflict') return { status: 'conflict', latestVersion: res.latestVersion };
    return { status: 'saved', record: (await this.deps.store.faq.get(id))! };
  }

  /**
   * Store the rows of a checked file in one transaction: a new version for each
   * row whose text or status differs from the entry's latest version; rows that
   * change nothing add nothing. All or nothing: another save in between makes
   * the whole import fail (run it again).
   */
  async import(rows: readonly FaqFileRow[], opts: { actorId: string | null }): Promise<ImportSummary | { conflict: string }> {
    const existing = new Map((await this.deps.store.faq.list()).map((r) => [r.id, r]));
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, published: 0, drafts: 0 };
    const items = rows.flatMap((row) => {
      const current = existing.get(row.content.id);
      const livesAsLatest = current?.published?.version === current?.latest.version;
      if (current && sameContent(current.latest.content, row.content) && livesAsLatest === row.publish) {
        summary.unchanged += 1;
        return [];
      }
      if (current) summary.updated += 1;
      else summary.created += 1;
      if (row.publish) summary.published += 1;
      else summary.drafts += 1;
      return [{ content: row.content, publish: row.publish, note: 'import', baseVersion: current?.latest.version ?? 0 }];
    });
    if (items.length === 0) return summary;
    const res = await this.deps.store.faq.save(items, { actorId: opts.actorId, at: this.deps.now() });
    return res.status === 'conflict' ? { conflict: res.entryId } : summary;
  }

  /** Every entry's latest version, with its status: what `sahay faq export` writes. */
  async exportRows(): Promise<FaqFileRow[]> {
    return (await this.deps.store.faq.list()).map((r, i) => ({ row: i + 1, content: r.latest.content, publish: r.published?.version === r.latest.version }));
  }
}

export function summarize(r: FaqEntryRecord): EntrySummary {
  const status: EntryStatus = r.published === null ? 'draft' : r.published.version === r.latest.version ? 'published' : 'changed';
  return {
    id: r.id,
    title: titleOf(r.latest.content, 'en'),
    topics: r.latest.content.topics,
    status,
    latestVersion: r.latest.version,
    publishedVersion: r.published?.version ?? null,
    missing: missingLanguages(r.latest.content),
    reviewed: r.latest.content.reviewed,
    updatedAt: r.updatedAt,
  };
}
