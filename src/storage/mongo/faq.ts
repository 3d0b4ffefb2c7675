/**
 * FAQ entries on MongoDB: `faq_entries` points at each entry's latest and
 * published versions, `faq_versions` holds the append-only history, and the
 * `counters` document `faq` is the revision. A version number is taken by
 * inserting it under the unique (entryId, version) key, so two processes saving
 * the same entry cannot both take it. On a replica set a save is one
 * transaction (all or nothing); without one, the whole save is checked for
 * conflicts first and then written entry by entry — a crash midway leaves the
 * first entries saved (re-running an import saves the rest).
 */
import type { FaqContent, FaqEntryRecord, FaqRepository, FaqSaveItem, FaqSaveResult, FaqVersion } from '../repositories';
import type { Collections } from './collections';
import { bumpCounter, readCounter } from './counters';
import type { FaqEntryDoc, FaqVersionDoc } from './documents';
import { DuplicateKeyError } from './errors';

const REVISION = 'faq';

export function toFaqVersion(d: FaqVersionDoc): FaqVersion {
  return { entryId: d.entryId, version: d.version, content: JSON.parse(d.content) as FaqContent, savedAt: d.savedAt, actorId: d.actorId ?? null, note: d.note };
}

export function faqVersionDoc(v: FaqVersion): FaqVersionDoc {
  return { _id: `${v.entryId}@${v.version}`, entryId: v.entryId, version: v.version, content: JSON.stringify(v.content), savedAt: v.savedAt, actorId: v.actorId, note: v.note };
}

/** Thrown to roll a save back; never leaves this file. */
class Conflict extends Error {
  constructor(
    readonly entryId: string,
    readonly latestVersion: number,
  ) {
    super('conflict');
  }
}

type Run = <T>(fn: (c: Collections) => Promise<T>) => Promise<T>;

export function mongoFaq(c: Collections, transaction: Run | null): FaqRepository {
  const atomically: Run = transaction ?? ((fn) => fn(c));

  async function latestOf(cc: Collections, id: string): Promise<number> {
    // The history is the truth (an entry document a crash left behind still points at an older one).
    const [newest] = await cc.faqVersions.find('faqVersions.ofEntry', { entryId: id }, { limit: 1 });
    return newest?.version ?? 0;
  }

  async function records(cc: Collections, entries: FaqEntryDoc[]): Promise<FaqEntryRecord[]> {
    if (entries.length === 0) return [];
    const wanted = new Set(entries.flatMap((e) => [e.latestVersion, ...(e.publishedVersion === null ? [] : [e.publishedVersion])]));
    const docs = await cc.faqVersions.find('faqVersions.byKey', { entryId: { $in: entries.map((e) => e._id) }, version: { $in: [...wanted] } });
    const byKey = new Map(docs.map((d) => [d._id, d]));
    return entries.map((e) => {
      const latest = byKey.get(`${e._id}@${e.latestVersion}`);
      if (!latest) throw new Error(`faq entry ${e._id} has no version ${e.latestVersion}`);
      const published = e.publishedVersion === null ? undefined : byKey.get(`${e._id}@${e.publishedVersion}`);
      return { id: e._id, latest: toFaqVersion(latest), published: published ? toFaqVersion(published) : null, createdAt: e.createdAt, updatedAt: e.updatedAt };
    });
  }

  async function saveOne(cc: Collections, item: FaqSaveItem, by: { actorId: string | null; at: number }, expected: number): Promise<FaqVersion> {
    const id = item.content.id;
    const v: FaqVersion = { entryId: id, version: expected + 1, content: structuredClone(item.content), savedAt: by.at, actorId: by.actorId, note: item.note };
    try {
      await cc.faqVersions.insert([faqVersionDoc(v)], { ordered: true });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new Conflict(id, await latestOf(cc, id));
      throw err;
    }
    const entry = await cc.faqEntries.findOne('faqEntries.byId', { _id: id });
    if (!entry) {
      try {
        await cc.faqEntries.insert([{ _id: id, latestVersion: v.version, publishedVersion: item.publish ? v.version : null, createdAt: by.at, updatedAt: by.at }], { ordered: true });
        return v;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err; // created meanwhile: advance it below
      }
    }
    const set: Record<string, unknown> = { latestVersion: v.version, updatedAt: by.at };
    if (item.publish) set.publishedVersion = v.version;
    await cc.faqEntries.updateOne('faqEntries.advance', { _id: id, latestVersion: { $lt: v.version } }, { $set: set });
    return v;
  }

  return {
    async save(items, by): Promise<FaqSaveResult> {
      if (items.length === 0) return { status: 'saved', versions: [] };
      try {
        const versions = await atomically(async (cc) => {
          // Check every item first: nothing is stored when one conflicts.
          const next = new Map<string, number>();
          const expected: number[] = [];
          for (const item of items) {
            const id = item.content.id;
            const latest = next.get(id) ?? (await latestOf(cc, id));
            if (item.baseVersion !== undefined && item.baseVersion !== latest) throw new Conflict(id, latest);
            if (item.basePublishedVersion !== undefined) {
              const entry = await cc.faqEntries.findOne('faqEntries.byId', { _id: id });
              if ((entry?.publishedVersion ?? null) !== item.basePublishedVersion) throw new Conflict(id, latest);
            }
            expected.push(latest);
            next.set(id, latest + 1);
          }
          const saved: FaqVersion[] = [];
          for (const [i, item] of items.entries()) saved.push(await saveOne(cc, item, by, expected[i]!));
          await bumpCounter(cc, REVISION);
          return saved;
        });
        return { status: 'saved', versions };
      } catch (err) {
        if (err instanceof Conflict) return { status: 'conflict', entryId: err.entryId, latestVersion: err.latestVersion };
        throw err;
      }
    },
    async setPublished(id, version, at, seen) {
      return atomically(async (cc) => {
        const entry = await cc.faqEntries.findOne('faqEntries.byId', { _id: id });
        if (!entry) return undefined;
        if (seen && ((await latestOf(cc, id)) !== seen.latestVersion || entry.publishedVersion !== seen.publishedVersion)) return 'conflict' as const;
        if (version !== null && !(await cc.faqVersions.findOne('faqVersions.byKey', { entryId: id, version }))) return undefined;
        await cc.faqEntries.updateOne('faqEntries.byId', { _id: id }, { $set: { publishedVersion: version, updatedAt: at } });
        await bumpCounter(cc, REVISION);
        const [record] = await records(cc, [{ ...entry, publishedVersion: version, updatedAt: at }]);
        return record;
      });
    },
    async get(id) {
      const entry = await c.faqEntries.findOne('faqEntries.byId', { _id: id });
      return entry ? (await records(c, [entry]))[0] : undefined;
    },
    async list() {
      return records(c, await c.faqEntries.find('faqEntries.all', {}));
    },
    async versions(id) {
      return (await c.faqVersions.find('faqVersions.ofEntry', { entryId: id })).map(toFaqVersion);
    },
    async version(id, version) {
      const d = await c.faqVersions.findOne('faqVersions.byKey', { entryId: id, version });
      return d ? toFaqVersion(d) : undefined;
    },
    async revision() {
      return readCounter(c, REVISION);
    },
  };
}
