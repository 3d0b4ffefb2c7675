/**
 * A turn on a standalone MongoDB server, which has no multi-document
 * transactions. The writes are ordered so that every prefix of them — what a
 * crash leaves — is either nothing visible or a committed turn that anyone can
 * finish (settle.ts), and so that two processes cannot both commit:
 *
 * 1. claim: insert the inbound message without a conversation (`claimFor`).
 *    The unique dedupe index lets one process claim a platform message. (A
 *    ticket the turn opens is checked first; a redelivered message is a
 *    duplicate even when that check fails.)
 * 2. commit point: update the conversation only if it is still at the version
 *    the turn read, at the fence it read, with no unsettled turn — setting the
 *    session, version + 1, and `settle` (the turn's replies) in one document write.
 *    If it does not match, release the claim: 'conflict'.
 * 3. settle: the claim joins the conversation, the replies and outbox rows are
 *    inserted, `settle` is removed.
 *
 * A crash after 1 leaves a claim: a redelivery of the message finds it and, once
 * it is older than the claim TTL, fences the conversation and takes the message
 * over (claims.ts); until then the redelivery answers 'conflict' (the router
 * retries, then fails the request so that the platform redelivers later).
 * A crash after 2 leaves `settle`: the next turn, a redelivery or the recovery
 * sweep finishes it. Readers meanwhile see the new session; the replies appear
 * in the conversation and outbox when settled.
 */
import type { CommitResult, Turn } from '../repositories';
import type { Collections } from './collections';
import type { ConversationDoc, SettleDoc } from './documents';
import { DEDUPE_INDEX, DuplicateKeyError } from './errors';
import { claimDoc, settleOutbound, type TurnPlace } from './mapping';
import { dedupeState, releaseClaim } from './claims';
import { settleTurn } from './settle';
import { checkTicketOpens } from './tickets';

export interface OrderedCommitOptions {
  /** A claim older than this (ms, by the turns' receivedAt clocks) is taken for abandoned by a dead process. */
  claimTtlMs: number;
}

const DUPLICATE: CommitResult = { status: 'duplicate' };
const CONFLICT: CommitResult = { status: 'conflict' };

export async function commitOrdered(c: Collections, turn: Turn, opts: OrderedCommitOptions): Promise<CommitResult> {
  const { inbound } = turn;
  for (let attempt = 0; attempt < 5; attempt++) {
    const conv = await settledConversation(c, turn.conversationId);
    if (!conv) throw new Error(`cannot commit a turn: conversation ${turn.conversationId} does not exist`);
    const key = { channel: conv.channel, platformMessageId: inbound.platformMessageId };
    // Stored by an earlier delivery of the same message (a redelivery).
    const redelivered = async () => (await dedupeState(c, key, inbound.receivedAt, opts.claimTtlMs)) === 'committed';

    // A duplicate wins over a conflict: a redelivered message must never run twice.
    if (conv.version !== turn.expectedVersion) return (await redelivered()) ? DUPLICATE : CONFLICT;
    const place: TurnPlace = { conversationId: conv._id, channel: conv.channel, userId: conv.userId, turn: turn.expectedVersion + 1 };
    // A ticket the turn may not open fails the turn before anything of it is written, unless the
    // message is a redelivery: its first run opened the ticket, and this run is a duplicate.
    if (turn.tickets?.length) {
      try {
        await checkTicketOpens(c, turn.tickets);
      } catch (err) {
        if (await redelivered()) return DUPLICATE;
        throw err;
      }
    }

    try {
      await c.messages.insert([claimDoc(inbound, place)], { ordered: true });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError && err.only(DEDUPE_INDEX))) throw err;
      const state = await dedupeState(c, key, inbound.receivedAt, opts.claimTtlMs);
      if (state === 'committed') return DUPLICATE;
      // Another writer is committing this message right now: run again, by when it will be stored.
      if (state === 'in-flight') return CONFLICT;
      continue; // an abandoned claim was released: claim again
    }

    // The turn's ticket effects travel with its replies and are applied by the settle.
    const settle: SettleDoc = { inboundId: inbound.id, turn: place.turn, outbound: turn.outbound.map(settleOutbound) };
    if (turn.tickets?.length) settle.tickets = JSON.stringify(turn.tickets);
    const { matched } = await c.conversations.updateOne(
      'conversations.commit',
      { _id: conv._id, version: turn.expectedVersion, fence: conv.fence, 'settle.inboundId': { $exists: false } },
      // Writing to us means the patient can be reached again.
      { $set: { session: JSON.stringify(turn.session), updatedAt: inbound.receivedAt, settle }, $inc: { version: 1 }, $unset: { unreachableSince: 1 } },
    );
    if (matched === 0) {
      await releaseClaim(c, inbound.id);
      return CONFLICT;
    }
    await settleTurn(c, { ...conv, version: place.turn, settle });
    return { status: 'committed', version: place.turn };
  }
  throw new Error(`conversation ${turn.conversationId}: the inbound message kept being claimed and released by other writers`);
}

/** The conversation, after finishing a turn a writer left unsettled: a turn never commits over an unsettled one. */
async function settledConversation(c: Collections, id: string): Promise<ConversationDoc | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const conv = await c.conversations.findOne('conversations.byId', { _id: id });
    if (!conv?.settle) return conv;
    await settleTurn(c, conv);
  }
  throw new Error(`conversation ${id}: could not settle the previous turn`);
}
