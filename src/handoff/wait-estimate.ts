/**
 * The wait told to a patient: their place in the queue times the median time a
 * conversation took recently, shared among the operators who have the queue open,
 * rounded up to five minutes. Honest rather than hopeful: a patient told "about 20
 * minutes" who is answered in 10 is happier than the reverse.
 *
 * - Nobody online (no operator has the queue open): no minutes at all (`null`). "About
 *   10 minutes" with nobody signed in was a promise nobody could keep; the patient is
 *   told a person will join as soon as one is free.
 * - Each place counts at least MIN_MINUTES_PER_PLACE: with short conversations shared among
 *   several operators, places 1, 2 and 3 were all told "about 5 minutes" (rounding up to 5
 *   swallowed the difference), so the one third in line was told what the first was. With
 *   the floor every place is told more than the one before it.
 */
export interface WaitInputs {
  /** 1 = next. */
  position: number;
  /** Minutes each recent conversation took (assigned → closed). */
  recentHandlingMinutes: readonly number[];
  operatorsOnline: number;
  defaultHandlingMinutes: number;
}

/** The least a place in the queue adds to the wait (minutes): one rounding step, so that estimates rise with the place. */
export const MIN_MINUTES_PER_PLACE = 5;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Minutes to tell, a multiple of 5 that rises with the place; `null` when nobody is online to promise any. */
export function estimateWaitMinutes(w: WaitInputs): number | null {
  if (w.operatorsOnline < 1) return null;
  const handling = median(w.recentHandlingMinutes) ?? w.defaultHandlingMinutes;
  const perPlace = Math.max(MIN_MINUTES_PER_PLACE, handling / w.operatorsOnline);
  const raw = Math.max(1, w.position) * perPlace;
  return Math.ceil(raw / 5 - 1e-9) * 5;
}
