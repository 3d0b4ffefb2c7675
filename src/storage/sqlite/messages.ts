import type Database from 'better-sqlite3';
import type { MessageRecord, MessageRepository } from '../repositories';

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out';
  content: string;
  at: number;
}

export function sqliteMessages(db: Database.Database): MessageRepository {
  // Newest `limit` first (served by the (conversation_id, at) index; seq, the rowid,
  // breaks ties in insertion order), then turned back to oldest first. LIMIT -1 means no limit.
  const list = db.prepare<[string, number], MessageRow>(
    `SELECT id, conversation_id, direction, content, at FROM (
       SELECT id, conversation_id, direction, content, at, seq FROM messages
       WHERE conversation_id = ? ORDER BY at DESC, seq DESC LIMIT ?
     ) ORDER BY at, seq`,
  );
  return {
    async list(conversationId, opts = {}) {
      return list.all(conversationId, opts.limit ?? -1).map(
        (row): MessageRecord => ({
          id: row.id,
          conversationId: row.conversation_id,
          direction: row.direction,
          content: JSON.parse(row.content) as MessageRecord['content'],
          at: row.at,
        }),
      );
    },
  };
}
