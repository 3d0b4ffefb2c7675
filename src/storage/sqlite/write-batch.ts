/**
 * Group commit: the writes of a busy moment share one SQLite transaction.
 *
 * A write (a turn's commit, a new conversation, an outbox mark, a follow-up
 * claim: the message path's writes, but for a follow-up enrolment) is queued and runs at the end of
 * the current turn of the event loop, together with every other write queued
 * meanwhile, in one IMMEDIATE transaction; each caller's promise settles only
 * after that transaction committed, so nothing is reported stored (and no reply
 * is sent) before it is. Under load dozens of conversations' turns share one
 * commit and its WAL write; alone, a write waits a few microseconds
 * (setImmediate) and commits by itself.
 *
 * Each job runs in a savepoint of its own: a job that throws rolls back its own
 * writes and rejects only its own caller. Should the transaction itself fail
 * (the disk is full, another process held the write lock past busy_timeout, or
 * SQLite rolled it back under a job's statement), every job of the batch is
 * rejected and nothing of it is stored.
 *
 * ```ts
 * const batch = new WriteBatch(db);
 * const changes = await batch.statement(() => markSent.run(at, id).changes);
 * const result = await batch.run(() => commitTurn(turn)); // several statements, one savepoint
 * ```
 */
import type Database from 'better-sqlite3';

/** The real setImmediate, taken at load: a test that fakes timers must not stall the store. */
const nextTick = globalThis.setImmediate;

/** Jobs per transaction: a bigger batch would hold the write lock (other processes wait) for longer. */
const MAX_BATCH = 256;

interface Job {
  work: () => unknown;
  /** Needs its own savepoint: it runs several statements, or throws to roll back. */
  atomic: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class WriteBatch {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly transaction: Database.Transaction<(jobs: Job[]) => Outcome[]>;
  /** SQLite's count of commits by other connections (processes) to the file; this one's own do not move it. */
  private readonly readDataVersion: () => number;
  private batchDataVersion = 0;
  /** The data version as last read outside a batch, until the event loop turns (changedElsewhereSince). */
  private dataVersionNow: number | undefined;

  /** `onCommit` runs after every committed transaction (the store's background checkpoints). */
  constructor(
    private readonly db: Database.Database,
    private readonly onCommit?: () => void,
  ) {
    // Nested inside the batch's transaction, better-sqlite3 makes this a SAVEPOINT.
    const savepoint = db.transaction((work: () => unknown) => work());
    const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.readDataVersion = () => dataVersion.get()!;
    this.transaction = db.transaction((jobs: Job[]) => {
      // Read under the write lock: no other connection can commit until this transaction has.
      this.batchDataVersion = this.readDataVersion();
      return jobs.map((job): Outcome => {
        try {
          return { ok: true, value: job.atomic ? savepoint(job.work) : job.work() };
        } catch (error) {
          // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction:
          // the jobs after this one would run outside it, each committing alone, and the batch's
          // COMMIT would then fail. The batch fails instead, as a whole, and stores nothing.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    });
  }

  /**
   * Queue `work` (synchronous better-sqlite3 calls) for the next group commit.
   * `atomic: false` is for a single statement, which SQLite already applies whole.
   */
  run<T>(work: () => T, opts: { atomic?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, atomic: opts.atomic ?? true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        nextTick(() => this.flush());
      }
    });
  }

  /** One statement for the next group commit: SQLite applies it whole, so it needs no savepoint. */
  statement<T>(work: () => T): Promise<T> {
    return this.run(work, { atomic: false });
  }

  /** Commit everything queued now (also called before the database closes). */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, MAX_BATCH);
      let outcomes: Outcome[];
      try {
        if (!this.db.open) throw new Error('the database is closed');
        outcomes = this.transaction.immediate(jobs);
      } catch (error) {
        for (const job of jobs) job.reject(error);
        continue;
      }
      this.onCommit?.();
      jobs.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    }
  }

  /**
   * For a job while it runs: the file's data version in its transaction (PRAGMA data_version),
   * to ask later whether another connection has committed since (changedElsewhereSince).
   */
  get dataVersion(): number {
    return this.batchDataVersion;
  }

  /**
   * Has another connection (another process) committed to the file since `dataVersion` was
   * `seen`? Read once per turn of the event loop: the deliveries that follow one group commit
   * ask together, and a commit by another process a moment after the read is no more seen
   * than one a moment after the send.
   */
  changedElsewhereSince(seen: number): boolean {
    if (this.dataVersionNow === undefined) {
      this.dataVersionNow = this.readDataVersion();
      nextTick(() => (this.dataVersionNow = undefined));
    }
    return this.dataVersionNow !== seen;
  }

  /** Writes queued and not yet committed (for tests and diagnostics). */
  get pending(): number {
    return this.queue.length;
  }
}
