/**
 * Hand-off tickets on SQLite (repositories.ts, TicketRepository). Every write that
 * depends on a ticket's state is a conditional UPDATE inside an IMMEDIATE transaction,
 * so of two operators claiming at once exactly one changes the row. Replies, claim
 * notices and the bot's words on closing are stored as outbound messages with their
 * outbox rows in the same transaction, exactly as a turn stores its replies.
 */
import type Database from 'better-sqlite3';
import type { Language } from '../../engine/flow';
import type { ChannelName } from '../../router/message';
import type {
  ClaimResult,
  StoredOutbound,
  Ticket,
  TicketEffect,
  TicketEvent,
  TicketOutcome,
  TicketQuery,
  TicketRepository,
  TicketState,
  TicketTriage,
  TicketWriteResult,
} from '../repositories';
import { sqliteTranscriptWriter, TRANSCRIPT_END_COLUMNS, type TranscriptEnd } from './transcript-writer';

interface TicketRow {
  id: string;
  conversation_id: string;
  channel: string;
  queue: string;
  language: string;
  priority: number;
  reason: string;
  emergency: 0 | 1;
  triage: string | null;
  state: TicketState;
  assignee_id: string | null;
  created_at: number;
  assigned_at: number | null;
  first_assigned_at: number | null;
  closed_at: number | null;
  closed_by: string | null;
  outcome: string | null;
  rating: number | null;
  updated_at: number;
}

interface EventRow {
  id: string;
  ticket_id: string;
  at: number;
  kind: TicketEvent['kind'];
  actor_id: string | null;
  text: string | null;
  message_id: string | null;
  details: string;
}

const COLUMNS =
  'id, conversation_id, channel, queue, language, priority, reason, emergency, triage, state, assignee_id, created_at, assigned_at, first_assigned_at, closed_at, closed_by, outcome, rating, updated_at';
const QUEUE_ORDER = 'ORDER BY priority DESC, created_at, id';

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    channel: r.channel as ChannelName,
    queue: r.queue,
    language: r.language as Language,
    priority: r.priority,
    reason: r.reason as Ticket['reason'],
    emergency: r.emergency === 1,
    triage: r.triage === null ? null : (JSON.parse(r.triage) as TicketTriage),
    state: r.state,
    assigneeId: r.assignee_id,
    createdAt: r.created_at,
    assignedAt: r.assigned_at,
    firstAssignedAt: r.first_assigned_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    outcome: r.outcome as TicketOutcome | null,
    rating: r.rating,
    updatedAt: r.updated_at,
  };
}

function toRow(t: Ticket): TicketRow {
  return {
    id: t.id,
    conversation_id: t.conversationId,
    channel: t.channel,
    queue: t.queue,
    language: t.language,
    priority: t.priority,
    reason: t.reason,
    emergency: t.emergency ? 1 : 0,
    triage: t.triage === null ? null : JSON.stringify(t.triage),
    state: t.state,
    assignee_id: t.assigneeId,
    created_at: t.createdAt,
    assigned_at: t.assignedAt,
    first_assigned_at: t.firstAssignedAt,
    closed_at: t.closedAt,
    closed_by: t.closedBy,
    outcome: t.outcome,
    rating: t.rating,
    updated_at: t.updatedAt,
  };
}

function toEvent(r: EventRow): TicketEvent {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    at: r.at,
    kind: r.kind,
    actorId: r.actor_id,
    text: r.text,
    messageId: r.message_id,
    details: JSON.parse(r.details) as TicketEvent['details'],
  };
}

/** Thrown inside a transaction to roll it back with an answer; never escapes this file. */
class Answer<T> extends Error {
  constructor(readonly value: T) {
    super('answer');
  }
}

/** Statements shared by the repository and the turn's effects (turns.ts). */
function statements(db: Database.Database) {
  return {
    byId: db.prepare<[string], TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE id = ?`),
    openFor: db.prepare<[string], TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE conversation_id = ? AND state <> 'closed'`),
    insert: db.prepare<TicketRow>(
      `INSERT INTO tickets (${COLUMNS}) VALUES (@id, @conversation_id, @channel, @queue, @language, @priority, @reason, @emergency, @triage,
         @state, @assignee_id, @created_at, @assigned_at, @first_assigned_at, @closed_at, @closed_by, @outcome, @rating, @updated_at)`,
    ),
    // @reason: 'crisis' when a crisis escalates a waiting ticket (src/handoff/turn-hooks.ts), else null: the reason stays.
    escalate: db.prepare<{ id: string; priority: number; at: number; reason: 'crisis' | null }>(
      `UPDATE tickets SET emergency = 1, priority = max(priority, @priority), reason = coalesce(@reason, reason), updated_at = @at
       WHERE id = @id AND state <> 'closed'`,
    ),
    cancel: db.prepare<{ id: string; at: number }>(
      `UPDATE tickets SET state = 'closed', outcome = 'cancelled_by_patient', closed_at = @at, closed_by = NULL, updated_at = @at
       WHERE id = @id AND state <> 'closed'`,
    ),
    rate: db.prepare<{ id: string; rating: number; at: number }>('UPDATE tickets SET rating = @rating, updated_at = @at WHERE id = @id'),
    event: db.prepare<{ id: string; ticket_id: string; at: number; kind: string; actor_id: string | null; text: string | null; message_id: string | null; details: string }>(
      `INSERT INTO ticket_events (id, ticket_id, at, kind, actor_id, text, message_id, details)
       VALUES (@id, @ticket_id, @at, @kind, @actor_id, @text, @message_id, @details)`,
    ),
    // A notice, an operator's reply or the closing words: stored as a turn stores its replies.
    storeReplies: replyStorer(db),
  };
}

