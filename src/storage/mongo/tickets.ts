/**
 * Hand-off tickets on MongoDB (repositories.ts, TicketRepository). Every write that
 * depends on a ticket's state is one conditional update of the ticket document, so of
 * two operators (in any processes) claiming at once exactly one matches. On a replica
 * set the writes that go with it (the claim notice, a reply, the chat handed back on
 * close, the timeline) share one transaction; on a standalone server they follow the
 * conditional update in order, the close's conversation update being the same
 * commit point as a turn's (version, fence, no unsettled turn), its messages settled
 * like a turn's replies (settle.ts).
 */
import type { Language } from '../../engine/flow';
import {
  inQueueOrder,
  type ClaimResult,
  type StoredOutbound,
  type Ticket,
  type TicketEffect,
  type TicketEvent,
  type TicketQuery,
  type TicketRepository,
  type TicketState,
  type TicketTriage,
  type TicketWriteResult,
} from '../repositories';
import type { Collections } from './collections';
import { bumpCounter } from './counters';
import type { ConversationDoc, TicketDoc, TicketEventDoc } from './documents';
import { DuplicateKeyError } from './errors';
import { outboundDoc, outboxDoc, settleOutbound, type TurnPlace } from './mapping';
import { settleTurn } from './settle';

type Run = <T>(fn: (c: Collections) => Promise<T>) => Promise<T>;

const ALL_STATES: readonly TicketState[] = ['waiting', 'assigned', 'closed'];
/** Messages an operator sends between turns follow that turn's replies (n = 1 + i) in the history and the outbox. */
const OPERATOR_N = 1000;

export function ticketDoc(t: Ticket): TicketDoc {
  const doc: TicketDoc = {
    _id: t.id,
    conversationId: t.conversationId,
    channel: t.channel,
    queue: t.queue,
    language: t.language,
    priority: t.priority,
    reason: t.reason,
    emergency: t.emergency,
    triage: t.triage === null ? null : JSON.stringify(t.triage),
    state: t.state,
    assigneeId: t.assigneeId,
    createdAt: t.createdAt,
    assignedAt: t.assignedAt,
    firstAssignedAt: t.firstAssignedAt,
    closedAt: t.closedAt,
    closedBy: t.closedBy,
    outcome: t.outcome,
    rating: t.rating,
    updatedAt: t.updatedAt,
  };
  if (t.state !== 'closed') doc.openFor = t.conversationId;
  return doc;
}

export function toTicket(d: TicketDoc): Ticket {
  return {
    id: d._id,
    conversationId: d.conversationId,
    channel: d.channel,
    queue: d.queue,
    language: d.language as Language,
    priority: d.priority,
    reason: d.reason,
    emergency: d.emergency,
    triage: d.triage === null ? null : (JSON.parse(d.triage) as TicketTriage),
    state: d.state,
    assigneeId: d.assigneeId,
    createdAt: d.createdAt,
    assignedAt: d.assignedAt,
    firstAssignedAt: d.firstAssignedAt,
    closedAt: d.closedAt,
    closedBy: d.closedBy,
    outcome: d.outcome,
    rating: d.rating,
    updatedAt: d.updatedAt,
  };
}

export function ticketEventDoc(e: TicketEvent, seq: number): TicketEventDoc {
  return { _id: e.id, ticketId: e.ticketId, at: e.at, seq, kind: e.kind, actorId: e.actorId, text: e.text, messageId: e.messageId, details: JSON.stringify(e.details) };
}

export function toTicketEvent(d: TicketEventDoc): TicketEvent {
  return { id: d._id, ticketId: d.ticketId, at: d.at, kind: d.kind, actorId: d.actorId, text: d.text, messageId: d.messageId, details: JSON.parse(d.details) as TicketEvent['details'] };
}

/**
 * A turn's ticket effects. In a transaction (`settling` false) a refused open ticket
 * fails the turn; when a settle applies them again after a crash (`settling` true),
 * every step is idempotent and a ticket already stored is skipped.
 */
