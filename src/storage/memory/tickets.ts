/**
 * Hand-off tickets in plain Maps, with the SQLite driver's semantics (each write
 * is synchronous, so the "conditional update" of a claim cannot interleave with
 * another); copies in and out. The store that holds the conversations, messages
 * and outbox (memory-store.ts) lends what a reply or a close writes there.
 */
import { storedSession } from './frozen';
import {
  inQueueOrder,
  type ClaimResult,
  type Conversation,
  type StoredOutbound,
  type Ticket,
  type TicketEffect,
  type TicketEvent,
  type TicketRepository,
  type TicketWriteResult,
} from '../repositories';

const copy = <T>(value: T): T => structuredClone(value);

/** What the tickets need of the rest of the memory store. */
export interface MemoryTicketHost {
  /** The stored conversation itself (not a copy), or undefined. */
  conversation(id: string): Conversation | undefined;
  /** Store an outbound message and its outbox row, as a turn does. */
  storeOutbound(conversation: Conversation, out: StoredOutbound): void;
}

export interface MemoryTickets {
  repository: TicketRepository;
  /** Apply a turn's ticket effects (called inside the memory store's commit). */
  apply(effects: readonly TicketEffect[]): void;
}

export function memoryTickets(host: MemoryTicketHost): MemoryTickets {
  const byId = new Map<string, Ticket>();
  /** Insertion order: the tie-break of events with the same time. */
  const events: TicketEvent[] = [];

  const record = (e: Omit<TicketEvent, 'details'> & { details?: TicketEvent['details'] }) => events.push({ ...e, details: copy(e.details ?? {}) });
  const refusal = (id: string): TicketWriteResult => {
    const t = byId.get(id);
    return t ? { status: 'not_yours', ticket: copy(t) } : { status: 'not_found' };
  };
  const assignedCount = (operatorId: string) => [...byId.values()].filter((t) => t.state === 'assigned' && t.assigneeId === operatorId).length;

  function apply(effects: readonly TicketEffect[]): void {
    for (const e of effects) {
      if (e.kind === 'open') {
        const open = [...byId.values()].some((t) => t.conversationId === e.ticket.conversationId && t.state !== 'closed');
        if (open) throw new Error(`conversation ${e.ticket.conversationId} already has an open ticket`);
        if (byId.has(e.ticket.id)) throw new Error(`ticket id ${e.ticket.id} is already taken`);
        byId.set(e.ticket.id, copy(e.ticket));
        continue;
      }
      const t = byId.get(e.ticketId);
      if (!t) continue;
      if (e.kind === 'escalate' && t.state !== 'closed') {
        t.emergency = true;
        t.priority = Math.max(t.priority, e.priority);
        // A crisis in a waiting ticket makes it a crisis one (src/handoff/turn-hooks.ts `escalation`).
        if (e.reason === 'crisis') t.reason = 'crisis';
        t.updatedAt = e.at;
      } else if (e.kind === 'cancel' && t.state !== 'closed') {
        Object.assign(t, { state: 'closed', outcome: 'cancelled_by_patient', closedAt: e.at, closedBy: null, updatedAt: e.at });
      } else if (e.kind === 'rate') {
        t.rating = e.rating;
        t.updatedAt = e.at;
      }
    }
  }

  const repository: TicketRepository = {
    async get(id) {
      const t = byId.get(id);
      return t && copy(t);
    },
    async openFor(conversationId) {
      const t = [...byId.values()].find((x) => x.conversationId === conversationId && x.state !== 'closed');
      return t && copy(t);
    },
    async list(q) {
      const picked = [...byId.values()]
        .filter(
          (t) =>
            (q.states === undefined || q.states.includes(t.state)) &&
            (q.queues === undefined || q.queues.includes(t.queue)) &&
            (q.assigneeId === undefined || t.assigneeId === q.assigneeId) &&
            (q.createdFrom === undefined || t.createdAt >= q.createdFrom) &&
            (q.createdTo === undefined || t.createdAt < q.createdTo) &&
            (q.closedFrom === undefined || (t.closedAt !== null && t.closedAt >= q.closedFrom)),
        )
        .sort(inQueueOrder);
      return (q.limit === undefined || q.limit < 0 ? picked : picked.slice(0, q.limit)).map(copy);
    },
    async claim(c): Promise<ClaimResult> {
      const t = byId.get(c.ticketId);
      if (!t) return { status: 'not_found' };
      if (t.state !== 'waiting') return { status: 'taken', ticket: copy(t) };
      if (c.maxAssigned !== undefined && assignedCount(c.operatorId) >= c.maxAssigned) return { status: 'at_capacity' };
      Object.assign(t, { state: 'assigned', assigneeId: c.operatorId, assignedAt: c.at, firstAssignedAt: t.firstAssignedAt ?? c.at, updatedAt: c.at });
      if (c.notice) host.storeOutbound(host.conversation(t.conversationId)!, c.notice);
      record({ id: c.eventId, ticketId: t.id, at: c.at, kind: 'claimed', actorId: c.operatorId, text: null, messageId: c.notice?.id ?? null });
      return { status: 'claimed', ticket: copy(t) };
    },
    async move(m) {
      const t = byId.get(m.ticketId);
      if (!t || t.state !== 'assigned' || t.assigneeId !== m.operatorId) return refusal(m.ticketId);
      const released = m.assigneeId === null && t.queue === m.queue;
      Object.assign(t, { queue: m.queue, assigneeId: m.assigneeId, state: m.assigneeId === null ? 'waiting' : 'assigned', assignedAt: m.assigneeId === null ? null : m.at, updatedAt: m.at });
      if (m.notice) host.storeOutbound(host.conversation(t.conversationId)!, m.notice);
      record({
        id: m.eventId,
        ticketId: t.id,
        at: m.at,
        kind: released ? 'released' : 'transferred',
        actorId: m.operatorId,
        text: null,
        messageId: m.notice?.id ?? null,
        details: released ? {} : { queue: m.queue, to: m.assigneeId },
      });
      return { status: 'ok', ticket: copy(t) };
    },
    async reply(r) {
      const t = byId.get(r.ticketId);
      if (!t || t.state !== 'assigned' || t.assigneeId !== r.operatorId) return refusal(r.ticketId);
      host.storeOutbound(host.conversation(t.conversationId)!, r.message);
      record({ id: r.eventId, ticketId: t.id, at: r.message.createdAt, kind: 'reply', actorId: r.operatorId, text: null, messageId: r.message.id });
      return { status: 'ok', ticket: copy(t) };
    },
    async addNote(n) {
      if (!byId.has(n.ticketId)) return false;
      record({ id: n.id, ticketId: n.ticketId, at: n.at, kind: 'note', actorId: n.actorId, text: n.text, messageId: null });
      return true;
    },
    async events(ticketId) {
      return events.filter((e) => e.ticketId === ticketId).map(copy);
    },
    async close(c) {
      const t = byId.get(c.ticketId);
      if (!t || t.state !== 'assigned' || t.assigneeId !== c.operatorId) return refusal(c.ticketId);
      const conv = host.conversation(t.conversationId)!;
      if (conv.version !== c.conversation.expectedVersion) return { status: 'conflict' };
      Object.assign(t, { state: 'closed', outcome: c.outcome, closedAt: c.at, closedBy: c.operatorId, updatedAt: c.at });
      // Kept as memory-store.ts keeps every session: deep-frozen (frozen.ts).
      conv.session = storedSession(c.conversation.session);
      conv.version += 1;
      conv.updatedAt = c.at;
      for (const out of c.outbound) host.storeOutbound(conv, out);
      record({ id: c.eventId, ticketId: t.id, at: c.at, kind: 'closed', actorId: c.operatorId, text: null, messageId: null, details: { outcome: c.outcome } });
      return { status: 'ok', ticket: copy(t) };
    },
  };
  return { repository, apply };
}
