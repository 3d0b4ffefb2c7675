/**
 * Follow-up check-ins: enrolment, the runner's tick, and what operators do (pause, extend,
 * end). Every time comes from the injected clock; node-cron (src/jobs/followup-checkins.ts)
 * only calls `tick()`.
 *
 * A check-in's life: scheduled → (claimed: one conditional update, so it runs once even
 * with several processes) running → the check-in flow starts in a system turn whose dedupe
 * key is the check-in id (a restart that claims it again commits nothing twice) → sent →
 * answered (the flow's `followup.record` left a reading for this check-in in the session)
 * or missed (no answer within `missed_after_hours`). Two misses in a row make a "call this
 * patient" task. The last check-in unanswered ends the follow-up with a closing message
 * (flows/followup_end.yaml), which waits for waking hours and a patient not in the middle of
 * something, the check-in still open to an answer meanwhile. An answer that comes after all
 * (the patient answers at 21:40 a check-in missed at 21:00) is stored: missed → answered, the
 * run of misses ends, and the task it made is done.
 * A check-in the patient leaves for the emergency advice (a danger sign typed mid-way, or
 * "ambulance") is answered with what they had said so far, at the emergency level.
 *
 * A reading that assesses to doctor, hospital or emergency opens a ticket in the doctors'
 * queue of the patient's region (priority 2, 3 or 4; the patient is told, and sent on to the
 * bed search or the emergency advice at once) as soon as the answering turn commits
 * (`answered`, from Router.onCommitted), and the runner's settle makes sure of it: both run the
 * one system turn `escalation:<check-in id>`, which commits once, so there is never a second
 * ticket. While a ticket a check-in opened is open, later worse readings leave it as it is (a
 * fever over 3 days is a doctor's every day); with one the patient opened, the follow-up screen
 * gets one "see this patient" task at a time.
 *
 * Fever (fever.ts): each check-in is told the days of fever it counts if it finds fever, so that
 * the triage rule for a fever over 3 days applies; and a check-in with fever keeps the
 * follow-up going until `fever_free_days` days after it (isolation ends only then, MoHFW 2022).
 */
import type { FollowupConfig } from './config';
import type { HandoffConfig } from '../handoff/config';
import { priorityOfLevel, queueFor, regionOf } from '../handoff/routing';
import { safeErrorText, type Logger } from '../log';
import type { Router } from '../router/router';
import { eachByEnrolment } from './each-by-enrolment';
import type { Checkin, CheckinSlot, Conversation, Enrolment, FollowupReading, Store, Ticket, TicketEffect } from '../storage/repositories';
import { getPath } from '../engine/paths';
import { feverDaysIfFever, feverExtension, feverOf, type FeverBaseline } from './fever';
import { checkinAnswers } from './reading';
import { requestOf, resultVars, slotOfRequest, type RequestResult } from './request';
import { dailyTimes, localDay, withinWakingHours } from './schedule';

export const CHECKIN_FLOW = 'followup_checkin';
/** Session paths the flows write and the service reads. */
export const CHECKIN_VAR = 'followup.checkin';
export const READING_VAR = 'followup.reading';
export const REQUEST_VAR = 'followup.request';
export const STOP_VAR = 'followup.stopped_at';
/** The enrolment of the check-in running (set with CHECKIN_VAR when it starts). */
export const ENROLMENT_VAR = 'followup.enrolment';
/** What the service knows for the check-in that starts (CheckinPlan). */
export const PLAN_VAR = 'followup.plan';
/** How the follow-up closes, set by `followup.record` on the last check-in (actions.ts). */
export const CLOSING_VAR = 'followup.closing';
/**
 * Said when the follow-up ends with its last check-in unanswered, or by the patient's stop
 * (flows/followup_end.yaml): the daily check-ins are over, and the patient can write at any time.
 */
export const END_FLOW = 'followup_end';
/** Why END_FLOW is said: `last` (the last check-in unanswered), `stopped` (the patient's stop) or `operator` (ended from the console). */
export const END_WHY_VAR = 'followup.end.why';
/**
 * The enrolment an operator ended while the patient was in the middle of something (a hand-off,
 * another flow): they are told once they are free (`tellEndOwed`, after a turn of theirs).
 */
export const END_OWED_VAR = 'followup.end.owed';

/** Given to the check-in flow when it starts (PLAN_VAR). */
export interface CheckinPlan {
  /** The days of fever (the triage case's `fever_days`) this check-in counts if it finds fever. */
  fever_days: number;
  /** No check-in is planned after this one. */
  last: boolean;
  /** A fever found now would add check-ins: the last one planned is less than `fever_free_days` days away. */
  extends_if_fever: boolean;
  /** Check-ins can still be added (the follow-up has fewer than `max_days`). */
  can_extend: boolean;
}
/**
 * A patient whose conversation has had no turn for this long is not "in the middle of" a flow
 * any more: they walked away from it (most end a symptom check at its last question), and
 * the check-in replaces it as it always did.
 */
const ABANDONED_FLOW_MS = 30 * 60_000;

/** Worse: a reading at the doctor's level or above (doctor, hospital, emergency), which goes to the doctors. */
const worse = (reading: FollowupReading): boolean => priorityOfLevel(reading.level) >= priorityOfLevel('doctor');
const HOUR = 3_600_000;
/** A "call this patient" task made by a miss that the patient then answered is done by their answer. */
const DONE_BY_ANSWER = 'patient';

