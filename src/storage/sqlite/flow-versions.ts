import type Database from 'better-sqlite3';
import type { FlowPublication, FlowVersionRepository, StoredFlowVersion } from '../repositories';

interface FlowVersionRow {
  flow_id: string;
  version: string;
  definition: string;
  created_at: number;
}

interface PublicationRow {
  flow_id: string;
  version: string;
  source: string | null;
  published_at: number;
  actor_id: string | null;
  note: string;
}

function toPublication(row: PublicationRow): FlowPublication {
  return { flowId: row.flow_id, version: row.version, source: row.source, publishedAt: row.published_at, actorId: row.actor_id, note: row.note };
}

function toFlowVersion(row: FlowVersionRow): StoredFlowVersion {
  return { flowId: row.flow_id, version: row.version, definition: JSON.parse(row.definition), createdAt: row.created_at };
}

export function sqliteFlowVersions(db: Database.Database): FlowVersionRepository {
  // First write wins: a version is immutable once conversations may be running on it.
  const save = db.prepare<[string, string, string, number]>(
    'INSERT INTO flow_versions (flow_id, version, definition, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (flow_id, version) DO NOTHING',
  );
  const saveOne = (v: StoredFlowVersion): void => void save.run(v.flowId, v.version, JSON.stringify(v.definition), v.createdAt);
  const saveEach = db.transaction((versions: readonly StoredFlowVersion[]) => versions.forEach(saveOne));
  const get = db.prepare<[string, string], FlowVersionRow>('SELECT flow_id, version, definition, created_at FROM flow_versions WHERE flow_id = ? AND version = ?');
  const list = db.prepare<[string], FlowVersionRow>(
    'SELECT flow_id, version, definition, created_at FROM flow_versions WHERE flow_id = ? ORDER BY created_at, rowid',
  );
  const PUB = 'flow_id, version, source, published_at, actor_id, note';
  const publish = db.prepare<[string, string, string | null, number, string | null, string]>(`INSERT INTO flow_publications (${PUB}) VALUES (?, ?, ?, ?, ?, ?)`);
  const publications = db.prepare<[string], PublicationRow>(`SELECT ${PUB} FROM flow_publications WHERE flow_id = ? ORDER BY seq DESC`);
  const published = db.prepare<[], PublicationRow>(
    `SELECT ${PUB} FROM flow_publications p WHERE seq = (SELECT max(seq) FROM flow_publications WHERE flow_id = p.flow_id) ORDER BY flow_id`,
  );
  return {
    async publish(p) {
      if (!get.get(p.flowId, p.version)) return false;
      publish.run(p.flowId, p.version, p.source, p.publishedAt, p.actorId, p.note);
      return true;
    },
    async publications(flowId) {
      return publications.all(flowId).map(toPublication);
    },
    async published() {
      return published.all().map(toPublication);
    },
    async save(v) {
      saveOne(v);
    },
    async saveAll(versions) {
      saveEach(versions);
    },
    async get(flowId, version) {
      const row = get.get(flowId, version);
      return row && toFlowVersion(row);
    },
    async list(flowId) {
      return list.all(flowId).map(toFlowVersion);
    },
  };
}
