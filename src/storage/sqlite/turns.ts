/**
 * The hot path: one committed turn per inbound message, all of it or nothing,
 * group-committed (write-batch.ts): the turns of many conversations that are
 * ready at the same moment share one IMMEDIATE transaction (the write lock is
 * taken up front, so a second process waits on busy_timeout instead of failing
 * to upgrade a read lock halfway through), each turn in its own savepoint. A
 * turn's commit resolves only once that transaction is committed.
 */
import type Database from 'better-sqlite3';
import type { ChannelName } from '../../router/message';
import type { CommitResult, Turn, TurnRepository } from '../repositories';
import { sqliteTranscriptWriter, TRANSCRIPT_END_COLUMNS, type TranscriptEnd } from './transcript-writer';
import { sqliteTicketEffects } from './tickets';
import type { WriteBatch } from './write-batch';

/** Thrown inside the savepoint to undo the turn's writes (its message was stored before); never escapes this file. */
class AlreadyStored extends Error {}

export function sqliteTurns(db: Database.Database, batch: WriteBatch): TurnRepository {
  const seen = db
    .prepare<[string, string], number>('SELECT 1 FROM messages WHERE channel = ? AND platform_message_id = ? AND platform_message_id IS NOT NULL')
    .pluck();
  const channelOf = db.prepare<[string], string>('SELECT channel FROM conversations WHERE id = ?').pluck();
  // The optimistic-concurrency rule: the turn is stored only on the version it was
  // computed on. RETURNING hands back the conversation's address for the outbox rows and
  // the end of its transcript, so the turn's first statement is already a write.
  const updateSession = db.prepare<[string, number, string, number], TranscriptEnd>(
    // A committed turn means the patient wrote to us: they are reachable again.
    `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL
     WHERE id = ? AND version = ? RETURNING ${TRANSCRIPT_END_COLUMNS}`,
  );
  const append = sqliteTranscriptWriter(db);
  // Anything of this patient's still waiting before the turn's replies join it (a few rows of
  // the small outbox_pending_user index; usually none).
  const pendingFor = db.prepare<[string, string], number>(`SELECT 1 FROM outbox WHERE status = 'pending' AND channel = ? AND user_id = ? LIMIT 1`).pluck();
  const applyTickets = sqliteTicketEffects(db);

  // Runs inside the batch's transaction, in a savepoint of its own (a throw undoes only this turn).
  const commit = (turn: Turn): CommitResult => {
    const { conversationId: cid, inbound } = turn;
    const conv = updateSession.get(JSON.stringify(turn.session), inbound.receivedAt, cid, turn.expectedVersion);
    if (!conv) {
      const channel = channelOf.get(cid);
      if (channel === undefined) throw new Error(`cannot commit a turn: conversation ${cid} does not exist`);
      // Another turn committed first. A duplicate wins over a conflict: a redelivered message must never run twice.
      return { status: seen.get(channel, inbound.platformMessageId) ? 'duplicate' : 'conflict' };
    }
    const othersPending = pendingFor.get(conv.channel, conv.user_id) !== undefined;
    // Already stored: undo the session update above.
    if (append(cid, conv, { inbound, replies: turn.outbound }) === 'duplicate') throw new AlreadyStored();
    // Hand-off tickets the turn opened, escalated, cancelled or rated: in the same savepoint.
    if (turn.tickets?.length) applyTickets(turn.tickets);
    const version = turn.expectedVersion + 1;
    if (othersPending) return { status: 'committed', version, othersPending };
    // Another process on the same file may deliver to this patient too: what othersPending says
    // holds only while nothing else was committed to the file since this batch.
    const dataVersion = batch.dataVersion;
    return { status: 'committed', version, othersPending, unchangedElsewhere: () => !batch.changedElsewhereSince(dataVersion) };
  };

  return {
    async seen(channel: ChannelName, platformMessageId: string) {
      return seen.get(channel, platformMessageId) !== undefined;
    },
    async commit(turn) {
      try {
        return await batch.run(() => commit(turn));
      } catch (err) {
        if (err instanceof AlreadyStored) return { status: 'duplicate' };
        throw err;
      }
    },
  };
}
