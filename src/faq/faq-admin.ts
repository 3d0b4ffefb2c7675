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

/**
 * A save: done, or refused because someone saved since `baseVersion` (`publishedVersion` is
 * named too when the save checked it: a publishing save that found the published version moved).
 */
export type SaveOutcome = { status: 'saved'; record: FaqEntryRecord } | { status: 'conflict'; latestVersion: number; publishedVersion?: number | null };

/**
 * The entry as the admin's page showed it, named by a publish, a withdrawal or a
 * rollback. Both numbers count: a colleague may have saved a new version (the
 * latest moved) or published or withdrawn one (only the published one moved), and
 * either way the admin is deciding about an entry they have not seen.
 */
export interface SeenEntry {
  /** The latest version the page showed. */
  baseVersion: number;
  /** The version the bot answered with then (null: none). */
  basePublishedVersion: number | null;
}

/** A publish, withdrawal or rollback: done, or refused (nothing changed) because the entry is no longer as the admin saw it. */
export type ChangeOutcome = { status: 'saved'; record: FaqEntryRecord } | { status: 'conflict'; latestVersion: number; publishedVersion: number | null };

/** A publish: as a change, or `unchanged` (nothing stored) when the version asked for is already the one the bot answers with. */
export type PublishOutcome = ChangeOutcome | { status: 'unchanged'; record: FaqEntryRecord };

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

  /**
   * Save an edit as a new version (a draft unless `publish`), if nobody saved the entry since
   * `baseVersion` and, when `basePublishedVersion` is given (a publishing save gives it), nobody
   * published or withdrew it since either: a save that publishes must not put an entry a colleague
   * withdrew back in front of patients unseen. Checked by the store in the write's own transaction.
   */
  async save(content: FaqContent, opts: { publish: boolean; baseVersion: number; basePublishedVersion?: number | null; actorId: string | null }): Promise<SaveOutcome> {
    const item = { content, publish: opts.publish, note: 'edit', baseVersion: opts.baseVersion, ...(opts.basePublishedVersion !== undefined ? { basePublishedVersion: opts.basePublishedVersion } : {}) };
    const res = await this.deps.store.faq.save([item], { actorId: opts.actorId, at: this.deps.now() });
    if (res.status === 'conflict') {
      if (opts.basePublishedVersion === undefined) return { status: 'conflict', latestVersion: res.latestVersion };
      const current = await this.deps.store.faq.get(content.id);
      return current ? conflictWith(current) : { status: 'conflict', latestVersion: res.latestVersion, publishedVersion: null };
    }
    const record = await this.deps.store.faq.get(content.id);
    return { status: 'saved', record: record! };
  }

  /**
   * Make a version the one the bot answers with: by default the latest one the
   * admin saw (never one saved after it, which they have not read). The version
   * the bot already answers with is `unchanged`: nothing is stored (a publication
   * that changes nothing would read in the history and the audit log as a change).
   */
  async publish(id: string, seen: SeenEntry, version: number = seen.baseVersion): Promise<PublishOutcome | undefined> {
    const record = await this.deps.store.faq.get(id);
    if (!record) return undefined;
    if (!isAsSeen(record, seen)) return conflictWith(record);
    if (record.published?.version === version) return { status: 'unchanged', record };
    return this.setPublished(id, version, seen);
  }

  /**
   * Stop answering with the entry (it stays, with its history, as a draft). An entry the bot
   * does not answer with already is `unchanged`: nothing is stored.
   */
  async withdraw(id: string, seen: SeenEntry): Promise<PublishOutcome | undefined> {
    const record = await this.deps.store.faq.get(id);
    if (!record) return undefined;
    if (!isAsSeen(record, seen)) return conflictWith(record);
    if (record.published === null) return { status: 'unchanged', record };
    return this.setPublished(id, null, seen);
  }

  /** Publish or withdraw if the entry is still as the admin saw it: the store checks that as it writes (no save or publication slips in between). */
  private async setPublished(id: string, version: number | null, seen: SeenEntry): Promise<ChangeOutcome | undefined> {
    const res = await this.deps.store.faq.setPublished(id, version, this.deps.now(), { latestVersion: seen.baseVersion, publishedVersion: seen.basePublishedVersion });
    if (res === 'conflict') return conflictWith((await this.deps.store.faq.get(id))!);
    return res && { status: 'saved', record: res };
  }

  /**
   * Bring back an earlier version's text as a new, published version: the
   * history keeps the rolled-back text, and what the bot says is the old text.
   */
  async rollback(id: string, version: number, seen: SeenEntry, opts: { actorId: string | null }): Promise<PublishOutcome | undefined> {
    const old = await this.deps.store.faq.version(id, version);
    const record = await this.deps.store.faq.get(id);
    if (!old || !record) return undefined;
    if (!isAsSeen(record, seen)) return conflictWith(record);
    // Back to the version that is both the latest and the one the bot answers with: nothing to bring back.
    if (record.latest.version === version && record.published?.version === version) return { status: 'unchanged', record };
    // The store checks both versions again as it writes: a save or publication in between is refused too.
    const res = await this.deps.store.faq.save([{ content: old.content, publish: true, note: `rollback:${version}`, baseVersion: seen.baseVersion, basePublishedVersion: seen.basePublishedVersion }], {
      actorId: opts.actorId,
      at: this.deps.now(),
    });
    if (res.status === 'conflict') return conflictWith((await this.deps.store.faq.get(id))!);
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

/**
 * Whether the entry is still as the admin saw it. Checked just before the write:
 * a publish or withdrawal by someone else in the milliseconds between is not
 * caught (the store's setPublished takes no expected state); a save is, by the store.
 */
function isAsSeen(r: FaqEntryRecord, seen: SeenEntry): boolean {
  return r.latest.version === seen.baseVersion && (r.published?.version ?? null) === seen.basePublishedVersion;
}

function conflictWith(r: FaqEntryRecord): Extract<ChangeOutcome, { status: 'conflict' }> {
  return { status: 'conflict', latestVersion: r.latest.version, publishedVersion: r.published?.version ?? null };
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
