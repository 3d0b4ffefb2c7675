/**
 * "3 h ago" as a message: a key of locales/<lng>/beds.json (beds.ago.*) with the count,
 * so that each language words it its own way. Times in the future (a desk's clock
 * running fast) read as "just now".
 */
import type { MessageRef } from '../engine/flow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(now: number, at: number): MessageRef {
  const age = now - at;
  if (age < MINUTE) return { key: 'beds.ago.just_now' };
  if (age < HOUR) return { key: 'beds.ago.minutes', params: { count: Math.floor(age / MINUTE) } };
  if (age < 2 * DAY) return { key: 'beds.ago.hours', params: { count: Math.floor(age / HOUR) } };
  return { key: 'beds.ago.days', params: { count: Math.floor(age / DAY) } };
}
