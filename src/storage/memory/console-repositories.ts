/**
 * The console's repositories (accounts, console sessions, audit log) in plain
 * Maps, with the semantics of the SQLite driver; copies in and out, as in
 * memory-store.ts.
 */
import type { Account, AccountRepository, AuditEntry, AuditRepository, ConsoleSession, ConsoleSessionRepository } from '../repositories';

const copy = <T>(value: T): T => structuredClone(value);

export function memoryAccounts(): AccountRepository {
  const byId = new Map<string, Account>();
  const findByUsername = (username: string) => [...byId.values()].find((a) => a.username === username);
  return {
    async create(account) {
      if (findByUsername(account.username)) return false;
      if (byId.has(account.id)) throw new Error(`account id ${account.id} is already taken`);
      byId.set(account.id, copy(account));
      return true;
    },
    async get(id) {
      const a = byId.get(id);
      return a && copy(a);
    },
    async findByUsername(username) {
      const a = findByUsername(username);
      return a && copy(a);
    },
    async list() {
      return [...byId.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0)).map(copy);
    },
    async update(id, changes, now) {
      const a = byId.get(id);
      if (!a) return undefined;
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(a, { [k]: copy(v) });
      if (!a.registration) delete a.registration;
      a.updatedAt = now;
      return copy(a);
    },
  };
}

export function memoryConsoleSessions(): ConsoleSessionRepository {
  const byId = new Map<string, ConsoleSession>();
  const deleteWhere = (pred: (s: ConsoleSession) => boolean): number => {
    let n = 0;
    for (const [id, s] of byId) if (pred(s) && byId.delete(id)) n += 1;
    return n;
  };
  return {
    async create(s) {
      if (byId.has(s.id)) throw new Error('console session id is already taken');
      byId.set(s.id, copy(s));
    },
    async get(id) {
      const s = byId.get(id);
      return s && copy(s);
    },
    async touch(id, lastSeenAt) {
      const s = byId.get(id);
      if (s) s.lastSeenAt = Math.max(s.lastSeenAt, lastSeenAt);
    },
    async delete(id) {
      byId.delete(id);
    },
    async deleteForAccount(accountId, exceptId) {
      return deleteWhere((s) => s.accountId === accountId && s.id !== exceptId);
    },
    async deleteExpired(lastSeenBefore, createdBefore) {
      return deleteWhere((s) => s.lastSeenAt < lastSeenBefore || s.createdAt < createdBefore);
    },
  };
}

export function memoryAudit(): AuditRepository {
  const entries: AuditEntry[] = [];
  const newestFirst = (a: AuditEntry, b: AuditEntry) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    async append(e) {
      if (entries.some((x) => x.id === e.id)) throw new Error(`audit entry id ${e.id} is already taken`);
      entries.push(copy(e));
    },
    async list(q) {
      const { before } = q;
      return entries
        .filter(
          (e) =>
            (q.since === undefined || e.at >= q.since) &&
            (q.until === undefined || e.at < q.until) &&
            (q.actorId === undefined || e.actorId === q.actorId) &&
            (q.action === undefined || e.action === q.action) &&
            (q.targetType === undefined || e.targetType === q.targetType) &&
            (q.targetId === undefined || e.targetId === q.targetId) &&
            (before === undefined || e.at < before.at || (e.at === before.at && e.id < before.id)),
        )
        .sort(newestFirst)
        .slice(0, Math.max(0, q.limit))
        .map(copy);
    },
  };
}