export interface FollowupDeps {
  store: Store;
  router: Router;
  config: FollowupConfig;
  handoff: HandoffConfig;
  now: () => number;
  newId: () => string;
  log: Logger;
  /** The engine's home flow (config/engine.yaml homeFlow): a patient idle at its question is not busy. */
  homeFlow: string;
}

export type EnrolResult = { status: 'enrolled'; enrolment: Enrolment } | { status: 'already_enrolled' | 'not_found' | 'unreachable' };
/**
 * Whether the patient was told that an operator ended their check-ins: `told` (now), `when_free`
 * (they are in a hand-off or another flow: after a later turn of theirs) or `not_told` (gone, or
 * they cannot be reached).
 */
export type EndNotice = 'told' | 'when_free' | 'not_told';
export type OfferResult = { status: 'offered' } | { status: 'already_enrolled' | 'not_found' | 'unreachable' | 'with_a_person' };

const OFFER_FLOW = 'followup_offer';

export class FollowupService {
  constructor(private readonly deps: FollowupDeps) {}

  /** Enrol a conversation: `by` null for the patient's own yes, else the operator's account. */
  async enrol(conversationId: string, slot: CheckinSlot, by: string | null, days = this.deps.config.days): Promise<EnrolResult> {
    const { store, config, now, newId } = this.deps;
    const conversation = await store.conversations.get(conversationId);
    if (!conversation) return { status: 'not_found' };
    if (conversation.unreachableSince !== undefined) return { status: 'unreachable' };
    const at = now();
    const timeZone = this.timeZoneOf(conversation);
    const times = dailyTimes(at, timeZone, config.slots[slot], days);
    const enrolment: Enrolment = {
      id: newId(), conversationId, state: 'active', slot, timeZone, endsAt: times.at(-1) ?? at,
      missedInARow: 0, endReason: null, enrolledBy: by, createdAt: at, updatedAt: at, version: 0,
    };
    const checkins = times.map((dueAt) => this.newCheckin(enrolment, dueAt, at));
    if (!(await store.followups.enrol(enrolment, checkins))) return { status: 'already_enrolled' };
    this.deps.log.info({ conversation: conversationId, enrolment: enrolment.id, days, by: by ?? 'patient' }, 'follow-up enrolled');
    return { status: 'enrolled', enrolment };
  }

  /**
   * The patient said yes to daily check-ins (REQUEST_VAR, from the turn just stored): enrol them
   * at the slot they chose, or at the one the time they gave in words gets (slot-for-time.ts),
   * and only then tell them what came of it — set, already running, or not set — in the offer
   * flow started again (request.ts). A failed enrolment (a store error) is logged without the
   * patient's data, and they are told no check-ins were set, never "Done".
   */
  async request(conversationId: string, value: unknown): Promise<void> {
    const request = requestOf(value);
    if (!request) return;
    const { slot, placed } = slotOfRequest(request, this.deps.config);
    const outcome = await this.enrolRequested(conversationId, slot);
    // An offer flow of the version before said its confirmation itself (request.ts).
    if (!outcome || !request.awaits_result) return;
    await this.deps.router.startFlow(conversationId, {
      id: `followup-request:${conversationId}:${request.at}`,
      kind: 'followup_request',
      flowId: OFFER_FLOW,
      // A notice owed of an earlier follow-up's end is not said over this one's news.
      vars: { ...resultVars(outcome.result, outcome.slot, placed), [END_OWED_VAR]: null },
    });
  }

  /** What came of the patient's request: null when the conversation is gone (no one to tell). */
  private async enrolRequested(conversationId: string, slot: CheckinSlot): Promise<{ result: RequestResult; slot: CheckinSlot } | null> {
    try {
      const enrolled = await this.enrol(conversationId, slot, null);
      if (enrolled.status === 'not_found') return null;
      if (enrolled.status === 'enrolled') return { result: 'enrolled', slot };
      // Already followed: that follow-up goes on at its own time, and the patient is told which.
      const current = enrolled.status === 'already_enrolled' ? await this.deps.store.followups.currentFor(conversationId) : undefined;
      if (current) return { result: 'already', slot: current.slot };
      this.deps.log.warn({ conversation: conversationId, status: enrolled.status }, 'follow-up: not enrolled, the patient is told no check-ins are set');
    } catch (err) {
      this.deps.log.error({ conversation: conversationId, err: safeErrorText(String((err as Error)?.message ?? err)) }, 'follow-up: enrolment failed, the patient is told no check-ins are set');
    }
    return { result: 'not_set', slot };
  }

  /**
   * An operator offers daily check-ins: the patient gets the same offer as after a symptom
   * check (flows/followup_offer.yaml), and only their own "yes" enrols them (consent stays
   * explicit). Not while a person has the chat: the patient's answer would go to them.
   */
  async offer(conversationId: string): Promise<OfferResult> {
    const { store, router, newId } = this.deps;
    const conversation = await store.conversations.get(conversationId);
    if (!conversation) return { status: 'not_found' };
    if (conversation.unreachableSince !== undefined) return { status: 'unreachable' };
    if (await store.followups.currentFor(conversationId)) return { status: 'already_enrolled' };
    if ((await store.tickets.openFor(conversationId))?.state === 'assigned') return { status: 'with_a_person' };
    const outcome = await router.startFlow(conversationId, { id: `followup-offer:${newId()}`, kind: 'followup_offer', flowId: OFFER_FLOW });
    if (outcome.status === 'not_found') return { status: 'not_found' };
    this.deps.log.info({ conversation: conversationId }, 'follow-up offered by an operator');
    return { status: 'offered' };
  }

