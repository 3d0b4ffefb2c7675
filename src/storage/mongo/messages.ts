import type { MessageRepository } from '../repositories';
import type { Collections } from './collections';
import { toMessageRecord } from './mapping';

export function mongoMessages(c: Collections): MessageRepository {
  return {
    async list(conversationId, opts = {}) {
      const limit = opts.limit;
      if (limit === 0) return []; // MongoDB reads limit 0 as "no limit"
      // Newest first along the (conversationId, at, turn, n) index, then back to oldest first.
      // Claims (not committed yet) have no conversationId and never match.
      const docs = await c.messages.find('messages.list', { conversationId }, limit !== undefined && limit > 0 ? { limit } : {});
      return docs.reverse().map(toMessageRecord);
    },
  };
}