/** Stores replies outside a turn, at the end of their conversation's transcript (read in the caller's transaction). */
function replyStorer(db: Database.Database): (conversationId: string, replies: readonly StoredOutbound[]) => void {
  const end = db.prepare<[string], TranscriptEnd>(`SELECT ${TRANSCRIPT_END_COLUMNS} FROM conversations WHERE id = ?`);
  const append = sqliteTranscriptWriter(db);
  return (conversationId, replies) => {
    append(conversationId, end.get(conversationId)!, { replies });
  };
}

type Statements = ReturnType<typeof statements>;

/** Applies a turn's ticket effects; called inside the turn's transaction (turns.ts). */
export function sqliteTicketEffects(db: Database.Database): (effects: readonly TicketEffect[]) => void {
  const s = statements(db);
  return (effects) => {
    for (const e of effects) {
      if (e.kind === 'open') s.insert.run(toRow(e.ticket));
      else if (e.kind === 'escalate') s.escalate.run({ id: e.ticketId, priority: e.priority, at: e.at, reason: e.reason ?? null });
      else if (e.kind === 'cancel') s.cancel.run({ id: e.ticketId, at: e.at });
      else s.rate.run({ id: e.ticketId, rating: e.rating, at: e.at });
    }
  };
}

function event(s: Statements, e: Omit<TicketEvent, 'details'> & { details?: TicketEvent['details'] }): void {
  s.event.run({ id: e.id, ticket_id: e.ticketId, at: e.at, kind: e.kind, actor_id: e.actorId, text: e.text, message_id: e.messageId, details: JSON.stringify(e.details ?? {}) });
}

/**
 * The SELECT for a ticket list, with its parameters (exported for the query-plan test).
 * A list of tickets closed since a time is read along `tickets_closed` (closing time), the
 * state test written `+state` so that the planner cannot pick `tickets_queue` by state instead:
 * that read every ticket ever closed, on the patient's path (the wait estimate reads the last
 * hours' closed tickets): 126-139 ms at 300k closed tickets, against 4-16 ms along closing time
 * (bench/experiments/closed-tickets.js).
 */
export function ticketListQuery(q: TicketQuery): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit ?? -1 };
  const add = (clause: string, values: Record<string, string | number>) => {
    where.push(clause);
    Object.assign(params, values);
  };
  const inList = (column: string, values: readonly string[], tested = column) => {
    const names = values.map((_, i) => `${column}${i}`);
    add(values.length ? `${tested} IN (${names.map((n) => `@${n}`).join(', ')})` : '0', Object.fromEntries(names.map((n, i) => [n, values[i]!])));
  };
  if (q.states) inList('state', q.states, q.closedFrom !== undefined ? '+state' : 'state');
  if (q.queues) inList('queue', q.queues);
  if (q.assigneeId !== undefined) add('assignee_id = @assignee', { assignee: q.assigneeId });
  if (q.createdFrom !== undefined) add('created_at >= @createdFrom', { createdFrom: q.createdFrom });
  if (q.createdTo !== undefined) add('created_at < @createdTo', { createdTo: q.createdTo });
  if (q.closedFrom !== undefined) add('closed_at >= @closedFrom', { closedFrom: q.closedFrom });
  return { sql: `SELECT ${COLUMNS} FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${QUEUE_ORDER} LIMIT @limit`, params };
}

