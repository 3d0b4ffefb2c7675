/**
 * `followup.confirm`: the patient is told what came of their yes to daily check-ins (request.ts),
 * once the service has tried to enrol them, and when the check-ins will come, as they know the
 * time: the hour of the slot, in the time of the place they are ("every day at 9 am, Saudi
 * Arabia time"). A bare "at that time" left a worker in Riyadh unsure whether it meant 9 am
 * there or in India.
 *
 * - `enrolled`: the confirmation; before it, when the slot is not the time the patient gave
 *   ("at night", "10 am"), which slot it is and why (`followup.offer.placed.<how>`, slot-for-time.ts);
 * - `already`: a follow-up was running: its own slot, which stays;
 * - `not_set`: the enrolment failed: no check-ins, and how to ask for them again.
 *
 * The phrases are in locales/<lng>/followup.json: `at.<slot>` names the slot's hour (the hour
 * in config/followup.yaml `slots`; test/followup/confirmation-names-the-time.test.ts keeps them
 * together) and `zone.<region>` the time of the region's zone (config `time_zones`). A region
 * without a phrase (none is asked that has none) gets the hour alone, never a wrong zone.
 */
import type { MessageRef } from '../engine/flow';
import { regionOf } from '../handoff/routing';
import { getPath } from '../engine/paths';
import type { Action, ActionContext } from '../engine/services';
import type { CheckinSlot } from '../storage/repositories';
import { PLACED_VAR, RESULT_VAR } from './request';
import { REQUEST_VAR } from './service';
import { isSlot, SLOTS, SLOT_VAR } from './slots';

/** The regions whose zone has a phrase (`followup.zone.<region>`): the ones the flows ask for. */
export const REGIONS_WITH_ZONE_NAME: readonly string[] = ['in_wb', 'in_ct', 'in_other', 'bd', 'sa', 'ae', 'qa', 'kw', 'om', 'bh'];

/** Placements worth a word before the confirmation: the slot is not the time the patient gave. */
const SAID: ReadonlySet<unknown> = new Set(['latest', 'earliest', 'closest']);

export function confirmationMessage(slot: CheckinSlot, region: unknown): MessageRef {
  return withHourAndZone('followup.offer.confirmed', slot, region);
}

/** "You already have daily check-ins: … every day at 9 am": the running follow-up's slot. */
export function alreadyMessage(slot: CheckinSlot, region: unknown): MessageRef {
  return withHourAndZone('followup.offer.already', slot, region);
}

function withHourAndZone(key: string, slot: CheckinSlot, region: unknown): MessageRef {
  const when: MessageRef = { key: `followup.at.${slot}` };
  if (typeof region === 'string' && REGIONS_WITH_ZONE_NAME.includes(region)) {
    return { key, params: { when, zone: { key: `followup.zone.${region}` } } };
  }
  return { key: `${key}_no_zone`, params: { when } };
}

/**
 * The result the service started the offer flow with (RESULT_VAR), the slot it stored (SLOT_VAR)
 * and how a time in words was placed (PLACED_VAR), in the region whose zone the enrolment takes
 * (service.ts). The result is forgotten once said.
 */
export const confirmAction: Action = (ctx) => {
  const result = getPath(ctx.session, RESULT_VAR);
  const slot = getPath(ctx.session, SLOT_VAR);
  const placed = getPath(ctx.session, PLACED_VAR);
  ctx.set(RESULT_VAR, null);
  if (result === 'not_set') return ctx.emit({ type: 'msg_created', msg: { key: 'followup.offer.not_set' } });
  if (!isSlot(slot)) throw new Error(`${SLOT_VAR} must be one of ${SLOTS.join(', ')}`);
  const region = regionOf(ctx.session, ctx.services.now());
  if (result === 'pending') confirmedInTheTurn(ctx);
  if (result === 'enrolled' && SAID.has(placed)) ctx.emit({ type: 'msg_created', msg: { key: `followup.offer.placed.${String(placed)}`, params: { when: { key: `followup.at.${slot}` } } } });
  ctx.emit({ type: 'msg_created', msg: result === 'already' ? alreadyMessage(slot, region) : confirmationMessage(slot, region) });
};

/**
 * An offer flow of the version before this one (a conversation keeps the version it started on)
 * confirms right after `followup.request`, in the turn of the answer: as it always did, and the
 * service then only enrols (the request no longer `awaits_result`), so nothing is said twice.
 */
function confirmedInTheTurn(ctx: ActionContext): void {
  const request = getPath(ctx.session, REQUEST_VAR);
  if (!request || typeof request !== 'object') return;
  const { awaits_result: _told, ...rest } = request as Record<string, unknown>;
  ctx.set(REQUEST_VAR, rest);
}