export async function applyTicketEffects(c: Collections, effects: readonly TicketEffect[], settling: boolean): Promise<void> {
  for (const e of effects) {
    if (e.kind === 'open') {
      try {
        await c.tickets.insert([ticketDoc(e.ticket)], { ordered: true });
      } catch (err) {
        // Settling again: the ticket is there already (or, rarely, another open one won the race since the turn checked).
        if (!(settling && err instanceof DuplicateKeyError)) throw err;
      }
    } else if (e.kind === 'escalate') {
      // priority = max(priority, e.priority), in two conditional updates (no $max in the operations the driver uses).
      await c.tickets.updateOne('tickets.ifState', { _id: e.ticketId, state: { $ne: 'closed' }, priority: { $lt: e.priority } }, { $set: { priority: e.priority } });
      // A crisis in a waiting ticket makes it a crisis one (src/handoff/turn-hooks.ts `escalation`).
      const crisis = e.reason === 'crisis' ? { reason: 'crisis' } : {};
      await c.tickets.updateOne('tickets.ifState', { _id: e.ticketId, state: { $ne: 'closed' } }, { $set: { emergency: true, updatedAt: e.at, ...crisis } });
    } else if (e.kind === 'cancel') {
      await c.tickets.updateOne(
        'tickets.ifState',
        { _id: e.ticketId, state: { $ne: 'closed' } },
        { $set: { state: 'closed', outcome: 'cancelled_by_patient', closedAt: e.at, closedBy: null, updatedAt: e.at }, $unset: { openFor: 1 } },
      );
    } else {
      await c.tickets.updateOne('tickets.byId', { _id: e.ticketId }, { $set: { rating: e.rating, updatedAt: e.at } });
    }
  }
}

/** Without a replica set the turn checks before its commit point that the tickets it opens can be opened (a transaction's insert would refuse them). */
export async function checkTicketOpens(c: Collections, effects: readonly TicketEffect[]): Promise<void> {
  for (const e of effects) {
    if (e.kind !== 'open') continue;
    const open = await c.tickets.findOne('tickets.openFor', { openFor: e.ticket.conversationId });
    if (open && open._id !== e.ticket.id) throw new Error(`conversation ${e.ticket.conversationId} already has an open ticket`);
  }
}

/** The timeline's write order, shared by every process (and moved past copied events by `sahay store migrate`). */
export const TICKET_EVENTS_COUNTER = 'ticketEvents';

async function addEvent(c: Collections, e: Omit<TicketEvent, 'details'> & { details?: TicketEvent['details'] }): Promise<void> {
  const seq = await bumpCounter(c, TICKET_EVENTS_COUNTER);
  await c.ticketEvents.insert([ticketEventDoc({ ...e, details: e.details ?? {} }, seq)], { ordered: true });
}

async function conversationOf(c: Collections, id: string): Promise<ConversationDoc> {
  const conv = await c.conversations.findOne('conversations.byId', { _id: id });
  if (!conv) throw new Error(`ticket's conversation ${id} does not exist`);
  return conv;
}

/** An operator's message between turns: an outbound message with its outbox row, as a turn stores its replies. */
async function storeOperatorMessage(c: Collections, conv: ConversationDoc, out: StoredOutbound): Promise<void> {
  const place: TurnPlace = { conversationId: conv._id, channel: conv.channel, userId: conv.userId, turn: Math.max(1, conv.version) };
  await c.messages.insert([outboundDoc(out, OPERATOR_N, place)], { ordered: true });
  await c.outbox.insert([outboxDoc(out, OPERATOR_N, place)], { ordered: true });
}

/** Thrown inside a transaction to roll it back with an answer; never escapes this file. */
class Answer<T> extends Error {
  constructor(readonly value: T) {
    super('answer');
  }
}

