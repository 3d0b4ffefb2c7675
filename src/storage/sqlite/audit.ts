import type Database from 'better-sqlite3';
import type { AuditEntry, AuditQuery, AuditRepository } from '../repositories';

interface AuditRow {
  id: string;
  at: number;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip_hash: string | null;
  details: string;
}

const COLUMNS = 'id, at, actor_id, action, target_type, target_id, ip_hash, details';

/**
 * The SELECT for an audit list, with only the filters given (exported for the query-plan test).
 * Keyset paging on (at, id): stable while new entries arrive, and cheap on any page. Written as
 * `(@actorId IS NULL OR actor_id = @actorId)` for every filter in one statement, a list by actor
 * or by target could not use audit_log_actor or audit_log_target and walked the whole log along
 * audit_log_at instead: at 900k entries a page by a rare actor took 110-127 ms and one ticket's
 * entries 228-241 ms; along their indexes 0.4-13 ms and 0.1-0.3 ms, the first call of each
 * preparing its statement (bench/experiments/audit-filter.js).
 */
export function auditListQuery(q: AuditQuery): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit };
  const add = (clause: string, values: Record<string, string | number>) => {
    where.push(clause);
    Object.assign(params, values);
  };
  // A filter left out or null is no filter (as in the other drivers, and as this one read them before).
  if (q.since != null) add('at >= @since', { since: q.since });
  if (q.until != null) add('at < @until', { until: q.until });
  if (q.actorId != null) add('actor_id = @actorId', { actorId: q.actorId });
  if (q.action != null) add('action = @action', { action: q.action });
  // By type alone (every ticket's entries, say) the log is read newest first along audit_log_at:
  // along audit_log_target every entry of that type would be sorted before the first page.
  if (q.targetType != null) add(q.targetId != null ? 'target_type = @targetType' : '+target_type = @targetType', { targetType: q.targetType });
  if (q.targetId != null) add('target_id = @targetId', { targetId: q.targetId });
  if (q.before) add('(at < @beforeAt OR (at = @beforeAt AND id < @beforeId))', { beforeAt: q.before.at, beforeId: q.before.id });
  return { sql: `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT @limit`, params };
}

export function sqliteAudit(db: Database.Database): AuditRepository {
  const insert = db.prepare<AuditRow>(
    `INSERT INTO audit_log (${COLUMNS}) VALUES (@id, @at, @actor_id, @action, @target_type, @target_id, @ip_hash, @details)`,
  );
  // One statement per set of filters given, prepared once (auditListQuery).
  const lists = new Map<string, Database.Statement<Record<string, string | number>, AuditRow>>();
  return {
    async append(e) {
      insert.run({
        id: e.id,
        at: e.at,
        actor_id: e.actorId,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        ip_hash: e.ipHash,
        details: JSON.stringify(e.details),
      });
    },
    async list(q: AuditQuery) {
      const { sql, params } = auditListQuery(q);
      let list = lists.get(sql);
      if (!list) lists.set(sql, (list = db.prepare<Record<string, string | number>, AuditRow>(sql)));
      const rows = list.all(params);
      return rows.map(
        (r): AuditEntry => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          ipHash: r.ip_hash,
          details: JSON.parse(r.details) as AuditEntry['details'],
        }),
      );
    },
  };
}
