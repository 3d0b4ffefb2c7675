/**
 * A pure function of a string with its results kept: for the few strings that are
 * worked on many times (the patient's message and the choice labels, read by several
 * readers a turn; the words of FAQ entries at every index rebuild; the paths flows
 * name). The map is bounded and emptied when full, so that a stream of distinct
 * strings cannot grow it; a string longer than `longest` is worked on each time and
 * not kept (a 5,000-character message is read once).
 *
 * ```ts
 * const lower = remembered((s: string) => s.toLowerCase(), { max: 2000, longest: 200 });
 * ```
 */
export function remembered<T>(fn: (s: string) => T, opts: { max: number; longest?: number }): (s: string) => T {
  const known = new Map<string, T>();
  const longest = opts.longest ?? Infinity;
  return (s) => {
    let out = known.get(s);
    if (out === undefined && !known.has(s)) {
      out = fn(s);
      if (s.length > longest) return out;
      if (known.size >= opts.max) known.clear();
      known.set(s, out);
    }
    return out as T;
  };
}
