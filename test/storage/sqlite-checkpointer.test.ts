/**
 * Background WAL checkpoints (src/storage/sqlite/checkpointer.ts): a store that
 * writes little never starts the worker; a busy one has its WAL copied back into
 * the database by the worker, without losing or blocking a commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Checkpointer } from '../../src/storage/sqlite/checkpointer';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { until } from '../support/until';

describe('Checkpointer', () => {
  let dir: string;
  let db: Database.Database;
  const file = () => join(dir, 'c.db');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-ckpt-'));
    db = new Database(file());
    db.pragma('journal_mode = WAL');
    // Only the worker may copy the WAL back in this test.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeSome = (n: number) => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < n; i++) insert.run('x'.repeat(2000));
  };
  // A deadline, not a count of short sleeps: a worker thread may take a while to start on a loaded machine.
  const waitFor = async (test: () => boolean) => {
    await until(test);
    expect(test()).toBe(true);
  };

  it('does nothing for a store that has committed less than minCommits times', async () => {
    const started = jest.fn();
    const c = new Checkpointer(file(), { minCommits: 5, intervalMs: 0, onStart: started });
    for (let i = 0; i < 4; i++) c.committed();
    expect(started).not.toHaveBeenCalled();
    await c.close();
  });

  it('copies the WAL back into the database from a worker, and stops on close', async () => {
    const started = jest.fn();
    const c = new Checkpointer(file(), { minCommits: 1, intervalMs: 0, onStart: started });
    writeSome(50);
    c.committed();
    expect(started).toHaveBeenCalledTimes(1);
    await waitFor(() => c.done === 1);
    // Everything committed so far is in the database file: a checkpoint now has nothing left to copy.
    const [after] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
    expect(after!.checkpointed).toBe(after!.log);
    writeSome(10);
    c.committed();
    await waitFor(() => c.done === 2);
    expect(started).toHaveBeenCalledTimes(1);
    await c.close();
    // Closed: no more checkpoints are asked for, and nothing was lost.
    c.committed();
    expect(c.done).toBe(2);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(60);
  });

  it('asks for at most one checkpoint per interval', async () => {
    const c = new Checkpointer(file(), { minCommits: 1, intervalMs: 60_000 });
    writeSome(5);
    c.committed();
    await waitFor(() => c.done === 1);
    writeSome(5);
    c.committed();
    await new Promise((r) => setTimeout(r, 50));
    expect(c.done).toBe(1);
    await c.close();
  });

  it('reports a worker that cannot open the database, once', async () => {
    const failed = jest.fn();
    const c = new Checkpointer(join(dir, 'missing.db'), { minCommits: 1, intervalMs: 0, onFailure: failed });
    c.committed();
    await waitFor(() => failed.mock.calls.length === 1);
    c.committed();
    expect(failed).toHaveBeenCalledTimes(1);
    await c.close();
  });
});

describe('a busy SQLite store', () => {
  it('checkpoints in the background and keeps every turn across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-ckpt-store-'));
    try {
      const file = join(dir, 'sahay.db');
      let store = openSqliteStore({ file });
      const conv = await store.conversations.findOrCreate('webchat', 'u', { id: 'c1', session: { stack: [], lang: null, vars: {}, turns: 0 }, now: 0 });
      for (let v = 0; v < 150; v++) {
        const result = await store.turns.commit({
          conversationId: conv.id,
          expectedVersion: v,
          session: { stack: [], lang: 'en', vars: { n: v }, turns: v + 1 },
          inbound: { id: `i${v}`, platformMessageId: `p${v}`, content: { kind: 'text', text: 'hi' }, sentAt: v, receivedAt: v },
          outbound: [{ id: `o${v}`, text: 'hello '.repeat(200), createdAt: v }],
        });
        expect(result).toMatchObject({ status: 'committed', version: v + 1, othersPending: v > 0 });
      }
      // The worker took over: SQLite's own checkpoint is now only a backstop.
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10000);
      await store.close();
      store = openSqliteStore({ file });
      await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ version: 150, session: { vars: { n: 149 } } });
      await expect(store.messages.list(conv.id)).resolves.toHaveLength(300);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
