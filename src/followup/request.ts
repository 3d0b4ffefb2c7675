/**
 * The patient's yes to daily check-ins, on its way from the offer (flows/followup_offer.yaml) to
 * the store and back to the patient:
 *
 * 1. `followup.request` (actions.ts) notes it in the session (REQUEST_VAR): the slot the patient
 *    chose, or the time they gave in words (slot-for-time.ts), and when. The flow says nothing
 *    of it yet, and leaves the flow that called it (the symptom check's "what next?" comes with
 *    the answer instead), with RESULT_VAR `pending`.
 * 2. Once that turn is stored, the service enrols them (FollowupService.request, from
 *    Router.onCommitted) and starts the offer flow again with what came of it (RESULT_VAR:
 *    `enrolled`, `already`, `not_set`; the slot; how a time in words was placed): the patient is
 *    told the check-ins are set only once they are. "Done. I will message you every day" used to
 *    be said in the turn itself, before the enrolment was tried, and stood when it failed.
 */
import type { CheckinSlot } from '../storage/repositories';
import { asTimeWish, slotForTime, type Placement, type SlotTimes, type TimeWish } from './slot-for-time';
import { isSlot, SLOT_VAR } from './slots';

/** What came of the request, for the offer flow to say (`pending` until the service says). */
export const RESULT_VAR = 'followup.offer.result';
export type RequestResult = 'enrolled' | 'already' | 'not_set';
/** How a time given in words was placed in a slot (slot-for-time.ts), said with the confirmation. */
export const PLACED_VAR = 'followup.offer.placed';
/** Whether the offer was called by another flow (the symptom check): its "what next?" is asked after the result. */
export const CALLED_VAR = 'followup.offer.called';

export interface CheckinRequest {
  slot: CheckinSlot | null;
  time: TimeWish | null;
  /** When the patient said yes (ms). */
  at: number;
  /**
   * The offer flow waits for the service to say what came of the request. Absent in a request
   * made on an offer flow of the version before (a conversation keeps the version it started
   * on): that flow confirmed in the turn itself, and is not told again.
   */
  awaits_result?: true;
}

/** The request REQUEST_VAR holds, or null when it names neither a slot nor a time. */
export function requestOf(value: unknown): CheckinRequest | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { slot?: unknown; time?: unknown; at?: unknown; awaits_result?: unknown };
  const slot = isSlot(v.slot) ? v.slot : null;
  const time = asTimeWish(v.time);
  if ((slot === null && time === null) || typeof v.at !== 'number') return null;
  return { slot, time, at: v.at, ...(v.awaits_result === true ? { awaits_result: true as const } : {}) };
}

/** The slot a request is for: the one chosen, or the one the time given in words gets (with how it was placed). */
export function slotOfRequest(request: CheckinRequest, times: SlotTimes): { slot: CheckinSlot; placed: Placement | null } {
  if (request.slot !== null) return { slot: request.slot, placed: null };
  return slotForTime(request.time ?? { kind: 'any' }, times);
}

/** The session values the offer flow is started again with to say the result. */
export function resultVars(result: RequestResult, slot: CheckinSlot, placed: Placement | null): Record<string, unknown> {
  return { [RESULT_VAR]: result, [SLOT_VAR]: slot, [PLACED_VAR]: result === 'enrolled' ? placed : null };
}
