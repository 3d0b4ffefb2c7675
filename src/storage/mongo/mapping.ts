/**
 * Documents ↔ the Store's domain types. Pure functions: every field the
 * domain has is written, every optional one is left out rather than stored as
 * null, and JSON text is parsed on the way out (see documents.ts for why).
 */
import type { Session } from '../../engine/session';
import type { ChannelName, Choice } from '../../router/message';
import { replyContent, type Conversation, type MessageRecord, type NewConversation, type OutboxItem, type StoredFlowVersion, type StoredInbound, type StoredOutbound } from '../repositories';
import type { ConversationDoc, FlowVersionDoc, MessageDoc, OutboxDoc, SettleOutboundDoc } from './documents';

export function newConversationDoc(channel: ChannelName, userId: string, init: NewConversation): ConversationDoc {
  return { _id: init.id, channel, userId, session: JSON.stringify(init.session), version: 0, fence: 0, createdAt: init.now, updatedAt: init.now };
}

export function toConversation(doc: ConversationDoc): Conversation {
  const conversation: Conversation = {
    id: doc._id,
    channel: doc.channel,
    userId: doc.userId,
    session: JSON.parse(doc.session) as Session,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  // Absent, not undefined, while reachable: the shape every driver hands out.
  if (doc.unreachableSince !== undefined && doc.unreachableSince !== null) conversation.unreachableSince = doc.unreachableSince;
  return conversation;
}

/** Where a turn's messages go: its conversation and the version it produces. */
export interface TurnPlace {
  conversationId: string;
  channel: ChannelName;
  userId: string;
  /** The version the turn produces (expectedVersion + 1). */
  turn: number;
}

export function inboundDoc(inbound: StoredInbound, place: TurnPlace): MessageDoc {
  return {
    _id: inbound.id,
    conversationId: place.conversationId,
    direction: 'in',
    channel: place.channel,
    platformMessageId: inbound.platformMessageId,
    content: JSON.stringify(inbound.content),
    sentAt: inbound.sentAt,
    at: inbound.receivedAt,
    turn: place.turn,
    n: 0,
  };
}

/** The inbound message as a claim: stored, holding the dedupe key, but in no conversation until the turn commits. */
export function claimDoc(inbound: StoredInbound, place: TurnPlace): MessageDoc {
  const { conversationId: _committedLater, ...doc } = inboundDoc(inbound, place);
  return { ...doc, claimFor: place.conversationId, claimedAt: inbound.receivedAt };
}

/** The i-th outbound message of a turn (n = i + 1: the inbound is 0). */
export function outboundDoc(out: StoredOutbound, i: number, place: TurnPlace): MessageDoc {
  return {
    _id: out.id,
    conversationId: place.conversationId,
    direction: 'out',
    content: JSON.stringify(replyContent(out.text, out.choices)),
    at: out.createdAt,
    turn: place.turn,
    n: i + 1,
  };
}

export function outboxDoc(out: StoredOutbound, i: number, place: TurnPlace): OutboxDoc {
  const doc: OutboxDoc = {
    _id: out.id,
    conversationId: place.conversationId,
    channel: place.channel,
    userId: place.userId,
    text: out.text,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: out.createdAt,
    createdAt: out.createdAt,
    turn: place.turn,
    n: i + 1,
  };
  if (out.choices) doc.choices = JSON.stringify(out.choices);
  return doc;
}

export function toMessageRecord(doc: MessageDoc): MessageRecord {
  if (doc.conversationId === undefined) throw new Error(`message ${doc._id} is a claim, not a committed message`);
  return { id: doc._id, conversationId: doc.conversationId, direction: doc.direction, content: JSON.parse(doc.content) as MessageRecord['content'], at: doc.at };
}

export function toOutboxItem(doc: OutboxDoc): OutboxItem {
  const item: OutboxItem = {
    id: doc._id,
    conversationId: doc.conversationId,
    channel: doc.channel,
    userId: doc.userId,
    text: doc.text,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    createdAt: doc.createdAt,
  };
  if (doc.choices !== undefined && doc.choices !== null) item.choices = JSON.parse(doc.choices) as Choice[];
  if (doc.lastError !== undefined && doc.lastError !== null) item.lastError = doc.lastError;
  if (doc.waitReason !== undefined && doc.waitReason !== null) item.waitReason = doc.waitReason;
  return item;
}

/** A turn's replies as kept in the conversation until settled (no replica set). */
export function settleOutbound(out: StoredOutbound): SettleOutboundDoc {
  const doc: SettleOutboundDoc = { messageId: out.id, text: out.text, createdAt: out.createdAt };
  if (out.choices) doc.choices = JSON.stringify(out.choices);
  return doc;
}

export function fromSettleOutbound(doc: SettleOutboundDoc): StoredOutbound {
  const out: StoredOutbound = { id: doc.messageId, text: doc.text, createdAt: doc.createdAt };
  if (doc.choices !== undefined && doc.choices !== null) out.choices = JSON.parse(doc.choices) as Choice[];
  return out;
}

export function flowVersionDoc(v: StoredFlowVersion): FlowVersionDoc {
  return { flowId: v.flowId, version: v.version, definition: JSON.stringify(v.definition), createdAt: v.createdAt };
}

export function toFlowVersion(doc: FlowVersionDoc): StoredFlowVersion {
  return { flowId: doc.flowId, version: doc.version, definition: JSON.parse(doc.definition) as unknown, createdAt: doc.createdAt };
}
