import type { ConsoleSessionRepository } from '../repositories';
import type { Collections } from './collections';

export function mongoConsoleSessions(c: Collections): ConsoleSessionRepository {
  return {
    async create(s) {
      await c.consoleSessions.insert([{ _id: s.id, accountId: s.accountId, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt }], { ordered: true });
    },
    async get(id) {
      const d = await c.consoleSessions.findOne('consoleSessions.byId', { _id: id });
      return d ? { id: d._id, accountId: d.accountId, createdAt: d.createdAt, lastSeenAt: d.lastSeenAt } : undefined;
    },
    async touch(id, lastSeenAt) {
      // Never backwards: two requests of one browser may report out of order.
      await c.consoleSessions.updateOne('consoleSessions.touch', { _id: id, lastSeenAt: { $lt: lastSeenAt } }, { $set: { lastSeenAt } });
    },
    async delete(id) {
      await c.consoleSessions.deleteOne('consoleSessions.byId', { _id: id });
    },
    async deleteForAccount(accountId, exceptId) {
      const filter = exceptId === undefined ? { accountId } : { accountId, _id: { $ne: exceptId } };
      return (await c.consoleSessions.deleteMany('consoleSessions.ofAccount', filter)).deleted;
    },
    async deleteExpired(lastSeenBefore, createdBefore) {
      // Two range deletes, each along its own index (an $or would need both anyway).
      const idle = await c.consoleSessions.deleteMany('consoleSessions.idle', { lastSeenAt: { $lt: lastSeenBefore } });
      const old = await c.consoleSessions.deleteMany('consoleSessions.old', { createdAt: { $lt: createdBefore } });
      return idle.deleted + old.deleted;
    },
  };
}