  /** Stop now: the patient said stop, an operator ended it, or the patient cannot be reached. */
  async end(enrolmentId: string, reason: string): Promise<boolean> {
    return this.change(enrolmentId, async (e) => {
      if (e.state === 'ended') return null;
      await this.deps.store.followups.cancelScheduled(e.id, this.deps.now());
      return { ...e, state: 'ended', endReason: reason };
    });
  }

  /**
   * The patient said stop: the follow-up ends, and they are told so (END_FLOW, `stopped`), for
   * stop's own reply cannot know that check-ins were running (a stop typed to leave a symptom
   * check ended them silently). Nothing more is said when none were.
   */
  async stopFor(conversationId: string): Promise<boolean> {
    const e = await this.deps.store.followups.currentFor(conversationId);
    if (!e || !(await this.end(e.id, 'stopped'))) return false;
    const outcome = await this.deps.router.startFlow(conversationId, { id: `followup-stopped:${e.id}`, kind: 'followup_end', flowId: END_FLOW, vars: { [END_WHY_VAR]: 'stopped' } });
    if (outcome.status === 'handled') this.deps.log.info({ conversation: conversationId, enrolment: e.id }, 'follow-up: stopped, patient told');
    return true;
  }

  /**
   * An operator ended the follow-up from the console: it ends, and the patient is told in their
   * language, through the outbox (END_FLOW, `operator`), as they are told of their own stop — a
   * patient waiting for tomorrow's check-in would otherwise wait in vain. Not over something they
   * are in the middle of (a hand-off: a ticket is open; another flow, with a turn in the last half
   * hour): then once they are free (END_OWED_VAR, tellEndOwed). An operator acts when they act,
   * as their replies go out: not held for waking hours.
   */
  async endByOperator(enrolmentId: string): Promise<{ ended: false } | { ended: true; patient: EndNotice }> {
    if (!(await this.end(enrolmentId, 'operator'))) return { ended: false };
    const e = await this.deps.store.followups.getEnrolment(enrolmentId);
    return { ended: true, patient: e ? await this.tellEndedByOperator(e) : 'not_told' };
  }

  private async tellEndedByOperator(e: Enrolment): Promise<EndNotice> {
    const { store, router } = this.deps;
    const conversation = await store.conversations.get(e.conversationId);
    if (!conversation || conversation.unreachableSince !== undefined) return 'not_told';
    if (await this.free(conversation)) return (await this.sayEndedByOperator(e.conversationId, e.id)) ? 'told' : 'not_told';
    // Noted in the session, no flow left (a system turn with no flow keeps the one running).
    await router.startFlow(e.conversationId, { id: `followup-end-owed:${e.id}`, kind: 'followup_end_owed', tickets: () => ({ tickets: [], vars: { [END_OWED_VAR]: e.id } }) });
    this.deps.log.info({ conversation: e.conversationId, enrolment: e.id }, 'follow-up: ended by an operator, the patient is told once free');
    return 'when_free';
  }

  /**
   * A notice of an operator's end still owed to this patient (END_OWED_VAR): said now if they are
   * free. On-turn asks after each turn of theirs in which a flow ended or was left, for the end of
   * a flow is when they become free (a hand-off's end included: its rating question ends it).
   */
  async tellEndOwed(conversationId: string): Promise<void> {
    const conversation = await this.deps.store.conversations.get(conversationId);
    const owed = conversation ? getPath(conversation.session, END_OWED_VAR) : undefined;
    if (!conversation || typeof owed !== 'string' || conversation.unreachableSince !== undefined) return;
    if (await this.free(conversation)) await this.sayEndedByOperator(conversationId, owed);
  }

  /** No ticket open (waiting for a person or with one) and no flow in progress but the home flow's question or a check-in (over now). */
  private async free(conversation: Conversation): Promise<boolean> {
    return !(await this.deps.store.tickets.openFor(conversation.id)) && !this.busy(conversation, false, this.deps.now());
  }

  /** Once per enrolment (the system turn's dedupe key), whether said at once or owed. */
  private async sayEndedByOperator(conversationId: string, enrolmentId: string): Promise<boolean> {
    const outcome = await this.deps.router.startFlow(conversationId, {
      id: `followup-ended:${enrolmentId}`,
      kind: 'followup_end',
      flowId: END_FLOW,
      vars: { [END_WHY_VAR]: 'operator', [END_OWED_VAR]: null },
    });
    if (outcome.status === 'handled') this.deps.log.info({ conversation: conversationId, enrolment: enrolmentId }, 'follow-up: ended by an operator, patient told');
    return outcome.status !== 'not_found';
  }

  /** Paused: due check-ins wait (and lapse once too late); resume picks up at the next one. */
  async pause(enrolmentId: string): Promise<boolean> {
    return this.change(enrolmentId, async (e) => (e.state === 'active' ? { ...e, state: 'paused' } : null));
  }

