/**
 * Which slot a time the patient gave in their own words gets (time-in-answer.ts reads it; the
 * service places it when it enrols, for config/followup.yaml has the slots' hours):
 *
 * - any time ("any time", "kabhi bhi", "যেকোনো সময়"): config `any_time`;
 * - the night ("raat ko", "রাতে", "at night"): the latest slot — check-ins are never sent at
 *   night (`waking_hours`), and the evening is the nearest to it;
 * - a clock time: the slot nearest to it. A bare hour may be either half of the day ("8 baje"):
 *   the reading nearer to a slot counts, the morning one when both are as near. A time before
 *   NIGHT_UNTIL ("2 am") is the night's.
 *
 * `placed` says how, so that the patient is told when the slot is not what they said
 * ("I do not send check-ins at night, so I will write at 7 pm"): `latest` and `earliest` for a
 * time past the last slot or before the first, `closest` for one between two, `exact` for a
 * slot's own hour, `any` for any time (the confirmation names the hour: nothing more to say).
 */
import type { CheckinSlot } from '../storage/repositories';
import { SLOTS } from './slots';

/** A time the patient gave that is not one of the slots by name. Clock times are minutes after midnight, local. */
export type TimeWish =
  | { kind: 'any' }
  | { kind: 'night' }
  /** Each reading of the time: one, or two for a bare hour that may be morning or evening ("8 baje"). */
  | { kind: 'clock'; minutes: number[] };

export type Placement = 'any' | 'latest' | 'earliest' | 'closest' | 'exact';

export interface SlotTimes {
  /** Minutes after local midnight (FollowupConfig.slots). */
  slots: Record<CheckinSlot, number>;
  /** The slot for "any time" (FollowupConfig.anyTime). */
  anyTime: CheckinSlot;
}

/** Before 5 am a clock time is the night's ("2 am", "12 am"), not an early morning's. */
export const NIGHT_UNTIL = 5 * 60;

export function slotForTime(time: TimeWish, times: SlotTimes): { slot: CheckinSlot; placed: Placement } {
  // Earliest first; a tie keeps SLOTS' order (morning, afternoon, evening).
  const byHour = [...SLOTS].sort((a, b) => times.slots[a] - times.slots[b]);
  const earliest = byHour[0]!;
  const latest = byHour.at(-1)!;
  if (time.kind === 'any') return { slot: times.anyTime, placed: 'any' };
  let best: { slot: CheckinSlot; placed: Placement; distance: number } = { slot: latest, placed: 'latest', distance: Infinity };
  for (const at of time.kind === 'clock' ? time.minutes : []) {
    if (at < NIGHT_UNTIL) continue;
    let slot = earliest;
    for (const s of byHour) if (Math.abs(at - times.slots[s]) < Math.abs(at - times.slots[slot])) slot = s;
    const distance = Math.abs(at - times.slots[slot]);
    if (distance >= best.distance) continue;
    const placed: Placement = distance === 0 ? 'exact' : at > times.slots[latest] ? 'latest' : at < times.slots[earliest] ? 'earliest' : 'closest';
    best = { slot, placed, distance };
  }
  return { slot: best.slot, placed: best.placed };
}

/** A TimeWish as stored in the session (JSON), or null when it is none. */
export function asTimeWish(value: unknown): TimeWish | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { kind?: unknown; minutes?: unknown };
  if (v.kind === 'any' || v.kind === 'night') return { kind: v.kind };
  if (v.kind === 'clock' && Array.isArray(v.minutes) && v.minutes.length > 0 && v.minutes.every((m) => Number.isInteger(m) && m >= 0 && m < 24 * 60)) {
    return { kind: 'clock', minutes: v.minutes as number[] };
  }
  return null;
}
