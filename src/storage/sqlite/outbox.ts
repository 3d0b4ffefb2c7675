import type Database from 'better-sqlite3';
import type { ChannelName, Choice } from '../../router/message';
import type { OutboxItem, OutboxRepository, OutboxStatus, OutboxWaitReason } from '../repositories';
import type { WriteBatch } from './write-batch';

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
  wait_reason: OutboxWaitReason | null;
}

interface DueParams {
  now: number;
  channel: string | null;
  userId: string | null;
  limit: number;
}

const COLUMNS = 'id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, last_error, wait_reason';

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
  if (row.wait_reason !== null) item.waitReason = row.wait_reason;
  return item;
}

export function sqliteOutbox(db: Database.Database, batch: WriteBatch): OutboxRepository {
  // Oldest first by creation, so that a patient receives the bot's messages in the
  // order it said them; rowid keeps the order of messages created in the same ms.
  const due = db.prepare<DueParams, OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox
     WHERE status = 'pending' AND next_attempt_at <= @now
       AND (@channel IS NULL OR channel = @channel) AND (@userId IS NULL OR user_id = @userId)
     ORDER BY created_at, rowid LIMIT @limit`,
  );
  // One patient's (at delivery): a range of the small outbox_pending_user index. No
  // LIMIT parameter: with `LIMIT ?` the same statement costs five times as much CPU
  // (measured with better-sqlite3 12; the few rows of one patient are cut in JS instead).
  const dueForUser = db.prepare<[string, string, number], OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox
     WHERE status = 'pending' AND channel = ? AND user_id = ? AND next_attempt_at <= ?
     ORDER BY created_at, rowid`,
  );
  // Every attempt counts, the successful one too. A late success report still wins over 'dead'.
  const markSent = db.prepare<[number, string]>(
    `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status <> 'sent'`,
  );
  // A failure reported after the item was sent or given up on changes nothing.
  const markFailed = db.prepare<{ id: string; error: string; retryAt: number | null }>(
    `UPDATE outbox SET attempts = attempts + 1, last_error = @error,
       status = CASE WHEN @retryAt IS NULL THEN 'dead' ELSE 'pending' END,
       next_attempt_at = coalesce(@retryAt, next_attempt_at),
       wait_reason = CASE WHEN @retryAt IS NULL THEN wait_reason ELSE 'backoff' END
     WHERE id = @id AND status = 'pending'`,
  );
  // The patient is away: a later try, and no attempt counted.
  const postpone = db.prepare<[string, number, string]>(
    `UPDATE outbox SET last_error = ?, next_attempt_at = ?, wait_reason = 'offline' WHERE id = ? AND status = 'pending'`,
  );
  const get = db.prepare<[string], OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`);
  // Pending, counted every outbox sweep (each second), from its small partial index.
  const pendingCount = db.prepare<[], number>(`SELECT count(*) FROM outbox WHERE status = 'pending'`).pluck();
  // For tests and diagnostics: sent is the rest of a count over the primary key, which reads an
  // index entry for every item ever stored (about 80 ms at 4M items). (Migration 7's comment on
  // outbox_dead, "counted every sweep", predates countPending: the sweep counts pending only.)
  const counts = db.prepare<[], { pending: number; dead: number; total: number }>(
    `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
            (SELECT count(*) FROM outbox WHERE status = 'dead') AS dead,
            (SELECT count(*) FROM outbox) AS total`,
  );

  return {
    async due(now, opts = {}) {
      const limit = opts.limit ?? -1;
      if (opts.channel !== undefined && opts.userId !== undefined) {
        const rows = dueForUser.all(opts.channel, opts.userId, now);
        return (limit < 0 ? rows : rows.slice(0, limit)).map(toItem);
      }
      return due.all({ now, channel: opts.channel ?? null, userId: opts.userId ?? null, limit }).map(toItem);
    },
    async markSent(id, at) {
      // Group-committed with the turns and marks of other conversations: one statement, no savepoint needed.
      await batch.statement(() => markSent.run(at, id));
    },
    async markFailed(id, error, retryAt) {
      // Group-committed too: a channel outage fails every patient's messages in one sweep, and
      // each failure must not wait for an fsync of its own on the event loop.
      await batch.statement(() => markFailed.run({ id, error, retryAt }));
    },
    async postpone(id, error, retryAt) {
      // Group-committed as markFailed is: a closed tab or an unlinked WhatsApp postpones many items in one sweep.
      await batch.statement(() => postpone.run(error, retryAt, id));
    },
    async get(id) {
      const row = get.get(id);
      return row && toItem(row);
    },
    async countByStatus() {
      const { pending, dead, total } = counts.get()!;
      return { pending, sent: total - pending - dead, dead };
    },
    async countPending() {
      return pendingCount.get()!;
    },
  };
}
