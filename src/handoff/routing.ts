/**
 * Which queue a ticket goes to, and how urgent it is: pure functions of the
 * configuration and the conversation's session, shared by the flow actions
 * (actions.ts) and the turn's effects (turn-hooks.ts).
 *
 * - queue: the first queue of the requested kind whose `regions` hold the patient's
 *   region, else that kind's default queue (the one without regions). The region is the
 *   one the patient chose (profile.region), else the one a location they shared gives
 *   (src/helplines/location-region.ts): a worker in Riyadh who shared a location pin and
 *   then typed a danger sign reaches Probash Bondhu, not the default Kolkata desk;
 * - priority: from the triage level of an assessment younger than `triage_fresh_hours`
 *   (emergency 4, hospital 3, doctor 2, home isolation 1, self-care 0), 1 when there
 *   is none: a patient who asks without a check is not ranked below a known mild case;
 * - urgency: a patient who wrote of suicide or self-harm within `crisis_fresh_hours`
 *   (src/crisis/) asks for a person with the emergency priority, whatever the triage said.
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';
import { inCrisis } from '../crisis/session-vars';
import { patientRegion } from '../helplines/location-region';
import type { TicketTriage } from '../storage/repositories';
import type { HandoffConfig, QueueConfig, QueueKind } from './config';
import { isOpen } from './working-hours';

export const EMERGENCY_PRIORITY = 4;
export const UNKNOWN_PRIORITY = 1;

const PRIORITY_OF_LEVEL: Readonly<Record<string, number>> = { emergency: 4, hospital: 3, doctor: 2, home_isolation: 1, self_care: 0 };

/** A triage level's ticket priority (0..4); a level this table does not know ranks as UNKNOWN_PRIORITY. */
export function priorityOfLevel(level: string): number {
  return PRIORITY_OF_LEVEL[level] ?? UNKNOWN_PRIORITY;
}

export function priorityOf(triage: TicketTriage | null): number {
  return triage ? priorityOfLevel(triage.level) : UNKNOWN_PRIORITY;
}

/**
 * Whether a request for a person is urgent because the patient wrote of suicide or self-harm
 * lately (`crisis.at` within `crisis_fresh_hours`): flagged as an emergency, first in the queue.
 */
export function isUrgent(session: Session, now: number, config: Pick<HandoffConfig, 'crisisFreshHours'>): boolean {
  return inCrisis(session, now, config.crisisFreshHours);
}

/** The conversation's last triage outcome (triage.level, reasons, answers, at), if recent enough. */
export function freshTriage(session: Session, now: number, freshHours: number): TicketTriage | null {
  const level = getPath(session, 'triage.level');
  const at = getPath(session, 'triage.at');
  if (typeof level !== 'string' || typeof at !== 'number' || now - at > freshHours * 3_600_000) return null;
  const reasons = getPath(session, 'triage.reasons');
  const answers = getPath(session, 'triage.answers');
  return {
    level,
    reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
    answers: answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {},
    at,
  };
}

/**
 * The patient's region: chosen (profile.region), else given by a location shared within the
 * last hours (Bangladesh, Saudi Arabia; src/helplines/location-region.ts); null when not known.
 * Callers pass `now` so that an old location is not used.
 */
export function regionOf(session: Session, now?: number): string | null {
  return patientRegion(session, now);
}

export function queueFor(config: Pick<HandoffConfig, 'queues'>, kind: QueueKind, region: string | null): QueueConfig {
  const ofKind = config.queues.filter((q) => q.kind === kind);
  const pool = ofKind.length ? ofKind : config.queues.filter((q) => q.kind === 'general');
  const match = region === null ? undefined : pool.find((q) => q.regions.includes(region));
  // The configuration is checked at load: every kind has a default queue.
  return match ?? pool.find((q) => q.regions.length === 0) ?? pool[0]!;
}

export function queueById(config: Pick<HandoffConfig, 'queues'>, id: string): QueueConfig | undefined {
  return config.queues.find((q) => q.id === id);
}

/**
 * The queue for an emergency ticket: README says emergencies are never held behind working
 * hours. The region's queue of the kind (queueFor) when it is open; else the kind's default
 * desk when open; else the general desk when open; else the region's queue all the same
 * (every desk closed: the patient has the ambulance numbers, and it is first in line at opening).
 * Used where emergency tickets open: turn-hooks.ts (a danger sign's ticket) and actions.ts
 * (`handoff.request` after an emergency assessment).
 */
export function emergencyQueueFor(config: Pick<HandoffConfig, 'queues'>, kind: QueueKind, region: string | null, now: number): QueueConfig {
  const own = queueFor(config, kind, region);
  if (isOpen(own, now)) return own;
  const fallbacks = [queueFor(config, kind, null), queueFor(config, 'general', null)];
  return fallbacks.find((q) => isOpen(q, now)) ?? own;
}
