/**
 * FAQ entries in plain Maps, with the SQLite driver's semantics (the contract
 * suite checks both): versions append-only, a save of many items all or
 * nothing, copies in and out.
 */
import type { FaqEntryRecord, FaqRepository, FaqVersion } from '../repositories';

interface Entry {
  id: string;
  versions: FaqVersion[];
  publishedVersion: number | null;
  createdAt: number;
  updatedAt: number;
}

const copy = structuredClone;

export function memoryFaq(): FaqRepository {
  const entries = new Map<string, Entry>();
  let revision = 0;

  const record = (e: Entry): FaqEntryRecord => {
    const latest = e.versions.at(-1)!;
    const published = e.publishedVersion === null ? null : (e.versions[e.publishedVersion - 1] ?? null);
    return copy({ id: e.id, latest, published, createdAt: e.createdAt, updatedAt: e.updatedAt });
  };

  return {
    async save(items, by) {
      // Check every item first: nothing is stored when one conflicts.
      const next = new Map<string, number>();
      for (const item of items) {
        const id = item.content.id;
        const latest = next.get(id) ?? entries.get(id)?.versions.length ?? 0;
        if (item.baseVersion !== undefined && item.baseVersion !== latest) return { status: 'conflict', entryId: id, latestVersion: latest };
        if (item.basePublishedVersion !== undefined && item.basePublishedVersion !== (entries.get(id)?.publishedVersion ?? null)) return { status: 'conflict', entryId: id, latestVersion: latest };
        next.set(id, latest + 1);
      }
      const saved: FaqVersion[] = [];
      for (const item of items) {
        const id = item.content.id;
        let e = entries.get(id);
        if (!e) {
          e = { id, versions: [], publishedVersion: null, createdAt: by.at, updatedAt: by.at };
          entries.set(id, e);
        }
        const v: FaqVersion = { entryId: id, version: e.versions.length + 1, content: copy(item.content), savedAt: by.at, actorId: by.actorId, note: item.note };
        e.versions.push(v);
        if (item.publish) e.publishedVersion = v.version;
        e.updatedAt = by.at;
        saved.push(copy(v));
      }
      if (items.length > 0) revision += 1;
      return { status: 'saved', versions: saved };
    },
    async setPublished(id, version, at, seen) {
      const e = entries.get(id);
      if (!e) return undefined;
      if (seen && (e.versions.length !== seen.latestVersion || e.publishedVersion !== seen.publishedVersion)) return 'conflict';
      if (version !== null && (version < 1 || version > e.versions.length || !Number.isInteger(version))) return undefined;
      e.publishedVersion = version;
      e.updatedAt = at;
      revision += 1;
      return record(e);
    },
    async get(id) {
      const e = entries.get(id);
      return e && record(e);
    },
    async list() {
      return [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(record);
    },
    async versions(id) {
      return copy([...(entries.get(id)?.versions ?? [])].reverse());
    },
    async version(id, version) {
      const v = entries.get(id)?.versions.find((x) => x.version === version);
      return v && copy(v);
    },
    async revision() {
      return revision;
    },
  };
}
