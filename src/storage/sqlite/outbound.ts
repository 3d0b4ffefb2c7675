/**
 * A reply as the SQLite store keeps it: its transcript row and its outbox row, written
 * together by a turn's commit (turns.ts) and by the hand-off outside a turn (an
 * operator's reply, a ticket's notice, the bot's words on closing: tickets.ts).
 * Statements are prepared once, by whoever holds the connection.
 */
import type Database from 'better-sqlite3';
import type { StoredOutbound } from '../repositories';

/** Where a reply goes: the conversation's channel and user. */
export interface ReplyTarget {
  channel: string;
  user_id: string;
}

export function sqliteOutboundWriter(db: Database.Database): (conversationId: string, to: ReplyTarget, out: StoredOutbound) => void {
  const insertOutbound = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at)
     VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?)`,
  );
  const insertOutbox = db.prepare<[string, string, string, string, string, string | null, number, number]>(
    `INSERT INTO outbox (id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  return (conversationId, to, out) => {
    const content = out.choices ? { kind: 'text', text: out.text, choices: out.choices } : { kind: 'text', text: out.text };
    insertOutbound.run(out.id, conversationId, to.channel, JSON.stringify(content), out.createdAt);
    insertOutbox.run(out.id, conversationId, to.channel, to.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, out.createdAt, out.createdAt);
  };
}
