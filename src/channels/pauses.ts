/**
 * Timed pauses that can all be cut short at once: a send queue waits out its pacing
 * gap with `pause(ms)`, and its stop() calls `wakeAll()` so that shutdown never waits
 * for a gap to pass (the paused send then sees that the queue stopped).
 *
 * ```ts
 * const pauses = new Pauses();
 * await pauses.pause(800);  // resolves after 800 ms, or at once on pauses.wakeAll()
 * ```
 */
export class Pauses {
  private readonly sleepers = new Set<() => void>();

  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** End every pause now. */
  wakeAll(): void {
    for (const wake of this.sleepers) wake();
  }
}