  async resume(enrolmentId: string): Promise<boolean> {
    return this.change(enrolmentId, async (e) => (e.state === 'paused' ? { ...e, state: 'active' } : null));
  }

  /** Add `days` daily check-ins after the last one. */
  async extend(enrolmentId: string, days: number): Promise<boolean> {
    return this.change(enrolmentId, async (e) => {
      if (e.state === 'ended') return null;
      const at = this.deps.now();
      const from = Math.max(e.endsAt, at);
      const times = dailyTimes(from, e.timeZone, this.deps.config.slots[e.slot], days);
      await this.deps.store.followups.addCheckins(times.map((dueAt) => this.newCheckin(e, dueAt, at)));
      return { ...e, endsAt: times.at(-1) ?? e.endsAt };
    });
  }

  /** One pass of the runner; safe to run in several processes at once. */
  async tick(): Promise<{ started: number; answered: number; missed: number }> {
    const counts = { started: 0, answered: 0, missed: 0 };
    const { store, config } = this.deps;
    const now = this.deps.now();
    await eachByEnrolment(await store.followups.due(now, ['scheduled'], 200), async (c) => {
      if (await this.guard(c, () => this.startDue(c, now))) counts.started++;
    });
    // A claim whose process died before it marked the check-in sent: take it over (the system turn dedupes).
    const abandoned = (await store.followups.due(now, ['running'], 200)).filter((c) => c.claimedAt !== null && c.claimedAt <= now - config.claimLeaseMs);
    await eachByEnrolment(abandoned, async (c) => {
      await this.guard(c, async () => (await this.claim(c, 'running', now)) && (await this.send({ ...c, version: c.version + 1 }, now), true));
    });
    await eachByEnrolment(await store.followups.due(now, ['sent'], 500), async (c) => {
      const outcome = await this.guard(c, () => this.settle(c, now));
      if (outcome) counts[outcome]++;
    });
    return counts;
  }

  /** One check-in's failure (a store error, a broken flow) is logged; the others still run, and it is retried next tick. */
  private async guard<T>(c: Checkin, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (err) {
      this.deps.log.error({ checkin: c.id, conversation: c.conversationId, err: safeErrorText(String((err as Error)?.message ?? err)) }, 'follow-up check-in failed');
      return null;
    }
  }

  private async startDue(c: Checkin, now: number): Promise<boolean> {
    const { store, config } = this.deps;
    const enrolment = await store.followups.getEnrolment(c.enrolmentId);
    const conversation = await store.conversations.get(c.conversationId);
    const cancel = () => store.followups.transition({ id: c.id, from: 'scheduled', expectedVersion: c.version, to: 'cancelled', at: now });
    if (!enrolment || enrolment.state === 'ended' || !conversation) {
      await cancel();
      return false;
    }
    if (conversation.unreachableSince !== undefined) {
      await this.end(enrolment.id, 'unreachable');
      return false;
    }
    // Too late to ask today (the service was down, paused, or the patient was busy): never sent, not the
    // patient's miss; but settled all the same, so the enrolment ends when it was the last one.
    if (now - c.dueAt >= config.missedAfterMs) {
      if (await cancel()) await this.afterSettled(enrolment.id, null);
      return false;
    }
    if (enrolment.state === 'paused' || !withinWakingHours(now, enrolment.timeZone, config.wakingHours)) return false;
    // A person is talking with the patient (hand-off), or the patient is in the middle of something (another
    // flow, or just asked for a person): the bot does not interrupt (starting the check-in would drop
    // that flow); it waits, and lapses if that lasts.
    const ticket = await store.tickets.openFor(c.conversationId);
    if (ticket?.state === 'assigned') return false;
    if (this.busy(conversation, ticket !== undefined, now)) return false;
    if (!(await this.claim(c, 'scheduled', now))) return false;
    await this.send({ ...c, version: c.version + 1 }, now, { enrolment, conversation });
    return true;
  }

  /**
   * In the middle of something, with a turn in the last ABANDONED_FLOW_MS: waiting for a person
   * (a ticket not yet taken), or any flow on the stack but the home flow idle at its question. A
   * check-in flow left unanswered (an earlier, missed check-in) does not count: the new one replaces
   * it — unless `checkinToo` (the closing message: a patient answering the last check-in late is busy
   * with it). A ticket left waiting longer (e.g. the one a worse reading opened) does not stop the check-ins.
   */
  private busy(conversation: Conversation, waitingTicket: boolean, now: number, options: { checkinToo?: boolean } = {}): boolean {
    if (now - conversation.updatedAt >= ABANDONED_FLOW_MS) return false;
    if (waitingTicket) return true;
    const home = this.deps.homeFlow;
    const stack = options.checkinToo ? conversation.session.stack : conversation.session.stack.filter((f) => f.flow !== CHECKIN_FLOW);
    if (stack.length === 0) return false;
    return !(stack.length === 1 && stack[0]!.flow === home && stack[0]!.waiting !== undefined);
  }

  private claim(c: Checkin, from: 'scheduled' | 'running', now: number): Promise<boolean> {
    return this.deps.store.followups.transition({ id: c.id, from, expectedVersion: c.version, to: 'running', at: now, claimedAt: now });
  }

