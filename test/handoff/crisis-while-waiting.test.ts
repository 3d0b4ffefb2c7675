/**
 * A patient already waiting for a person (asked for a doctor, or flagged by a danger sign) who
 * then writes of suicide or self-harm: besides the crisis reply, their waiting ticket becomes a
 * crisis one — reason `crisis`, flagged, at the front of its queue — so that the operator's
 * console shows 🆘 crisis for them, as for a new crisis ticket. It kept its old reason (`asked`,
 * `emergency`). Through the real router, on every driver.
 */
import { operatorQueue, ticketDetail } from '../../src/handoff/queue-view';
import { createTestCore } from '../support/core';
import { handoffTestPerTest } from './support';
import { everyStore } from '../support/every-store';

describe('a crisis written while waiting (SQLite file)', () => {
  // Kolkata 15:30: every desk open.
  const t = handoffTestPerTest(10);

  it('makes the ticket of a patient waiting for a doctor a crisis one, first in the queue, shown as a crisis in the console', async () => {
    await t.toMenu('first', 'en', 'in_wb');
    await t.send('first', 'talk to a doctor');
    const before = await t.onlyTicket();

    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = (await t.tickets()).find((x) => x.id !== before.id)!;
    expect(ticket).toMatchObject({ queue: 'kolkata-doctor', reason: 'asked', emergency: false });

    const said = await t.texts('ravi', 'jeene ka mann nahi karta');
    expect(said[0]).toBe(t.tr('crisis.support', 'hi'));
    expect(said).toContain(t.tr('handoff.already_waiting_urgent', 'hi'));
    // Ahead of the patient who asked before them.
    expect(said.at(-1)).toBe(t.tr('handoff.ask.waiting_unstaffed', 'hi', { position: 1 }));

    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ reason: 'crisis', emergency: true, priority: 4, state: 'waiting', createdAt: ticket.createdAt });
    expect(await t.tickets()).toHaveLength(2);
    const doctor = await t.account('meera');
    const view = await operatorQueue(t.core.handoff, doctor, t.clock.now);
    expect(view.tickets.map((i) => [i.id, i.reason, i.emergency])).toEqual([[ticket.id, 'crisis', true], [before.id, 'asked', false]]);
    await expect(ticketDetail(t.core.handoff, ticket.id, doctor, 'en', t.clock.now)).resolves.toMatchObject({ ticket: { reason: 'crisis', emergency: true } });
  });

  it('makes a ticket flagged for a medical emergency a crisis one, and tells the patient it was marked', async () => {
    await t.toMenu('gita', 'bn', 'in_wb');
    await t.send('gita', 'শ্বাস নিতে পারছি না');
    expect(await t.onlyTicket()).toMatchObject({ reason: 'emergency', emergency: true });

    const said = await t.texts('gita', 'আমি আর বাঁচতে চাই না');
    expect(said[0]).toBe(t.tr('crisis.support', 'bn'));
    expect(said).toContain(t.tr('handoff.already_waiting_urgent', 'bn'));
    expect(said).not.toContain(t.tr('handoff.already_waiting', 'bn'));
    expect(await t.onlyTicket()).toMatchObject({ reason: 'crisis', emergency: true, priority: 4, state: 'waiting' });

    // Written again: already a crisis ticket, nothing more to mark.
    const again = await t.texts('gita', 'আমি আর বাঁচতে চাই না');
    expect(again).toContain(t.tr('handoff.already_waiting', 'bn'));
    expect(await t.onlyTicket()).toMatchObject({ reason: 'crisis', priority: 4 });
  });

  it('keeps it with the same person when one already has the chat: the words go to them, the ticket is theirs as it was', async () => {
    const meera = await t.account('meera', { roles: ['operator'], displayName: 'Meera' });
    await t.toMenu('lina', 'en', 'in_wb');
    const ticket = await t.personTakes('lina', 'talk to a doctor', meera);
    await t.send('lina', 'I want to kill myself');
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'assigned', assigneeId: 'meera' });
  });
});

// SQLite, the test core's own store, is the driver of the tests above.
describe.each(everyStore().filter(([name]) => name !== 'sqlite'))('a crisis written while waiting, on the %s driver', (_name, open) => {
  it('stores the waiting ticket as a crisis one', async () => {
    const t = await createTestCore({ store: await open() });
    try {
      t.clock.now = Date.UTC(2021, 4, 1, 10);
      for (const text of ['hello', 'english', 'yes']) await t.send('ravi', text);
      for (const payload of ['helplines', 'in_wb', 'menu']) await t.send('ravi', { kind: 'choice', payload });
      await t.send('ravi', 'talk to a doctor');
      const [asked] = await t.core.store.tickets.list({});
      expect(asked).toMatchObject({ reason: 'asked', emergency: false });
      await t.send('ravi', 'I want to end my life');
      await expect(t.core.store.tickets.list({})).resolves.toEqual([expect.objectContaining({ id: asked!.id, reason: 'crisis', emergency: true, priority: 4 })]);
    } finally {
      await t.close();
    }
  });
});
