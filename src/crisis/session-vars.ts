/**
 * What the crisis reply keeps in a conversation's session: only when the patient last wrote
 * of suicide or self-harm (`crisis.at`, ms), and whether it was an act (`crisis.act`), never what they wrote. The hand-off reads it: a
 * request for a person soon after is urgent (src/handoff/routing.ts, `crisis_fresh_hours` in
 * config/handoff.yaml).
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';

export const CRISIS_AT = 'crisis.at';
/** Whether the words the crisis reply answered told of self-harm done or under way (flows/crisis.yaml gives the ambulance first). */
export const CRISIS_ACT = 'crisis.act';

/** When the patient last wrote of suicide or self-harm (ms), or null. */
export function crisisAt(session: Session): number | null {
  const at = getPath(session, CRISIS_AT);
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}

/** Whether the patient wrote of suicide or self-harm within `hours` before `now`. */
export function inCrisis(session: Session, now: number, hours: number): boolean {
  const at = crisisAt(session);
  return at !== null && now - at >= 0 && now - at <= hours * 3_600_000;
}
