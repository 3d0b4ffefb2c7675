/**
 * A map keyed by two strings (a channel, then a user or a platform message id), as a
 * map of maps. A look-up builds no combined key: `${channel}\n${id}` was a new string
 * to copy and hash on each of the several look-ups a turn makes in the memory store.
 */
export class PairMap<V> {
  private readonly byFirst = new Map<string, Map<string, V>>();

  get(first: string, second: string): V | undefined {
    return this.byFirst.get(first)?.get(second);
  }

  has(first: string, second: string): boolean {
    return this.byFirst.get(first)?.has(second) ?? false;
  }

  set(first: string, second: string, value: V): void {
    let inner = this.byFirst.get(first);
    if (!inner) this.byFirst.set(first, (inner = new Map()));
    inner.set(second, value);
  }

  delete(first: string, second: string): boolean {
    const inner = this.byFirst.get(first);
    if (!inner?.delete(second)) return false;
    if (inner.size === 0) this.byFirst.delete(first);
    return true;
  }

  /** Every value, in no particular order. */
  *values(): IterableIterator<V> {
    for (const inner of this.byFirst.values()) yield* inner.values();
  }
}
