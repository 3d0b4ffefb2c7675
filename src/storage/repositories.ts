/**
 * The store, as the rest of Sahay sees it: a few repositories, every method async
 * so that the SQLite driver (embedded default) and the MongoDB driver can serve
 * the same contract (test/storage/contract.ts runs against each).
 */
import type { Language } from '../engine/flow';
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
  /**
   * When we learnt that the patient cannot be reached on this channel any more
   * (they blocked the bot, deleted their account); the key is absent while they
   * can be. Set by `setReachable`, cleared by it or by the patient's next
   * committed turn (writing to us means they are back). Nothing unprompted
   * (follow-ups, reminders) may be sent while it is set.
   */
  unreachableSince?: number;
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
  /** Hand-off changes the turn made (src/handoff/), applied in the same transaction. */
  tickets?: TicketEffect[];
}

export type CommitResult =
  /**
   * Stored; the conversation is now at `version`. `othersPending` false: nothing else was
   * waiting in the outbox for this patient (channel and user) when the turn was stored, so
   * its replies are all there is to deliver and delivery need not read them back (a driver
   * that does not say leaves it out, and delivery reads). A driver whose data another
   * process may write adds `unchangedElsewhere`: false once another process has written
   * since the commit (it may have sent these replies), and delivery then reads too.
   */
  | { status: 'committed'; version: number; othersPending?: boolean; unchangedElsewhere?: () => boolean }
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

/**
 * Why a pending item waits for its `nextAttemptAt`, once a try failed:
 * - 'offline': its patient seemed unreachable (a web chat tab closed, WhatsApp not linked).
 *   Nothing was wrong with the message, so their writing again is reason to try at once.
 * - 'backoff': the platform asked for the wait (Telegram's retry_after, WhatsApp's full send
 *   queue) or a failed attempt backs off. It holds even when the patient writes: a try before
 *   it ends would only be refused again, and use up the item's attempts.
 */
export type OutboxWaitReason = 'offline' | 'backoff';

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
  /** Why it waits for nextAttemptAt; absent until a try failed (and on items stored before it was kept). */
  waitReason?: OutboxWaitReason;
}

/** A reply as its transcript keeps it: the text, and the choices when it offered any (every driver). */
export function replyContent(text: string, choices: Choice[] | undefined): MessageRecord['content'] {
  return choices ? { kind: 'text', text, choices } : { kind: 'text', text };
}

/** A reply's outbox item as it is first stored: pending, never tried, due at once. */
export function newOutboxItem(to: { conversationId: string; channel: ChannelName; userId: string }, out: StoredOutbound): OutboxItem {
  const item: OutboxItem = {
    id: out.id,
    conversationId: to.conversationId,
    channel: to.channel,
    userId: to.userId,
    text: out.text,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: out.createdAt,
    createdAt: out.createdAt,
  };
  if (out.choices) item.choices = out.choices;
  return item;
}

export interface StoredFlowVersion {
  flowId: string;
  version: string;
  /** The definition as the engine reads it (JSON of FlowDef). */
  definition: unknown;
  createdAt: number;
}

/** What a new conversation starts with. */
export interface NewConversation {
  id: string;
  session: Session;
  now: number;
}

/** A new conversation's start, or a function that makes it, called only when the conversation is new. */
export type NewConversationInit = NewConversation | (() => NewConversation);

export function newConversationOf(init: NewConversationInit): NewConversation {
  return typeof init === 'function' ? init() : init;
}

export interface ConversationRepository {
  /**
   * The conversation of this user on this channel, created (with `session`) when new. The
   * router passes a function: almost every message belongs to an existing conversation, and
   * it should not make an id and a session for each of them.
   */
  findOrCreate(channel: ChannelName, userId: string, init: NewConversationInit): Promise<Conversation>;
  /** The conversation of this user on this channel, if there is one (nothing is created). */
  findByUser(channel: ChannelName, userId: string): Promise<Conversation | undefined>;
  get(id: string): Promise<Conversation | undefined>;
  count(): Promise<number>;
  /**
   * Mark the patient unreachable (`reachable` false: unreachableSince = `at`, an
   * earlier time already set is kept) or reachable again (the key is removed).
   * Not a turn: version and updatedAt stay as they are. Unknown id: nothing happens.
   */
  setReachable(id: string, reachable: boolean, at: number): Promise<void>;
}

