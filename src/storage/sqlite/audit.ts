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

interface ListParams {
  since: number | null;
  until: number | null;
  actorId: string | null;
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  beforeAt: number | null;
  beforeId: string | null;
  limit: number;
}

const COLUMNS = 'id, at, actor_id, action, target_type, target_id, ip_hash, details';

export function sqliteAudit(db: Database.Database): AuditRepository {
  const insert = db.prepare<AuditRow>(
    `INSERT INTO audit_log (${COLUMNS}) VALUES (@id, @at, @actor_id, @action, @target_type, @target_id, @ip_hash, @details)`,
  );
  // Keyset paging on (at, id): stable while new entries arrive, and cheap on any page.
  const list = db.prepare<ListParams, AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log
     WHERE (@since IS NULL OR at >= @since) AND (@until IS NULL OR at < @until)
       AND (@actorId IS NULL OR actor_id = @actorId) AND (@action IS NULL OR action = @action)
       AND (@targetType IS NULL OR target_type = @targetType) AND (@targetId IS NULL OR target_id = @targetId)
       AND (@beforeAt IS NULL OR at < @beforeAt OR (at = @beforeAt AND id < @beforeId))
     ORDER BY at DESC, id DESC LIMIT @limit`,
  );
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
      const rows = list.all({
        since: q.since ?? null,
        until: q.until ?? null,
        actorId: q.actorId ?? null,
        action: q.action ?? null,
        targetType: q.targetType ?? null,
        targetId: q.targetId ?? null,
        beforeAt: q.before?.at ?? null,
        beforeId: q.before?.id ?? null,
        limit: q.limit,
      });
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
