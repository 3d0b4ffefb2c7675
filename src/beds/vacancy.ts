/**
 * How many beds of what the patient needs a hospital has free, from its counts.
 *
 * - `any`: the hospital's overall count when its source gives one, else the sum of its kinds.
 * - a kind (oxygen, icu...): that kind's count. A hospital whose source gives no split by
 *   kind at all (West Bengal's portal) may still have one: it is offered as *unconfirmed*
 *   ("bed type not reported: call to check") after the confirmed ones.
 * - sex: when the count is split male/female, the patient's side of it; else the whole count.
 *
 * No kind has more free beds than the hospital has free in all (its overall count, when that
 * is at least as recent as the kind's): a hospital with every bed taken is not offered for its
 * "3 free ventilators". And kinds that a region's feeds count as machines in beds of other
 * kinds (`within`: Chhattisgarh's ventilators, in ICU and HDU beds) are free only as far as
 * those beds are (when the hospital reports them), and are not beds of their own: they are
 * left out of "any" and its list.
 *
 * The figure's time is the count's own; for a sum, the oldest of its parts.
 */
import type { BedCount, Hospital } from '../storage/repositories';
import { ALL } from './config';

export type Sex = 'male' | 'female';

export interface Vacancy {
  vacant: number;
  /** false when the hospital does not report this kind separately. */
  confirmed: boolean;
  /** When the figure was true (ms); null when the source did not say. */
  updatedAt: number | null;
  /** Free beds per kind, for "oxygen 3 · ICU 1" (kinds with none free are left out). */
  byKind: Array<{ kind: string; vacant: number }>;
}

function vacantOf(c: BedCount, sex: Sex | undefined): number {
  const split = sex ? c[sex] : undefined;
  const v = split && split.vacant !== null ? split.vacant : c.vacant;
  return v ?? 0;
}

export function vacancyOf(
  h: Hospital,
  kind: string,
  kinds: readonly string[],
  sex?: Sex,
  opts: { within?: Readonly<Record<string, readonly string[]>> } = {},
): Vacancy | null {
  const within = opts.within ?? {};
  const overall = h.beds[ALL];
  /** Free beds of a kind, capped as the header says. */
  const freeOf = (k: string, c: BedCount): number => {
    let v = vacantOf(c, sex);
    if (overall && atLeastAsRecent(overall, c)) v = Math.min(v, vacantOf(overall, sex));
    const beds = within[k]?.filter((b) => h.beds[b] !== undefined);
    if (beds?.length) v = Math.min(v, beds.reduce((sum, b) => sum + freeOf(b, h.beds[b]!), 0));
    return v;
  };
  const bedKinds = kinds.filter((k) => !within[k]);
  const byKind = bedKinds.flatMap((k) => {
    const c = h.beds[k];
    const vacant = c ? freeOf(k, c) : 0;
    return c && vacant > 0 ? [{ kind: k, vacant }] : [];
  });
  const hasKinds = kinds.some((k) => h.beds[k] !== undefined);

  if (kind === 'any') {
    if (overall) return { vacant: vacantOf(overall, sex), confirmed: true, updatedAt: overall.updatedAt, byKind };
    if (!hasKinds) return null;
    const counts = bedKinds.flatMap((k) => (h.beds[k] ? [[k, h.beds[k]] as const] : []));
    return { vacant: counts.reduce((sum, [k, c]) => sum + freeOf(k, c), 0), confirmed: true, updatedAt: oldest(counts.map(([, c]) => c)), byKind };
  }
  const count = h.beds[kind];
  if (count) return { vacant: freeOf(kind, count), confirmed: true, updatedAt: count.updatedAt, byKind };
  if (!hasKinds && overall) return { vacant: vacantOf(overall, sex), confirmed: false, updatedAt: overall.updatedAt, byKind: [] };
  return null;
}

/** Is the overall count at least as recent as a kind's? An unknown time is older than any known one. */
function atLeastAsRecent(overall: BedCount, c: BedCount): boolean {
  if (overall.updatedAt === null) return c.updatedAt === null;
  return c.updatedAt === null || overall.updatedAt >= c.updatedAt;
}

function oldest(counts: BedCount[]): number | null {
  let min: number | null = Number.POSITIVE_INFINITY;
  for (const c of counts) {
    if (c.updatedAt === null) return null;
    min = Math.min(min, c.updatedAt);
  }
  return min === Number.POSITIVE_INFINITY ? null : min;
}
