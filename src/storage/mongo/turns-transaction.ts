/**
 * A turn on a replica set (or sharded cluster): one multi-document transaction,
 * as on SQLite. The conversation update is conditional on the version the turn
 * read; two processes committing turns of one conversation at once collide on
 * that document, the driver retries the loser's transaction, and the retry
 * sees the new version: 'conflict'. The inbound insert hits the unique dedupe
 * index for a redelivered message: 'duplicate'. Either rolls everything back.
 */
import type { CommitResult, Turn } from '../repositories';
import type { Collections } from './collections';
import { AlreadyStored, commitOutcome, VersionConflict } from './errors';
import { inboundDoc, outboundDoc, outboxDoc, type TurnPlace } from './mapping';
import { applyTicketEffects } from './tickets';

export async function commitInTransaction(transaction: <T>(fn: (c: Collections) => Promise<T>) => Promise<T>, turn: Turn): Promise<CommitResult> {
  try {
    return await transaction(async (c): Promise<CommitResult> => {
      const conv = await c.conversations.findOne('conversations.byId', { _id: turn.conversationId });
      if (!conv) throw new Error(`cannot commit a turn: conversation ${turn.conversationId} does not exist`);
      // A duplicate wins over a conflict: a redelivered message must never run twice.
      if (conv.version !== turn.expectedVersion) {
        const stored = await c.messages.findOne('messages.byDedupeKey', { channel: conv.channel, platformMessageId: turn.inbound.platformMessageId });
        throw stored ? new AlreadyStored() : new VersionConflict(conv._id);
      }
      const place: TurnPlace = { conversationId: conv._id, channel: conv.channel, userId: conv.userId, turn: turn.expectedVersion + 1 };
      await c.messages.insert([inboundDoc(turn.inbound, place)], { ordered: true });
      const { matched } = await c.conversations.updateOne(
        'conversations.commit',
        { _id: conv._id, version: turn.expectedVersion },
        // Writing to us means the patient can be reached again.
        { $set: { session: JSON.stringify(turn.session), updatedAt: turn.inbound.receivedAt }, $inc: { version: 1 }, $unset: { unreachableSince: 1 } },
      );
      if (matched === 0) throw new VersionConflict(conv._id);
      if (turn.outbound.length > 0) {
        await c.messages.insert(turn.outbound.map((out, i) => outboundDoc(out, i, place)), { ordered: true });
        await c.outbox.insert(turn.outbound.map((out, i) => outboxDoc(out, i, place)), { ordered: true });
      }
      // Hand-off tickets the turn opened, escalated, cancelled or rated: in the same transaction
      // (a second open ticket of the conversation hits the unique index and fails the whole turn).
      if (turn.tickets?.length) await applyTicketEffects(c, turn.tickets, false);
      return { status: 'committed', version: turn.expectedVersion + 1 };
    });
  } catch (err) {
    return commitOutcome(err);
  }
}
