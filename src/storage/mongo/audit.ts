import type { AuditEntry, AuditQuery, AuditRepository } from '../repositories';
import type { Collections, Filter } from './collections';
import type { AuditDoc } from './documents';
import type { QueryName } from './queries';

export function mongoAudit(c: Collections): AuditRepository {
  return {
    async append(e) {
      const doc: AuditDoc = {
        _id: e.id,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        ipHash: e.ipHash,
        details: JSON.stringify(e.details),
      };
      await c.audit.insert([doc], { ordered: true });
    },
    async list(q) {
      if (!(q.limit > 0)) return [];
      const { query, filter } = auditQuery(q);
      const docs = await c.audit.find(query, filter, { limit: q.limit });
      return docs.map(
        (d): AuditEntry => ({
          id: d._id,
          at: d.at,
          actorId: d.actorId ?? null,
          action: d.action,
          targetType: d.targetType ?? null,
          targetId: d.targetId ?? null,
          ipHash: d.ipHash ?? null,
          details: JSON.parse(d.details) as AuditEntry['details'],
        }),
      );
    },
  };
}

/** The index to walk (target, then actor, then time) and the filter; the other fields are checked on the way. */
export function auditQuery(q: AuditQuery): { query: QueryName; filter: Filter } {
  const filter: Filter = {};
  let query: QueryName = 'audit.all';
  if (q.targetType !== undefined) {
    filter.targetType = q.targetType;
    query = 'audit.byTargetType';
    if (q.targetId !== undefined) {
      filter.targetId = q.targetId;
      query = 'audit.byTarget';
    }
  } else if (q.actorId !== undefined) {
    query = 'audit.byActor';
  }
  if (q.actorId !== undefined) filter.actorId = q.actorId;
  if (q.targetId !== undefined) filter.targetId = q.targetId;
  if (q.action !== undefined) filter.action = q.action;
  const at: Record<string, number> = {};
  if (q.since !== undefined) at.$gte = q.since;
  if (q.until !== undefined) at.$lt = q.until;
  if (q.before) {
    // Strictly older in (at, id) order: an earlier ms, or the same ms and a smaller id.
    at.$lte = Math.min(q.before.at, at.$lte ?? Number.POSITIVE_INFINITY);
    filter.$or = [{ at: { $lt: q.before.at } }, { _id: { $lt: q.before.id } }];
  }
  if (Object.keys(at).length > 0) filter.at = at;
  return { query, filter };
}
