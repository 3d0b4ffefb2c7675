/**
 * The wait told to a patient: their place in the queue times the median time a
 * conversation took recently, shared among the operators who have the queue open
 * (at least one: a queue nobody watches still gets worked), rounded up to five
 * minutes. Honest rather than hopeful: a patient told "about 20 minutes" who is
 * answered in 10 is happier than the reverse.
 */
export interface WaitInputs {
  /** 1 = next. */
  position: number;
  /** Minutes each recent conversation took (assigned → closed). */
  recentHandlingMinutes: readonly number[];
  operatorsOnline: number;
  defaultHandlingMinutes: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function estimateWaitMinutes(w: WaitInputs): number {
  const handling = median(w.recentHandlingMinutes) ?? w.defaultHandlingMinutes;
  const raw = (Math.max(1, w.position) * handling) / Math.max(1, w.operatorsOnline);
  return Math.max(5, Math.ceil(raw / 5) * 5);
}
