import { newConversationOf, type ConversationRepository } from '../repositories';
import type { Collections } from './collections';
import { DuplicateKeyError } from './errors';
import { newConversationDoc, toConversation } from './mapping';

export function mongoConversations(c: Collections): ConversationRepository {
  const findByUser: ConversationRepository['findByUser'] = async (channel, userId) => {
    const doc = await c.conversations.findOne('conversations.byUser', { channel, userId });
    return doc ? toConversation(doc) : undefined;
  };
  return {
    async findOrCreate(channel, userId, init) {
      // Almost every message belongs to an existing conversation: read first, write only when new.
      const found = await findByUser(channel, userId);
      if (found) return found;
      try {
        await c.conversations.insert([newConversationDoc(channel, userId, newConversationOf(init))], { ordered: true });
      } catch (err) {
        // Another process created it first: read the winner's. A clash on _id is a bug and still throws.
        if (!(err instanceof DuplicateKeyError && err.only('conversations_user'))) throw err;
      }
      const created = await findByUser(channel, userId);
      if (!created) throw new Error('conversation vanished right after it was created');
      return created;
    },
    findByUser,
    async get(id) {
      const doc = await c.conversations.findOne('conversations.byId', { _id: id });
      return doc ? toConversation(doc) : undefined;
    },
    async count() {
      return c.conversations.estimatedCount();
    },
    async setReachable(id, reachable, at) {
      // Not a turn: version and updatedAt stay. Marking again keeps the first time.
      if (reachable) await c.conversations.updateOne('conversations.byId', { _id: id }, { $unset: { unreachableSince: 1 } });
      else await c.conversations.updateOne('conversations.markUnreachable', { _id: id, unreachableSince: { $exists: false } }, { $set: { unreachableSince: at } });
    },
  };
}
