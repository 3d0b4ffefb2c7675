/**
 * The console's sign-in throttle counters in MongoDB, so that several processes count
 * failures together: what rate-limiter-flexible's RateLimiterMongo takes as its
 * `storeClient` (a database whose `collection()` answers findOneAndUpdate, findOne and
 * deleteOne). It is served by the `login_throttle` collection through the Collections
 * port, so the limiter's queries are declared and indexed like the driver's own
 * (queries.ts), run on the emulation in tests, and mongoose stays in this folder.
 *
 * @example
 *   new RateLimiterMongo({ storeClient: store.throttleStoreClient, tableName: 'login_throttle', disableIndexesCreation: true, ... })
 */
import type { Collections, Filter, Update } from './collections';
import { DuplicateKeyError } from './errors';

/** The part of a MongoDB driver Collection that RateLimiterMongo uses. */
export interface ThrottleCollection {
  findOneAndUpdate(filter: Filter, update: Update, opts?: { upsert?: boolean }): Promise<unknown>;
  findOne(filter: Filter): Promise<unknown>;
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>;
  createIndex(): Promise<void>;
}

export interface ThrottleStoreClient {
  collection(name: string): ThrottleCollection;
}

export function throttleStoreClient(c: Collections): ThrottleStoreClient {
  const coll = c.loginThrottle;
  const collection: ThrottleCollection = {
    async findOneAndUpdate(filter, update, opts = {}) {
      try {
        return await coll.findOneAndUpdate('loginThrottle.upsert', filter, update, { upsert: opts.upsert === true });
      } catch (err) {
        // The limiter recognises a lost upsert race by the server's code, and tries again.
        if (err instanceof DuplicateKeyError) throw Object.assign(new Error(err.message), { code: 11000 });
        throw err;
      }
    },
    findOne: (filter) => coll.findOne('loginThrottle.get', filter),
    async deleteOne(filter) {
      return { deletedCount: (await coll.deleteOne('loginThrottle.delete', filter)).deleted };
    },
    // Created with the other collections' indexes at open (login-throttle-schema.ts).
    async createIndex() {},
  };
  return { collection: () => collection };
}