export interface TurnRepository {
  /** Was this platform message already stored? (System turns check before running; patients' turns leave it to commit.) */
  seen(channel: ChannelName, platformMessageId: string): Promise<boolean>;
  /** Store a turn atomically: session, inbound and outbound messages, and the outbox rows; clears unreachableSince. */
  commit(turn: Turn): Promise<CommitResult>;
}

export interface MessageRepository {
  /**
   * The conversation's messages in order, oldest first; with a limit, the newest `limit`.
   * (SQLite takes the last `limit` stored, which are the newest unless a clock went back.)
   */
  list(conversationId: string, opts?: { limit?: number }): Promise<MessageRecord[]>;
}

export interface OutboxRepository {
  /** Pending items due at `now`, oldest first; `channel` narrows to one channel, `userId` to one user. */
  due(now: number, opts?: { limit?: number; channel?: ChannelName; userId?: string }): Promise<OutboxItem[]>;
  markSent(id: string, at: number): Promise<void>;
  /** Record a failed attempt: try again at `retryAt` (waitReason 'backoff'), or give up (`dead`) when retryAt is null. */
  markFailed(id: string, error: string, retryAt: number | null): Promise<void>;
  /**
   * Keep a pending item until `retryAt` without counting an attempt: its patient is not reachable
   * right now (waitReason 'offline'), which says nothing about the message. However many sweeps
   * find them away, their next real failure still has all its retries.
   */
  postpone(id: string, error: string, retryAt: number): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  /** Items of every status (tests, diagnostics): may count every item ever sent. */
  countByStatus(): Promise<Record<OutboxStatus, number>>;
  /** Items waiting to be sent: counted by every outbox sweep, so cheap however many were ever sent. */
  countPending(): Promise<number>;
}

export interface FlowVersionRepository {
  /** Keep a version so that conversations started on it can finish on it (idempotent). */
  save(version: StoredFlowVersion): Promise<void>;
  /**
   * `save` for each, in one transaction where the store has them (SQLite): start-up keeps every
   * shipped flow's version, one disk sync for all of them instead of one per flow.
   */
  saveAll(versions: readonly StoredFlowVersion[]): Promise<void>;
  get(flowId: string, version: string): Promise<StoredFlowVersion | undefined>;
  list(flowId: string): Promise<StoredFlowVersion[]>;
  /**
   * Make a saved version the one new conversations get (an admin published or rolled
   * back a flow). Appends to the flow's publication history; false (and nothing
   * stored) when that version was never saved.
   */
  publish(publication: FlowPublication): Promise<boolean>;
  /** The flow's publications, newest first. */
  publications(flowId: string): Promise<FlowPublication[]>;
  /** The newest publication of every flow that has one, ordered by flow id. */
  published(): Promise<FlowPublication[]>;
}

/** An admin made a flow version live (src/flow-editing/). Flows never published run as flows/ defines them. */
export interface FlowPublication {
  flowId: string;
  version: string;
  /** The YAML as the admin wrote it (comments and layout kept); null when there was none (a shipped file's version). */
  source: string | null;
  publishedAt: number;
  /** The console account; null for the command line. */
  actorId: string | null;
  /** How: "edit", "rollback", "default" (back to the shipped file). */
  note: string;
}

/**
 * One FAQ entry as one version holds it (src/faq/). Every language is optional:
 * the bot says when the patient's language is missing and offers the others.
 */
export interface FaqContent {
  /** Lower-case words joined by "-": "isolation-how-long". Stable: never reused for another question. */
  id: string;
  topics: string[];
  /** Example questions as patients ask them (native script and romanized), per language. */
  questions: Partial<Record<Language, string[]>>;
  answers: Partial<Record<Language, string>>;
  /** The guideline the answer is written from (title, publisher, URL). */
  source: string;
  /** When the answer was last checked against its source: YYYY-MM-DD. */
  reviewed: string;
}

export interface FaqVersion {
  entryId: string;
  /** 1, 2, 3… per entry; a version never changes once saved. */
  version: number;
  content: FaqContent;
  savedAt: number;
  /** The console account that saved it; null for the command line and the starter set. */
  actorId: string | null;
  /** How it came: "edit", "import", "starter", "rollback:<version>". */
  note: string;
}