  private async send(c: Checkin, now: number, known?: { enrolment: Enrolment; conversation: Conversation }): Promise<void> {
    const vars = await this.checkinVars(c, now, known);
    await this.deps.router.startFlow(c.conversationId, { id: c.id, kind: 'followup_checkin', flowId: CHECKIN_FLOW, vars });
    await this.deps.store.followups.transition({ id: c.id, from: 'running', expectedVersion: c.version, to: 'sent', at: now });
    this.deps.log.info({ conversation: c.conversationId, checkin: c.id }, 'follow-up check-in sent');
  }

  /**
   * The session values a check-in starts with: which check-in and enrolment it is, today's
   * answers cleared (yesterday's temperature is not today's), and its plan: the fever days it
   * counts if it finds fever (the readings stored so far, and the fever known at enrolment),
   * whether it is the last, and whether a fever can still add days.
   */
  private async checkinVars(c: Checkin, now: number, known?: { enrolment: Enrolment; conversation: Conversation }): Promise<Record<string, unknown>> {
    const { store, config } = this.deps;
    const enrolment = known?.enrolment ?? (await store.followups.getEnrolment(c.enrolmentId));
    const conversation = known?.conversation ?? (await store.conversations.get(c.conversationId));
    const all = await store.followups.checkins(c.enrolmentId);
    const timeZone = enrolment?.timeZone ?? config.defaultTimeZone;
    const earlier = all.filter((x) => x.id !== c.id && x.dueAt <= c.dueAt).map((x) => ({ day: localDay(x.reading?.at ?? x.dueAt, timeZone), fever: feverOf(x.reading) }));
    const baseline = enrolment && conversation ? feverAtEnrolment(conversation, enrolment) : null;
    const today = localDay(now, timeZone);
    const ifFever = feverExtension(today, localDay(enrolment?.endsAt ?? c.dueAt, timeZone), all.length, config);
    const plan: CheckinPlan = {
      fever_days: feverDaysIfFever(earlier, baseline, today),
      last: !all.some((x) => x.dueAt > c.dueAt && x.state === 'scheduled'),
      extends_if_fever: ifFever.needed > 0,
      can_extend: ifFever.room > 0,
    };
    return { [CHECKIN_VAR]: c.id, [ENROLMENT_VAR]: c.enrolmentId, 'followup.q': {}, [CLOSING_VAR]: null, [PLAN_VAR]: plan };
  }

