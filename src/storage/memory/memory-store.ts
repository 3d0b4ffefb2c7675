/**
 * A Store in plain Maps, for tests and benchmarks: the same semantics as the
 * SQLite driver (duplicate, conflict, outbox ordering), checked by the same
 * contract suite. Everything is copied on the way in and out, so that a caller
 * mutating a session it passed or received cannot change what is stored (as it
 * could not with a real database). Sessions are kept deep-frozen (frozen.ts), so
 * that the values a turn did not change are shared rather than copied: of a session
 * read back, the session object and its `vars` object are the caller's own, and the
 * stack and the values under `vars` are frozen (a turn copies what it writes under;
 * see src/engine/engine.ts). A reply is kept once, as its outbox item, which is also its
 * place in the transcript: a message record is made of it only when the transcript is read
 * (half the objects a turn left behind, and the collector's work of keeping them).
 */
import { cloneJson } from './clone-json';
import type { ChannelName } from '../../router/message';
import type {
  CommitResult,
  Conversation,
  FlowPublication,
  MessageRecord,
  OutboxItem,
  OutboxStatus,
  Store,
  StoredFlowVersion,
  StoredOutbound,
  Turn,
} from '../repositories';
import { newConversationOf, newOutboxItem, replyContent } from '../repositories';
import { memoryAccounts, memoryAudit, memoryConsoleSessions } from './console-repositories';
import { memoryFaq } from './faq';
import { memoryHospitals } from './hospitals';
import { memoryTickets } from './tickets';
import { memoryFollowups } from './followups';
import { ownSession, storedSession } from './frozen';
import { PairMap } from './pair-map';

/** Insertion order, the tie-breaker that SQLite's rowid gives the other driver. */
type Seq = { seq: number };
/** A reply, as stored: its outbox item, which is also its entry in the transcript. */
type Reply = OutboxItem & Seq;
/** A transcript's entry: an inbound message's record, or a reply. */
type Entry = (MessageRecord & Seq) | Reply;
const isReply = (e: Entry): e is Reply => 'status' in e;
/** When the message was received or said. */
const atOf = (e: Entry): number => (isReply(e) ? e.createdAt : e.at);

interface State {
  seq: number;
  conversations: Map<string, Conversation>;
  /** channel, userId → conversation id */
  byUser: PairMap<string>;
  /** channel, platformMessageId of every stored inbound message */
  inbound: PairMap<true>;
  messages: Map<string, Entry[]>;
  /**
   * How many items were sent and given up (the pending ones are `pendingById`'s). Items are
   * not kept in a table of their own: a pending one is found by id in `pendingById`, any
   * other (rarely asked for: `get`, a second mark) by a search of the transcripts.
   */
  settled: Record<Exclude<OutboxStatus, 'pending'>, number>;
  /** The pending items by id: each one is marked sent right after it is stored. */
  pendingById: Map<string, Reply>;
  /**
   * The pending items again, by channel and userId, oldest first: delivery reads one
   * patient's (their own few items, not every patient's), and a commit asks whether a
   * patient has any (CommitResult.othersPending). A patient's list stays when it empties (as
   * it does after almost every turn's delivery), to be filled again by their next turn: not
   * removed and made anew, two map writes and an array a turn.
   */
  pending: PairMap<Reply[]>;
  flowVersions: Map<string, Array<StoredFlowVersion & Seq>>;
  /** Oldest first. */
  flowPublications: FlowPublication[];
  closed: boolean;
}

// Stored values are plain JSON (as in the other drivers): copied without structuredClone's cost.
const copy = cloneJson;
const bySeq = (a: Seq, b: Seq): number => a.seq - b.seq;
/** A stored record as handed out: a copy, without its insertion order (one pass: delivery reads a few at a time). */
const strip = <T extends Seq>(record: T): Omit<T, 'seq'> => {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record)) if (k !== 'seq') out[k] = copy((record as Record<string, unknown>)[k]);
  return out as Omit<T, 'seq'>;
};
/** A reply as a transcript hands it out: the message the patient was sent. */
const replyRecord = (item: Reply): MessageRecord => ({
  id: item.id,
  conversationId: item.conversationId,
  direction: 'out',
  content: replyContent(item.text, item.choices && copy(item.choices)),
  at: item.createdAt,
});
/** A stored conversation as a caller gets it: its own, but for the frozen stack and values under `session.vars`. */
const handOut = (conv: Conversation): Conversation => ({ ...conv, session: ownSession(conv.session) });