export function sqliteTickets(db: Database.Database): TicketRepository {
  const s = statements(db);
  const claimRow = db.prepare<{ id: string; op: string; at: number; max: number | null }>(
    `UPDATE tickets SET state = 'assigned', assignee_id = @op, assigned_at = @at, first_assigned_at = coalesce(first_assigned_at, @at), updated_at = @at
     WHERE id = @id AND state = 'waiting'
       AND (@max IS NULL OR (SELECT count(*) FROM tickets WHERE assignee_id = @op AND state = 'assigned') < @max)`,
  );
  const moveRow = db.prepare<{ id: string; op: string; at: number; queue: string; assignee: string | null }>(
    `UPDATE tickets SET queue = @queue, assignee_id = @assignee,
       state = CASE WHEN @assignee IS NULL THEN 'waiting' ELSE 'assigned' END,
       assigned_at = CASE WHEN @assignee IS NULL THEN NULL ELSE @at END, updated_at = @at
     WHERE id = @id AND state = 'assigned' AND assignee_id = @op`,
  );
  const closeRow = db.prepare<{ id: string; op: string; at: number; outcome: string }>(
    `UPDATE tickets SET state = 'closed', outcome = @outcome, closed_at = @at, closed_by = @op, updated_at = @at
     WHERE id = @id AND state = 'assigned' AND assignee_id = @op`,
  );
  const updateSession = db.prepare<[string, number, string, number]>('UPDATE conversations SET session = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?');
  const events = db.prepare<[string], EventRow>('SELECT id, ticket_id, at, kind, actor_id, text, message_id, details FROM ticket_events WHERE ticket_id = ? ORDER BY seq');

  const ticketOr = (id: string): Ticket | undefined => {
    const row = s.byId.get(id);
    return row && toTicket(row);
  };
  /** The current ticket when the operator may not change it (`not_yours`), or not_found. */
  const refusal = (id: string): TicketWriteResult => {
    const ticket = ticketOr(id);
    return ticket ? { status: 'not_yours', ticket } : { status: 'not_found' };
  };

  const claim = db.transaction((c: Parameters<TicketRepository['claim']>[0]): ClaimResult => {
    if (claimRow.run({ id: c.ticketId, op: c.operatorId, at: c.at, max: c.maxAssigned ?? null }).changes === 0) {
      const ticket = ticketOr(c.ticketId);
      if (!ticket) return { status: 'not_found' };
      return ticket.state === 'waiting' ? { status: 'at_capacity' } : { status: 'taken', ticket };
    }
    const ticket = ticketOr(c.ticketId)!;
    if (c.notice) s.storeReplies(ticket.conversationId, [c.notice]);
    event(s, { id: c.eventId, ticketId: c.ticketId, at: c.at, kind: 'claimed', actorId: c.operatorId, text: null, messageId: c.notice?.id ?? null });
    return { status: 'claimed', ticket };
  });

  const move = db.transaction((m: Parameters<TicketRepository['move']>[0]): TicketWriteResult => {
    const before = ticketOr(m.ticketId);
    if (moveRow.run({ id: m.ticketId, op: m.operatorId, at: m.at, queue: m.queue, assignee: m.assigneeId }).changes === 0) return refusal(m.ticketId);
    const ticket = ticketOr(m.ticketId)!;
    if (m.notice) s.storeReplies(ticket.conversationId, [m.notice]);
    const released = m.assigneeId === null && before?.queue === m.queue;
    event(s, {
      id: m.eventId,
      ticketId: m.ticketId,
      at: m.at,
      kind: released ? 'released' : 'transferred',
      actorId: m.operatorId,
      text: null,
      messageId: m.notice?.id ?? null,
      details: released ? {} : { queue: m.queue, to: m.assigneeId },
    });
    return { status: 'ok', ticket };
  });

  const reply = db.transaction((r: Parameters<TicketRepository['reply']>[0]): TicketWriteResult => {
    const ticket = ticketOr(r.ticketId);
    if (!ticket || ticket.state !== 'assigned' || ticket.assigneeId !== r.operatorId) return refusal(r.ticketId);
    s.storeReplies(ticket.conversationId, [r.message]);
    event(s, { id: r.eventId, ticketId: r.ticketId, at: r.message.createdAt, kind: 'reply', actorId: r.operatorId, text: null, messageId: r.message.id });
    return { status: 'ok', ticket };
  });

  const close = db.transaction((c: Parameters<TicketRepository['close']>[0]) => {
    if (closeRow.run({ id: c.ticketId, op: c.operatorId, at: c.at, outcome: c.outcome }).changes === 0) return refusal(c.ticketId);
    const ticket = ticketOr(c.ticketId)!;
    // The conversation moved on since the session was computed: undo the close, run again.
    if (updateSession.run(JSON.stringify(c.conversation.session), c.at, ticket.conversationId, c.conversation.expectedVersion).changes === 0) {
      throw new Answer({ status: 'conflict' as const });
    }
    s.storeReplies(ticket.conversationId, c.outbound);
    event(s, { id: c.eventId, ticketId: c.ticketId, at: c.at, kind: 'closed', actorId: c.operatorId, text: null, messageId: null, details: { outcome: c.outcome } });
    return { status: 'ok' as const, ticket };
  });

  return {
    async get(id) {
      return ticketOr(id);
    },
    async openFor(conversationId) {
      const row = s.openFor.get(conversationId);
      return row && toTicket(row);
    },
    async list(q) {
      const { sql, params } = ticketListQuery(q);
      return db.prepare<Record<string, string | number>, TicketRow>(sql).all(params).map(toTicket);
    },
    async claim(c) {
      return claim.immediate(c);
    },
    async move(m) {
      return move.immediate(m);
    },
    async reply(r) {
      return reply.immediate(r);
    },
    async addNote(n) {
      if (!s.byId.get(n.ticketId)) return false;
      event(s, { id: n.id, ticketId: n.ticketId, at: n.at, kind: 'note', actorId: n.actorId, text: n.text, messageId: null });
      return true;
    },
    async events(ticketId) {
      return events.all(ticketId).map(toEvent);
    },
    async close(c) {
      try {
        return close.immediate(c);
      } catch (err) {
        if (err instanceof Answer) return err.value as { status: 'conflict' };
        throw err;
      }
    },
  };
}
