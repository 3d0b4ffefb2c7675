/**
 * Two Sahay processes on one MongoDB: what must hold when both handle traffic.
 * Run on the emulation (mongo-emulated.test.ts) and, with MONGODB_URI, on a real
 * server (mongo.test.ts). Each "process" is its own store instance with its own
 * outbox lease owner; they share the database and a clock the test moves.
 */
import type { Session } from '../../../src/engine/session';
import type { MongoStore } from '../../../src/storage/mongo/mongo-store';
import type { Turn } from '../../../src/storage/repositories';

export interface TwoProcesses {
  a: MongoStore;
  b: MongoStore;
  /** The wall clock both stores read (leases), in ms; tests move it. */
  clock: { now: number };
  /** Opens another store on the same database (a restarted process). */
  reopen: (owner: string) => Promise<MongoStore>;
  cleanup: () => Promise<void>;
}

const T0 = 1_700_000_000_000;
const session = (turns: number): Session => ({ stack: [], lang: 'bn', vars: { turns }, turns });

function turn(conversationId: string, pmid: string, expectedVersion: number, replies = 1, id = pmid): Turn {
  return {
    conversationId,
    expectedVersion,
    session: session(expectedVersion + 1),
    inbound: { id: `in-${id}`, platformMessageId: pmid, content: { kind: 'text', text: 'জ্বর' }, sentAt: T0, receivedAt: T0 + expectedVersion },
    outbound: Array.from({ length: replies }, (_, i) => ({ id: `out-${id}-${i}`, text: `উত্তর ${i}`, createdAt: T0 + expectedVersion })),
  };
}

