/**
 * `followup.confirm`: the patient is told when the check-ins will come,
 * as they know the time: the hour of the slot they chose, in the time of the place they are
 * ("every day at 9 am, Saudi Arabia time"). A bare "at that time" left a worker in Riyadh
 * unsure whether it meant 9 am there or in India.
 *
 * The phrases are in locales/<lng>/followup.json: `at.<slot>` names the slot's hour (the hour
 * in config/followup.yaml `slots`; test/followup/confirmation-names-the-time.test.ts keeps them
 * together) and `zone.<region>` the time of the region's zone (config `time_zones`). A region
 * without a phrase (none is asked that has none) gets the hour alone, never a wrong zone.
 */
import type { MessageRef } from '../engine/flow';
import { regionOf } from '../handoff/routing';
import { getPath } from '../engine/paths';
import type { Action } from '../engine/services';
import type { CheckinSlot } from '../storage/repositories';
import { isSlot, SLOTS, SLOT_VAR } from './slots';

/** The regions whose zone has a phrase (`followup.zone.<region>`): the ones the flows ask for. */
export const REGIONS_WITH_ZONE_NAME: readonly string[] = ['in_wb', 'in_ct', 'in_other', 'bd', 'sa'];

export function confirmationMessage(slot: CheckinSlot, region: unknown): MessageRef {
  const when: MessageRef = { key: `followup.at.${slot}` };
  if (typeof region === 'string' && REGIONS_WITH_ZONE_NAME.includes(region)) {
    return { key: 'followup.offer.confirmed', params: { when, zone: { key: `followup.zone.${region}` } } };
  }
  return { key: 'followup.offer.confirmed_no_zone', params: { when } };
}

/** The slot the offer stored (SLOT_VAR, flows/followup_offer.yaml), in the region whose zone the enrolment takes (service.ts). */
export const confirmAction: Action = (ctx) => {
  const slot = getPath(ctx.session, SLOT_VAR);
  if (!isSlot(slot)) throw new Error(`${SLOT_VAR} must be one of ${SLOTS.join(', ')}`);
  ctx.emit({ type: 'msg_created', msg: confirmationMessage(slot, regionOf(ctx.session, ctx.services.now())) });
};
