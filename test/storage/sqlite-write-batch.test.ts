/**
 * Group commit (src/storage/sqlite/write-batch.ts): writes queued in the same
 * turn of the event loop share one transaction, each in its own savepoint, and
 * nobody hears "stored" before that transaction is committed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WriteBatch } from '../../src/storage/sqlite/write-batch';

describe('WriteBatch', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  let batch: WriteBatch;
  const rows = (conn: Database.Database) => conn.prepare('SELECT v FROM t ORDER BY v').pluck().all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-batch-'));
    db = new Database(join(dir, 'b.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
    // A second connection sees only what is committed, as another process would.
    other = new Database(join(dir, 'b.db'));
    batch = new WriteBatch(db);
  });
  afterEach(() => {
    jest.useRealTimers();
    other.close();
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: number) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

  it('runs the writes of one moment in one transaction, committed before anyone is answered', async () => {
    const seenInside: boolean[] = [];
    const committedWhenAnswered: number[][] = [];
    const writes = [1, 2, 3].map((v) =>
      batch
        .run(() => {
          seenInside.push(db.inTransaction);
          return insert(v)();
        })
        .then((changes) => {
          committedWhenAnswered.push(rows(other) as number[]);
          return changes;
        }),
    );
    expect(batch.pending).toBe(3);
    expect(rows(other)).toEqual([]);
    await expect(Promise.all(writes)).resolves.toEqual([1, 1, 1]);
    expect(seenInside).toEqual([true, true, true]);
    // Every caller learnt of its write only once all three were visible to another connection.
    expect(committedWhenAnswered).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('rolls back only the job that throws, and tells only its caller', async () => {
    const results = await Promise.allSettled([
      batch.run(insert(1)),
      batch.run(() => {
        insert(2)();
        throw new Error('this turn conflicts');
      }),
      batch.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('this turn conflicts'));
    expect(rows(other)).toEqual([1, 3]);
  });

  it('rejects the whole batch, storing none of it, when SQLite rolled the transaction back under a job', async () => {
    // As SQLite does on a full disk or an I/O error: the transaction is gone, not only the statement.
    const results = await Promise.allSettled([
      batch.run(insert(1)),
      batch.run(
        () => {
          insert(2)();
          db.exec('ROLLBACK');
          throw new Error('database or disk is full');
        },
        { atomic: false },
      ),
      batch.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Job 3 did not run outside the transaction and commit alone.
    expect(rows(other)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The next batch works.
    await expect(batch.run(insert(4))).resolves.toBe(1);
    expect(rows(other)).toEqual([4]);
  });

  it('rejects every job of a batch whose transaction cannot commit, and stores none of them', async () => {
    // Another connection holds the write lock past busy_timeout (0 here): BEGIN IMMEDIATE fails.
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([batch.run(insert(1)), batch.run(insert(2))]);
    other.exec('ROLLBACK');
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    expect(rows(other)).toEqual([]);
    // The next batch is unaffected.
    await expect(batch.run(insert(4))).resolves.toBe(1);
    expect(rows(other)).toEqual([4]);
  });

  it('commits on flush() what is queued (as the store does before closing)', async () => {
    const write = batch.run(insert(7));
    batch.flush();
    db.close();
    await expect(write).resolves.toBe(1);
    expect(rows(other)).toEqual([7]);
  });

  it('rejects writes queued after the database was closed', async () => {
    db.close();
    await expect(batch.run(insert(1))).rejects.toThrow(/closed/);
  });

  it('still commits while a test fakes the timers', async () => {
    jest.useFakeTimers();
    await expect(batch.run(insert(5))).resolves.toBe(1);
    expect(rows(other)).toEqual([5]);
  });

  it('splits a very large batch into several transactions, in order', async () => {
    const writes = Array.from({ length: 600 }, (_, i) => batch.run(insert(i + 1)));
    await Promise.all(writes);
    expect(rows(other)).toHaveLength(600);
  });
});
