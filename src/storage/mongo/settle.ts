/**
 * Without a replica set a turn is not one transaction but a sequence of writes
 * (turns-ordered.ts). The commit point is one conditional update of the
 * conversation that also records the turn's replies in `settle`; settling
 * then writes what follows from it, each step idempotent, so that anyone — the
 * committing process, the next turn of the conversation, a redelivery of the
 * message, or the recovery sweep after a crash — can finish it:
 *
 * 1. the claimed inbound message joins the conversation;
 * 2. the replies are stored as messages, then as outbox rows (ids are the reply ids, so a repeat inserts nothing twice),
 *    then the turn's ticket effects are applied (each idempotent);
 * 3. `settle` is removed, only if it still names this turn.
 */
import type { Coll, Collections } from './collections';
import type { ConversationDoc } from './documents';
import { DuplicateKeyError, ID_INDEX } from './errors';
import { fromSettleOutbound, outboundDoc, outboxDoc, type TurnPlace } from './mapping';
import type { TicketEffect } from '../repositories';
import { applyTicketEffects } from './tickets';

export async function settleTurn(c: Collections, conv: ConversationDoc): Promise<void> {
  const s = conv.settle;
  if (!s) return;
  const place: TurnPlace = { conversationId: conv._id, channel: conv.channel, userId: conv.userId, turn: s.turn };
  await c.messages.updateOne('messages.settleClaim', { _id: s.inboundId, claimFor: conv._id }, { $set: { conversationId: conv._id }, $unset: { claimFor: 1, claimedAt: 1 } });
  const replies = s.outbound.map(fromSettleOutbound);
  if (replies.length > 0) {
    await insertMissingById(c.messages, replies.map((out, i) => outboundDoc(out, i, place)));
    await insertMissingById(c.outbox, replies.map((out, i) => outboxDoc(out, i, place)));
  }
  // The turn's hand-off ticket effects, each idempotent (a settle may run again after a crash).
  if (s.tickets !== undefined && s.tickets !== null) await applyTicketEffects(c, JSON.parse(s.tickets) as TicketEffect[], true);
  await c.conversations.updateOne('conversations.settled', { _id: conv._id, 'settle.inboundId': s.inboundId }, { $unset: { settle: 1 } });
}

/** Insert what is not there yet: an earlier, interrupted settle may have stored some (never changes those: one may be sent already). */
async function insertMissingById<D>(coll: Coll<D>, docs: D[]): Promise<void> {
  try {
    await coll.insert(docs, { ordered: false });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError && err.only(ID_INDEX))) throw err;
  }
}