  /** A sent check-in: answered (a reading for it is in the session), missed, or still waiting. */
  private async settle(c: Checkin, now: number): Promise<'answered' | 'missed' | null> {
    const { store, config } = this.deps;
    const conversation = await store.conversations.get(c.conversationId);
    const reading = conversation ? readingFor(conversation, c.id) : null;
    if (reading) {
      if (!(await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'answered', at: now, reading }))) return null;
      await this.afterAnswer(c, reading);
      if (worse(reading) && conversation) await this.escalate(conversation.id, c.id, reading);
      return 'answered';
    }
    const missedAt = (c.claimedAt ?? c.dueAt) + config.missedAfterMs;
    if (now < missedAt) return null;
    // Ended (the patient said stop, an operator ended it): no one is waiting for this answer, and no one is to call.
    const enrolment = await store.followups.getEnrolment(c.enrolmentId);
    if (!enrolment || (enrolment.state !== 'active' && enrolment.state !== 'paused')) {
      await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'cancelled', at: now });
      return null;
    }
    // The last check-in unanswered ends the follow-up, and the patient is told so (END_FLOW). That
    // message waits, as a check-in does, for waking hours and for a patient not in the middle of
    // something (it leaves the flow they are in); the check-in waits with it, still open to an
    // answer — for at most another `missed_after_hours`, after which the follow-up ends unsaid.
    // Not for a paused follow-up: a person has taken it in hand.
    const closing = enrolment.state === 'active' && (await this.isLast(c)) ? await this.mayWriteNow(enrolment, c.conversationId, now) : 'never';
    if (closing === 'later' && now < missedAt + config.missedAfterMs) return null;
    if (!(await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'missed', at: now }))) return null;
    const e = await this.afterSettled(c.enrolmentId, 1);
    // One task per run of misses: made by the miss that reaches the count, not by every one after it.
    if (e && e.missedInARow === config.missedInARowForCall) {
      await this.addTask(e, 'call_patient', c.id);
      this.deps.log.info({ conversation: e.conversationId, enrolment: e.id, missed: e.missedInARow }, 'follow-up: call this patient');
    }
    // The answer may have been committed after the session was read above, its after-commit
    // hook finding the check-in still sent: read again, so that it is stored all the same.
    const again = await store.conversations.get(c.conversationId);
    const late = again ? readingFor(again, c.id) : null;
    if (late) await this.lateAnswer({ ...c, state: 'missed', version: c.version + 1 }, late);
    else if (closing === 'now' && e?.state === 'ended' && e.endReason === 'completed') await this.sayEnded(e);
    return 'missed';
  }

  /** No other check-in of its enrolment is still to come or waiting for its answer. */
  private async isLast(c: Checkin): Promise<boolean> {
    return !(await this.deps.store.followups.checkins(c.enrolmentId)).some((x) => x.id !== c.id && (x.state === 'scheduled' || x.state === 'running' || x.state === 'sent'));
  }

  /**
   * May the bot write to the patient unprompted now, leaving the flow they are in: `now`; `later`
   * (outside waking hours, a ticket is open — waiting for a person or with one — or they are in
   * the middle of something, an unanswered check-in they are answering included); `never` (gone,
   * or unreachable).
   */
  private async mayWriteNow(e: Enrolment, conversationId: string, now: number): Promise<'now' | 'later' | 'never'> {
    const { store, config } = this.deps;
    const conversation = await store.conversations.get(conversationId);
    if (!conversation || conversation.unreachableSince !== undefined) return 'never';
    if (!withinWakingHours(now, e.timeZone, config.wakingHours)) return 'later';
    // Any open ticket: waiting in a queue (however long), the patient's messages are kept for the
    // person, and a flow started now would leave the queue's; with a person, the chat is theirs.
    const ticket = await store.tickets.openFor(conversationId);
    if (ticket || this.busy(conversation, false, now, { checkinToo: true })) return 'later';
    return 'now';
  }

  /** The closing message of a follow-up that ended with its last check-in unanswered; once per enrolment (the system turn's dedupe key). */
  private async sayEnded(e: Enrolment): Promise<void> {
    const outcome = await this.deps.router.startFlow(e.conversationId, { id: `followup-end:${e.id}`, kind: 'followup_end', flowId: END_FLOW, vars: { [END_WHY_VAR]: 'last' } });
    if (outcome.status === 'handled') this.deps.log.info({ conversation: e.conversationId, enrolment: e.id }, 'follow-up: ended unanswered, patient told');
  }

  /** After an answer is stored: a fever keeps the follow-up going; the run of misses ends; the enrolment ends after its last check-in. */
  private async afterAnswer(c: Checkin, reading: FollowupReading): Promise<void> {
    await this.extendForFever(c, reading);
    await this.afterSettled(c.enrolmentId, 0);
  }

  /**
   * An answer to a check-in already counted as missed (it came after `missed_after_hours`):
   * stored all the same (missed → answered, so the console's chart has the day), the run of
   * misses ends, and a "call this patient" task that miss made is done: the patient answered.
   */
  private async lateAnswer(c: Checkin, reading: FollowupReading): Promise<boolean> {
    const { store } = this.deps;
    const now = this.deps.now();
    if (!(await store.followups.transition({ id: c.id, from: 'missed', expectedVersion: c.version, to: 'answered', at: now, reading }))) return false;
    await this.afterAnswer(c, reading);
    for (const task of await store.followups.tasks({ open: true, enrolmentId: c.enrolmentId })) {
      if (task.kind === 'call_patient' && task.causeId === c.id) await store.followups.completeTask(task.id, DONE_BY_ANSWER, now);
    }
    this.deps.log.info({ conversation: c.conversationId, checkin: c.id }, 'follow-up: a missed check-in answered late');
    return true;
  }

  /**
   * MoHFW (2022): isolation ends with no fever for `fever_free_days` successive days. A reading
   * with fever makes sure check-ins go on that many days after it (days added after the last,
   * as an operator's "extend" does), up to `max_days` check-ins; past that, a fever makes a
   * "see this patient" task (kind `escalation`) for a person to decide, unless one is still open.
   */
  private async extendForFever(c: Checkin, reading: FollowupReading): Promise<void> {
    if (feverOf(reading) !== true) return;
    const { store, config } = this.deps;
    const e = await store.followups.getEnrolment(c.enrolmentId);
    // Ended by the patient or a person: no more check-ins. Ended only because its last check-in
    // was counted missed ("completed") and that check-in is now answered late with fever: the
    // check-in promised the patient more days (followup.closing `continues`), so it reopens.
    if (!e || (e.state === 'ended' && e.endReason !== 'completed')) return;
    const { needed, room } = feverExtension(localDay(reading.at, e.timeZone), localDay(e.endsAt, e.timeZone), (await store.followups.checkins(e.id)).length, config);
    if (needed === 0) return;
    if (room === 0) {
      if (await this.addEscalationTask(e, c.id)) this.deps.log.info({ conversation: e.conversationId, enrolment: e.id }, 'follow-up: fever at its longest: see this patient');
      return;
    }
    const days = Math.min(needed, room);
    if (e.state === 'ended') {
      // Not if the conversation has since started another follow-up: a person decides instead.
      const other = await store.followups.currentFor(e.conversationId);
      if ((other && other.id !== e.id) || !(await this.reopen(e.id, days))) {
        if (await this.addEscalationTask(e, c.id)) this.deps.log.info({ conversation: e.conversationId, enrolment: e.id }, 'follow-up: fever after the end: see this patient');
        return;
      }
      this.deps.log.info({ conversation: e.conversationId, enrolment: e.id, days }, 'follow-up: reopened for a fever answered late');
      return;
    }
    if (await this.extend(e.id, days)) this.deps.log.info({ conversation: e.conversationId, enrolment: e.id, days }, 'follow-up: extended for fever');
  }

  /** A completed enrolment made active again with `days` more check-ins (a fever in its last check-in, answered late). */
  private async reopen(enrolmentId: string, days: number): Promise<boolean> {
    return this.change(enrolmentId, async (e) => {
      if (e.state !== 'ended' || e.endReason !== 'completed') return null;
      const at = this.deps.now();
      const times = dailyTimes(Math.max(e.endsAt, at), e.timeZone, this.deps.config.slots[e.slot], days);
      if (times.length === 0) return null;
      await this.deps.store.followups.addCheckins(times.map((dueAt) => this.newCheckin(e, dueAt, at)));
      return { ...e, state: 'active', endReason: null, endsAt: times.at(-1)! };
    });
  }

  /** A "see this patient" task, unless one for this enrolment is still open: a person has yet to look, and a second says nothing more. */
  private async addEscalationTask(e: Enrolment, causeId: string): Promise<boolean> {
    if ((await this.deps.store.followups.tasks({ open: true, enrolmentId: e.id })).some((t) => t.kind === 'escalation')) return false;
    return this.addTask(e, 'escalation', causeId);
  }

  private async addTask(e: Enrolment, kind: 'call_patient' | 'escalation', causeId: string): Promise<boolean> {
    return this.deps.store.followups.addTask({
      id: this.deps.newId(), enrolmentId: e.id, conversationId: e.conversationId, kind, causeId, createdAt: this.deps.now(), doneAt: null, doneBy: null,
    });
  }

  /**
   * Count the miss (1), reset on an answer (0), or leave the count (null: a check-in that lapsed
   * unsent is not the patient's miss), and end the enrolment after its last check-in.
   */
  private async afterSettled(enrolmentId: string, missed: 0 | 1 | null): Promise<Enrolment | undefined> {
    let result: Enrolment | undefined;
    await this.change(enrolmentId, async (e) => {
      const left = (await this.deps.store.followups.checkins(e.id)).some((x) => x.state === 'scheduled' || x.state === 'running' || x.state === 'sent');
      result = {
        ...e,
        missedInARow: missed === null ? e.missedInARow : missed ? e.missedInARow + 1 : 0,
        ...(left || e.state === 'ended' ? {} : { state: 'ended' as const, endReason: 'completed' }),
      };
      return result;
    });
    return result;
  }

  /**
   * The patient's turn that just committed recorded a check-in's reading (`followup.reading`,
   * Router.onCommitted): a worsening opens its ticket now, not at the runner's next tick; an
   * answer to a check-in already counted as missed is stored now (the runner only settles sent ones).
   */
  async answered(conversationId: string, value: unknown): Promise<void> {
    const r = value as (FollowupReading & { checkin?: unknown; enrolment?: unknown }) | null | undefined;
    if (!r || typeof r !== 'object' || typeof r.checkin !== 'string') return;
    const { checkin, enrolment, ...reading } = r;
    const c = await this.findCheckin(conversationId, checkin, enrolment);
    if (c?.state === 'missed') await this.lateAnswer(c, reading);
    if (worse(reading)) await this.escalate(conversationId, checkin, reading);
  }

  /**
   * The patient's turn left the check-in for the emergency advice (a danger sign typed at one of
   * its questions, or "ambulance"): the check-in is answered with what they had said so far, at
   * the emergency level — not counted as missed with its oxygen reading lost. The turn itself
   * opened (or raised) the emergency ticket (src/handoff/turn-hooks.ts).
   */
  async cutShort(conversationId: string, assessed: { level: string; reasons: string[] } | null): Promise<void> {
    const conversation = await this.deps.store.conversations.get(conversationId);
    if (!conversation) return;
    const checkin = getPath(conversation.session, CHECKIN_VAR);
    if (typeof checkin !== 'string' || readingFor(conversation, checkin)) return;
    const c = await this.findCheckin(conversationId, checkin, getPath(conversation.session, ENROLMENT_VAR));
    if (!c || (c.state !== 'sent' && c.state !== 'missed')) return;
    const reading = readingSoFar(conversation, this.deps.now(), assessed);
    if (c.state === 'missed') {
      await this.lateAnswer(c, reading);
    } else if (await this.deps.store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'answered', at: this.deps.now(), reading })) {
      await this.afterAnswer(c, reading);
    }
    this.deps.log.warn({ conversation: conversationId, checkin: c.id }, 'follow-up: check-in cut short by an emergency');
  }

  /** A check-in by id: in the enrolment the session names, else the conversation's current one. */
  private async findCheckin(conversationId: string, checkinId: string, enrolmentId: unknown): Promise<Checkin | undefined> {
    const { store } = this.deps;
    const e = typeof enrolmentId === 'string' ? await store.followups.getEnrolment(enrolmentId) : await store.followups.currentFor(conversationId);
    if (!e || e.conversationId !== conversationId) return undefined;
    return (await store.followups.checkins(e.id)).find((x) => x.id === checkinId);
  }

  /**
   * A high-priority ticket for the doctors' queue of the patient's region (or raise the open one),
   * once per check-in: the system turn's dedupe key is the check-in id.
   */
  private async escalate(conversationId: string, checkinId: string, reading: FollowupReading): Promise<void> {
    const now = this.deps.now();
    const open = await this.deps.store.tickets.openFor(conversationId);
    const priority = priorityOfLevel(reading.level);
    // A doctor's reading while a ticket is open: the patient is already in a queue, and raising the
    // ticket would flag it as an emergency (the store's escalate does). A ticket a check-in opened
    // (this reading's, `answered` having come first and this being the runner's settle making sure,
    // or an earlier day's still waiting: a fever over 3 days is a doctor's every day) stands: the
    // doctors have the patient already, and the chat shows today's answers. A ticket the patient
    // opened themselves: the follow-up screen gets a "see this patient" task instead, one open at a
    // time (not one for every day the reading stays at the doctor's level).
    if (open && priority < priorityOfLevel('hospital')) {
      if (open.triage?.answers.followup !== undefined) return;
      const c = await this.findCheckin(conversationId, checkinId, undefined);
      const e = c ? await this.deps.store.followups.getEnrolment(c.enrolmentId) : undefined;
      if (e && (await this.addEscalationTask(e, checkinId))) this.deps.log.info({ conversation: conversationId, checkin: checkinId, level: reading.level }, 'follow-up: worsened, ticket already open: task');
      return;
    }
    const ticketId = this.deps.newId();
    const effects = (conv: Conversation): { tickets: TicketEffect[]; vars?: Record<string, unknown> } => {
      if (open) return { tickets: [{ kind: 'escalate', ticketId: open.id, priority, at: now }] };
      const ticket: Ticket = {
        id: ticketId, conversationId: conv.id, channel: conv.channel, queue: this.doctorQueue(conv), language: conv.session.lang ?? 'en',
        priority, reason: 'emergency', emergency: reading.level === 'emergency',
        triage: { level: reading.level, reasons: reading.reasons, answers: { followup: reading }, at: reading.at },
        state: 'waiting', assigneeId: null, createdAt: now, assignedAt: null, firstAssignedAt: null, closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: now,
      };
      // Noted in the session as the hand-off notes its own tickets (src/handoff/session-vars.ts), so an operator who takes it gets the chat.
      return { tickets: [{ kind: 'open', ticket }], vars: { 'handoff.ticket': ticket.id, 'handoff.state': 'open', 'handoff.queue': ticket.queue } };
    };
    const outcome = await this.deps.router.startFlow(conversationId, { id: `escalation:${checkinId}`, kind: 'followup_escalation', tickets: effects });
    if (outcome.status === 'handled') this.deps.log.warn({ conversation: conversationId, checkin: checkinId, level: reading.level }, 'follow-up: worsened, ticket opened');
  }

  /** The doctors' queue of the patient's region, chosen or given by a shared location, as the hand-off picks it. */
  private doctorQueue(conv: Conversation): string {
    return queueFor(this.deps.handoff, 'doctor', regionOf(conv.session, this.deps.now())).id;
  }

  private timeZoneOf(conversation: Conversation): string {
    const region = regionOf(conversation.session, this.deps.now());
    return (region !== null ? this.deps.config.timeZones[region] : undefined) ?? this.deps.config.defaultTimeZone;
  }

  private newCheckin(e: Enrolment, dueAt: number, at: number): Checkin {
    return { id: this.deps.newId(), enrolmentId: e.id, conversationId: e.conversationId, dueAt, state: 'scheduled', version: 0, claimedAt: null, reading: null, updatedAt: at };
  }

  /** Read, change, write on the version read; retried when another writer came first. */
  private async change(id: string, f: (e: Enrolment) => Promise<Enrolment | null>): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const e = await this.deps.store.followups.getEnrolment(id);
      if (!e) return false;
      const next = await f(e);
      if (!next) return false;
      if (await this.deps.store.followups.updateEnrolment({ ...next, updatedAt: this.deps.now() }, e.version)) return true;
    }
    throw new Error(`follow-up enrolment ${id}: update kept conflicting with other writers`);
  }
}

