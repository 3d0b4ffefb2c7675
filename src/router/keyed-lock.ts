/**
 * Runs tasks one at a time per key (a conversation), concurrently across keys.
 * In-process only: across processes the store's version check catches a turn
 * that raced another (see TurnRepository.commit → 'conflict').
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    // The key is taken before the task starts, so that a run() on the same key made by the
    // task itself, before its first await, queues behind it rather than running alongside.
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, tail);
    // Nothing queued for this key (almost always): start at once, not a microtask later.
    const result = previous ? previous.then(task, task) : startNow(task);
    // One reaction to the task's end both forgets the key (unless a later run() queued behind
    // it) and lets the next task start: no second promise and closure on the tail, twice a
    // message (the router's turn, then its delivery).
    const done = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      release();
    };
    result.then(done, done);
    return result;
  }

  /** Whether a task of `key` is queued or running: a run() now would wait for it. */
  has(key: string): boolean {
    return this.tails.has(key);
  }

  /** Keys with a task queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
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
