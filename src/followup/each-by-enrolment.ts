import type { Checkin } from '../storage/repositories';

/**
 * Patients whose check-ins a tick handles at once: on SQLite their claims, system turns and
 * marks share the store's group commits (one fsync for many patients, not one each;
 * bench/followup-tick.ts); elsewhere their round trips overlap.
 */
const TICK_CONCURRENCY = 32;

/**
 * Run `handle` over the check-ins, one enrolment's in the order given (they update the same
 * enrolment), up to `concurrency` enrolments at a time.
 */
export async function eachByEnrolment(
  checkins: readonly Checkin[],
  handle: (c: Checkin) => Promise<void>,
  concurrency = TICK_CONCURRENCY,
): Promise<void> {
  const byEnrolment = new Map<string, Checkin[]>();
  for (const c of checkins) {
    const list = byEnrolment.get(c.enrolmentId);
    if (list) list.push(c);
    else byEnrolment.set(c.enrolmentId, [c]);
  }
  // One iterator shared by the workers: each takes the next enrolment's list when it is free.
  const lists = byEnrolment.values();
  const worker = async () => {
    for (const list of lists) for (const c of list) await handle(c);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, byEnrolment.size) }, worker));
}
