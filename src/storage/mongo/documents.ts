/**
 * The documents as they are stored in MongoDB, one interface per collection.
 * Times are integer ms since epoch, as in the rest of Sahay. Sessions, message
 * contents, choices and flow definitions are stored as JSON text, exactly as the
 * SQLite driver stores them: nothing queries inside them, and JSON text keeps
 * what BSON objects would change — dotted keys (flow conditions are
 * `{ 'triage.level': ... }`), `$`-prefixed keys, `undefined` (BSON writes null),
 * `-0`, and empty objects (mongoose's `minimize` drops them).
 */
import type { Language } from '../../engine/flow';
import type { ChannelName } from '../../router/message';
import type {
  CheckinSlot,
  CheckinState,
  EnrolmentState,
  FollowupTask,
  OutboxStatus,
  OutboxWaitReason,
  Ownership,
  Role,
  Ticket,
  TicketEvent,
  TicketOutcome,
  TicketState,
} from '../repositories';

export interface ConversationDoc {
  _id: string;
  channel: ChannelName;
  userId: string;
  /** JSON of the Session. */
  session: string;
  version: number;
  /**
   * Fencing token for the no-replica-set commit protocol (see turns-ordered.ts):
   * bumped when a stale claim is taken over, so that the claimant, if it is still
   * alive, can no longer commit. Never exposed.
   */
  fence: number;
  createdAt: number;
  updatedAt: number;
  /** Set while the patient cannot be reached on this channel (see Conversation.unreachableSince). */
  unreachableSince?: number;
  /** Without a replica set: a committed turn whose messages and outbox rows may not all be written yet. */
  settle?: SettleDoc;
}

export interface SettleDoc {
  inboundId: string;
  /** The version this turn produced. */
  turn: number;
  outbound: SettleOutboundDoc[];
  /** JSON of the turn's TicketEffect[] (hand-off), applied by the settle; absent when the turn had none. */
  tickets?: string;
}

export interface SettleOutboundDoc {
  messageId: string;
  text: string;
  /** JSON of Choice[]; absent when the message has no choices. */
  choices?: string;
  createdAt: number;
}

export interface MessageDoc {
  _id: string;
  /** Absent while the inbound message is only claimed (no replica set, turn not committed yet). */
  conversationId?: string;
  direction: 'in' | 'out';
  /** Inbound only: the dedupe key is (channel, platformMessageId). Outbound documents have neither. */
  channel?: ChannelName;
  platformMessageId?: string;
  /** JSON of the inbound content, or of `{ kind: 'text', text, choices? }` for outbound. */
  content: string;
  /** Inbound only: when the platform says the patient sent it. */
  sentAt?: number;
  /** Inbound: when it was received; outbound: when it was created. */
  at: number;
  /** The conversation version the message's turn produced, and its place in that turn (0 = the inbound). */
  turn: number;
  n: number;
  /** A claim (no replica set): the conversation the turn is for, and when it was claimed. */
  claimFor?: string;
  claimedAt?: number;
}

export interface OutboxDoc {
  _id: string;
  conversationId: string;
  channel: ChannelName;
  userId: string;
  text: string;
  /** JSON of Choice[]; absent when the message has no choices. */
  choices?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  /** Order of messages created in the same ms: the version their turn produced, then their place in it. */
  turn: number;
  n: number;
  sentAt?: number;
  lastError?: string;
  /** Why it waits for nextAttemptAt (OutboxItem.waitReason); absent until a try failed. */
  waitReason?: OutboxWaitReason;
  /** The store instance that may send this item until `leaseUntil` (several processes share one outbox). */
  leaseOwner?: string;
  leaseUntil?: number;
}

export interface FlowVersionDoc {
  flowId: string;
  version: string;
  /** JSON of the FlowDef. */
  definition: string;
  createdAt: number;
}

export interface LeaseDoc {
  /** The lease name, e.g. the scheduled job's name. */
  _id: string;
  owner: string;
  /** Held until this time (ms); anyone may take it after. */
  until: number;
}

/** rate-limiter-flexible's counter (login-throttle-schema.ts): its own format, with a Date for the TTL index. */
export interface LoginThrottleDoc {
  _id?: unknown;
  /** `acct:<username>` or `ip:<address>`. */
  key: string;
  points: number;
  expire: Date | null;
}

