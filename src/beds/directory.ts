/**
 * The registry as bed search sees it: the in-memory index (bed-index.ts), loaded
 * from the store at start-up and kept current.
 *
 * Writes made through this process (imports, refreshes, desk and console updates)
 * are put into the index at once. Writes made by another process (`sahay beds
 * import` while the service runs) are noticed through the store's revision
 * counter, read at most once per `checkEveryMs` before a search: when it moved
 * by more than this process's own writes, the index is rebuilt from the store.
 */
import type { Hospital, Store } from '../storage/repositories';
import { BedIndex } from './bed-index';
import type { Gazetteer } from './gazetteer';

/** Read the store in pages, so that a large registry is never one huge array of rows. */
const PAGE = 2000;

export class BedDirectory {
  readonly index: BedIndex;
  private store: Store | undefined;
  private revision = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    gazetteer: Gazetteer,
    private readonly opts: { now: () => number; checkEveryMs?: number },
  ) {
    this.index = new BedIndex(gazetteer);
  }

  /** Use this store and load everything from it. */
  async attach(store: Store): Promise<void> {
    this.store = store;
    await this.reload();
  }

  /** Rebuild the index from the store (one at a time). */
  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const store = this.requireStore();
        const revision = await store.hospitals.revision();
        const fresh: Hospital[] = [];
        let afterId: string | undefined;
        for (;;) {
          const page = await store.hospitals.list({ limit: PAGE, ...(afterId !== undefined ? { afterId } : {}) });
          fresh.push(...page);
          if (page.length < PAGE) break;
          afterId = page.at(-1)!.id;
        }
        this.index.clear();
        for (const h of fresh) this.index.put(h);
        this.revision = revision;
        this.checkedAt = this.opts.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** Before a search: reload when another process has changed the registry (checked at most every checkEveryMs). */
  async ensureFresh(): Promise<void> {
    if (!this.store) return;
    const now = this.opts.now();
    if (now - this.checkedAt < (this.opts.checkEveryMs ?? 5000)) return;
    this.checkedAt = now;
    try {
      const revision = await this.store.hospitals.revision();
      if (revision !== this.revision) await this.reload();
    } catch {
      // The store is unreachable for a moment: answer from the index we have; the next check retries.
    }
  }

  /**
   * Record this process's own write: put the hospitals into the index, and accept
   * the store's new revision only when nothing else wrote in between (`before` is the
   * revision read just before the write).
   */
  async wrote(hospitals: Hospital[], before: number): Promise<void> {
    for (const h of hospitals) this.index.put(h);
    const after = await this.requireStore().hospitals.revision();
    if (before === this.revision && after === before + 1) this.revision = after;
  }

  private requireStore(): Store {
    if (!this.store) throw new Error('the bed directory has no store yet (call attach first)');
    return this.store;
  }
}
