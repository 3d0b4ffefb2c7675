/**
 * WAL checkpoints in a worker thread, so that their fsyncs never stop the event loop.
 *
 * In WAL mode a commit appends to the -wal file; a checkpoint copies those pages
 * back into the database and syncs both files to disk. SQLite normally runs one
 * inside the commit that crosses 1000 WAL pages, synchronously: every message
 * being handled waits for two fsyncs (measured at synchronous=NORMAL: about a
 * seventh of the time of the durable bench, and all of its worst latencies,
 * bench/README.md).
 *
 * Here, once the store has been writing for a while (`minCommits` commits) and at
 * most every `intervalMs`, a worker thread with its own connection runs a PASSIVE
 * checkpoint, which never blocks the writer. The store's own automatic checkpoint
 * stays on at a higher threshold as a backstop (the worker died, or it never
 * catches up), so the WAL stays bounded either way. Durability is unchanged: a
 * commit is complete once the store's connection synced it into the WAL
 * (synchronous=FULL there); a checkpoint only moves synced pages, and syncs the
 * WAL before and the database after (this connection runs at NORMAL, which does;
 * OFF would skip those syncs).
 *
 * A store that writes little (tests, the CLI) never starts the worker.
 */
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** Commits before the worker starts. */
  minCommits?: number;
  /** Shortest time between two checkpoints. */
  intervalMs?: number;
  /** Called when the worker starts: the store raises its own checkpoint threshold (a backstop from then on). */
  onStart?: () => void;
  /** Called when the worker fails: the store goes back to checkpointing inline. */
  onFailure?: (err: Error) => void;
}

// Plain JS run with `eval`, so that the same code works from dist/ and under jest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
// Never wait for a lock: a checkpoint that finds one is simply tried again next time.
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'checkpoint') {
    let result;
    try {
      result = db.pragma('wal_checkpoint(PASSIVE)')[0];
    } catch (err) {
      result = { error: String((err && err.message) || err) };
    }
    parentPort.postMessage(result);
  } else if (m === 'close') {
    db.close();
    parentPort.close();
  }
});
`;

export class Checkpointer {
  private worker: Worker | undefined;
  private commits = 0;
  private busy = false;
  private lastAt = -Infinity;
  private failed = false;
  private closed = false;
  /** Checkpoints completed by the worker (for tests and diagnostics). */
  done = 0;

  constructor(
    private readonly file: string,
    private readonly opts: CheckpointerOptions = {},
  ) {}

  /** After every commit: maybe ask the worker for a checkpoint. Cheap when not. */
  committed(): void {
    if (this.failed || this.closed || this.busy) return;
    if (++this.commits < (this.opts.minCommits ?? 64)) return;
    const now = performance.now();
    if (now - this.lastAt < (this.opts.intervalMs ?? 100)) return;
    this.lastAt = now;
    this.busy = true;
    this.start().postMessage('checkpoint');
  }

  /** Stops the worker (after a checkpoint it is running); the store closes afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: this.file } });
    // Never keeps a process alive by itself: the store's close() ends it.
    worker.unref();
    worker.on('message', (result: { error?: string }) => {
      this.busy = false;
      if (result.error === undefined) this.done++;
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.fail(new Error(`the checkpoint worker exited with code ${code}`));
    });
    this.worker = worker;
    this.opts.onStart?.();
    return worker;
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = undefined;
    this.opts.onFailure?.(err);
  }
}
