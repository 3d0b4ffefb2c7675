/**
 * Acts on what a patient's turn wrote (Router.onCommitted): a yes to daily check-ins
 * (`followup.request`) enrols; "stop" (`followup.stopped_at`) ends the follow-up at once;
 * a check-in answered worse (`followup.reading` at hospital or emergency) opens its
 * high-priority ticket at once, before the replies go out.
 */
import type { Event } from '../engine/events';
import type { CheckinSlot } from '../storage/repositories';
import { READING_VAR, REQUEST_VAR, STOP_VAR, type FollowupService } from './service';

export function followupOnTurn(service: FollowupService) {
  return async (conversationId: string, events: Event[]): Promise<void> => {
    for (const e of events) {
      if (e.type !== 'var_changed') continue;
      if (e.path === STOP_VAR) await service.stopFor(conversationId);
      if (e.path === READING_VAR) await service.answered(conversationId, e.value);
      if (e.path === REQUEST_VAR) {
        const slot = (e.value as { slot?: CheckinSlot } | null)?.slot;
        if (slot) await service.enrol(conversationId, slot, null);
      }
    }
  };
}
