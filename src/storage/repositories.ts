/**
 * The store, as the rest of Sahay sees it: a few repositories, every method async
 * so that the SQLite driver (embedded default) and the MongoDB driver can serve
 * the same contract (test/storage/contract.ts runs against each).
 */
import type { Session } from '../engine/session';
import type { ChannelName, Choice, InboundContent } from '../router/message';

/** One patient on one channel. `id` is ours; `userId` is the platform's and never logged. */
export interface Conversation {
  id: string;
  channel: ChannelName;
  userId: string;
  session: Session;
  /** Incremented by every committed turn: a turn commits only on the version it read. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredInbound {
  id: string;
  platformMessageId: string;
  content: InboundContent;
  sentAt: number;
  receivedAt: number;
}

export interface StoredOutbound {
  id: string;
  text: string;
  choices?: Choice[];
  createdAt: number;
}

/** Everything one turn changes, written in one transaction. */
export interface Turn {
  conversationId: string;
  /** The conversation version the turn was computed on. */
  expectedVersion: number;
  session: Session;
  inbound: StoredInbound;
  outbound: StoredOutbound[];
}

export type CommitResult =
  /** Stored; the conversation is now at `version`. */
  | { status: 'committed'; version: number }
  /** This (channel, platformMessageId) was already stored: nothing changed. */
  | { status: 'duplicate' }
  /** Another turn committed first: nothing changed; load and run the turn again. */
  | { status: 'conflict' };

export interface MessageRecord {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  /** Inbound: what the patient sent. Outbound: the text and choices the bot sent. */
  content: InboundContent | { kind: 'text'; text: string; choices?: Choice[] };
  at: number;
}

export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxItem {
  id: string;
  conversationId: string;
  channel: ChannelName;
  userId: string;
  text: string;
  choices?: Choice[];
  status: OutboxStatus;
  attempts: number;
  /** Not to be tried before this time (ms). */
  nextAttemptAt: number;
  createdAt: number;
  lastError?: string;
}

export interface StoredFlowVersion {
  flowId: string;
  version: string;
  /** The definition as the engine reads it (JSON of FlowDef). */
  definition: unknown;
  createdAt: number;
}

export interface ConversationRepository {
  /** The conversation of this user on this channel, created (with `session`) when new. */
  findOrCreate(channel: ChannelName, userId: string, init: { id: string; session: Session; now: number }): Promise<Conversation>;
  get(id: string): Promise<Conversation | undefined>;
  count(): Promise<number>;
}

export interface TurnRepository {
  /** Was this platform message already stored? (A cheap check before running the engine.) */
  seen(channel: ChannelName, platformMessageId: string): Promise<boolean>;
  /** Store a turn atomically: session, inbound and outbound messages, and the outbox rows. */
  commit(turn: Turn): Promise<CommitResult>;
}

export interface MessageRepository {
  /** The conversation's messages in order, oldest first. */
  list(conversationId: string, opts?: { limit?: number }): Promise<MessageRecord[]>;
}

export interface OutboxRepository {
  /** Pending items due at `now`, oldest first; `channel` narrows to one channel, `userId` to one user. */
  due(now: number, opts?: { limit?: number; channel?: ChannelName; userId?: string }): Promise<OutboxItem[]>;
  markSent(id: string, at: number): Promise<void>;
  /** Record a failed attempt: try again at `retryAt`, or give up (`dead`) when retryAt is null. */
  markFailed(id: string, error: string, retryAt: number | null): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  countByStatus(): Promise<Record<OutboxStatus, number>>;
}

export interface FlowVersionRepository {
  /** Keep a version so that conversations started on it can finish on it (idempotent). */
  save(version: StoredFlowVersion): Promise<void>;
  get(flowId: string, version: string): Promise<StoredFlowVersion | undefined>;
  list(flowId: string): Promise<StoredFlowVersion[]>;
}

export interface Store {
  conversations: ConversationRepository;
  turns: TurnRepository;
  messages: MessageRepository;
  outbox: OutboxRepository;
  flowVersions: FlowVersionRepository;
  /** true when the store can serve requests (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
