/**
 * A patient's "doctor" in the instant an operator takes the chat. The router decides whether the
 * bot answers from the ticket as it reads it at the turn's start (turn-hooks.ts relays(): waiting,
 * so the flow runs); the operator's claim lands; the request action reads the ticket again
 * (actions.ts requestAction: assigned). It said "a person is already here", and flows/handoff.yaml's
 * request then went on to the waiting question, "You are number 1 in the queue": now the flow says
 * only that a person is here (`handoff.with_person`), and waits with no place in a queue.
 */
import { existingConversation } from '../support/conversation';
import { createHandoffTest } from './support';

it('a request for a person as an operator takes the chat gets one consistent answer, not "a person is here" and a queue place', async () => {
  const t = await createHandoffTest();
  try {
    t.at(10);
    const meera = await t.account('meera');
    await t.toMenu('p1', 'en', 'in_wb');
    await t.send('p1', 'doctor');
    const conv = await existingConversation(t.core.store, 'webchat', 'p1');
    const ticket = (await t.core.store.tickets.openFor(conv.id))!;
    // The claim lands just after the router's read of the ticket (the first read of the turn).
    const get = t.core.store.tickets.get.bind(t.core.store.tickets);
    let reads = 0;
    t.core.store.tickets.get = async (id: string) => {
      const read = await get(id);
      if (++reads === 1) await t.desk.claim(ticket.id, meera);
      return read;
    };
    const texts = (await t.texts('p1', 'doctor')).join('\n');
    expect(texts).toContain('has joined this chat');
    // One state: with a person in the chat, no place in the queue.
    expect(texts).not.toContain(t.tr('handoff.ask.waiting', 'en', { position: 1, minutes: 5 }));
  } finally {
    await t.close();
  }
});