export interface AccountDoc {
  _id: string;
  username: string;
  displayName: string;
  roles: Role[];
  languages: Language[];
  queues: string[];
  active: boolean;
  /** A doctor's medical council registration number; absent when none. */
  registration?: string;
  /** bcrypt; never leaves src/console/ (see Account). */
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

export interface ConsoleSessionDoc {
  /** sha256 (hex) of the session token. */
  _id: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface AuditDoc {
  _id: string;
  at: number;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ipHash: string | null;
  /** JSON of the details record. */
  details: string;
}

export interface HospitalDoc {
  _id: string;
  name: string;
  names: { bn?: string; hi?: string };
  region: string | null;
  district: string | null;
  city: string | null;
  pincode: string | null;
  address: string | null;
  phones: string[];
  ownership: Ownership | null;
  category: string | null;
  lat: number | null;
  lng: number | null;
  /** JSON of kind → BedCount (kinds are ids from config, counts nest male/female splits). */
  beds: string;
  deskTokenHash?: string;
  deskTokenIssuedAt?: number;
  createdAt: number;
  updatedAt: number;
  /** Bumped by every write of this document: merges write only on the rev they read (no lost update between processes). */
  rev: number;
}

export interface BedSourceDoc {
  _id: string;
  lastAttemptAt: number;
  lastSuccessAt: number | null;
  ok: boolean;
  error: string | null;
  rows: number;
  imported: number;
  skipped: number;
}

/** A named counter, e.g. the hospital registry's revision. */
export interface CounterDoc {
  _id: string;
  value: number;
}

export interface FlowPublicationDoc {
  _id: string;
  flowId: string;
  version: string;
  source: string | null;
  publishedAt: number;
  actorId: string | null;
  note: string;
  /** Publication order (a counter; imported history sorts before it): the newest per flow is live. */
  seq: number;
}

export interface FaqEntryDoc {
  _id: string;
  latestVersion: number;
  publishedVersion: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface FaqVersionDoc {
  /** `${entryId}@${version}`. */
  _id: string;
  entryId: string;
  version: number;
  /** JSON of the FaqContent (its `questions`/`answers` are keyed by language; JSON keeps the shape exactly). */
  content: string;
  savedAt: number;
  actorId: string | null;
  note: string;
}

export interface TicketDoc {
  _id: string;
  conversationId: string;
  channel: ChannelName;
  queue: string;
  language: Language;
  priority: number;
  reason: Ticket['reason'];
  emergency: boolean;
  /** JSON of the TicketTriage; null when none. */
  triage: string | null;
  state: TicketState;
  /** The conversation id while the ticket is not closed (a sparse unique index: one open ticket per conversation); absent once closed. */
  openFor?: string;
  assigneeId: string | null;
  createdAt: number;
  assignedAt: number | null;
  firstAssignedAt: number | null;
  closedAt: number | null;
  closedBy: string | null;
  outcome: TicketOutcome | null;
  rating: number | null;
  updatedAt: number;
}

export interface TicketEventDoc {
  _id: string;
  ticketId: string;
  at: number;
  /** Write order (a counter): the timeline's order, whatever the clocks of the processes that wrote it. */
  seq: number;
  kind: TicketEvent['kind'];
  actorId: string | null;
  text: string | null;
  messageId: string | null;
  /** JSON of the details record. */
  details: string;
}

export interface EnrolmentDoc {
  _id: string;
  conversationId: string;
  /** The conversation id until the enrolment ends (a sparse unique index: one current enrolment per conversation). */
  currentFor?: string;
  state: EnrolmentState;
  slot: CheckinSlot;
  timeZone: string;
  endsAt: number;
  missedInARow: number;
  endReason: string | null;
  enrolledBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface CheckinDoc {
  _id: string;
  enrolmentId: string;
  conversationId: string;
  dueAt: number;
  state: CheckinState;
  version: number;
  claimedAt: number | null;
  /** JSON of the FollowupReading; null when none. */
  reading: string | null;
  updatedAt: number;
}

export interface FollowupTaskDoc {
  _id: string;
  enrolmentId: string;
  conversationId: string;
  kind: FollowupTask['kind'];
  causeId: string;
  /** doneAt === null, kept as a field so that "open first" is an index order. */
  open: boolean;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}
