/**
 * Edit distance between two short strings, counting a swap of neighbours as one
 * edit ("Kolktaa" is one edit from "Kolkata"): the optimal string alignment
 * distance, on code points so that Bengali and Devanagari letters count once.
 * Gives up early, returning `max + 1`, once the distance must exceed `max`.
 * Runs for every place name on every message that names a place, so it works on
 * code point arrays (callers may keep them) and reuses its rows.
 */
export function editDistance(a: string | readonly number[], b: string | readonly number[], max = Number.POSITIVE_INFINITY): number {
  const s = typeof a === 'string' ? codePoints(a) : a;
  const t = typeof b === 'string' ? codePoints(b) : b;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  const width = t.length + 1;
  let prev2 = rows[0]!.length >= width ? rows[0]! : (rows[0] = new Int32Array(width * 2));
  let prev = rows[1]!.length >= width ? rows[1]! : (rows[1] = new Int32Array(width * 2));
  let row = rows[2]!.length >= width ? rows[2]! : (rows[2] = new Int32Array(width * 2));
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    row[0] = i;
    let best = i;
    const si = s[i - 1]!;
    for (let j = 1; j <= t.length; j++) {
      const tj = t[j - 1]!;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (si === tj ? 0 : 1));
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[t.length]!;
}

/** Scratch rows, grown as needed: one process, one call at a time (no await inside). */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}
