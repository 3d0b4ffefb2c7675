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
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { createMongoStore } from '../../src/storage/mongo/mongo-store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { Store, Ticket } from '../../src/storage/repositories';
import { EmulatedMongo } from '../storage/mongo/emulated-mongo';
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

const T0 = 1_700_000_000_000;

function ticket(id: string, conversationId: string, reason: Ticket['reason'], emergency: boolean): Ticket {
  return {
    id, conversationId, channel: 'webchat', queue: 'counsellor', language: 'bn', priority: emergency ? 4 : 1, reason, emergency,
    triage: null, state: 'waiting', assigneeId: null, createdAt: T0, assignedAt: null, firstAssignedAt: null,
    closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: T0,
  };
}

async function openTicket(store: Store, user: string, reason: Ticket['reason'], emergency: boolean): Promise<Ticket> {
  const conv = await store.conversations.findOrCreate('webchat', user, { id: `conv-${user}`, session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: T0 });
  const t = ticket(`t-${user}`, conv.id, reason, emergency);
  const result = await store.turns.commit({
    conversationId: conv.id,
    expectedVersion: conv.version,
    session: { stack: [], lang: 'bn', vars: { handoff: { ticket: t.id } }, turns: conv.version + 1 },
    inbound: { id: `in-${user}`, platformMessageId: `pm-${user}`, content: { kind: 'text', text: 'হ্যাঁ' }, sentAt: T0, receivedAt: T0 },
    outbound: [],
    tickets: [{ kind: 'open', ticket: t }],
  });
  expect(result).toMatchObject({ status: 'committed' });
  return t;
}

describe.each([
  ['memory', async () => createMemoryStore()],
  ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
  ['mongodb (emulated)', async () => createMongoStore(new EmulatedMongo().database({ transactions: true }), { owner: 'test', clock: () => T0 })],
] as Array<[string, () => Promise<Store>]>)('the %s driver', (_name, open) => {
  it('keeps a crisis ticket, and the old reasons beside it', async () => {
    const store = await open();
    try {
      const crisis = await openTicket(store, 'a', 'crisis', true);
      const old = await openTicket(store, 'b', 'emergency', true);
      const asked = await openTicket(store, 'c', 'asked', false);
      await expect(store.tickets.get(crisis.id)).resolves.toStrictEqual(crisis);
      await expect(store.tickets.get(old.id)).resolves.toStrictEqual(old);
      expect((await store.tickets.list({ states: ['waiting'] })).map((x) => x.reason).sort()).toEqual(['asked', 'crisis', 'emergency']);
      expect(asked.reason).toBe('asked');
    } finally {
      await store.close();
    }
  });
});
