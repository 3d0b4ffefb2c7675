/**
 * A Store in plain Maps, for tests and benchmarks: the same semantics as the
 * SQLite driver (duplicate, conflict, outbox ordering), checked by the same
 * contract suite. Everything is deep-copied on the way in and out, so that a
 * caller mutating a session it passed or received cannot change what is stored
 * (as it could not with a real database).
 */
import { cloneJson } from '../../engine/clone';
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
import { memoryAccounts, memoryAudit, memoryConsoleSessions } from './console-repositories';
import { memoryFaq } from './faq';
import { memoryHospitals } from './hospitals';
import { memoryTickets } from './tickets';
import { memoryFollowups } from './followups';

/** Insertion order, the tie-breaker that SQLite's rowid gives the other driver. */
type Seq = { seq: number };

interface State {
  seq: number;
  conversations: Map<string, Conversation>;
  /** `${channel}\n${userId}` → conversation id */
  byUser: Map<string, string>;
  /** `${channel}\n${platformMessageId}` of every stored inbound message */
  inbound: Set<string>;
  messages: Map<string, Array<MessageRecord & Seq>>;
  outbox: Map<string, OutboxItem & Seq>;
  /** The pending subset of `outbox`: delivery reads it after every turn, and it stays small. */
  pending: Map<string, OutboxItem & Seq>;
  flowVersions: Map<string, Array<StoredFlowVersion & Seq>>;
  /** Oldest first. */
  flowPublications: FlowPublication[];
  closed: boolean;
}

const key = (a: string, b: string): string => `${a}\n${b}`;
// Stored values are plain JSON (as in the other drivers): copied without structuredClone's cost.
const copy = cloneJson;
const bySeq = (a: Seq, b: Seq): number => a.seq - b.seq;
const strip = <T extends Seq>({ seq: _seq, ...rest }: T): Omit<T, 'seq'> => copy(rest);

