import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { walCommits } from '../support/wal';
import { describeStoreContract } from './contract';

describeStoreContract('sqlite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-store-'));
  const file = join(dir, 'data', 'sahay.db');
  let current: SqliteStore = openSqliteStore({ file });
  return {
    store: current,
    reopen: async () => (current = openSqliteStore({ file })),
    reportsOthersPending: true,
    reportsUnchangedElsewhere: true,
    cleanup: async () => {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('sqlite :memory:', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { store, cleanup: () => store.close(), reportsOthersPending: true, reportsUnchangedElsewhere: true };
});

describe('two handles on one SQLite file (as two processes would have)', () => {
  let dir: string;
  let a: SqliteStore;
  let b: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-store-'));
    a = openSqliteStore({ file: join(dir, 'sahay.db') });
    b = openSqliteStore({ file: join(dir, 'sahay.db') });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = { stack: [], lang: 'hi' as const, vars: {}, turns: 0 };
  const turn = (conversationId: string, pmid: string, expectedVersion: number) => ({
    conversationId,
    expectedVersion,
    session: { ...session, turns: expectedVersion + 1 },
    inbound: { id: `in-${pmid}`, platformMessageId: pmid, content: { kind: 'text' as const, text: 'नमस्ते' }, sentAt: 1, receivedAt: 2 },
    outbound: [{ id: `out-${pmid}`, text: 'जी', createdAt: 2 }],
  });

  it('finds the same conversation and lets only one of two turns on the same version commit', async () => {
    const fromA = await a.conversations.findOrCreate('telegram', '42', { id: 'ca', session, now: 1 });
    const fromB = await b.conversations.findOrCreate('telegram', '42', { id: 'cb', session, now: 1 });
    expect(fromB.id).toBe(fromA.id);

    await expect(a.turns.commit(turn(fromA.id, 'm1', 0))).resolves.toEqual({ status: 'committed', version: 1, othersPending: false, unchangedElsewhere: expect.any(Function) });
    await expect(b.turns.commit(turn(fromB.id, 'm2', 0))).resolves.toEqual({ status: 'conflict' });
    await expect(b.turns.commit(turn(fromB.id, 'm1', 1))).resolves.toEqual({ status: 'duplicate' });
    await expect(b.turns.commit(turn(fromB.id, 'm2', 1))).resolves.toEqual({ status: 'committed', version: 2, othersPending: true });
    await expect(a.messages.list(fromA.id)).resolves.toHaveLength(4);
  });

  it("tells a turn's delivery when the other handle has written since the commit (it may have sent the replies)", async () => {
    const conv = await a.conversations.findOrCreate('telegram', '7', { id: 'c7', session, now: 1 });
    const other = await a.conversations.findOrCreate('telegram', '8', { id: 'c8', session, now: 1 });
    const first = await a.turns.commit(turn(conv.id, 'k1', 0));
    if (first.status !== 'committed' || !first.unchangedElsewhere) throw new Error(`expected a commit that can tell, got ${JSON.stringify(first)}`);
    expect(first.othersPending).toBe(false);
    expect(first.unchangedElsewhere()).toBe(true);
    // Its own later writes do not count: only another connection's.
    await a.turns.commit(turn(other.id, 'k2', 0));
    await a.outbox.markSent('out-k2', 3);
    expect(first.unchangedElsewhere()).toBe(true);
    // The other process sends the reply and marks it sent.
    await b.outbox.markSent('out-k1', 3);
    expect(first.unchangedElsewhere()).toBe(false);
  });
});

describe('writes outside a turn share the group commit too', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-store-'));
    file = join(dir, 'sahay.db');
    store = openSqliteStore({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = { stack: [], lang: 'bn' as const, vars: {}, turns: 0 };
  const newConversations = (n: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => store.conversations.findOrCreate('whatsapp', `8801700000${i}`, { id: `c${i}`, session, now: 1 })));

  it('creates the conversations of new patients who write at the same moment in one commit, each stored before it is handed out', async () => {
    const before = walCommits(file);
    // What the WAL holds when each caller is handed its conversation: the one commit already.
    const commitsWhenHandedOut: number[] = [];
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.conversations.findOrCreate('whatsapp', `8801700000${i}`, { id: `c${i}`, session, now: 1 }).then((c) => {
          commitsWhenHandedOut.push(walCommits(file));
          return c;
        }),
      ),
    );
    expect(commitsWhenHandedOut).toEqual(Array(20).fill(before + 1));
    expect(walCommits(file)).toBe(before + 1);
    expect(new Set(created.map((c) => c.id)).size).toBe(20);
    // Stored, as another process sees it.
    const other = openSqliteStore({ file });
    try {
      await expect(other.conversations.count()).resolves.toBe(20);
      await expect(other.conversations.findOrCreate('whatsapp', '88017000007', { id: 'another', session, now: 2 })).resolves.toMatchObject({ id: 'c7', version: 0 });
    } finally {
      await other.close();
    }
  });

  it('stores the patients found unreachable in one sweep in one commit', async () => {
    const convs = await newConversations(5);
    const before = walCommits(file);
    await Promise.all(convs.map((c) => store.conversations.setReachable(c.id, false, 1000)));
    expect(walCommits(file)).toBe(before + 1);
    for (const c of convs) await expect(store.conversations.get(c.id)).resolves.toMatchObject({ unreachableSince: 1000 });
  });

  it("stores the follow-up runner's transitions of one moment in one commit", async () => {
    const convs = await newConversations(5);
    for (const [i, c] of convs.entries()) {
      const enrolment = {
        id: `e${i}`, conversationId: c.id, state: 'active' as const, slot: 'morning' as const, timeZone: 'Asia/Dhaka', endsAt: 9000,
        missedInARow: 0, endReason: null, enrolledBy: null, createdAt: 1, updatedAt: 1, version: 0,
      };
      await store.followups.enrol(enrolment, [{ id: `k${i}`, enrolmentId: `e${i}`, conversationId: c.id, dueAt: 1000, state: 'scheduled', version: 0, claimedAt: null, reading: null, updatedAt: 1 }]);
    }
    const before = walCommits(file);
    const claimed = await Promise.all(convs.map((_, i) => store.followups.transition({ id: `k${i}`, from: 'scheduled', expectedVersion: 0, to: 'running', at: 1100, claimedAt: 1100 })));
    expect(claimed).toEqual([true, true, true, true, true]);
    expect(walCommits(file)).toBe(before + 1);
    // A claim on a version already moved on changes nothing, and says so.
    await expect(store.followups.transition({ id: 'k0', from: 'scheduled', expectedVersion: 0, to: 'running', at: 1200, claimedAt: 1200 })).resolves.toBe(false);
    await expect(store.followups.checkins('e0')).resolves.toMatchObject([{ state: 'running', version: 1, claimedAt: 1100 }]);
  });

  it('stores the failed deliveries of one sweep in one commit', async () => {
    const convs = await newConversations(5);
    await Promise.all(
      convs.map((c, i) =>
        store.turns.commit({
          conversationId: c.id,
          expectedVersion: 0,
          session,
          inbound: { id: `in${i}`, platformMessageId: `wamid.${i}`, content: { kind: 'text', text: 'জ্বর' }, sentAt: 1, receivedAt: 2 },
          outbound: [{ id: `out${i}`, text: 'কত দিন?', createdAt: 2 }],
        }),
      ),
    );
    const before = walCommits(file);
    await Promise.all(convs.map((_, i) => store.outbox.markFailed(`out${i}`, 'whatsapp is down', 5000)));
    expect(walCommits(file)).toBe(before + 1);
    for (let i = 0; i < 5; i++) await expect(store.outbox.get(`out${i}`)).resolves.toMatchObject({ status: 'pending', attempts: 1, lastError: 'whatsapp is down', nextAttemptAt: 5000 });
  });
});
