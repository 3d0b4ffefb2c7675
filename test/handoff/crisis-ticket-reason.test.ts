/**
 * A crisis ticket (the patient wrote of suicide or self-harm and said yes to a counsellor,
 * flows/crisis.yaml → flows/handoff_counsellor.yaml) has a reason of its own, `crisis`: the
 * operator sees at a glance a person at risk of self-harm, for a counsellor, not a medical
 * "emergency" (it was stored, listed and shown as `emergency`). Every driver keeps it, and keeps
 * the tickets opened before it (`emergency`, `asked`) as they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operatorQueue, ticketDetail } from '../../src/handoff/queue-view';
import { LANGUAGES } from '../../src/engine/flow';
import { everyStore } from '../support/every-store';
import { openTicket, TICKET_T0 } from '../support/stored-tickets';
import { handoffTestPerTest } from './support';

describe('a crisis ticket, through the router', () => {
  // Kolkata 15:30: every desk open.
  const t = handoffTestPerTest(10);

  it('is stored, queued and shown with the reason `crisis`; a plain request for a counsellor stays `asked`', async () => {
    await t.toMenu('calm', 'en', 'in_wb');
    await t.send('calm', 'I want to talk to a counsellor');
    const asked = await t.onlyTicket();

    await t.toMenu('mita', 'bn');
    await t.send('mita', 'নিজেকে শেষ করে দিতে চাই');
    await t.send('mita', 'হ্যাঁ');
    const crisis = (await t.tickets()).find((x) => x.id !== asked.id)!;
    expect(crisis).toMatchObject({ queue: 'counsellor', emergency: true, priority: 4, reason: 'crisis' });
    expect(asked).toMatchObject({ queue: 'counsellor', emergency: false, reason: 'asked' });

    const counsellor = await t.account('rumi', { roles: ['operator'], queues: ['counsellor'] });
    const view = await operatorQueue(t.core.handoff, counsellor, t.clock.now);
    // First in the queue, and told apart from the plain request.
    expect(view.tickets.map((i) => [i.id, i.reason])).toEqual([[crisis.id, 'crisis'], [asked.id, 'asked']]);
    await expect(ticketDetail(t.core.handoff, crisis.id, counsellor, 'en', t.clock.now)).resolves.toMatchObject({ ticket: { reason: 'crisis', emergency: true } });
  });

  it('a medical emergency is still `emergency`', async () => {
    await t.toMenu('gita', 'en', 'in_wb');
    await t.send('gita', "I can't breathe");
    expect(await t.onlyTicket()).toMatchObject({ reason: 'emergency', emergency: true });
  });
});

describe('the console', () => {
  const strings = (lng: string) => JSON.parse(readFileSync(join(__dirname, '../../locales', lng, 'console.json'), 'utf8'));
  it.each([...LANGUAGES])('names a crisis ticket in %s: its badge and its reason', (lng) => {
    const handoff = strings(lng).handoff;
    expect(handoff.reason.crisis).toEqual(expect.any(String));
    expect(handoff.crisis).toEqual(expect.any(String));
    expect(handoff.reason.crisis).not.toBe(handoff.reason.emergency);
  });
});

describe.each(everyStore(() => TICKET_T0))('the %s driver', (_name, open) => {
  it('keeps a crisis ticket, and the old reasons beside it', async () => {
    const store = await open();
    try {
      const crisis = await openTicket(store, 'a', { reason: 'crisis', emergency: true, queue: 'counsellor', language: 'bn' });
      const old = await openTicket(store, 'b', { reason: 'emergency', emergency: true, queue: 'counsellor', language: 'bn' });
      const asked = await openTicket(store, 'c', { reason: 'asked', queue: 'counsellor', language: 'bn' });
      await expect(store.tickets.get(crisis.id)).resolves.toStrictEqual(crisis);
      await expect(store.tickets.get(old.id)).resolves.toStrictEqual(old);
      expect((await store.tickets.list({ states: ['waiting'] })).map((x) => x.reason).sort()).toEqual(['asked', 'crisis', 'emergency']);
      expect(asked.reason).toBe('asked');
    } finally {
      await store.close();
    }
  });
});
