/**
 * Places held at once per key, each given back once: the console's sign-ins being checked (per
 * client address, and overall: src/console/throttle.ts) and the web chat's open sockets per
 * address (src/channels/webchat/limits.ts). In this process's memory; a key holding none is
 * forgotten.
 *
 * ```ts
 * const sockets = new PlacesPerKey(2);
 * const free = sockets.take('addr')  // → a function; sockets.take('addr') once more, then:
 * sockets.take('addr')               // → undefined (both places held)
 * free(); free();                    // the first place given back, once however often called
 * ```
 */
export class PlacesPerKey {
  private readonly held = new Map<string, number>();

  /** `limit`: places one key may hold at once (Infinity: no limit). */
  constructor(private readonly limit: number) {}

  /** One of `key`'s places: the function that gives it back, or undefined when the key holds `limit` already. */
  take(key: string): (() => void) | undefined {
    const holding = this.held.get(key) ?? 0;
    if (holding >= this.limit) return undefined;
    this.held.set(key, holding + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    };
  }
}
