/**
 * What a desk's or an admin's new counts must meet before they are stored. The desk API
 * and the console's edit both go through BedsService.updateBeds, which checks the counts
 * here as they will be stored — so that both refuse the same things:
 *
 * - a time in the future (future-time.ts: it would outrank every real update until then);
 * - more vacant beds than total ones, for a kind and for its male and female wards, against
 *   the total that will be stored: a total the request leaves out is the stored one, so
 *   `{ icu: { vacant: 500 } }` is refused when the stored ICU total is 20. (A feed's record
 *   with more vacant than total is only a warning: it is the source's own word.)
 *
 * Each problem names the request's field, as the body's own validation does:
 *
 * ```ts
 * countUpdateProblems({ icu: { total: 20, vacant: 500, updatedAt: now, source: 'desk' } }, now, now)
 * // [{ path: 'beds.icu.vacant', message: 'must not be more than the total (20)' }]
 * ```
 */
import type { FieldProblem } from '../http/validate';
import type { BedCount, BedSplit } from '../storage/repositories';
import { isInTheFuture } from './future-time';

export function countUpdateProblems(counts: Readonly<Record<string, BedCount>>, at: number, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (isInTheFuture(at, now)) problems.push({ path: 'updatedAt', message: 'is in the future' });
  const overTotal = (path: string, c: BedSplit | undefined) => {
    if (c && c.vacant !== null && c.total !== null && c.vacant > c.total) problems.push({ path: `${path}.vacant`, message: `must not be more than the total (${c.total})` });
  };
  for (const [kind, c] of Object.entries(counts)) {
    overTotal(`beds.${kind}`, c);
    overTotal(`beds.${kind}.male`, c.male);
    overTotal(`beds.${kind}.female`, c.female);
  }
  return problems;
}