export interface FaqEntryRecord {
  id: string;
  latest: FaqVersion;
  /** The version the bot answers with; null while the entry is a draft (never published, or withdrawn). */
  published: FaqVersion | null;
  createdAt: number;
  updatedAt: number;
}

export interface FaqSaveItem {
  content: FaqContent;
  /** Make the new version the published one (else it is a draft and the published version stays). */
  publish: boolean;
  note: string;
  /** The latest version the editor started from (0: a new entry); another number fails the save as a conflict. */
  baseVersion?: number;
  /**
   * The published version the editor saw (null: none); another fails the save as a conflict,
   * checked in the same transaction as `baseVersion` (a publishing save must not put back in
   * front of patients an entry a colleague withdrew meanwhile).
   */
  basePublishedVersion?: number | null;
}

/** An entry as an admin's page showed it: a publish or withdrawal is refused when either moved since. */
export interface FaqSeen {
  latestVersion: number;
  publishedVersion: number | null;
}

export type FaqSaveResult =
  | { status: 'saved'; versions: FaqVersion[] }
  /** Someone saved the entry since `baseVersion` was read: nothing was stored. */
  | { status: 'conflict'; entryId: string; latestVersion: number };

/**
 * FAQ entries with their full version history. Writes bump `revision()`, so a
 * process that holds the search index (the service, while `sahay faq import`
 * runs elsewhere) can tell with one read that it must rebuild it.
 */
export interface FaqRepository {
  /** Append one new version per item, in one transaction: all or nothing (an import). */
  save(items: FaqSaveItem[], by: { actorId: string | null; at: number }): Promise<FaqSaveResult>;
  /**
   * Publish an existing version (or with null, withdraw the entry); undefined for an unknown entry
   * or version. With `seen`, only if the entry is still as seen, checked in the same transaction
   * as the write: 'conflict' (nothing written) when its latest or published version moved.
   */
  setPublished(entryId: string, version: number | null, at: number, seen?: FaqSeen): Promise<FaqEntryRecord | 'conflict' | undefined>;
  get(entryId: string): Promise<FaqEntryRecord | undefined>;
  /** Every entry, ordered by id (a deployment has tens to a few hundred). */
  list(): Promise<FaqEntryRecord[]>;
  /** The entry's versions, newest first ([] for an unknown entry). */
  versions(entryId: string): Promise<FaqVersion[]>;
  version(entryId: string, version: number): Promise<FaqVersion | undefined>;
  revision(): Promise<number>;
}

/** What a console account may do; each /api/admin and /api/operator route names the roles it allows. */
export type Role = 'admin' | 'doctor' | 'operator';

/**
 * A person who signs in to the console: a call-centre operator, a volunteer doctor or an admin.
 * `passwordHash` (bcrypt) never leaves src/console/: not in logs, not in API responses.
 */
