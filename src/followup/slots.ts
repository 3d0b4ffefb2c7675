/**
 * The times of day a patient may choose for the check-ins (config/followup.yaml `slots` gives
 * each its hour; locales/<lng>/followup.json `slot.<slot>` its label and `at.<slot>` its hour in words).
 */
import type { CheckinSlot } from '../storage/repositories';

export const SLOTS = ['morning', 'afternoon', 'evening'] as const satisfies readonly CheckinSlot[];

/** Where flows/followup_offer.yaml keeps the slot the patient chose. */
export const SLOT_VAR = 'followup.offer.slot';

export const isSlot = (value: unknown): value is CheckinSlot => typeof value === 'string' && (SLOTS as readonly string[]).includes(value);
