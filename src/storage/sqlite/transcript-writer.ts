/**
 * How the SQLite store adds to a conversation's transcript: the inbound message and
 * each reply as rows of `messages`, each reply with its outbox row, written by a turn's
 * commit (turns.ts) and by the hand-off outside a turn (an operator's reply, a ticket's
 * notice, the bot's words on closing: tickets.ts).
 *
 * A transcript is a chain (migration 9): each message names the one before it in its
 * conversation (`prev_seq`), and the conversation names its last (`last_message_seq`),
 * which is what messages.ts follows back. So adding to a transcript only appends rows,
 * at the end of the table, instead of putting an index entry in the middle of an index
 * at a different place for every patient. One call appends a whole turn's messages and
 * then moves the conversation's end: a chain is never left half-moved.
 * Statements are prepared once, by whoever holds the connection.
 */
import type Database from 'better-sqlite3';
import { replyContent, type StoredInbound, type StoredOutbound } from '../repositories';

/** Where a conversation's messages go: its channel and user, and the last message of its transcript (null: none yet). */
export interface TranscriptEnd {
  channel: string;
  user_id: string;
  last_message_seq: number | null;
}

/** The conversation row's columns that `TranscriptEnd` reads, for a SELECT or a RETURNING clause. */
export const TRANSCRIPT_END_COLUMNS = 'channel, user_id, last_message_seq';

type TranscriptWriter = (
  conversationId: string,
  end: TranscriptEnd,
  messages: { inbound?: StoredInbound; replies: readonly StoredOutbound[] },
) => 'stored' | 'duplicate';

/**
 * Appends, inside the caller's transaction: the inbound message (if any), then the replies
 * with their outbox rows, then the conversation's new end. 'duplicate': the inbound message
 * was stored before (its channel and platform id are taken) and nothing was written.
 */
export function sqliteTranscriptWriter(db: Database.Database): TranscriptWriter {
  const insertInbound = db.prepare<[string, string, string, string, string, number, number, number | null]>(
    `INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at, prev_seq)
     VALUES (?, ?, 'in', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING`,
  );
  const insertOutbound = db.prepare<[string, string, string, string, number, number | null]>(
    `INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at, prev_seq)
     VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?, ?)`,
  );
  const insertOutbox = db.prepare<[string, string, string, string, string, string | null, number, number]>(
    `INSERT INTO outbox (id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  const moveEnd = db.prepare<[number, string]>('UPDATE conversations SET last_message_seq = ? WHERE id = ?');

  return (conversationId, end, { inbound, replies }) => {
    let last = end.last_message_seq;
    if (inbound) {
      const content = JSON.stringify(inbound.content);
      const inserted = insertInbound.run(inbound.id, conversationId, end.channel, inbound.platformMessageId, content, inbound.sentAt, inbound.receivedAt, last);
      if (inserted.changes === 0) return 'duplicate';
      last = Number(inserted.lastInsertRowid);
    }
    for (const out of replies) {
      const content = JSON.stringify(replyContent(out.text, out.choices));
      last = Number(insertOutbound.run(out.id, conversationId, end.channel, content, out.createdAt, last).lastInsertRowid);
      insertOutbox.run(out.id, conversationId, end.channel, end.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, out.createdAt, out.createdAt);
    }
    if (last !== end.last_message_seq) moveEnd.run(last!, conversationId);
    return 'stored';
  };
}
