/**
 * When a count's time is too far ahead to believe. The store keeps whichever count of a
 * kind is newer-dated, so a count dated a year ahead would outrank every real update (feed
 * refreshes, a desk's, an admin's) for a year: feeds, desks and admins alike are refused
 * a time in the future.
 *
 * ```ts
 * isInTheFuture(Date.parse('2022-05-01T10:00:00Z'), Date.UTC(2021, 4, 1)) // true
 * ```
 */

/** A clock (a feed's server, a desk's computer) may run a little fast before its time counts as "in the future". */
export const FUTURE_SLACK_MS = 15 * 60_000;

export function isInTheFuture(at: number, now: number): boolean {
  return at > now + FUTURE_SLACK_MS;
}