export interface Account {
  id: string;
  /** The sign-in name, lower-case; unique. */
  username: string;
  displayName: string;
  roles: Role[];
  /** The languages this person can talk to patients in. */
  languages: Language[];
  /** The hand-off queues this person serves (ids such as "triage" or "beds"). */
  queues: string[];
  /** A disabled account cannot sign in and has no sessions. */
  active: boolean;
  /**
   * A doctor's medical council registration number ("WBMC 61234"), shown with every reply
   * to a patient (India's Telemedicine Practice Guidelines 2020); absent or '' when none.
   */
  registration?: string;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

/** The fields of an account that can change after it is created. */
export type AccountChanges = Partial<Pick<Account, 'displayName' | 'roles' | 'languages' | 'queues' | 'active' | 'registration' | 'passwordHash'>>;

export interface AccountRepository {
  /** Store a new account; false (and nothing stored) when its username is taken. */
  create(account: Account): Promise<boolean>;
  get(id: string): Promise<Account | undefined>;
  /** Exact match: callers lower-case the name first. */
  findByUsername(username: string): Promise<Account | undefined>;
  /** Every account, ordered by username (a deployment has tens to hundreds). */
  list(): Promise<Account[]>;
  /** Apply `changes` and set updatedAt = now; the account as stored, or undefined for an unknown id. */
  update(id: string, changes: AccountChanges, now: number): Promise<Account | undefined>;
}

/** One signed-in browser. The cookie holds a random token; only its hash is stored. */
export interface ConsoleSession {
  /** sha256 (hex) of the session token. */
  id: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface ConsoleSessionRepository {
  create(session: ConsoleSession): Promise<void>;
  get(id: string): Promise<ConsoleSession | undefined>;
  /** Record activity (the idle timeout counts from lastSeenAt). Unknown ids are ignored. */
  touch(id: string, lastSeenAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** End every session of an account, but `exceptId`; returns how many ended. */
  deleteForAccount(accountId: string, exceptId?: string): Promise<number>;
  /** Remove sessions idle since before `lastSeenBefore` or created before `createdBefore`; returns how many. */
  deleteExpired(lastSeenBefore: number, createdBefore: number): Promise<number>;
}

/**
 * Who did what to which record, when and from where. Append-only. `details` holds small
 * codes and ids (changed field names, a reason): never patient data, names or secrets.
 */
export interface AuditEntry {
  id: string;
  at: number;
  /** The account that acted; null for the command line or a sign-in under an unknown name. */
  actorId: string | null;
  /** Dotted, past tense: "auth.signed_in", "account.created", "conversation.viewed". */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** A keyed hash of the client's IP address (never the address itself); null when not over HTTP. */
  ipHash: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** Every field narrows the result; all given ones must match. */
export interface AuditQuery {
  /** at >= since */
  since?: number;
  /** at < until */
  until?: number;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Paging: entries strictly older than this one in the list order (at, then id, both descending). */
  before?: { at: number; id: string };
  limit: number;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first: by `at` descending, then `id` descending. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

/** Vacant and total beds of one kind for one sex, when the source splits them. */
export interface BedSplit {
  total: number | null;
  vacant: number | null;
}

/**
 * One hospital's beds of one kind (a kind id from config/beds/kinds.yaml, or `all`:
 * the overall count as the source reports it). `updatedAt` is when the source says the
 * figure was true (ms), null when it does not say; `source` names where it came from
 * ("file:Pune.csv", "refresh:wb-portal", "desk", "console").
 */
export interface BedCount extends BedSplit {
  male?: BedSplit;
  female?: BedSplit;
  updatedAt: number | null;
  source: string;
}

export type Ownership = 'government' | 'private';

/**
 * A hospital as an import, a refresh or an admin describes it. `id` is stable across
 * re-imports (src/beds/identity.ts). A null field means "not given": an upsert keeps
 * what is stored. Phone numbers and names are published contact data: never logged.
 */
export interface HospitalInput {
  id: string;
  name: string;
  /** The name in Bengali and Hindi, when known. */
  names: { bn?: string; hi?: string };
  /** State or area, as the feed names it ("West Bengal"). */
  region: string | null;
  district: string | null;
  city: string | null;
  pincode: string | null;
  address: string | null;
  phones: string[] | null;
  ownership: Ownership | null;
  /** The feed's own category ("Dedicated Covid Hospital", "DCHC"). */
  category: string | null;
  location: { lat: number; lng: number } | null;
  /** Kind → count. Kinds not named are left as stored. */
  beds: Record<string, BedCount>;
}

export interface Hospital extends Omit<HospitalInput, 'phones'> {
  phones: string[];
  /** When this record was first and last written (not the figures' own times). */
  createdAt: number;
  updatedAt: number;
}

/** Every given field narrows the list; all must match. Ordered by id. */
export interface HospitalQuery {
  /** Exact district name. */
  district?: string;
  /** Case-insensitive part of the name, district or city. */
  text?: string;
  /** Paging: hospitals with an id after this one. */
  afterId?: string;
  limit?: number;
}

export interface UpsertSummary {
  created: number;
  updated: number;
  /** Counts not replaced because the stored one is newer (by `updatedAt`; null is oldest). */
  countsKept: number;
}

/** A desk token's hash (sha256 hex of the random token the desk holds) and when it was issued. */
export interface DeskToken {
  hash: string;
  issuedAt: number;
}

/** The last run of a scheduled bed refresh (src/beds/refresh.ts), for the console and /metrics. */
export interface BedSourceStatus {
  id: string;
  lastAttemptAt: number;
  /** Unset until a refresh of this source has succeeded. */
  lastSuccessAt: number | null;
  ok: boolean;
  /** Why the last attempt failed: a short description without feed content. */
  error: string | null;
  /** Of the last attempt: records read, hospitals written, records skipped as unreadable. */
  rows: number;
  imported: number;
  skipped: number;
}

/**
 * The hospital registry. Merge rules, the same in every driver:
 * - a descriptive field that is null in the input keeps the stored value; `names` merge per language;
 * - a bed count replaces the stored count of its kind only when its `updatedAt` is at least as
 *   new (null counts as oldest), so an old file re-imported never undoes a desk's update;
 * - every write (upsertMany, updateBeds, desk tokens) increments `revision()`, which lets another
 *   process (the service, while `sahay beds import` runs) notice it must reload.
 */
export interface HospitalRepository {
  /** Insert or merge every hospital in one transaction (all or nothing). */
  upsertMany(hospitals: HospitalInput[], now: number): Promise<UpsertSummary>;
  get(id: string): Promise<Hospital | undefined>;
  list(query?: HospitalQuery): Promise<Hospital[]>;
  count(): Promise<number>;
  /** Merge counts into one hospital (rules above); undefined for an unknown id. */
  updateBeds(id: string, beds: Record<string, BedCount>, now: number): Promise<Hospital | undefined>;
  revision(): Promise<number>;
  /** Set (or with null, revoke) the hospital's desk token; false for an unknown id. */
  setDeskToken(id: string, token: DeskToken | null): Promise<boolean>;
  deskToken(id: string): Promise<DeskToken | undefined>;
  saveSourceStatus(status: BedSourceStatus): Promise<void>;
  listSourceStatus(): Promise<BedSourceStatus[]>;
}

/** Where a hand-off ticket is: waiting for a person, with one (assigned), or back with the bot (closed). */
export type TicketState = 'waiting' | 'assigned' | 'closed';

/** How a ticket ended: an operator's outcome, or the patient left the queue (cancel, stop). */
export type TicketOutcome = 'advice_given' | 'referred_to_hospital' | 'ambulance_called' | 'prescription_by_doctor' | 'no_response' | 'cancelled_by_patient';

/** The triage outcome a ticket carries (the conversation's `triage.*` values when it was opened). */
export interface TicketTriage {
  level: string;
  reasons: string[];
  answers: Record<string, unknown>;
  at: number;
}

/**
 * A patient waiting for, or talking to, a person (src/handoff/). At most one ticket of a
 * conversation is open (not closed) at a time. Queue order: priority descending, then
 * createdAt ascending (the longest wait first), then id.
 */
export interface Ticket {
  id: string;
  conversationId: string;
  channel: ChannelName;
  /** A queue id of config/handoff.yaml ("kolkata-doctor"). */
  queue: string;
  /** The patient's language, for routing to an operator who speaks it. */
  language: Language;
  /** 0 (unknown or mild) to 4 (emergency), from the triage level. */
  priority: number;
  /**
   * Why it was opened: the patient asked, the bot failed to understand them, the bot failed on
   * its own side (`bot_error`: a turn broke, src/handoff/turn-hooks.ts), an emergency, or a
   * crisis (the patient wrote of suicide or self-harm: for a counsellor).
   */
  reason: 'asked' | 'not_understood' | 'bot_error' | 'emergency' | 'crisis';
  /** Flagged for the first operator, whatever the queue, language or working hours. */
  emergency: boolean;
  triage: TicketTriage | null;
  state: TicketState;
  /** The account the chat is with while assigned; null otherwise. */
  assigneeId: string | null;
  createdAt: number;
  /** When the current assignee took it; null while waiting. */
  assignedAt: number | null;
  /** When a person first took it: the patient's wait was firstAssignedAt - createdAt. */
  firstAssignedAt: number | null;
  closedAt: number | null;
  /** The account that closed it; null when the patient left or it is open. */
  closedBy: string | null;
  outcome: TicketOutcome | null;
  /** The patient's answer to "was this helpful?" (1 to 5). */
  rating: number | null;
  updatedAt: number;
}

/** Queue order, as every driver lists tickets: highest priority first, then oldest, then by id. */
export const inQueueOrder = (a: Pick<Ticket, 'priority' | 'createdAt' | 'id'>, b: Pick<Ticket, 'priority' | 'createdAt' | 'id'>): number => b.priority - a.priority || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What a turn does to tickets, in the turn's transaction (Turn.tickets). */
export type TicketEffect =
  /** A new waiting ticket (its conversation has no open one: the turn's handler checked). */
  | { kind: 'open'; ticket: Ticket }
  /**
   * An emergency in an open ticket: flagged, priority raised to at least `priority`. With
   * `reason: 'crisis'` (the patient wrote of suicide or self-harm while waiting) the ticket takes
   * that reason too, as a new crisis ticket has it; without, its reason stays.
   */
  | { kind: 'escalate'; ticketId: string; priority: number; at: number; reason?: 'crisis' }
  /** The patient left the queue (cancel, stop): an open ticket is closed as cancelled_by_patient. */
  | { kind: 'cancel'; ticketId: string; at: number }
  /** The patient's answer to "was this helpful?". */
  | { kind: 'rate'; ticketId: string; rating: number; at: number };

/** The ticket's timeline: private notes, replies (their message ids), and who took, passed on or closed it. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  at: number;
  kind: 'note' | 'reply' | 'claimed' | 'released' | 'transferred' | 'closed';
  actorId: string | null;
  /** A note's text (private: never sent to the patient); null for other kinds. */
  text: string | null;
  /** A reply's outbound message id; null for other kinds. */
  messageId: string | null;
  /** Small codes: the queue or account a ticket was passed to, the outcome. */
  details: Record<string, string | number | boolean | null>;
}

/** Every given field narrows the list (all must match). The list is in queue order. */
export interface TicketQuery {
  states?: TicketState[];
  queues?: string[];
  assigneeId?: string;
  /** createdAt >= createdFrom and < createdTo */
  createdFrom?: number;
  createdTo?: number;
  /** closedAt >= closedFrom (closed tickets only) */
  closedFrom?: number;
  limit?: number;
}

export interface TicketClaim {
  ticketId: string;
  operatorId: string;
  at: number;
  /** Refused (at_capacity) when the operator already has this many assigned tickets (auto-assignment). */
  maxAssigned?: number;
  /** Tells the patient who has joined: stored as an outbound message with its outbox row, in the same transaction. */
  notice?: StoredOutbound;
  eventId: string;
}

export type ClaimResult =
  | { status: 'claimed'; ticket: Ticket }
  /** Not waiting any more (another operator won, or it was closed): the ticket as it is now. */
  | { status: 'taken'; ticket: Ticket }
  | { status: 'at_capacity' }
  | { status: 'not_found' };

/** Pass an assigned ticket on: back to waiting (in its queue or another), or to another account. */
export interface TicketMove {
  ticketId: string;
  /** Only the current assignee may pass it on. */
  operatorId: string;
  at: number;
  queue: string;
  /** null: back to waiting; an account id: assigned to that account at once. */
  assigneeId: string | null;
  /** Tells the patient (back in the queue, or who has joined): stored as an outbound message with its outbox row, in the same transaction. */
  notice?: StoredOutbound;
  eventId: string;
}

export interface TicketReply {
  ticketId: string;
  /** Only the current assignee may reply. */
  operatorId: string;
  /** The text as the patient reads it (name and registration number included), stored with its outbox row. */
  message: StoredOutbound;
  eventId: string;
}

export interface TicketClose {
  ticketId: string;
  /** Only the current assignee may close. */
  operatorId: string;
  outcome: Exclude<TicketOutcome, 'cancelled_by_patient'>;
  at: number;
  eventId: string;
  /** The conversation handed back to the bot: its session after the feedback question, on the version it was computed on. */
  conversation: { expectedVersion: number; session: Session };
  /** What the bot says on taking the chat back (the feedback question), stored with their outbox rows. */
  outbound: StoredOutbound[];
}

export type TicketWriteResult<T = Ticket> =
  | { status: 'ok'; ticket: T }
  /** Not assigned to this operator (any more): the ticket as it is now. */
  | { status: 'not_yours'; ticket: Ticket }
  | { status: 'not_found' };

/**
 * Hand-off tickets (src/handoff/). Tickets are opened, escalated, cancelled and rated by
 * turns (Turn.tickets); people claim, reply to, pass on and close them here. Every write
 * that depends on the ticket's state is one conditional update (or transaction), so two
 * operators clicking at once get one winner.
 */
export interface TicketRepository {
  get(id: string): Promise<Ticket | undefined>;
  /** The conversation's ticket that is not closed, if any. */
  openFor(conversationId: string): Promise<Ticket | undefined>;
  /** Tickets in queue order (priority descending, createdAt ascending, id). */
  list(query: TicketQuery): Promise<Ticket[]>;
  /** Take a waiting ticket (waiting → assigned): of two claims at once, one wins and the other gets `taken`. */
  claim(claim: TicketClaim): Promise<ClaimResult>;
  /** Release or transfer an assigned ticket; only its assignee may. */
  move(move: TicketMove): Promise<TicketWriteResult>;
  /** Store an operator's reply (message + outbox row) while the ticket is assigned to them. */
  reply(reply: TicketReply): Promise<TicketWriteResult>;
  /** A private note on a ticket (any state); false for an unknown ticket. */
  addNote(note: { id: string; ticketId: string; actorId: string; at: number; text: string }): Promise<boolean>;
  /** The ticket's timeline, oldest first. */
  events(ticketId: string): Promise<TicketEvent[]>;
  /**
   * Close an assigned ticket and hand the chat back to the bot, in one transaction: the
   * ticket, the conversation's session (only on `conversation.expectedVersion`, which it
   * increments) and the bot's messages. `conflict`: the conversation moved on (a patient's
   * turn committed first); nothing changed: compute the session again and retry.
   */
  close(close: TicketClose): Promise<TicketWriteResult | { status: 'conflict' }>;
}

/** A patient's daily check-ins (src/followup/): offered at home isolation, or enrolled by an operator. */
export type EnrolmentState = 'active' | 'paused' | 'ended';

/** The part of the day the patient chose, in their local time zone (config/followup.yaml gives the hour). */
export type CheckinSlot = 'morning' | 'afternoon' | 'evening';

export interface Enrolment {
  id: string;
  conversationId: string;
  state: EnrolmentState;
  slot: CheckinSlot;
  /** IANA zone the slot is read in (from the patient's region). */
  timeZone: string;
  /** The last day a check-in may be due (ms); extending moves it. */
  endsAt: number;
  /** Check-ins missed since the last answer; 2 in a row make a "call this patient" task. */
  missedInARow: number;
  /** Why it ended: "completed", "stopped" (the patient), "unreachable", "operator". */
  endReason: string | null;
  /** Who enrolled: null for the patient's own yes, else the console account. */
  enrolledBy: string | null;
  createdAt: number;
  updatedAt: number;
  /** Incremented by every update: an update applies only on the version it read. */
  version: number;
}

/**
 * scheduled → running (claimed, being sent) → sent → answered | missed; scheduled → cancelled (lapsed
 * unsent); scheduled | running | sent → cancelled (the enrolment ended).
 */
export type CheckinState = 'scheduled' | 'running' | 'sent' | 'answered' | 'missed' | 'cancelled';

/** What the patient reported at one check-in, and the triage level it assessed to. */
export interface FollowupReading {
  at: number;
  spo2: number | null;
  /** °C */
  temperature: number | null;
  symptoms: string[];
  feeling: string | null;
  level: string;
  reasons: string[];
}

export interface Checkin {
  id: string;
  enrolmentId: string;
  conversationId: string;
  dueAt: number;
  state: CheckinState;
  /** Incremented by every transition: a claim applies only on the version it read. */
  version: number;
  /** When it was claimed (running); a claim older than the runner's lease may be taken over. */
  claimedAt: number | null;
  reading: FollowupReading | null;
  updatedAt: number;
}

/** Something an operator must do for an enrolled patient (the console's follow-up screen). */
export interface FollowupTask {
  id: string;
  enrolmentId: string;
  conversationId: string;
  /** call_patient: two check-ins missed in a row; escalation: worsened (when no ticket could be opened). */
  kind: 'call_patient' | 'escalation';
  /** Makes the task unique: one task per cause (the check-in that caused it). */
  causeId: string;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}

export interface CheckinTransition {
  id: string;
  from: CheckinState;
  expectedVersion: number;
  to: CheckinState;
  at: number;
  claimedAt?: number | null;
  reading?: FollowupReading | null;
}

/** Where a page of enrolments ended: the next page lists those strictly after it in list order. */
export interface EnrolmentPosition {
  createdAt: number;
  id: string;
}

/** Check-ins (each enrolment's already in order) under their enrolment, every id asked a key. */
export function checkinsByEnrolment(enrolmentIds: readonly string[], checkins: readonly Checkin[]): Map<string, Checkin[]> {
  const byEnrolment = new Map(enrolmentIds.map((id): [string, Checkin[]] => [id, []]));
  for (const c of checkins) byEnrolment.get(c.enrolmentId)?.push(c);
  return byEnrolment;
}

export interface FollowupRepository {
  /** Store an enrolment with its check-ins in one transaction; false (nothing stored) when the conversation already has one not ended. */
  enrol(enrolment: Enrolment, checkins: Checkin[]): Promise<boolean>;
  getEnrolment(id: string): Promise<Enrolment | undefined>;
  /** The conversation's enrolment that is not ended, if any. */
  currentFor(conversationId: string): Promise<Enrolment | undefined>;
  /** Newest first (createdAt, then id, both descending); `states` narrows; `before` pages. */
  listEnrolments(query?: { states?: EnrolmentState[]; limit?: number; before?: EnrolmentPosition }): Promise<Enrolment[]>;
  /** Replace the enrolment if it is still at `expectedVersion` (its version is then incremented); false otherwise. */
  updateEnrolment(enrolment: Enrolment, expectedVersion: number): Promise<boolean>;
  /** Add check-ins (an extension); ids already stored are skipped. */
  addCheckins(checkins: Checkin[]): Promise<void>;
  /** Check-ins in `states` due at or before `now`, oldest first. */
  due(now: number, states: CheckinState[], limit?: number): Promise<Checkin[]>;
  /** The one atomic step: applies only from `from` at `expectedVersion`; true when this caller won. */
  transition(t: CheckinTransition): Promise<boolean>;
  /** The enrolment's check-ins, by dueAt. */
  checkins(enrolmentId: string): Promise<Checkin[]>;
  /** Each enrolment's check-ins in `checkins`' order, in one read: every id asked is a key, [] when it has none. */
  checkinsOf(enrolmentIds: readonly string[]): Promise<Map<string, Checkin[]>>;
  /**
   * Every check-in of the enrolment not yet settled (scheduled, running or sent: not answered,
   * missed or cancelled) becomes cancelled, as the enrolment ends; returns how many.
   */
  cancelScheduled(enrolmentId: string, at: number): Promise<number>;
  /** false (nothing stored) when a task with the same kind and causeId exists. */
  addTask(task: FollowupTask): Promise<boolean>;
  /** Open tasks first (oldest first), then done ones newest first. */
  tasks(query?: { open?: boolean; enrolmentId?: string }): Promise<FollowupTask[]>;
  /** Mark an open task done; false when unknown or already done. */
  completeTask(id: string, by: string, at: number): Promise<boolean>;
}

export interface Store {
  conversations: ConversationRepository;
  turns: TurnRepository;
  messages: MessageRepository;
  outbox: OutboxRepository;
  flowVersions: FlowVersionRepository;
  /** Console sign-in: accounts, their sessions, and the audit log (src/console/). */
  accounts: AccountRepository;
  consoleSessions: ConsoleSessionRepository;
  audit: AuditRepository;
  /** Hospitals and their free beds (src/beds/). */
  hospitals: HospitalRepository;
  /** FAQ entries and their versions (src/faq/). */
  faq: FaqRepository;
  /** Hand-off tickets: patients waiting for, or talking to, a person (src/handoff/). */
  tickets: TicketRepository;
  /** Follow-up check-ins: enrolments, their schedules and readings, operators' tasks (src/followup/). */
  followups: FollowupRepository;
  /**
   * Named leases, so that a scheduled job runs in one of several processes sharing the
   * database (MongoDB). Absent where only one process uses the store (SQLite, memory):
   * there the job simply runs.
   */
  leases?: LeaseRepository;
  /**
   * Where the console's sign-in throttle counts failures when several processes share the
   * store: a `storeClient` for rate-limiter-flexible's RateLimiterMongo (the MongoDB store,
   * src/storage/mongo/login-throttle.ts). Absent (SQLite, memory): each process counts in memory.
   */
  throttleStoreClient?: object;
  /** true when the store can serve requests (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Named leases (the MongoDB store's `leases` collection, src/storage/mongo/leases.ts). */
export interface LeaseRepository {
  /** Take or renew the lease for `ttlMs`; true when `owner` holds it now. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Give it up early (only the holder can). */
  release(name: string, owner: string): Promise<void>;
  /** Who holds it and until when; undefined when free. */
  holder(name: string): Promise<{ owner: string; until: number } | undefined>;
}