export function describeTwoProcesses(name: string, open: () => Promise<TwoProcesses>): void {
  describe(`two processes on one MongoDB: ${name}`, () => {
    let p: TwoProcesses;
    beforeEach(async () => {
      p = await open();
    });
    afterEach(async () => {
      await p.cleanup();
    });

    it('create one conversation for one user when both see the first message', async () => {
      const [x, y] = await Promise.all([
        p.a.conversations.findOrCreate('telegram', '42', { id: 'from-a', session: session(0), now: T0 }),
        p.b.conversations.findOrCreate('telegram', '42', { id: 'from-b', session: session(0), now: T0 }),
      ]);
      expect(x.id).toBe(y.id);
      await expect(p.a.conversations.count()).resolves.toBe(1);
    });

    it('commit a message delivered to both exactly once', async () => {
      const conv = await p.a.conversations.findOrCreate('whatsapp', 'w', { id: 'c1', session: session(0), now: T0 });
      // The same platform message, run by both processes on the same version, with their own ids.
      const results = await Promise.all([p.a.turns.commit(turn(conv.id, 'wamid.1', 0, 2, 'a')), p.b.turns.commit(turn(conv.id, 'wamid.1', 0, 2, 'b'))]);
      expect(results.filter((r) => r.status === 'committed')).toHaveLength(1);
      // The loser reruns on the new version (as the router does) and finds the message stored.
      const loser = results[0]!.status === 'committed' ? p.b : p.a;
      await expect(loser.turns.commit(turn(conv.id, 'wamid.1', 1, 2, 'again'))).resolves.toEqual({ status: 'duplicate' });
      await expect(p.a.messages.list(conv.id)).resolves.toHaveLength(3);
      await expect(p.b.outbox.countByStatus()).resolves.toEqual({ pending: 2, sent: 0, dead: 0 });
      await expect(p.a.conversations.get(conv.id)).resolves.toMatchObject({ version: 1 });
    });

    it('never interleave two turns of one conversation', async () => {
      const conv = await p.a.conversations.findOrCreate('webchat', 'u', { id: 'c1', session: session(0), now: T0 });
      const results = await Promise.all([p.a.turns.commit(turn(conv.id, 'm-a', 0)), p.b.turns.commit(turn(conv.id, 'm-b', 0))]);
      expect(results.map((r) => r.status).sort()).toEqual(['committed', 'conflict']);
      const winner = results[0]!.status === 'committed' ? 'm-a' : 'm-b';
      const loser = winner === 'm-a' ? 'm-b' : 'm-a';
      await expect(p.a.turns.seen('webchat', winner)).resolves.toBe(true);
      await expect(p.b.turns.seen('webchat', loser)).resolves.toBe(false);
      await expect(p.b.turns.commit(turn(conv.id, loser, 1))).resolves.toEqual({ status: 'committed', version: 2 });
      await expect(p.a.messages.list(conv.id)).resolves.toHaveLength(4);
    });

    it('hand each outbox item to one process, keep per-user order, and pass it on when its holder dies', async () => {
      for (const [i, user] of ['u1', 'u2', 'u3'].entries()) {
        const conv = await p.a.conversations.findOrCreate('telegram', user, { id: `c${i}`, session: session(0), now: T0 });
        await p.a.turns.commit(turn(conv.id, `m${i}`, 0, 3));
      }
      const all = ['m0', 'm1', 'm2'].flatMap((m) => [0, 1, 2].map((i) => `out-${m}-${i}`)).sort();
      // Both sweep at once, a few times: a race may leave some items to the next round, never to both.
      let fromA: string[] = [];
      let fromB: string[] = [];
      for (let round = 0; round < 5 && fromA.length + fromB.length < all.length; round++) {
        const [x, y] = await Promise.all([p.a.outbox.due(T0 + 10), p.b.outbox.due(T0 + 10)]);
        fromA = x.map((i) => i.id);
        fromB = y.map((i) => i.id);
        expect(fromA.filter((id) => fromB.includes(id))).toEqual([]);
        // Each share is whole prefixes of users' queues: never a later message without the earlier ones.
        for (const share of [fromA, fromB]) {
          for (const id of share) for (let earlier = 0; earlier < Number(id.at(-1)); earlier++) expect(share).toContain(id.replace(/\d$/, String(earlier)));
        }
      }
      expect([...fromA, ...fromB].sort()).toEqual(all);
      const idsA = fromA;
      const idsB = fromB;
      // Asking again changes nothing: each keeps its own, and gets none of the other's.
      expect((await p.a.outbox.due(T0 + 10)).map((i) => i.id).sort()).toEqual([...idsA].sort());
      expect((await p.b.outbox.due(T0 + 10)).map((i) => i.id).sort()).toEqual([...idsB].sort());
      // B sends its share; A dies holding its share. Once A's lease runs out, B gets A's items.
      for (const id of idsB) await p.b.outbox.markSent(id, T0 + 20);
      await expect(p.b.outbox.due(T0 + 10)).resolves.toEqual([]);
      p.clock.now += 5 * 60_000;
      expect((await p.b.outbox.due(T0 + 10)).map((i) => i.id).sort()).toEqual([...idsA].sort());
    });

    it('stop a user at the first message another process holds', async () => {
      const conv = await p.a.conversations.findOrCreate('telegram', 'u', { id: 'c1', session: session(0), now: T0 });
      await p.a.turns.commit(turn(conv.id, 'm0', 0, 1));
      expect((await p.a.outbox.due(T0 + 10)).map((i) => i.id)).toEqual(['out-m0-0']);
      await p.a.turns.commit(turn(conv.id, 'm1', 1, 1));
      // B must not send the newer reply while A holds the older one.
      await expect(p.b.outbox.due(T0 + 10)).resolves.toEqual([]);
      await expect(p.b.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'telegram', userId: 'u' })).resolves.toEqual([]);
      await p.a.outbox.markFailed('out-m0-0', 'ETIMEDOUT', T0 + 5);
      // A failure ends A's lease: B may now take both, in order.
      expect((await p.b.outbox.due(T0 + 10)).map((i) => i.id)).toEqual(['out-m0-0', 'out-m1-0']);
    });

    it('let one process at a time hold a named lease', async () => {
      await expect(p.a.leases.acquire('beds-refresh', 'A', 30_000)).resolves.toBe(true);
      await expect(p.b.leases.acquire('beds-refresh', 'B', 30_000)).resolves.toBe(false);
      await expect(p.a.leases.acquire('beds-refresh', 'A', 30_000)).resolves.toBe(true); // renewed
      await expect(p.b.leases.holder('beds-refresh')).resolves.toEqual({ owner: 'A', until: p.clock.now + 30_000 });
      await p.b.leases.release('beds-refresh', 'B'); // not B's to release
      await expect(p.b.leases.acquire('beds-refresh', 'B', 30_000)).resolves.toBe(false);
      p.clock.now += 30_000;
      await expect(p.b.leases.holder('beds-refresh')).resolves.toBeUndefined();
      const race = await Promise.all([p.a.leases.acquire('beds-refresh', 'A', 30_000), p.b.leases.acquire('beds-refresh', 'B', 30_000)]);
      expect(race.filter(Boolean)).toHaveLength(1);
      const holder = race[0] ? 'A' : 'B';
      await (holder === 'A' ? p.a : p.b).leases.release('beds-refresh', holder);
      await expect(p.b.leases.acquire('beds-refresh', 'B', 30_000)).resolves.toBe(true);
      await expect(p.a.leases.acquire('other-job', 'A', 30_000)).resolves.toBe(true);
      await expect(p.a.leases.acquire('x', 'A', 0)).rejects.toThrow('positive ttl');
    });

    it('count a hospital merge from each process, losing neither', async () => {
      const input = (beds: number, at: number) => ({
        id: 'h1',
        name: 'SSKM',
        names: { bn: 'এসএসকেএম' },
        region: 'West Bengal',
        district: 'Kolkata',
        city: null,
        pincode: null,
        address: null,
        phones: null,
        ownership: 'government' as const,
        category: null,
        location: null,
        beds: { icu: { total: 20, vacant: beds, updatedAt: at, source: 'desk' } },
      });
      await p.a.hospitals.upsertMany([input(5, T0)], T0);
      await Promise.all([
        p.a.hospitals.updateBeds('h1', { icu: { total: 20, vacant: 3, updatedAt: T0 + 2, source: 'desk' } }, T0 + 2),
        p.b.hospitals.updateBeds('h1', { oxygen: { total: 50, vacant: 9, updatedAt: T0 + 1, source: 'console' } }, T0 + 1),
      ]);
      const h = await p.b.hospitals.get('h1');
      expect(h?.beds).toEqual({ icu: { total: 20, vacant: 3, updatedAt: T0 + 2, source: 'desk' }, oxygen: { total: 50, vacant: 9, updatedAt: T0 + 1, source: 'console' } });
      await expect(p.a.hospitals.revision()).resolves.toBe(3);
    });
  });
}
