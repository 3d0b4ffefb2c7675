/**
 * Runs tasks one at a time per key (a conversation), concurrently across keys.
 * In-process only: across processes the store's version check catches a turn
 * that raced another (see TurnRepository.commit → 'conflict').
 */
export class KeyedLock {
  /**
   * The keys with a task running, each with the starts of the tasks queued behind it, oldest
   * first: null while none is (almost always), so that a task that waits for nothing costs a
   * map entry and one reaction to its end, no promise of the lock's own (twice a message: the
   * router's turn, then its delivery).
   */
  private readonly held = new Map<string, Array<() => void> | null>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const queued = this.held.get(key);
    if (queued === undefined) {
      // The key is taken before the task starts, so that a run() on the same key made by the
      // task itself, before its first await, queues behind it rather than running alongside.
      this.held.set(key, null);
      return this.started(key, task);
    }
    return new Promise<T>((resolve, reject) => {
      const start = (): void => void this.started(key, task).then(resolve, reject);
      if (queued === null) this.held.set(key, [start]);
      else queued.push(start);
    });
  }

  /** Whether a task of `key` is queued or running: a run() now would wait for it. */
  has(key: string): boolean {
    return this.held.has(key);
  }

  /** Keys with a task queued or running (for tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }

  /** Starts `task`, holding `key`; at its end, however it ends, the next task queued on the key starts, or the key is freed. */
  private started<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = startNow(task);
    // Attached before the caller's own reaction: the key is freed (or passed on) by the time the caller goes on.
    const done = (): void => this.next(key);
    result.then(done, done);
    return result;
  }

  private next(key: string): void {
    const start = this.held.get(key)?.shift();
    // A microtask later, not at once: the caller of the task that ended goes on first (the
    // router's turn, say, goes on to deliver its replies before the next turn of the
    // conversation begins), as when each task waited on a promise of the one before.
    if (start) queueMicrotask(start);
    else this.held.delete(key);
  }
}

/** `task()`, with a synchronous throw turned into a rejection as `then` would. */
function startNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (err) {
    return Promise.reject(err);
  }
}
