/**
 * Named leases in the `leases` collection, so that a scheduled job runs in one
 * process at a time across a deployment:
 *
 * ```ts
 * if (await store.leases.acquire('beds-import', processId, 5 * 60_000)) {
 *   try { await importBeds(); } finally { await store.leases.release('beds-import', processId); }
 * }
 * ```
 *
 * acquire is one findOneAndUpdate with upsert on the lease's _id: it matches
 * when the lease is free (expired) or already the caller's, and then takes or
 * renews it; when someone else holds it, the filter does not match, the upsert
 * tries to insert the same _id, and the unique _id index refuses it — so exactly
 * one of several processes racing for a lease gets it.
 */
import type { LeaseRepository } from '../repositories';
import type { Collections, Filter, Update } from './collections';
import { DuplicateKeyError, ID_INDEX } from './errors';


export function acquireLease(name: string, owner: string, now: number, ttlMs: number): { filter: Filter; update: Update } {
  return {
    filter: { _id: name, $or: [{ until: { $lte: now } }, { owner }] },
    update: { $set: { owner, until: now + ttlMs } },
  };
}

export function mongoLeases(c: Collections, clock: () => number): LeaseRepository {
  return {
    async acquire(name, owner, ttlMs) {
      if (!(ttlMs > 0)) throw new Error('a lease needs a positive ttl');
      const { filter, update } = acquireLease(name, owner, clock(), ttlMs);
      try {
        const doc = await c.leases.findOneAndUpdate('leases.acquire', filter, update, { upsert: true });
        return doc?.owner === owner;
      } catch (err) {
        if (err instanceof DuplicateKeyError && err.only(ID_INDEX)) return false; // held by someone else
        throw err;
      }
    },
    async release(name, owner) {
      await c.leases.deleteOne('leases.release', { _id: name, owner });
    },
    async holder(name) {
      const doc = await c.leases.findOne('leases.byName', { _id: name });
      return doc && doc.until > clock() ? { owner: doc.owner, until: doc.until } : undefined;
    },
  };
}
