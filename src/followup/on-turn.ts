/**
 * Acts on what a patient's turn wrote (Router.onCommitted): a yes to daily check-ins
 * (`followup.request`) enrols, and then the patient is told what came of it (request.ts);
 * "stop" (`followup.stopped_at`) ends the follow-up at once, and says so;
 * a check-in answered worse (`followup.reading` at doctor, hospital or emergency) opens its
 * ticket at once, before the replies go out, and a late answer is stored; a check-in left
 * for the emergency advice (a danger sign or "ambulance" typed at one of its questions) is
 * answered with what the patient had said so far. A turn in which a flow ended or was left may
 * leave the patient free to hear that an operator ended their check-ins meanwhile (tellEndOwed).
 */
import type { Event } from '../engine/events';
import { CHECKIN_FLOW, READING_VAR, REQUEST_VAR, STOP_VAR, type FollowupService } from './service';

export function followupOnTurn(service: FollowupService): (conversationId: string, events: Event[]) => Promise<void> | undefined {
  // Most turns write none of the follow-up's variables and end no flow: for them nothing is
  // started (no promise to make and await, on every message: Router.onCommitted).
  return (conversationId, events) => (concernsFollowup(events) ? actOn(service, conversationId, events) : undefined);
}

/** Whether the turn did anything actOn acts on: one of its variables written, or a flow ended or left. */
function concernsFollowup(events: Event[]): boolean {
  for (const e of events) {
    if (e.type === 'flow_exited') return true;
    if (e.type === 'var_changed' && (e.path === STOP_VAR || e.path === READING_VAR || e.path === REQUEST_VAR)) return true;
  }
  return false;
}

async function actOn(service: FollowupService, conversationId: string, events: Event[]): Promise<void> {
  // The request as the turn left it: an offer flow of the version before rewrites it once it has confirmed (confirmation.ts).
  let request: { value: unknown } | undefined;
  for (const e of events) {
    if (e.type !== 'var_changed') continue;
    if (e.path === STOP_VAR) await service.stopFor(conversationId);
    if (e.path === READING_VAR) await service.answered(conversationId, e.value);
    if (e.path === REQUEST_VAR) request = { value: e.value };
  }
  if (request) await service.request(conversationId, request.value);
  if (cutShortByEmergency(events)) {
    const assessed = events.find((e) => e.type === 'triage_assessed' && e.level === 'emergency');
    await service.cutShort(conversationId, assessed?.type === 'triage_assessed' ? { level: assessed.level, reasons: assessed.reasons } : null);
  }
  if (events.some((e) => e.type === 'flow_exited')) await service.tellEndOwed(conversationId);
}

/** The emergency word (a danger sign is one) left a check-in that had recorded no reading in this turn. */
function cutShortByEmergency(events: Event[]): boolean {
  let emergency = false;
  let left = false;
  for (const e of events) {
    if (e.type === 'command_received' && e.command === 'emergency') emergency = true;
    else if (e.type === 'flow_exited' && e.flow === CHECKIN_FLOW && e.how === 'left') left = true;
    else if (e.type === 'var_changed' && e.path === READING_VAR) return false;
  }
  return emergency && left;
}
