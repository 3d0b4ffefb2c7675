import type Database from 'better-sqlite3';
import type { ConsoleSession, ConsoleSessionRepository } from '../repositories';

interface SessionRow {
  id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
}

export function sqliteConsoleSessions(db: Database.Database): ConsoleSessionRepository {
  const insert = db.prepare<[string, string, number, number]>('INSERT INTO console_sessions (id, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)');
  const get = db.prepare<[string], SessionRow>('SELECT id, account_id, created_at, last_seen_at FROM console_sessions WHERE id = ?');
  const touch = db.prepare<[number, string]>('UPDATE console_sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ?');
  const del = db.prepare<[string]>('DELETE FROM console_sessions WHERE id = ?');
  const delForAccount = db.prepare<{ accountId: string; exceptId: string | null }>(
    'DELETE FROM console_sessions WHERE account_id = @accountId AND (@exceptId IS NULL OR id <> @exceptId)',
  );
  const delExpired = db.prepare<[number, number]>('DELETE FROM console_sessions WHERE last_seen_at < ? OR created_at < ?');
  return {
    async create(s) {
      insert.run(s.id, s.accountId, s.createdAt, s.lastSeenAt);
    },
    async get(id) {
      const row = get.get(id);
      return row && { id: row.id, accountId: row.account_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at };
    },
    async touch(id, lastSeenAt) {
      touch.run(lastSeenAt, id);
    },
    async delete(id) {
      del.run(id);
    },
    async deleteForAccount(accountId, exceptId) {
      return delForAccount.run({ accountId, exceptId: exceptId ?? null }).changes;
    },
    async deleteExpired(lastSeenBefore, createdBefore) {
      return delExpired.run(lastSeenBefore, createdBefore).changes;
    },
  };
}
