import type Database from 'better-sqlite3';
import type { Session } from '../../engine/session';
import type { ChannelName } from '../../router/message';
import { newConversationOf, type Conversation, type ConversationRepository } from '../repositories';
import type { WriteBatch } from './write-batch';

interface ConversationRow {
  id: string;
  channel: string;
  user_id: string;
  session: string;
  version: number;
  created_at: number;
  updated_at: number;
  unreachable_since: number | null;
}

const COLUMNS = 'id, channel, user_id, session, version, created_at, updated_at, unreachable_since';

export function toConversation(row: ConversationRow): Conversation {
  const conversation: Conversation = {
    id: row.id,
    channel: row.channel as ChannelName,
    userId: row.user_id,
    session: JSON.parse(row.session) as Session,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  // Absent, not undefined, while reachable: the same shape every driver hands out.
  if (row.unreachable_since !== null) conversation.unreachableSince = row.unreachable_since;
  return conversation;
}

/**
 * Conversations. The writes go through the group commit (write-batch.ts), as turns
 * do: a new patient's conversation, or a patient found unreachable, must not cost an
 * fsync of its own on the event loop while other patients wait for their replies
 * (a broadcast brings hundreds of first messages at once; a channel outage marks
 * many patients in one outbox sweep).
 */
export function sqliteConversations(db: Database.Database, batch: WriteBatch): ConversationRepository {
  const byUser = db.prepare<[string, string], ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE channel = ? AND user_id = ?`);
  const byId = db.prepare<[string], ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE id = ?`);
  // Conflict only on (channel, user_id): two processes creating the same conversation
  // both end up reading the winner's row. A clash on `id` is a bug and still throws.
  const insert = db.prepare<[string, string, string, string, number, number]>(
    `INSERT INTO conversations (id, channel, user_id, session, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (channel, user_id) DO NOTHING`,
  );
  const count = db.prepare<[], number>('SELECT count(*) FROM conversations').pluck();
  // coalesce keeps the first time a patient was found unreachable.
  const markUnreachable = db.prepare<[number, string]>('UPDATE conversations SET unreachable_since = coalesce(unreachable_since, ?) WHERE id = ?');
  const markReachable = db.prepare<[string]>('UPDATE conversations SET unreachable_since = NULL WHERE id = ?');

  return {
    async findOrCreate(channel, userId, init) {
      // Almost every message belongs to an existing conversation: read first, write only when new.
      const found = byUser.get(channel, userId);
      if (found) return toConversation(found);
      const start = newConversationOf(init);
      const session = JSON.stringify(start.session);
      await batch.statement(() => insert.run(start.id, channel, userId, session, start.now, start.now));
      const row = byUser.get(channel, userId);
      if (!row) throw new Error('conversation vanished right after it was created');
      return toConversation(row);
    },
    async findByUser(channel, userId) {
      const row = byUser.get(channel, userId);
      return row && toConversation(row);
    },
    async get(id) {
      const row = byId.get(id);
      return row && toConversation(row);
    },
    async count() {
      return count.get() ?? 0;
    },
    async setReachable(id, reachable, at) {
      await batch.statement(() => (reachable ? markReachable.run(id) : markUnreachable.run(at, id)));
    },
  };
}
