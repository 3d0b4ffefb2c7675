/**
 * TicketRepository.move with a notice (a release's "back in the queue", a transfer's "has
 * joined"), in every driver: stored as an outbound message with its outbox row in the move's
 * own write, on the timeline as the move's message; a refused move stores nothing. The same
 * rule test/storage/contract-tickets.ts pins for a claim's notice.
 */
import type { Session } from '../../src/engine/session';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { createMongoStore } from '../../src/storage/mongo/mongo-store';
import type { Store, Ticket } from '../../src/storage/repositories';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { EmulatedMongo } from '../storage/mongo/emulated-mongo';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const session = (turns: number): Session => ({ stack: [], lang: 'bn', vars: {}, turns });

const drivers: Array<[string, () => Promise<Store>]> = [
  ['memory', async () => createMemoryStore()],
  ['sqlite :memory:', async () => openSqliteStore({ file: ':memory:' })],
  ['mongodb, emulated replica set', () => createMongoStore(new EmulatedMongo().database({ transactions: true }), { owner: 'test', clock: () => T0 })],
  ['mongodb, emulated standalone', () => createMongoStore(new EmulatedMongo().database({ transactions: false }), { owner: 'test', clock: () => T0 })],
];

describe.each(drivers)('move with a notice (%s)', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  async function opened(user: string): Promise<Ticket> {
    const conv = await store.conversations.findOrCreate('telegram', user, { id: `conv-${user}`, session: session(0), now: T0 });
    const ticket: Ticket = {
      id: `t-${user}`, conversationId: conv.id, channel: 'telegram', queue: 'kolkata-doctor', language: 'bn', priority: 2, reason: 'asked', emergency: false,
      triage: null, state: 'waiting', assigneeId: null, createdAt: T0, assignedAt: null, firstAssignedAt: null, closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: T0,
    };
    await store.turns.commit({
      conversationId: conv.id, expectedVersion: conv.version, session: session(1),
      inbound: { id: `in-${user}`, platformMessageId: `pm-${user}`, content: { kind: 'text', text: 'ডাক্তার' }, sentAt: T0, receivedAt: T0 },
      outbound: [{ id: `out-${user}`, text: 'অপেক্ষা করুন', createdAt: T0 }],
      tickets: [{ kind: 'open', ticket }],
    });
    return ticket;
  }

  it('stores a release notice and a transfer notice with their outbox rows; a refused move stores none', async () => {
    const t = await opened('a');
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-1', at: T0 + MIN, eventId: 'e1' });
    const released = { id: 'n-released', text: 'আপনার চ্যাটটি আবার অপেক্ষার তালিকায় ফিরেছে', createdAt: T0 + 2 * MIN };
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-2', at: T0 + 2 * MIN, queue: t.queue, assigneeId: null, notice: released, eventId: 'x' })).resolves.toMatchObject({ status: 'not_yours' });
    await expect(store.outbox.get('n-released')).resolves.toBeUndefined();
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-1', at: T0 + 2 * MIN, queue: t.queue, assigneeId: null, notice: released, eventId: 'e2' })).resolves.toMatchObject({ status: 'ok', ticket: { state: 'waiting' } });
    expect((await store.messages.list(t.conversationId)).at(-1)).toMatchObject({ id: 'n-released', direction: 'out', content: { kind: 'text', text: released.text } });
    await expect(store.outbox.get('n-released')).resolves.toMatchObject({ status: 'pending', conversationId: t.conversationId, userId: 'a', text: released.text });

    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-2', at: T0 + 3 * MIN, eventId: 'e3' });
    const joined = { id: 'n-joined', text: 'ডাঃ আশা দাস যোগ দিয়েছেন', createdAt: T0 + 4 * MIN };
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-2', at: T0 + 4 * MIN, queue: t.queue, assigneeId: 'op-3', notice: joined, eventId: 'e4' })).resolves.toMatchObject({ status: 'ok', ticket: { state: 'assigned', assigneeId: 'op-3' } });
    await expect(store.outbox.get('n-joined')).resolves.toMatchObject({ status: 'pending', userId: 'a' });
    expect((await store.tickets.events(t.id)).map((e) => [e.kind, e.messageId])).toEqual([
      ['claimed', null], ['released', 'n-released'], ['claimed', null], ['transferred', 'n-joined'],
    ]);
    // Without a notice, as before (an account disabled gives its chats back: console/accounts.ts).
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-3', at: T0 + 5 * MIN, queue: t.queue, assigneeId: null, eventId: 'e5' })).resolves.toMatchObject({ status: 'ok' });
    expect((await store.tickets.events(t.id)).at(-1)).toMatchObject({ kind: 'released', messageId: null });
    expect((await store.messages.list(t.conversationId)).map((m) => m.id).slice(-2)).toEqual(['n-released', 'n-joined']);
  });
});
