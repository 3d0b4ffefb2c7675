import type Database from 'better-sqlite3';
import type { MessageRecord, MessageRepository } from '../repositories';

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out';
  content: string;
  at: number;
}

/**
 * A transcript: its chain (transcript-writer.ts), followed back from the conversation's
 * last message: the `limit` stored last (-1: all), each step a look-up of a row by its
 * seq, the table's own key; then oldest first by time, seq breaking ties, as every
 * driver lists them (a turn whose clock was behind is listed by its time).
 */
export const TRANSCRIPT_SQL = `
  WITH RECURSIVE chain (seq, back) AS (
    SELECT last_message_seq, 1 FROM conversations WHERE id = @id AND last_message_seq IS NOT NULL AND @limit <> 0
    UNION ALL
    SELECT m.prev_seq, chain.back + 1 FROM chain JOIN messages m ON m.seq = chain.seq
    WHERE m.prev_seq IS NOT NULL AND (@limit < 0 OR chain.back < @limit)
  )
  SELECT m.id, m.conversation_id, m.direction, m.content, m.at FROM chain JOIN messages m ON m.seq = chain.seq
  ORDER BY m.at, m.seq`;

export function sqliteMessages(db: Database.Database): MessageRepository {
  const list = db.prepare<{ id: string; limit: number }, MessageRow>(TRANSCRIPT_SQL);
  return {
    async list(conversationId, opts = {}) {
      return list.all({ id: conversationId, limit: opts.limit ?? -1 }).map(
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
