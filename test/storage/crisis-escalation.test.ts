/**
 * A turn's `escalate` effect that names the reason `crisis` (src/handoff/turn-hooks.ts: a patient
 * already waiting wrote of suicide or self-harm) makes the open ticket a crisis one, on every
 * driver; one without it keeps the ticket's reason, and a closed ticket is left as it was.
 */
import type { Store, Ticket, TicketEffect } from '../../src/storage/repositories';
import { everyStore } from '../support/every-store';
import { commitTicketTurn, TICKET_T0, waitingTicket } from '../support/stored-tickets';

const T0 = TICKET_T0;

const ticket = (id: string, conversationId: string, reason: Ticket['reason'], emergency: boolean): Ticket =>
  waitingTicket({ id, conversationId, reason, emergency, queue: 'kolkata-doctor' });

/** As src/handoff/turn-hooks.ts makes it: an escalate effect with the reason the ticket takes. */
const crisisEscalation = (ticketId: string, at: number): TicketEffect => ({ kind: 'escalate', ticketId, priority: 4, at, reason: 'crisis' });

const turn = (store: Store, user: string, tickets: TicketEffect[]) => commitTicketTurn(store, user, tickets);

describe.each(everyStore(() => T0))('the %s driver', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('makes a waiting ticket a crisis one when the escalation names it', async () => {
    await turn(store, 'a', [{ kind: 'open', ticket: ticket('t-asked', 'conv-a', 'asked', false) }]);
    await turn(store, 'b', [{ kind: 'open', ticket: ticket('t-emergency', 'conv-b', 'emergency', true) }]);
    await turn(store, 'a', [crisisEscalation('t-asked', T0 + 60_000)]);
    await turn(store, 'b', [crisisEscalation('t-emergency', T0 + 60_000)]);
    await expect(store.tickets.get('t-asked')).resolves.toMatchObject({ reason: 'crisis', emergency: true, priority: 4, updatedAt: T0 + 60_000 });
    await expect(store.tickets.get('t-emergency')).resolves.toMatchObject({ reason: 'crisis', emergency: true, priority: 4 });
  });

  it('keeps the reason of a plain escalation, and leaves a closed ticket alone', async () => {
    await turn(store, 'a', [{ kind: 'open', ticket: ticket('t-asked', 'conv-a', 'asked', false) }]);
    await turn(store, 'a', [{ kind: 'escalate', ticketId: 't-asked', priority: 4, at: T0 + 60_000 }]);
    await expect(store.tickets.get('t-asked')).resolves.toMatchObject({ reason: 'asked', emergency: true, priority: 4 });
    await turn(store, 'a', [{ kind: 'cancel', ticketId: 't-asked', at: T0 + 120_000 }]);
    await turn(store, 'a', [crisisEscalation('t-asked', T0 + 180_000)]);
    await expect(store.tickets.get('t-asked')).resolves.toMatchObject({ reason: 'asked', state: 'closed', updatedAt: T0 + 120_000 });
  });
});