export function createMemoryStore(): Store {
  const s: State = {
    seq: 0,
    conversations: new Map(),
    byUser: new Map(),
    inbound: new Set(),
    messages: new Map(),
    outbox: new Map(),
    pending: new Map(),
    flowVersions: new Map(),
    flowPublications: [],
    closed: false,
  };

  // A message the hand-off stores outside a turn (an operator's reply, the bot taking the chat back).
  function storeOutbound(conv: Conversation, out: StoredOutbound): void {
    const log = s.messages.get(conv.id) ?? [];
    s.messages.set(conv.id, log);
    const choices = out.choices && copy(out.choices);
    const content = choices ? { kind: 'text' as const, text: out.text, choices } : { kind: 'text' as const, text: out.text };
    log.push({ id: out.id, conversationId: conv.id, direction: 'out', content, at: out.createdAt, seq: ++s.seq });
    const item: OutboxItem & Seq = {
      id: out.id,
      conversationId: conv.id,
      channel: conv.channel,
      userId: conv.userId,
      text: out.text,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: out.createdAt,
      createdAt: out.createdAt,
      seq: ++s.seq,
    };
    if (choices) item.choices = choices;
    s.outbox.set(out.id, item);
    s.pending.set(out.id, item);
  }
  const tickets = memoryTickets({ conversation: (id) => s.conversations.get(id), storeOutbound });

  function commit(turn: Turn): CommitResult {
    const conv = s.conversations.get(turn.conversationId);
    if (!conv) throw new Error(`cannot commit a turn: conversation ${turn.conversationId} does not exist`);
    const dedupe = key(conv.channel, turn.inbound.platformMessageId);
    // A duplicate wins over a conflict, as in the SQLite driver.
    if (s.inbound.has(dedupe)) return { status: 'duplicate' };
    if (conv.version !== turn.expectedVersion) return { status: 'conflict' };

    // Hand-off effects first: one that cannot apply (a second open ticket) throws before anything is stored.
    if (turn.tickets?.length) tickets.apply(turn.tickets);
    s.inbound.add(dedupe);
    const { inbound } = turn;
    const log = s.messages.get(conv.id) ?? [];
    s.messages.set(conv.id, log);
    log.push({ id: inbound.id, conversationId: conv.id, direction: 'in', content: copy(inbound.content), at: inbound.receivedAt, seq: ++s.seq });
    for (const out of turn.outbound) {
      const choices = out.choices && copy(out.choices);
      const content = choices ? { kind: 'text' as const, text: out.text, choices } : { kind: 'text' as const, text: out.text };
      log.push({ id: out.id, conversationId: conv.id, direction: 'out', content, at: out.createdAt, seq: ++s.seq });
      const item: OutboxItem & Seq = {
        id: out.id,
        conversationId: conv.id,
        channel: conv.channel,
        userId: conv.userId,
        text: out.text,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: out.createdAt,
        createdAt: out.createdAt,
        seq: ++s.seq,
      };
      if (choices) item.choices = choices;
      s.outbox.set(out.id, item);
      s.pending.set(out.id, item);
    }
    conv.session = copy(turn.session);
    conv.version += 1;
    conv.updatedAt = inbound.receivedAt;
    // The patient wrote to us: they can be reached again.
    delete conv.unreachableSince;
    return { status: 'committed', version: conv.version };
  }

  return {
    conversations: {
      async findOrCreate(channel, userId, init) {
        const id = s.byUser.get(key(channel, userId));
        const found = id === undefined ? undefined : s.conversations.get(id);
        if (found) return copy(found);
        if (s.conversations.has(init.id)) throw new Error(`conversation id ${init.id} is already taken`);
        const conv: Conversation = { id: init.id, channel, userId, session: copy(init.session), version: 0, createdAt: init.now, updatedAt: init.now };
        s.conversations.set(conv.id, conv);
        s.byUser.set(key(channel, userId), conv.id);
        return copy(conv);
      },
      async get(id) {
        const conv = s.conversations.get(id);
        return conv && copy(conv);
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
        return s.inbound.has(key(channel, platformMessageId));
      },
      async commit(turn) {
        return commit(turn);
      },
    },
    messages: {
      async list(conversationId, opts = {}) {
        const all = [...(s.messages.get(conversationId) ?? [])].sort((a, b) => a.at - b.at || a.seq - b.seq);
        const limit = opts.limit;
        const picked = limit === undefined || limit < 0 ? all : limit === 0 ? [] : all.slice(-limit);
        return picked.map(strip);
      },
    },
    outbox: {
      async due(now, opts = {}) {
        const items = [...s.pending.values()]
          .filter((i) => i.status === 'pending' && i.nextAttemptAt <= now)
          .filter((i) => (opts.channel === undefined || i.channel === opts.channel) && (opts.userId === undefined || i.userId === opts.userId))
          .sort((a, b) => a.createdAt - b.createdAt || bySeq(a, b));
        const limit = opts.limit;
        return (limit === undefined || limit < 0 ? items : items.slice(0, limit)).map(strip);
      },
      async markSent(id, _at) {
        const item = s.outbox.get(id);
        if (!item || item.status === 'sent') return;
        item.status = 'sent';
        item.attempts += 1;
        s.pending.delete(id);
      },
      async markFailed(id, error, retryAt) {
        const item = s.outbox.get(id);
        if (!item || item.status !== 'pending') return;
        item.attempts += 1;
        item.lastError = error;
        if (retryAt === null) {
          item.status = 'dead';
          s.pending.delete(id);
        } else item.nextAttemptAt = retryAt;
      },
      async get(id) {
        const item = s.outbox.get(id);
        return item && strip(item);
      },
      async countByStatus() {
        const result: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
        for (const item of s.outbox.values()) result[item.status] += 1;
        return result;
      },
    },
    flowVersions: {
      async save(v) {
        const versions = s.flowVersions.get(v.flowId) ?? [];
        s.flowVersions.set(v.flowId, versions);
        // First write wins: a version is immutable once conversations may be running on it.
        if (versions.some((x) => x.version === v.version)) return;
        versions.push({ ...copy(v), seq: ++s.seq });
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
