/**
 * Inbound claims, for the no-replica-set protocol (turns-ordered.ts). A claim
 * is the inbound message stored before its turn commits, holding the unique
 * dedupe key so that no other process can run the same message. A claim ends in
 * one of two ways: its turn commits (settle.ts turns it into a message of the
 * conversation) or it is released (deleted) because its turn cannot commit.
 *
 * Deciding which, from the claim and its conversation:
 * - the conversation's `settle` names the claim: committed — finish settling it;
 * - the conversation is at or past the version the claim's turn would produce,
 *   produced by another turn: the claim can never commit — release it;
 * - otherwise its writer may still commit (in flight) unless the claim is older
 *   than the claim TTL: then its writer is taken for dead, the conversation's
 *   fence is bumped first, so that the writer cannot commit should it wake up,
 *   and the claim is released.
 */
import type { Collections } from './collections';
import type { MessageDoc } from './documents';
import { settleTurn } from './settle';

export type ClaimFate = 'committed' | 'released' | 'in-flight' | 'changed';

export async function resolveClaim(c: Collections, claim: MessageDoc, now: number, claimTtlMs: number): Promise<ClaimFate> {
  const conversationId = claim.claimFor;
  if (conversationId === undefined) return 'committed';
  const conv = await c.conversations.findOne('conversations.byId', { _id: conversationId });
  if (!conv) {
    await releaseClaim(c, claim._id);
    return 'released';
  }
  if (conv.settle?.inboundId === claim._id) {
    await settleTurn(c, conv);
    return 'committed';
  }
  if (conv.version >= claim.turn) {
    await releaseClaim(c, claim._id);
    return 'released';
  }
  if (now - (claim.claimedAt ?? 0) < claimTtlMs) return 'in-flight';
  const fenced = await c.conversations.updateOne(
    'conversations.fence',
    { _id: conv._id, version: conv.version, fence: conv.fence, 'settle.inboundId': { $exists: false } },
    { $inc: { fence: 1 } },
  );
  // The conversation moved meanwhile (maybe this very claim committed): decide again on fresh reads.
  if (fenced.matched === 0) return 'changed';
  await releaseClaim(c, claim._id);
  return 'released';
}

/** Only while it is still a claim: a settled message is never deleted. */
export async function releaseClaim(c: Collections, id: string): Promise<void> {
  await c.messages.deleteOne('messages.releaseClaim', { _id: id, claimFor: { $exists: true } });
}

export type DedupeState = 'free' | 'committed' | 'in-flight';

/** Is this platform message stored, being committed by another writer, or free to claim? Resolves stale claims on the way. */
export async function dedupeState(c: Collections, key: { channel: string; platformMessageId: string }, now: number, claimTtlMs: number): Promise<DedupeState> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await c.messages.findOne('messages.byDedupeKey', { channel: key.channel, platformMessageId: key.platformMessageId });
    if (!doc) return 'free';
    if (doc.conversationId !== undefined) return 'committed';
    const fate = await resolveClaim(c, doc, now, claimTtlMs);
    if (fate === 'committed' || fate === 'in-flight') return fate;
    // released or changed: read the key again (another writer may have claimed it meanwhile)
  }
  return 'in-flight';
}
