import type Database from 'better-sqlite3';
import type { ChannelName, Choice } from '../../router/message';
import type { OutboxItem, OutboxRepository, OutboxStatus } from '../repositories';

interface OutboxRow {
  id: string;
  conversation_id: string;
  channel: string;
  user_id: string;
  text: string;
  choices: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_error: string | null;
}

interface DueParams {
  now: number;
  channel: string | null;
  userId: string | null;
  limit: number;
}

const COLUMNS = 'id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, last_error';

function toItem(row: OutboxRow): OutboxItem {
  const item: OutboxItem = {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel as ChannelName,
    userId: row.user_id,
    text: row.text,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
  if (row.choices !== null) item.choices = JSON.parse(row.choices) as Choice[];
  if (row.last_error !== null) item.lastError = row.last_error;
  return item;
}

export function sqliteOutbox(db: Database.Database): OutboxRepository {
  // Oldest first by creation, so that a patient receives the bot's messages in the
  // order it said them; rowid keeps the order of messages created in the same ms.
  const due = db.prepare<DueParams, OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox
     WHERE status = 'pending' AND next_attempt_at <= @now
       AND (@channel IS NULL OR channel = @channel) AND (@userId IS NULL OR user_id = @userId)
     ORDER BY created_at, rowid LIMIT @limit`,
  );
  // Every attempt counts, the successful one too. A late success report still wins over 'dead'.
  const markSent = db.prepare<[number, string]>(
    `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status <> 'sent'`,
  );
  // A failure reported after the item was sent or given up on changes nothing.
  const markFailed = db.prepare<{ id: string; error: string; retryAt: number | null }>(
    `UPDATE outbox SET attempts = attempts + 1, last_error = @error,
       status = CASE WHEN @retryAt IS NULL THEN 'dead' ELSE 'pending' END,
       next_attempt_at = coalesce(@retryAt, next_attempt_at)
     WHERE id = @id AND status = 'pending'`,
  );
  const get = db.prepare<[string], OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`);
  const counts = db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status');

  return {
    async due(now, opts = {}) {
      return due.all({ now, channel: opts.channel ?? null, userId: opts.userId ?? null, limit: opts.limit ?? -1 }).map(toItem);
    },
    async markSent(id, at) {
      markSent.run(at, id);
    },
    async markFailed(id, error, retryAt) {
      markFailed.run({ id, error, retryAt });
    },
    async get(id) {
      const row = get.get(id);
      return row && toItem(row);
    },
    async countByStatus() {
      const result: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
      for (const { status, n } of counts.all()) result[status] = n;
      return result;
    },
  };
}
