/**
 * FAQ entries in SQLite (tables from the "faq entries" migration): one row per
 * entry pointing at its latest and published versions, and the versions as
 * append-only rows with the content as JSON. A save runs in one IMMEDIATE
 * transaction, so an import of many entries is all or nothing.
 */
import type Database from 'better-sqlite3';
import type { FaqContent, FaqEntryRecord, FaqRepository, FaqSaveResult, FaqSeen, FaqVersion } from '../repositories';

interface EntryRow {
  id: string;
  latest_version: number;
  published_version: number | null;
  created_at: number;
  updated_at: number;
}

interface VersionRow {
  entry_id: string;
  version: number;
  content: string;
  saved_at: number;
  actor_id: string | null;
  note: string;
}

const VERSION_COLUMNS = 'entry_id, version, content, saved_at, actor_id, note';

function toVersion(r: VersionRow): FaqVersion {
  return { entryId: r.entry_id, version: r.version, content: JSON.parse(r.content) as FaqContent, savedAt: r.saved_at, actorId: r.actor_id, note: r.note };
}

/** Thrown inside the transaction to roll it back; never leaves this file. */
class Conflict extends Error {
  constructor(
    readonly entryId: string,
    readonly latestVersion: number,
  ) {
    super('conflict');
  }
}

export function sqliteFaq(db: Database.Database): FaqRepository {
  const getEntry = db.prepare<[string], EntryRow>('SELECT id, latest_version, published_version, created_at, updated_at FROM faq_entries WHERE id = ?');
  const listEntries = db.prepare<[], EntryRow>('SELECT id, latest_version, published_version, created_at, updated_at FROM faq_entries ORDER BY id');
  const getVersion = db.prepare<[string, number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM faq_versions WHERE entry_id = ? AND version = ?`);
  const listVersions = db.prepare<[string], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM faq_versions WHERE entry_id = ? ORDER BY version DESC`);
  const insertEntry = db.prepare<[string, number, number | null, number, number]>(
    'INSERT INTO faq_entries (id, latest_version, published_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateEntry = db.prepare<[number, number | null, number, string]>(
    'UPDATE faq_entries SET latest_version = ?, published_version = ?, updated_at = ? WHERE id = ?',
  );
  const insertVersion = db.prepare<[string, number, string, number, string | null, string]>(
    `INSERT INTO faq_versions (${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const bump = db.prepare('UPDATE faq_revision SET revision = revision + 1 WHERE id = 1');
  const revision = db.prepare<[], number>('SELECT revision FROM faq_revision WHERE id = 1').pluck();

  const record = (row: EntryRow): FaqEntryRecord => {
    const latest = getVersion.get(row.id, row.latest_version);
    if (!latest) throw new Error(`faq entry ${row.id} has no version ${row.latest_version}`);
    const published = row.published_version === null ? undefined : getVersion.get(row.id, row.published_version);
    return { id: row.id, latest: toVersion(latest), published: published ? toVersion(published) : null, createdAt: row.created_at, updatedAt: row.updated_at };
  };

  const save = db.transaction((items: Parameters<FaqRepository['save']>[0], by: Parameters<FaqRepository['save']>[1]): FaqVersion[] => {
    const saved: FaqVersion[] = [];
    for (const item of items) {
      const id = item.content.id;
      const row = getEntry.get(id);
      const latest = row?.latest_version ?? 0;
      if (item.baseVersion !== undefined && item.baseVersion !== latest) throw new Conflict(id, latest);
      if (item.basePublishedVersion !== undefined && item.basePublishedVersion !== (row?.published_version ?? null)) throw new Conflict(id, latest);
      const version = latest + 1;
      // The entry row first: versions reference it.
      if (row) updateEntry.run(version, item.publish ? version : row.published_version, by.at, id);
      else insertEntry.run(id, version, item.publish ? version : null, by.at, by.at);
      insertVersion.run(id, version, JSON.stringify(item.content), by.at, by.actorId, item.note);
      saved.push({ entryId: id, version, content: structuredClone(item.content), savedAt: by.at, actorId: by.actorId, note: item.note });
    }
    if (items.length > 0) bump.run();
    return saved;
  });

  const setPublished = db.transaction((id: string, version: number | null, at: number, seen?: FaqSeen): FaqEntryRecord | 'conflict' | undefined => {
    const row = getEntry.get(id);
    if (!row) return undefined;
    if (seen && (row.latest_version !== seen.latestVersion || row.published_version !== seen.publishedVersion)) return 'conflict';
    if (version !== null && !getVersion.get(id, version)) return undefined;
    updateEntry.run(row.latest_version, version, at, id);
    bump.run();
    return record({ ...row, published_version: version, updated_at: at });
  });

  return {
    async save(items, by): Promise<FaqSaveResult> {
      try {
        return { status: 'saved', versions: save.immediate(items, by) };
      } catch (err) {
        if (err instanceof Conflict) return { status: 'conflict', entryId: err.entryId, latestVersion: err.latestVersion };
        throw err;
      }
    },
    async setPublished(id, version, at, seen) {
      return setPublished.immediate(id, version, at, seen);
    },
    async get(id) {
      const row = getEntry.get(id);
      return row && record(row);
    },
    async list() {
      return listEntries.all().map(record);
    },
    async versions(id) {
      return listVersions.all(id).map(toVersion);
    },
    async version(id, version) {
      const row = getVersion.get(id, version);
      return row && toVersion(row);
    },
    async revision() {
      return revision.get() ?? 0;
    },
  };
}
