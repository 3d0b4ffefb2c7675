import type Database from 'better-sqlite3';
import type { FlowVersionRepository, StoredFlowVersion } from '../repositories';

interface FlowVersionRow {
  flow_id: string;
  version: string;
  definition: string;
  created_at: number;
}

function toFlowVersion(row: FlowVersionRow): StoredFlowVersion {
  return { flowId: row.flow_id, version: row.version, definition: JSON.parse(row.definition), createdAt: row.created_at };
}

export function sqliteFlowVersions(db: Database.Database): FlowVersionRepository {
  // First write wins: a version is immutable once conversations may be running on it.
  const save = db.prepare<[string, string, string, number]>(
    'INSERT INTO flow_versions (flow_id, version, definition, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (flow_id, version) DO NOTHING',
  );
  const get = db.prepare<[string, string], FlowVersionRow>('SELECT flow_id, version, definition, created_at FROM flow_versions WHERE flow_id = ? AND version = ?');
  const list = db.prepare<[string], FlowVersionRow>(
    'SELECT flow_id, version, definition, created_at FROM flow_versions WHERE flow_id = ? ORDER BY created_at, rowid',
  );
  return {
    async save(v) {
      save.run(v.flowId, v.version, JSON.stringify(v.definition), v.createdAt);
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