export function createMemoryStore(): Store {
  const s: State = {
    seq: 0,
    conversations: new Map(),
    byUser: new PairMap(),
    inbound: new PairMap(),
    messages: new Map(),
    settled: { sent: 0, dead: 0 },
    pendingById: new Map(),
    pending: new PairMap(),
    flowVersions: new Map(),
    flowPublications: [],
    closed: false,
  };

  /** The stored conversation of this user on this channel, if any. */
  function storedOf(channel: ChannelName, userId: string): Conversation | undefined {
    const id = s.byUser.get(channel, userId);
    return id === undefined ? undefined : s.conversations.get(id);
  }
  /** A conversation's stored messages, oldest first (an empty list is stored for a new one). */
  function transcriptOf(conversationId: string): Entry[] {
    let log = s.messages.get(conversationId);
    if (!log) s.messages.set(conversationId, (log = []));
    return log;
  }
  /** A stored item leaves `from` for 'sent' or 'dead' (a pending one is counted by `pendingById`). */
  function settle(item: Reply, to: 'sent' | 'dead'): void {
    if (item.status !== 'pending') s.settled[item.status] -= 1;
    s.settled[to] += 1;
    item.status = to;
  }
  /** The item is no longer pending (sent, or given up). */
  function dropPending(item: Reply): void {
    s.pendingById.delete(item.id);
    const items = s.pending.get(item.channel, item.userId);
    const at = items ? items.indexOf(item) : -1;
    if (at < 0) return;
    // The oldest, almost always (delivery sends in order): shift, not a general splice.
    if (at === 0) items!.shift();
    else items!.splice(at, 1);
  }

  /** The item with this id: a pending one at once, any other by a search of the transcripts (each from its newest). */
  function findItem(id: string): Reply | undefined {
    const pending = s.pendingById.get(id);
    if (pending) return pending;
    for (const log of s.messages.values()) {
      for (let i = log.length - 1; i >= 0; i--) {
        const entry = log[i]!;
        if (entry.id === id && isReply(entry)) return entry;
      }
    }
    return undefined;
  }

  /** A reply and its outbox item: a turn's, or one the hand-off stores outside a turn (an operator's reply, the bot taking the chat back). */
  function storeOutbound(conv: Conversation, out: StoredOutbound, pendingOfUser = s.pending.get(conv.channel, conv.userId)): void {
    // Its insertion order added to the item as made, not spread into a copy of it: a spread that
    // adds a property leaves V8's fast path (bench/experiments/object-spread.js), and cost most of
    // what keeping a reply once saves (bench/experiments/memory-store-turn.js: about 12 µs per
    // turn this way, 17-20 with the spread, 18-20 when replies were kept twice).
    const item = newOutboxItem({ conversationId: conv.id, channel: conv.channel, userId: conv.userId }, out) as Reply;
    item.seq = ++s.seq;
    // The stored copy, not the caller's list.
    if (out.choices) item.choices = copy(out.choices);
    transcriptOf(conv.id).push(item);
    s.pendingById.set(item.id, item);
    const items = pendingOfUser;
    if (items) items.push(item);
    else s.pending.set(item.channel, item.userId, [item]);
  }
  function saveFlowVersion(v: StoredFlowVersion): void {
    const versions = s.flowVersions.get(v.flowId) ?? [];
    s.flowVersions.set(v.flowId, versions);
    // First write wins: a version is immutable once conversations may be running on it.
    if (versions.some((x) => x.version === v.version)) return;
    versions.push({ ...copy(v), seq: ++s.seq });
  }
  const tickets = memoryTickets({ conversation: (id) => s.conversations.get(id), storeOutbound });

  function commit(turn: Turn): CommitResult {
    const conv = s.conversations.get(turn.conversationId);
    if (!conv) throw new Error(`cannot commit a turn: conversation ${turn.conversationId} does not exist`);
    const { platformMessageId } = turn.inbound;
    // A duplicate wins over a conflict, as in the SQLite driver.
    if (s.inbound.has(conv.channel, platformMessageId)) return { status: 'duplicate' };
    if (conv.version !== turn.expectedVersion) return { status: 'conflict' };

    // An outbox id taken twice fails the commit, as SQLite's primary key does; checked against the
    // pending items only (an id is unique by construction; a clash with a pending one would
    // leave one of the two undeliverable), so the check costs no look-up among every item ever sent.
    // Indexed loops: no [index, item] pair or closure per reply, on every commit.
    const { outbound } = turn;
    for (let i = 0; i < outbound.length; i++) {
      const { id } = outbound[i]!;
      let taken = s.pendingById.has(id);
      for (let j = 0; j < i && !taken; j++) taken = outbound[j]!.id === id;
      if (taken) throw new Error(`cannot commit a turn: outbox id ${id} is already taken`);
    }
    // Hand-off effects first: one that cannot apply (a second open ticket) throws before anything is stored.
    if (turn.tickets?.length) tickets.apply(turn.tickets);
    // The patient's pending list, looked up once for the turn: asked here, added to for each reply.
    let pendingOfUser = s.pending.get(conv.channel, conv.userId);
    const othersPending = (pendingOfUser?.length ?? 0) > 0;
    s.inbound.set(conv.channel, platformMessageId, true);
    const { inbound } = turn;
    const log = transcriptOf(conv.id);
    log.push({ id: inbound.id, conversationId: conv.id, direction: 'in', content: copy(inbound.content), at: inbound.receivedAt, seq: ++s.seq });
    for (let i = 0; i < outbound.length; i++) {
      storeOutbound(conv, outbound[i]!, pendingOfUser);
      // A patient's first reply made their list.
      pendingOfUser ??= s.pending.get(conv.channel, conv.userId);
    }
    conv.session = storedSession(turn.session);
    conv.version += 1;
    conv.updatedAt = inbound.receivedAt;
    // The patient wrote to us: they can be reached again.
    delete conv.unreachableSince;
    return { status: 'committed', version: conv.version, othersPending };
  }

  return {
    conversations: {
      async findOrCreate(channel, userId, init) {
        const found = storedOf(channel, userId);
        if (found) return handOut(found);
        const start = newConversationOf(init);
        if (s.conversations.has(start.id)) throw new Error(`conversation id ${start.id} is already taken`);
        const conv: Conversation = { id: start.id, channel, userId, session: storedSession(start.session), version: 0, createdAt: start.now, updatedAt: start.now };
        s.conversations.set(conv.id, conv);
        s.byUser.set(channel, userId, conv.id);
        return handOut(conv);
      },
      async findByUser(channel, userId) {
        const found = storedOf(channel, userId);
        return found && handOut(found);
      },
      async get(id) {
        const conv = s.conversations.get(id);
        return conv && handOut(conv);
      },
      async count() {
        return s.conversations.size;
      },
      async setReachable(id, reachable, at) {
        const conv = s.conversations.get(id);
        if (!conv) return;
        if (reachable) delete conv.unreachableSince;
        else conv.unreachableSince ??= at;
      },
    },
    turns: {
      async seen(channel: ChannelName, platformMessageId: string) {
        return s.inbound.has(channel, platformMessageId);
      },
      async commit(turn) {
        return commit(turn);
      },
    },
    messages: {
      async list(conversationId, opts = {}) {
        const all = [...(s.messages.get(conversationId) ?? [])].sort((a, b) => atOf(a) - atOf(b) || a.seq - b.seq);
        const limit = opts.limit;
        const picked = limit === undefined || limit < 0 ? all : limit === 0 ? [] : all.slice(-limit);
        return picked.map((e) => (isReply(e) ? replyRecord(e) : strip(e)));
      },
    },
    outbox: {
      async due(now, opts = {}) {
        const pending = opts.channel !== undefined && opts.userId !== undefined ? (s.pending.get(opts.channel, opts.userId) ?? []) : [...s.pending.values()].flat();
        const items = pending
          .filter((i) => i.status === 'pending' && i.nextAttemptAt <= now)
          .filter((i) => (opts.channel === undefined || i.channel === opts.channel) && (opts.userId === undefined || i.userId === opts.userId))
          .sort((a, b) => a.createdAt - b.createdAt || bySeq(a, b));
        const limit = opts.limit;
        return (limit === undefined || limit < 0 ? items : items.slice(0, limit)).map(strip);
      },
      async markSent(id, _at) {
        const item = findItem(id);
        if (!item || item.status === 'sent') return;
        settle(item, 'sent');
        item.attempts += 1;
        dropPending(item);
      },
      async markFailed(id, error, retryAt) {
        // Only a pending item changes.
        const item = s.pendingById.get(id);
        if (!item || item.status !== 'pending') return;
        item.attempts += 1;
        item.lastError = error;
        if (retryAt === null) {
          settle(item, 'dead');
          dropPending(item);
        } else {
          item.nextAttemptAt = retryAt;
          item.waitReason = 'backoff';
        }
      },
      async postpone(id, error, retryAt) {
        // Only a pending item changes; no attempt is counted.
        const item = s.pendingById.get(id);
        if (!item || item.status !== 'pending') return;
        item.lastError = error;
        item.nextAttemptAt = retryAt;
        item.waitReason = 'offline';
      },
      async get(id) {
        const item = findItem(id);
        return item && strip(item);
      },
      async countByStatus() {
        return { pending: s.pendingById.size, ...s.settled };
      },
      async countPending() {
        return s.pendingById.size;
      },
    },
    flowVersions: {
      async save(v) {
        saveFlowVersion(v);
      },
      async saveAll(versions) {
        versions.forEach(saveFlowVersion);
      },
      async get(flowId, version) {
        const found = s.flowVersions.get(flowId)?.find((x) => x.version === version);
        return found && strip(found);
      },
      async list(flowId) {
        return [...(s.flowVersions.get(flowId) ?? [])].sort((a, b) => a.createdAt - b.createdAt || bySeq(a, b)).map(strip);
      },
      async publish(p) {
        if (!s.flowVersions.get(p.flowId)?.some((x) => x.version === p.version)) return false;
        s.flowPublications.push(copy(p));
        return true;
      },
      async publications(flowId) {
        return copy(s.flowPublications.filter((p) => p.flowId === flowId).reverse());
      },
      async published() {
        const newest = new Map<string, FlowPublication>();
        for (const p of s.flowPublications) newest.set(p.flowId, p);
        return copy([...newest.values()].sort((a, b) => (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0)));
      },
    },
    accounts: memoryAccounts(),
    consoleSessions: memoryConsoleSessions(),
    audit: memoryAudit(),
    hospitals: memoryHospitals(),
    faq: memoryFaq(),
    tickets: tickets.repository,
    followups: memoryFollowups(),
    async ping() {
      return !s.closed;
    },
    async close() {
      s.closed = true;
    },
  };
}
