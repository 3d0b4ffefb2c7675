/**
 * Phrases of one or more loose words (looseText), each standing for a value, looked up by the
 * longest phrase a message's words have at a place: "saans nahi" before "saans". The
 * interpreter's yes/no words, reading names and units, number words and word lists are each one.
 *
 * ```ts
 * const t = new PhraseTable(new Map([['no', false], ['no idea', null]]));
 * t.at(['no', 'idea', 'really'], 0) // → { value: null, length: 2 }
 * t.at(['well', 'no'], 0)           // → null
 * ```
 */
export class PhraseTable<V> {
  /** The most words a phrase of the table has. */
  readonly longest: number;

  constructor(private readonly phrases: ReadonlyMap<string, V>) {
    this.longest = Math.max(1, ...[...phrases.keys()].map((p) => p.split(' ').length));
  }

  /** The longest phrase the words `ws` have at `from`: its value and its length in words; null when none starts there. */
  at(ws: readonly string[], from: number): { value: V; length: number } | null {
    for (let n = Math.min(this.longest, ws.length - from); n >= 1; n--) {
      const value = this.phrases.get(ws.slice(from, from + n).join(' '));
      if (value !== undefined) return { value, length: n };
    }
    return null;
  }

  /** Whether these `n` words from `from` are exactly a phrase of the table. */
  isPhrase(ws: readonly string[], from: number, n: number): boolean {
    return this.phrases.has(ws.slice(from, from + n).join(' '));
  }
}
