import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { describeStoreContract } from './contract';

describeStoreContract('sqlite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-store-'));
  const file = join(dir, 'data', 'sahay.db');
  let current: SqliteStore = openSqliteStore({ file });
  return {
    store: current,
    reopen: async () => (current = openSqliteStore({ file })),
    cleanup: async () => {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('sqlite :memory:', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { store, cleanup: () => store.close() };
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

    await expect(a.turns.commit(turn(fromA.id, 'm1', 0))).resolves.toEqual({ status: 'committed', version: 1 });
    await expect(b.turns.commit(turn(fromB.id, 'm2', 0))).resolves.toEqual({ status: 'conflict' });
    await expect(b.turns.commit(turn(fromB.id, 'm1', 1))).resolves.toEqual({ status: 'duplicate' });
    await expect(b.turns.commit(turn(fromB.id, 'm2', 1))).resolves.toEqual({ status: 'committed', version: 2 });
    await expect(a.messages.list(fromA.id)).resolves.toHaveLength(4);
  });
});
