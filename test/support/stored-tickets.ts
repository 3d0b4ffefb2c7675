/**
 * Tickets written straight through a store's turn commit, as the router writes them, for tests
 * that check what every driver keeps of a ticket (its reason, an escalation) without running a
 * conversation: a waiting ticket to open, and one committed turn of a patient's conversation.
 */
import type { CommitResult, Store, Ticket, TicketEffect } from '../../src/storage/repositories';
import type { Language } from '../../src/engine/flow';

/** The time every ticket here is opened at (and the MongoDB driver's clock, for `everyStore`). */
export const TICKET_T0 = 1_700_000_000_000;

export interface WaitingTicket {
  id: string;
  conversationId: string;
  reason: Ticket['reason'];
  emergency?: boolean;
  queue?: string;
  language?: Language;
}

/** A ticket as the hand-off opens it: waiting, unassigned, priority 4 in an emergency, else 1. */
export function waitingTicket({ id, conversationId, reason, emergency = false, queue = 'general', language = 'hi' }: WaitingTicket): Ticket {
  return {
    id, conversationId, channel: 'webchat', queue, language, priority: emergency ? 4 : 1, reason, emergency,
    triage: null, state: 'waiting', assigneeId: null, createdAt: TICKET_T0, assignedAt: null, firstAssignedAt: null,
    closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: TICKET_T0,
  };
}

/**
 * One turn of web chat user `user`'s conversation (`conv-<user>`, made at its first turn) with
 * these ticket effects, committed: the test fails here if the store refuses it.
 */
export async function commitTicketTurn(store: Store, user: string, tickets: TicketEffect[], language: Language = 'hi'): Promise<CommitResult> {
  const conv = await store.conversations.findOrCreate('webchat', user, { id: `conv-${user}`, session: { stack: [], lang: language, vars: {}, turns: 0 }, now: TICKET_T0 });
  const opened = tickets.find((effect) => effect.kind === 'open');
  const result = await store.turns.commit({
    conversationId: conv.id,
    expectedVersion: conv.version,
    session: { stack: [], lang: language, vars: opened?.kind === 'open' ? { handoff: { ticket: opened.ticket.id } } : {}, turns: conv.version + 1 },
    inbound: { id: `in-${user}-${conv.version}`, platformMessageId: `pm-${user}-${conv.version}`, content: { kind: 'text', text: 'x' }, sentAt: TICKET_T0, receivedAt: TICKET_T0 },
    outbound: [],
    tickets,
  });
  expect(result).toMatchObject({ status: 'committed' });
  return result;
}

/** Opens a waiting ticket `t-<user>` in web chat user `user`'s conversation, and returns it. */
export async function openTicket(store: Store, user: string, fields: Omit<WaitingTicket, 'id' | 'conversationId'>): Promise<Ticket> {
  const ticket = waitingTicket({ id: `t-${user}`, conversationId: `conv-${user}`, language: 'hi', ...fields });
  await commitTicketTurn(store, user, [{ kind: 'open', ticket }], ticket.language);
  return ticket;
}
