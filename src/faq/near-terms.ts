/**
 * Finding the stored terms "near" a word of a question — those it is a prefix
 * of, or one edit (insertion, deletion, substitution) away from — without
 * comparing the word with every term: a sorted list for prefixes, and a
 * deletion index for edits (every term and every term with one letter
 * deleted; two strings within one edit share a key of that index).
 */
export class NearTerms {
  private readonly sorted: string[];
  private readonly deletions = new Map<string, string[]>();

  constructor(
    terms: Iterable<string>,
    private readonly opts: { minPrefix: number; minEdit: number },
  ) {
    this.sorted = [...new Set(terms)].sort();
    for (const t of this.sorted) {
      if (t.length < opts.minEdit - 1) continue;
      for (const key of new Set([t, ...oneDeleted(t)])) {
        const list = this.deletions.get(key);
        if (list) list.push(t);
        else this.deletions.set(key, [t]);
      }
    }
  }

  /** Stored terms that start with `term` (from minPrefix letters) or are one edit from it (from minEdit letters). */
  near(term: string): Set<string> {
    const out = new Set<string>();
    const length = term.length;
    if (length >= this.opts.minPrefix) {
      for (let i = lowerBound(this.sorted, term); i < this.sorted.length && this.sorted[i]!.startsWith(term); i++) out.add(this.sorted[i]!);
    }
    if (length >= this.opts.minEdit) {
      for (const key of new Set([term, ...oneDeleted(term)])) {
        for (const t of this.deletions.get(key) ?? []) if (withinOneEdit(term, t)) out.add(t);
      }
    }
    return out;
  }
}

function oneDeleted(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function withinOneEdit(x: string, y: string): boolean {
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (x.length > y.length) i++;
    else if (y.length > x.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (x.length - i) + (y.length - j) <= 1;
}
