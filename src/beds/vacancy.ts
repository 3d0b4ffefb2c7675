/**
 * How many beds of what the patient needs a hospital has free, from its counts.
 *
 * - `any`: the hospital's overall count when its source gives one, else the sum of its kinds.
 * - a kind (oxygen, icu...): that kind's count. A hospital whose source gives no split by
 *   kind at all (West Bengal's portal) may still have one: it is offered as *unconfirmed*
 *   ("bed type not reported: call to check") after the confirmed ones.
 * - sex: when the count is split male/female, the patient's side of it; else the whole count.
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

export function vacancyOf(h: Hospital, kind: string, kinds: readonly string[], sex?: Sex): Vacancy | null {
  const byKind = kinds.flatMap((k) => {
    const c = h.beds[k];
    const vacant = c ? vacantOf(c, sex) : 0;
    return c && vacant > 0 ? [{ kind: k, vacant }] : [];
  });
  const hasKinds = kinds.some((k) => h.beds[k] !== undefined);
  const overall = h.beds[ALL];

  if (kind === 'any') {
    if (overall) return { vacant: vacantOf(overall, sex), confirmed: true, updatedAt: overall.updatedAt, byKind };
    if (!hasKinds) return null;
    const counts = kinds.flatMap((k) => (h.beds[k] ? [h.beds[k]] : []));
    return { vacant: counts.reduce((sum, c) => sum + vacantOf(c, sex), 0), confirmed: true, updatedAt: oldest(counts), byKind };
  }
  const count = h.beds[kind];
  if (count) return { vacant: vacantOf(count, sex), confirmed: true, updatedAt: count.updatedAt, byKind };
  if (!hasKinds && overall) return { vacant: vacantOf(overall, sex), confirmed: false, updatedAt: overall.updatedAt, byKind: [] };
  return null;
}

function oldest(counts: BedCount[]): number | null {
  let min: number | null = Number.POSITIVE_INFINITY;
  for (const c of counts) {
    if (c.updatedAt === null) return null;
    min = Math.min(min, c.updatedAt);
  }
  return min === Number.POSITIVE_INFINITY ? null : min;
}
