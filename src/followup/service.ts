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
 * patient" task; a reading that assesses to hospital or emergency opens a high-priority
 * ticket (the patient is already on the emergency or bed path: the flow goes there at once)
 * as soon as the answering turn commits (`answered`, from Router.onCommitted), and the
 * runner's settle makes sure of it: both run the one system turn `escalation:<check-in id>`,
 * which commits once, so there is never a second ticket.
 */
import type { FollowupConfig } from './config';
import type { HandoffConfig } from '../handoff/config';
import { safeErrorText, type Logger } from '../log';
import type { Router } from '../router/router';
import { eachByEnrolment } from './each-by-enrolment';
import type { Checkin, CheckinSlot, Conversation, Enrolment, FollowupReading, Store, Ticket, TicketEffect } from '../storage/repositories';
import { getPath } from '../engine/paths';
import { dailyTimes, withinWakingHours } from './schedule';

export const CHECKIN_FLOW = 'followup_checkin';
/** Session paths the flows write and the service reads. */
export const CHECKIN_VAR = 'followup.checkin';
export const READING_VAR = 'followup.reading';
export const REQUEST_VAR = 'followup.request';
export const STOP_VAR = 'followup.stopped_at';
/**
 * A patient whose conversation has had no turn for this long is not "in the middle of" a flow
 * any more: they walked away from it (most end a symptom check at its last question), and
 * the check-in replaces it as it always did.
 */
const ABANDONED_FLOW_MS = 30 * 60_000;

/** Triage level → ticket priority (0..4), as the hand-off tickets use it. */
const PRIORITY: Record<string, number> = { emergency: 4, hospital: 3 };

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

  async stopFor(conversationId: string): Promise<boolean> {
    const e = await this.deps.store.followups.currentFor(conversationId);
    return e ? this.end(e.id, 'stopped') : false;
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
    await this.send({ ...c, version: c.version + 1 }, now);
    return true;
  }

  /**
   * In the middle of something, with a turn in the last ABANDONED_FLOW_MS: waiting for a person
   * (a ticket not yet taken), or any flow on the stack but the home flow idle at its question. A
   * check-in flow left unanswered (an earlier, missed check-in) does not count: the new one replaces
   * it. A ticket left waiting longer (e.g. the one a worse reading opened) does not stop the check-ins.
   */
  private busy(conversation: Conversation, waitingTicket: boolean, now: number): boolean {
    if (now - conversation.updatedAt >= ABANDONED_FLOW_MS) return false;
    if (waitingTicket) return true;
    const home = this.deps.homeFlow;
    const stack = conversation.session.stack.filter((f) => f.flow !== CHECKIN_FLOW);
    if (stack.length === 0) return false;
    return !(stack.length === 1 && stack[0]!.flow === home && stack[0]!.waiting !== undefined);
  }

  private claim(c: Checkin, from: 'scheduled' | 'running', now: number): Promise<boolean> {
    return this.deps.store.followups.transition({ id: c.id, from, expectedVersion: c.version, to: 'running', at: now, claimedAt: now });
  }

  private async send(c: Checkin, now: number): Promise<void> {
    await this.deps.router.startFlow(c.conversationId, { id: c.id, kind: 'followup_checkin', flowId: CHECKIN_FLOW, vars: { [CHECKIN_VAR]: c.id } });
    await this.deps.store.followups.transition({ id: c.id, from: 'running', expectedVersion: c.version, to: 'sent', at: now });
    this.deps.log.info({ conversation: c.conversationId, checkin: c.id }, 'follow-up check-in sent');
  }

  /** A sent check-in: answered (a reading for it is in the session), missed, or still waiting. */
  private async settle(c: Checkin, now: number): Promise<'answered' | 'missed' | null> {
    const { store, config } = this.deps;
    const conversation = await store.conversations.get(c.conversationId);
    const reading = conversation ? readingFor(conversation, c.id) : null;
    if (reading) {
      if (!(await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'answered', at: now, reading }))) return null;
      await this.afterSettled(c.enrolmentId, 0);
      if (reading.level in PRIORITY && conversation) await this.escalate(conversation.id, c.id, reading);
      return 'answered';
    }
    if (now < (c.claimedAt ?? c.dueAt) + config.missedAfterMs) return null;
    // Ended (the patient said stop, an operator ended it): no one is waiting for this answer, and no one is to call.
    const enrolment = await store.followups.getEnrolment(c.enrolmentId);
    if (!enrolment || (enrolment.state !== 'active' && enrolment.state !== 'paused')) {
      await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'cancelled', at: now });
      return null;
    }
    if (!(await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: c.version, to: 'missed', at: now }))) return null;
    const e = await this.afterSettled(c.enrolmentId, 1);
    // One task per run of misses: made by the miss that reaches the count, not by every one after it.
    if (e && e.missedInARow === config.missedInARowForCall) {
      await store.followups.addTask({
        id: this.deps.newId(), enrolmentId: e.id, conversationId: e.conversationId, kind: 'call_patient', causeId: c.id, createdAt: now, doneAt: null, doneBy: null,
      });
      this.deps.log.info({ conversation: e.conversationId, enrolment: e.id, missed: e.missedInARow }, 'follow-up: call this patient');
    }
    return 'missed';
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
   * Router.onCommitted): a worsening opens its ticket now, not at the runner's next tick.
   */
  async answered(conversationId: string, value: unknown): Promise<void> {
    const r = value as (FollowupReading & { checkin?: unknown }) | null | undefined;
    if (!r || typeof r !== 'object' || typeof r.checkin !== 'string' || !(r.level in PRIORITY)) return;
    const { checkin, ...reading } = r;
    await this.escalate(conversationId, checkin, reading);
  }

  /**
   * A high-priority ticket for the doctors' queue of the patient's region (or raise the open one),
   * once per check-in: the system turn's dedupe key is the check-in id.
   */
  private async escalate(conversationId: string, checkinId: string, reading: FollowupReading): Promise<void> {
    const now = this.deps.now();
    const open = await this.deps.store.tickets.openFor(conversationId);
    const priority = PRIORITY[reading.level] ?? 3;
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

  private doctorQueue(conv: Conversation): string {
    const region = getPath(conv.session, 'profile.region');
    const doctors = this.deps.handoff.queues.filter((q) => q.kind === 'doctor');
    const q = doctors.find((x) => typeof region === 'string' && x.regions.includes(region)) ?? doctors.find((x) => x.regions.length === 0) ?? doctors[0];
    return q?.id ?? 'general';
  }

  private timeZoneOf(conversation: Conversation): string {
    const region = getPath(conversation.session, 'profile.region');
    return (typeof region === 'string' ? this.deps.config.timeZones[region] : undefined) ?? this.deps.config.defaultTimeZone;
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
  const r = getPath(conversation.session, READING_VAR) as (FollowupReading & { checkin?: string }) | null | undefined;
  if (!r || typeof r !== 'object' || r.checkin !== checkinId) return null;
  const { checkin: _checkin, ...reading } = r;
  return reading;
}