function readingFor(conversation: Conversation, checkinId: string): FollowupReading | null {
  const r = getPath(conversation.session, READING_VAR) as (FollowupReading & { checkin?: string; enrolment?: unknown }) | null | undefined;
  if (!r || typeof r !== 'object' || r.checkin !== checkinId) return null;
  const { checkin: _checkin, enrolment: _enrolment, ...reading } = r;
  return reading;
}

/**
 * The answers of a check-in left for the emergency advice, as a reading: the oxygen and
 * temperature given so far, the symptoms read (with the danger signs the emergency recorded),
 * at the emergency level (the rules' reasons when danger signs were named; none for the word
 * "ambulance" alone).
 */
function readingSoFar(conversation: Conversation, at: number, assessed: { level: string; reasons: string[] } | null): FollowupReading {
  const { spo2, temperature, symptoms, feeling } = checkinAnswers(conversation.session, assessed ? getPath(conversation.session, 'triage.answers.symptoms') : undefined);
  return { at, spo2, temperature, symptoms, feeling, level: assessed?.level ?? 'emergency', reasons: assessed?.reasons ?? [] };
}

/**
 * The fever the symptom check knew when the patient said yes to this enrolment (`followup.request`,
 * actions.ts): only that request's (made within the hour of the enrolment) and only a check of the
 * day before at most — an operator who enrols a patient weeks after their check learns nothing from it.
 */
function feverAtEnrolment(conversation: Conversation, enrolment: Enrolment): FeverBaseline | null {
  const r = getPath(conversation.session, REQUEST_VAR) as { at?: unknown; fever?: { days?: unknown; at?: unknown } } | null | undefined;
  if (!r || typeof r.at !== 'number' || Math.abs(r.at - enrolment.createdAt) > HOUR) return null;
  const f = r.fever;
  if (!f || typeof f.days !== 'number' || typeof f.at !== 'number' || enrolment.createdAt - f.at > 24 * HOUR) return null;
  return { day: localDay(f.at, enrolment.timeZone), days: f.days };
}
