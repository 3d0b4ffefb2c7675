/**
 * The outbox on MongoDB, shared by several Sahay processes. `due()` does not
 * only read: it leases what it returns to this store instance (this process)
 * for `leaseMs`, and leaves out items another live process holds, so that two
 * processes sweeping the same outbox never send one message twice. Per user the
 * answer stops at the first item held elsewhere: a later message is never handed
 * out while an earlier one to the same person is in another process's hands.
 * markSent/markFailed/postpone end the lease; a process that dies holding items loses
 * them when the lease runs out.
 */
import type { ChannelName } from '../../router/message';
import type { OutboxRepository, OutboxStatus } from '../repositories';
import type { Collections, Filter } from './collections';
import type { OutboxDoc } from './documents';
import { toOutboxItem } from './mapping';
import type { QueryName } from './queries';
import { OUTBOX_STATUSES } from './schema-types';

export interface OutboxLeaseOptions {
  /** Who this store instance is (one per process). */
  owner: string;
  /** How long items handed out by due() stay this instance's (ms). */
  leaseMs: number;
  /** Wall clock for leases (ms). due(now) cannot serve: the deliverer passes "everything" as now. */
  clock: () => number;
}

export function mongoOutbox(c: Collections, opts: OutboxLeaseOptions): OutboxRepository {
  async function lease(docs: OutboxDoc[]): Promise<OutboxDoc[]> {
    if (docs.length === 0) return [];
    const now = opts.clock();
    const free = (d: OutboxDoc) => d.leaseOwner === undefined || d.leaseOwner === opts.owner || (d.leaseUntil ?? 0) <= now;
    const candidates = firstPerUser(docs, free);
    if (candidates.length === 0) return [];
    const until = now + opts.leaseMs;
    const ids = candidates.map((d) => d._id);
    await c.outbox.updateMany('outbox.lease', leaseFilter(ids, opts.owner, now), { $set: { leaseOwner: opts.owner, leaseUntil: until } });
    // Which of them this call won (another process may have taken some between the read and the update).
    const won = new Set((await c.outbox.find('outbox.leased', { _id: { $in: ids }, leaseOwner: opts.owner, leaseUntil: until })).map((d) => d._id));
    const result = firstPerUser(candidates, (d) => won.has(d._id));
    const kept = new Set(result.map((d) => d._id));
    const giveBack = [...won].filter((id) => !kept.has(id));
    if (giveBack.length > 0) {
      await c.outbox.updateMany('outbox.leased', { _id: { $in: giveBack }, leaseOwner: opts.owner, leaseUntil: until }, { $unset: { leaseOwner: 1, leaseUntil: 1 } });
    }
    return result;
  }

  return {
    async due(now, o = {}) {
      if (o.limit === 0) return []; // MongoDB reads limit 0 as "no limit"
      const { query, filter } = dueQuery(now, o.channel, o.userId);
      const docs = await c.outbox.find(query, filter, o.limit !== undefined && o.limit > 0 ? { limit: o.limit } : {});
      return (await lease(docs)).map(toOutboxItem);
    },
    async markSent(id, at) {
      // Every attempt counts, the successful one too. A late success report still wins over 'dead'.
      await c.outbox.updateOne(
        'outbox.markSent',
        { _id: id, status: { $ne: 'sent' } },
        { $set: { status: 'sent', sentAt: at }, $inc: { attempts: 1 }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
      );
    },
    async markFailed(id, error, retryAt) {
      // A failure reported after the item was sent or given up on changes nothing.
      const set = retryAt === null ? { status: 'dead', lastError: error } : { lastError: error, nextAttemptAt: retryAt, waitReason: 'backoff' };
      await c.outbox.updateOne('outbox.markFailed', { _id: id, status: 'pending' }, { $set: set, $inc: { attempts: 1 }, $unset: { leaseOwner: 1, leaseUntil: 1 } });
    },
    async postpone(id, error, retryAt) {
      // The patient is away: a later try, and no attempt counted (no $inc).
      await c.outbox.updateOne(
        'outbox.postpone',
        { _id: id, status: 'pending' },
        { $set: { lastError: error, nextAttemptAt: retryAt, waitReason: 'offline' }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
      );
    },
    async get(id) {
      const doc = await c.outbox.findOne('outbox.byId', { _id: id });
      return doc ? toOutboxItem(doc) : undefined;
    },
    async countByStatus() {
      const counts = await Promise.all(OUTBOX_STATUSES.map((status) => c.outbox.count('outbox.countByStatus', { status })));
      const result: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
      OUTBOX_STATUSES.forEach((status, i) => (result[status] = counts[i] ?? 0));
      return result;
    },
    async countPending() {
      return c.outbox.count('outbox.countPending', { status: 'pending' });
    },
  };
}

/** The due() query for the filters given: each combination has its own entry in queries.ts. */
export function dueQuery(now: number, channel?: ChannelName, userId?: string): { query: QueryName; filter: Filter } {
  const filter: Filter = { status: 'pending', nextAttemptAt: { $lte: now } };
  if (channel !== undefined) filter.channel = channel;
  if (userId !== undefined) filter.userId = userId;
  const query: QueryName =
    channel !== undefined && userId !== undefined ? 'outbox.dueForUser' : channel !== undefined ? 'outbox.dueForChannel' : userId !== undefined ? 'outbox.dueForUserId' : 'outbox.due';
  return { query, filter };
}

/** Pending items among `ids` that are free, expired, or already this owner's. */
export function leaseFilter(ids: string[], owner: string, now: number): Filter {
  return { _id: { $in: ids }, status: 'pending', $or: [{ leaseOwner: { $exists: false } }, { leaseOwner: owner }, { leaseUntil: { $lte: now } }] };
}

/** In order, each user's items up to (not including) the first one that fails `ok`. */
export function firstPerUser(docs: OutboxDoc[], ok: (d: OutboxDoc) => boolean): OutboxDoc[] {
  const blocked = new Set<string>();
  const result: OutboxDoc[] = [];
  for (const d of docs) {
    const user = `${d.channel}\u0000${d.userId}`;
    if (blocked.has(user)) continue;
    if (ok(d)) result.push(d);
    else blocked.add(user);
  }
  return result;
}
