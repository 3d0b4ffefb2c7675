/**
 * Acts on what a patient's turn wrote (Router.onCommitted): a yes to daily check-ins
 * (`followup.request`) enrols; "stop" (`followup.stopped_at`) ends the follow-up at once.
 */
import type { Event } from '../engine/events';
import type { CheckinSlot } from '../storage/repositories';
import { REQUEST_VAR, STOP_VAR, type FollowupService } from './service';

export function followupOnTurn(service: FollowupService) {
  return async (conversationId: string, events: Event[]): Promise<void> => {
    for (const e of events) {
      if (e.type !== 'var_changed') continue;
      if (e.path === STOP_VAR) await service.stopFor(conversationId);
      if (e.path === REQUEST_VAR) {
        const slot = (e.value as { slot?: CheckinSlot } | null)?.slot;
        if (slot) await service.enrol(conversationId, slot, null);
      }
    }
  };
}