export function mongoTickets(c: Collections, transaction: Run | null): TicketRepository {
  const atomically: Run = transaction ?? ((fn) => fn(c));

  const get = async (cc: Collections, id: string): Promise<Ticket | undefined> => {
    const d = await cc.tickets.findOne('tickets.byId', { _id: id });
    return d ? toTicket(d) : undefined;
  };
  const refusal = async (cc: Collections, id: string): Promise<TicketWriteResult> => {
    const ticket = await get(cc, id);
    return ticket ? { status: 'not_yours', ticket } : { status: 'not_found' };
  };

  return {
    get: (id) => get(c, id),
    async openFor(conversationId) {
      const d = await c.tickets.findOne('tickets.openFor', { openFor: conversationId });
      return d ? toTicket(d) : undefined;
    },
    async list(q: TicketQuery) {
      const states = q.states ?? ALL_STATES;
      if (states.length === 0 || q.queues?.length === 0) return [];
      const filter: Record<string, unknown> = { state: { $in: [...states] } };
      if (q.queues) filter.queue = { $in: [...q.queues] };
      const created: Record<string, number> = {};
      if (q.createdFrom !== undefined) created.$gte = q.createdFrom;
      if (q.createdTo !== undefined) created.$lt = q.createdTo;
      if (Object.keys(created).length) filter.createdAt = created;
      if (q.closedFrom !== undefined) filter.closedAt = { $gte: q.closedFrom };
      const opts = q.limit !== undefined ? { limit: q.limit } : {};
      // A history list (closed, or created, since a time; the wait estimate, the stats page): read
      // along that time, then put in queue order here. In queue order every ticket ever stored in
      // the states asked would be read and its time checked.
      const since = q.closedFrom !== undefined ? 'tickets.listClosedSince' : q.createdFrom !== undefined ? 'tickets.listCreatedSince' : undefined;
      if (since && q.assigneeId === undefined && q.limit === undefined) {
        const found = await c.tickets.find(since, filter, {});
        return found.map(toTicket).sort(inQueueOrder);
      }
      const docs =
        q.assigneeId !== undefined
          ? await c.tickets.find('tickets.listOfAssignee', { assigneeId: q.assigneeId, ...filter }, opts)
          : await c.tickets.find('tickets.list', filter, opts);
      return docs.map(toTicket);
    },
    async claim(cl) {
      return atomically(async (cc): Promise<ClaimResult> => {
        for (;;) {
          const before = await cc.tickets.findOne('tickets.byId', { _id: cl.ticketId });
          if (!before) return { status: 'not_found' };
          if (before.state !== 'waiting') return { status: 'taken', ticket: toTicket(before) };
          // Without a replica set the count and the claim are two operations: two auto-assignments at once may pass the cap by one.
          if (cl.maxAssigned !== undefined && (await cc.tickets.count('tickets.countAssigned', { assigneeId: cl.operatorId, state: 'assigned' })) >= cl.maxAssigned) {
            return { status: 'at_capacity' };
          }
          // The claim: only while still waiting (and unclaimed since it was read, so that firstAssignedAt stays the first).
          const after = await cc.tickets.findOneAndUpdate(
            'tickets.ifState',
            { _id: cl.ticketId, state: 'waiting', firstAssignedAt: before.firstAssignedAt },
            { $set: { state: 'assigned', assigneeId: cl.operatorId, assignedAt: cl.at, firstAssignedAt: before.firstAssignedAt ?? cl.at, updatedAt: cl.at } },
          );
          if (!after) continue; // another operator took it (or took and released it) since it was read: look again
          if (cl.notice) await storeOperatorMessage(cc, await conversationOf(cc, after.conversationId), cl.notice);
          await addEvent(cc, { id: cl.eventId, ticketId: cl.ticketId, at: cl.at, kind: 'claimed', actorId: cl.operatorId, text: null, messageId: cl.notice?.id ?? null });
          return { status: 'claimed', ticket: toTicket(after) };
        }
      });
    },
    async move(m) {
      return atomically(async (cc): Promise<TicketWriteResult> => {
        const before = await cc.tickets.findOne('tickets.byId', { _id: m.ticketId });
        if (!before) return { status: 'not_found' };
        const after = await cc.tickets.findOneAndUpdate(
          'tickets.ifAssignee',
          { _id: m.ticketId, state: 'assigned', assigneeId: m.operatorId },
          {
            $set: {
              queue: m.queue,
              assigneeId: m.assigneeId,
              state: m.assigneeId === null ? 'waiting' : 'assigned',
              assignedAt: m.assigneeId === null ? null : m.at,
              updatedAt: m.at,
            },
          },
        );
        if (!after) return refusal(cc, m.ticketId);
        if (m.notice) await storeOperatorMessage(cc, await conversationOf(cc, after.conversationId), m.notice);
        const released = m.assigneeId === null && before.queue === m.queue;
        await addEvent(cc, {
          id: m.eventId,
          ticketId: m.ticketId,
          at: m.at,
          kind: released ? 'released' : 'transferred',
          actorId: m.operatorId,
          text: null,
          messageId: m.notice?.id ?? null,
          details: released ? {} : { queue: m.queue, to: m.assigneeId },
        });
        return { status: 'ok', ticket: toTicket(after) };
      });
    },
    async reply(r) {
      return atomically(async (cc): Promise<TicketWriteResult> => {
        const d = await cc.tickets.findOne('tickets.byId', { _id: r.ticketId });
        if (!d) return { status: 'not_found' };
        if (d.state !== 'assigned' || d.assigneeId !== r.operatorId) return { status: 'not_yours', ticket: toTicket(d) };
        await storeOperatorMessage(cc, await conversationOf(cc, d.conversationId), r.message);
        await addEvent(cc, { id: r.eventId, ticketId: r.ticketId, at: r.message.createdAt, kind: 'reply', actorId: r.operatorId, text: null, messageId: r.message.id });
        return { status: 'ok', ticket: toTicket(d) };
      });
    },
    async addNote(n) {
      if (!(await c.tickets.findOne('tickets.byId', { _id: n.ticketId }))) return false;
      await addEvent(c, { id: n.id, ticketId: n.ticketId, at: n.at, kind: 'note', actorId: n.actorId, text: n.text, messageId: null });
      return true;
    },
    async events(ticketId) {
      return (await c.ticketEvents.find('ticketEvents.ofTicket', { ticketId })).map(toTicketEvent);
    },
    async close(cl) {
      const closeTicket = (cc: Collections) =>
        cc.tickets.findOneAndUpdate(
          'tickets.ifAssignee',
          { _id: cl.ticketId, state: 'assigned', assigneeId: cl.operatorId },
          { $set: { state: 'closed', outcome: cl.outcome, closedAt: cl.at, closedBy: cl.operatorId, updatedAt: cl.at }, $unset: { openFor: 1 } },
        );
      const newSession = JSON.stringify(cl.conversation.session);
      const place = (conv: ConversationDoc): TurnPlace => ({ conversationId: conv._id, channel: conv.channel, userId: conv.userId, turn: cl.conversation.expectedVersion + 1 });

      if (transaction) {
        try {
          return await transaction(async (cc) => {
            const closed = await closeTicket(cc);
            if (!closed) return refusal(cc, cl.ticketId);
            const conv = await conversationOf(cc, closed.conversationId);
            const { matched } = await cc.conversations.updateOne(
              'conversations.commit',
              { _id: conv._id, version: cl.conversation.expectedVersion },
              { $set: { session: newSession, updatedAt: cl.at }, $inc: { version: 1 } },
            );
            // The conversation moved on since the session was computed: undo the close, run again.
            if (matched === 0) throw new Answer({ status: 'conflict' as const });
            if (cl.outbound.length > 0) {
              await cc.messages.insert(cl.outbound.map((out, i) => outboundDoc(out, i, place(conv))), { ordered: true });
              await cc.outbox.insert(cl.outbound.map((out, i) => outboxDoc(out, i, place(conv))), { ordered: true });
            }
            await addEvent(cc, { id: cl.eventId, ticketId: cl.ticketId, at: cl.at, kind: 'closed', actorId: cl.operatorId, text: null, messageId: null, details: { outcome: cl.outcome } });
            return { status: 'ok' as const, ticket: toTicket(closed) };
          });
        } catch (err) {
          if (err instanceof Answer) return err.value as { status: 'conflict' };
          throw err;
        }
      }

      // No replica set: the ticket's conditional close first (one operator wins), then the
      // conversation's commit point; when that does not match, the close is undone.
      const before = await c.tickets.findOne('tickets.byId', { _id: cl.ticketId });
      const closed = await closeTicket(c);
      if (!before || !closed) return refusal(c, cl.ticketId);
      let conv = await conversationOf(c, closed.conversationId);
      for (let attempt = 0; conv.settle && attempt < 5; attempt++) {
        await settleTurn(c, conv);
        conv = await conversationOf(c, closed.conversationId);
      }
      const settle = { inboundId: `close:${cl.eventId}`, turn: cl.conversation.expectedVersion + 1, outbound: cl.outbound.map(settleOutbound) };
      const { matched } = await c.conversations.updateOne(
        'conversations.commit',
        { _id: conv._id, version: cl.conversation.expectedVersion, fence: conv.fence, 'settle.inboundId': { $exists: false } },
        { $set: { session: newSession, updatedAt: cl.at, settle }, $inc: { version: 1 } },
      );
      if (matched === 0) {
        await c.tickets.updateOne(
          'tickets.ifAssignee',
          { _id: cl.ticketId, state: 'closed', assigneeId: cl.operatorId, closedAt: cl.at, closedBy: cl.operatorId },
          { $set: { state: 'assigned', outcome: null, closedAt: null, closedBy: null, updatedAt: before.updatedAt, openFor: closed.conversationId } },
        );
        return { status: 'conflict' };
      }
      await settleTurn(c, { ...conv, version: settle.turn, settle });
      await addEvent(c, { id: cl.eventId, ticketId: cl.ticketId, at: cl.at, kind: 'closed', actorId: cl.operatorId, text: null, messageId: null, details: { outcome: cl.outcome } });
      return { status: 'ok', ticket: toTicket(closed) };
    },
  };
}
