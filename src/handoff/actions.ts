/**
 * The actions the hand-off flows (flows/handoff*.yaml) may name with `do:`. Like every
 * action they only change the session and emit events: the ticket itself is opened,
 * cancelled or rated by the router in the turn's commit (turn-hooks.ts). They read
 * where a patient stands in the queue through the HandoffService, as the bed search
 * reads hospitals.
 *
 * - `handoff.ask_for` (with: { kind }): the next run of the hand-off flow asks for this kind of
 *   person (`counsellor`: flows/handoff_counsellor.yaml) rather than a doctor.
 * - `handoff.begin`: the first state of flows/handoff.yaml: which kind of person this run asks
 *   for (`handoff.kind`: the one `handoff.ask_for` just named, else a doctor: every other way
 *   in — the doctor word, the menu, the symptom check's offer — asks for one), and whether the
 *   request is urgent (`handoff.urgent`: the patient wrote of suicide or self-harm lately).
 * - `handoff.request` (with: { kind }): choose the queue and priority, emit `handoff_requested`,
 *   and say what happens next: urgent, desk open, or desk closed (when it opens, on the patient's
 *   own clock when their region is known, else the desk's, in the patient's language, and
 *   the numbers to call meanwhile: their region's, or every country's when it is not known;
 *   for a counsellor, or an urgent request, the counselling lines that never close).
 *   A patient already in the queue is told where they stand instead, and their ticket is
 *   flagged as an emergency, and takes the reason `crisis`, when the request is urgent. An urgent
 *   request's ticket has the reason `crisis` (the console shows a person at risk of self-harm, for
 *   a counsellor), not `emergency`.
 * - `handoff.resume`: the emergency flow goes back to the hand-off for a ticket that is already
 *   open (a person released the patient while the emergency's "stays with you" waited): the
 *   hand-off then tells where they stand (`handoff.begin` sets `handoff.resumed`), rather than
 *   answer a request the patient never made with "You are already in the queue".
 * - `handoff.emergency_desk`: after the emergency advice, with no person in the chat: when the
 *   desk the emergency's ticket waits for is closed, says so plainly — nobody can answer before
 *   the time it opens, and to call the ambulance now (`handoff.closed_now`).
 * - `handoff.crisis_alert`: the patient told of self-harm done or under way (flows/crisis.yaml,
 *   `crisis.act`): a person must know now, not once the patient answers the counsellor offer (one
 *   who passes out after an overdose never answers). As a danger sign does: with no ticket open, a
 *   flagged one at once, on the emergency desk (never held behind working hours), with the reason
 *   `crisis` (the console's 🆘 Crisis), and the patient told a person has been (or, every desk
 *   closed, what the emergency advice says then: nobody until it opens, call the ambulance now);
 *   with a person in the chat, their ticket flagged as a crisis (the flow then says they stay with
 *   the patient). A ticket only waiting is raised by the crisis reply's own request, later in the turn.
 * - `handoff.waiting`: the patient wrote while waiting: refresh place, wait and hours, and
 *   whether to tell them in full (`handoff.tell: full`) or only that it was passed on (`brief`).
 * - `handoff.confirm_end`: "cancel" while a person has the chat: whether it is the second one
 *   within END_CONFIRM_MINUTES (`handoff.end_confirmed`), which ends the chat; the first only asks.
 * - `handoff.cancel`: the patient left the queue, or ended the chat with the person who had it
 *   (`handoff.left_person`; emits `handoff_cancelled`).
 * - `handoff.count_fallback`: the bot fell back ("not understood"); the second time
 *   within `fallback_window_minutes` sends the patient to a person (general queue).
 * - `handoff.end`: a person closed the chat; the bot has it back.
 * - `handoff.person_in_chat`: whether a person of ours has the chat now (the open ticket is
 *   assigned), as `handoff.person`: `doctor` (an account with the doctor role), `operator`
 *   (anyone else), or `none`. The emergency advice asks "what next?" only when it is `none`
 *   (flows/emergency.yaml).
 * - `handoff.rate` (with: { rating }): the answer to "was this helpful?" (emits `handoff_rated`).
 */
import type { HandoffRequested } from '../engine/events';
import type { Language, MessageRef } from '../engine/flow';
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action, ActionContext } from '../engine/services';
import { counsellingLines, hasCounsellingLine } from '../helplines/counselling-lines';
import type { HelplineDirectory } from '../helplines/directory';
import { everyCountrysNumbers, numberLine } from '../triage/emergency-advice';
import type { TriageConfig } from '../triage/triage-config';
import type { QueueConfig, QueueKind } from './config';
import { EMERGENCY_PRIORITY, emergencyQueueFor, freshTriage, isUrgent, priorityOf, queueFor, regionOf } from './routing';
import type { HandoffService } from './service';
import { handoffVars, openTicketId } from './session-vars';
import { isOpen, nextOpening, openingWhen } from './working-hours';

const KINDS: readonly QueueKind[] = ['doctor', 'counsellor', 'general'];

/** Where the patient is, for what the closed desk says: their clock and the numbers to call. */
export interface PatientPlaces {
  /** profile.region → IANA time zone (config/followup.yaml `time_zones`). */
  timeZones: Readonly<Record<string, string>>;
  /** The countries whose numbers are listed when the region is not known (config/triage.yaml). */
  unknownRegions: TriageConfig['emergencyRegionsWhenUnknown'];
}

export function handoffActions(handoff: HandoffService, helplines: HelplineDirectory, places: PatientPlaces): Array<[string, Action]> {
  return [
    ['handoff.ask_for', withArgs(z.object({ kind: z.enum(KINDS) }), askForAction())],
    ['handoff.begin', beginAction(handoff)],
    ['handoff.resume', (ctx) => ctx.set('handoff.resume', true)],
    ['handoff.emergency_desk', emergencyDeskAction(handoff, helplines, places)],
    ['handoff.crisis_alert', crisisAlertAction(handoff, helplines, places)],
    ['handoff.request', withArgs(z.object({ kind: z.enum(KINDS).optional() }), requestAction(handoff, helplines, places))],
    ['handoff.waiting', waitingAction(handoff, helplines, places)],
    ['handoff.confirm_end', confirmEndAction()],
    ['handoff.cancel', cancelAction(handoff)],
    ['handoff.count_fallback', countFallbackAction(handoff)],
    ['handoff.end', (ctx) => ctx.set('handoff.state', 'closed')],
    ['handoff.person_in_chat', personInChatAction(handoff)],
    ['handoff.rate', withArgs(RATE_ARGS, rateAction())],
  ];
}

function langOf(ctx: ActionContext): Language {
  return ctx.session.lang ?? 'en';
}

function isKind(value: unknown): value is QueueKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/**
 * Noted for `handoff.begin`, which the flow this one goes to runs in the same turn. Kept apart
 * from `handoff.kind` so that it is taken once: a kind left in the session by a hand-off the
 * patient walked away from would send a later "talk to a doctor" to the counsellors.
 */
function askForAction(): Action {
  return (ctx) => ctx.set('handoff.next_kind', isKind(ctx.args.kind) ? ctx.args.kind : null);
}

function beginAction(handoff: HandoffService): Action {
  return (ctx) => {
    const next = handoffVars(ctx.session).next_kind;
    ctx.set('handoff.kind', isKind(next) ? next : 'doctor');
    if (next !== undefined && next !== null) ctx.set('handoff.next_kind', null);
    ctx.set('handoff.urgent', isUrgent(ctx.session, ctx.services.now(), handoff.config));
    // Sent back by the emergency flow (`handoff.resume`) with the ticket still open: where they stand, not a request.
    const resumed = handoffVars(ctx.session).resume === true;
    ctx.set('handoff.resumed', resumed && openTicketId(ctx.session) !== undefined);
    if (resumed) ctx.set('handoff.resume', false);
  };
}

function requestAction(handoff: HandoffService, helplines: HelplineDirectory, places: PatientPlaces): Action {
  return async (ctx) => {
    const now = ctx.services.now();
    const config = handoff.config;
    const vars = handoffVars(ctx.session);
    const current = openTicketId(ctx.session);
    // The patient wrote of suicide or self-harm lately: first in the queue, flagged for whoever is free.
    const urgent = isUrgent(ctx.session, now, config);
    ctx.set('handoff.with_person', false);
    if (current) {
      const status = await handoff.status(current, now);
      if (status.state === 'waiting') {
        ctx.set('handoff.emergency', false);
        const ticket = urgent ? await handoff.store.tickets.get(current) : undefined;
        // A ticket already flagged for a medical emergency becomes a crisis one too: the person who
        // takes it must see at once that the patient is at risk of self-harm (the console's 🆘 crisis).
        if (ticket && ticket.reason !== 'crisis') {
          // The router raises the open ticket (turn-hooks.ts): it stays in its queue, ahead of the
          // others, and keeps when it was opened (ahead of emergencies that came after it).
          const raised = { id: ticket.id, priority: Math.max(ticket.priority, EMERGENCY_PRIORITY), createdAt: ticket.createdAt };
          const { position, minutes } = await handoff.placeIn(raised, status.queue.id, now);
          ctx.emit({ type: 'handoff_requested', queue: status.queue.id, reason: 'crisis', priority: EMERGENCY_PRIORITY, emergency: true });
          recordStatus(ctx, position, minutes, status.open);
          ctx.emit({ type: 'msg_created', msg: { key: 'handoff.already_waiting_urgent' } });
          if (!status.open) ctx.emit({ type: 'msg_created', msg: closedNow(status.queue, now, ctx.session, helplines, places) });
          return;
        }
        recordStatus(ctx, status.position, status.minutes, status.open);
        ctx.emit({ type: 'msg_created', msg: { key: 'handoff.already_waiting' } });
        // The desk closed: when it opens, and to call for help meanwhile — "passed on when the desk
        // opens" alone left a patient in an emergency at night not knowing nobody would answer.
        if (!status.open) ctx.emit({ type: 'msg_created', msg: closedNow(status.queue, now, ctx.session, helplines, places) });
        return;
      }
      if (status.state === 'assigned') {
        // The router relays to the person in the chat; reaching this means the patient typed
        // the word in the instant before they joined: the flow says so (`handoff.with_person`),
        // with no place in a queue they are no longer in.
        ctx.set('handoff.emergency', false);
        ctx.set('handoff.with_person', true);
        return;
      }
    }

    const notUnderstood = vars.not_understood === true;
    const asked = isKind(ctx.args.kind) ? ctx.args.kind : 'doctor';
    const kind: QueueKind = notUnderstood ? 'general' : asked;
    if (notUnderstood) ctx.set('handoff.not_understood', false);
    const triage = freshTriage(ctx.session, now, config.triageFreshHours);
    const emergency = triage?.level === 'emergency';
    const flagged = emergency || urgent;
    const priority = flagged ? EMERGENCY_PRIORITY : priorityOf(triage);
    const region = regionOf(ctx.session, now);
    // A medical emergency is never held behind working hours: a closed desk's ticket goes to one
    // that is open. A crisis stays with the desk asked for (the counsellors): until it opens the
    // patient has the counselling lines, which never close, and is first in line when it does.
    const queue = emergency ? emergencyQueueFor(config, kind, region, now) : queueFor(config, kind, region);
    const open = isOpen(queue, now);
    const { position, minutes } = await handoff.preview(queue.id, priority, now);

    ctx.emit({ type: 'handoff_requested', queue: queue.id, reason: reasonOf(urgent, emergency, notUnderstood), priority, emergency: flagged });
    ctx.set('handoff.queue', queue.id);
    recordStatus(ctx, position, minutes, open);
    ctx.set('handoff.emergency', emergency);

    const name: MessageRef = { key: queue.name };
    if (emergency) {
      // Never held behind working hours: flagged for the first person free, advice at once (the flow goes on to it).
      // Every desk closed: not "the first doctor who is free" — nobody is; the emergency flow says when they open.
      ctx.emit({ type: 'msg_created', msg: { key: open ? 'handoff.requested_emergency' : 'handoff.requested_emergency_closed', params: { queue: name } } });
      return;
    }
    ctx.emit({ type: 'msg_created', msg: { key: requestedKey(kind, urgent, notUnderstood), params: { queue: name } } });
    if (!open) {
      ctx.emit({ type: 'msg_created', msg: outOfHours(queue, now, langOf(ctx), region === null ? undefined : places.timeZones[region]) });
      ctx.emit({
        type: 'msg_created',
        msg: kind === 'counsellor' || urgent ? meanwhileCounselling(helplines, ctx.session, now) : meanwhile(helplines, region, queue.helplineRegion, places.unknownRegions),
      });
    }
  };
}

/**
 * Why the ticket is opened, as the console shows it. A crisis first: whoever takes it must see at
 * once that the person is at risk of self-harm and is for a counsellor — an "emergency" reads as a
 * medical one, which the flag and the triage level already show when there is one too.
 */
function reasonOf(urgent: boolean, emergency: boolean, notUnderstood: boolean): HandoffRequested['reason'] {
  if (urgent) return 'crisis';
  if (emergency) return 'emergency';
  return notUnderstood ? 'not_understood' : 'asked';
}

/** What the patient is told their request became: urgent; for the bot not understanding; for a counsellor; for a doctor. */
function requestedKey(kind: QueueKind, urgent: boolean, notUnderstood: boolean): string {
  if (urgent) return 'handoff.requested_urgent';
  if (notUnderstood) return 'handoff.requested_not_understood';
  return kind === 'counsellor' ? 'handoff.requested_counsellor' : 'handoff.requested';
}

/**
 * What the waiting question will tell, noted in the session (`handoff.told` too: what was last
 * told in full, so that a later message gets only "passed on" while nothing changed).
 * `minutes` null: nobody online, no minutes promised (`handoff.staffed: false`).
 */
function recordStatus(ctx: ActionContext, position: number, minutes: number | null, open: boolean): void {
  ctx.set('handoff.position', position);
  ctx.set('handoff.minutes', minutes ?? 0);
  ctx.set('handoff.staffed', minutes !== null);
  ctx.set('handoff.desk_open', open);
  ctx.set('handoff.told', toldKey(position, minutes, open));
  ctx.set('handoff.quiet', 0);
}

function toldKey(position: number, minutes: number | null, open: boolean): string {
  return `${position}|${minutes ?? '-'}|${open ? 'open' : 'closed'}`;
}

/**
 * The place and wait as the waiting question says them (flows/handoff.yaml `waiting`), for the
 * notice of a release or transfer (desk.ts): minutes only when someone is online to keep them.
 */
export function waitingStatus(position: number, minutes: number | null): MessageRef {
  return minutes === null
    ? { key: 'handoff.ask.waiting_unstaffed', params: { position } }
    : { key: 'handoff.ask.waiting', params: { position, minutes } };
}

/**
 * "Nobody from our team can answer here right now: the desk opens tomorrow at 09:00 (India
 * time)… call an ambulance now:" and the numbers (the patient's region's, else every country's).
 * For a patient waiting while the desk is closed — an emergency at 00:52 was told only that
 * what they wrote would be "passed on when the desk opens".
 */
export function closedNow(queue: QueueConfig, now: number, session: Session, helplines: HelplineDirectory, places: PatientPlaces): MessageRef {
  const region = regionOf(session, now);
  const zone = region === null ? undefined : places.timeZones[region];
  const theirs = zone !== undefined && zone !== queue.timeZone;
  const when = openingWhen({ timeZone: theirs ? zone : queue.timeZone }, now, nextOpening(queue, now), session.lang ?? 'en');
  const lines = region === null ? undefined : helplines.regions[region];
  const numbers = lines ? [numberLine({ key: `region.${region}` }, lines)] : everyCountrysNumbers(helplines, places.unknownRegions);
  return { key: 'handoff.closed_now', params: { when, zone: { key: theirs ? 'handoff.zone.yours' : queue.zoneName }, numbers } };
}

/**
 * "Our desk is closed now. It opens today at 12:00 (your time)." Said on the patient's clock
 * when their zone is known: "tomorrow at 9:00 am (Riyadh time)" told a Bangladeshi patient at
 * 00:30 Sunday in Dhaka that the desk opened on Monday, when it opened at noon their Sunday.
 * A patient in the desk's own zone, or whose region is not known, is told the desk's clock by
 * its name ("India time", "Riyadh time").
 */
export function outOfHours(queue: QueueConfig, now: number, lang: Language, patientZone?: string): MessageRef {
  const theirs = patientZone !== undefined && patientZone !== queue.timeZone;
  const clock = { timeZone: theirs ? patientZone : queue.timeZone };
  return {
    key: 'handoff.out_of_hours',
    params: { when: openingWhen(clock, now, nextOpening(queue, now), lang), zone: { key: theirs ? 'handoff.zone.yours' : queue.zoneName } },
  };
}

/**
 * The numbers to call while the desk is closed: ambulance, emergency and the region's helplines.
 * When the region is not known, every country's ambulance and emergency numbers, as the
 * emergency advice gives them: the queue's own region (India for the default desk) told a
 * worker in Riyadh to dial 108. `fallbackRegion` (the queue's) serves only a region missing
 * from the directory.
 */
export function meanwhile(helplines: HelplineDirectory, region: string | null, fallbackRegion: string, unknownRegions: PatientPlaces['unknownRegions']): MessageRef {
  if (region === null) {
    const numbers = everyCountrysNumbers(helplines, unknownRegions);
    return numbers.length ? { key: 'handoff.meanwhile_every_country', params: { numbers } } : { key: 'handoff.meanwhile_unknown' };
  }
  const lines = helplines.regions[region] ?? helplines.regions[fallbackRegion];
  if (!lines) return { key: 'handoff.meanwhile_unknown' };
  return {
    key: 'handoff.meanwhile',
    params: {
      ambulance: lines.ambulance,
      // The emergency number heads the list, so that a region with no other lines (Kuwait, Oman)
      // ends with it, not with an empty line where they would be.
      lines: [
        { key: 'helplines.counselling.emergency', params: { emergency: lines.emergency } },
        ...lines.lines.map((l) => ({ key: 'helplines.line', params: { name: { key: l.name }, number: l.number } })),
      ],
    },
  };
}

/**
 * The numbers to call while the counsellors' desk is closed (or the desk an urgent request
 * waits for): a counselling line open day and night, and the emergency number, of where the
 * patient is (src/helplines/counselling-lines.ts).
 */
export function meanwhileCounselling(helplines: HelplineDirectory, session: Session, now: number): MessageRef {
  // "You can talk to someone at any hour" before an emergency number alone promised a person to
  // talk to that the number is not: where no counselling line is known, to call it if in danger.
  const key = hasCounsellingLine(helplines, session, now) ? 'handoff.meanwhile_counselling' : 'handoff.meanwhile_counselling_no_line';
  return { key, params: { numbers: counsellingLines(helplines, session, now) } };
}

/** While nothing changes, every FULL_EVERY-th message while waiting is answered in full; the others get "passed on". */
const FULL_EVERY = 4;

/**
 * The patient wrote while waiting. The full waiting text after every message read as the bot
 * repeating itself: it is told again only when something changed (place, wait, the desk opening
 * or closing, someone coming online) or every FULL_EVERY messages; otherwise a short "Passed
 * on. You are still number 2." (`handoff.tell: brief`). Told in full with the desk closed, when
 * it opens and the numbers to call come first (closedNow).
 */
function waitingAction(handoff: HandoffService, helplines: HelplineDirectory, places: PatientPlaces): Action {
  return async (ctx) => {
    const id = openTicketId(ctx.session);
    if (!id) return;
    const now = ctx.services.now();
    const status = await handoff.status(id, now);
    if (status.state === 'waiting') {
      const vars = handoffVars(ctx.session);
      const quiet = typeof vars.quiet === 'number' ? vars.quiet : 0;
      const same = vars.told === toldKey(status.position, status.minutes, status.open);
      if (same && quiet + 1 < FULL_EVERY) {
        ctx.set('handoff.position', status.position);
        ctx.set('handoff.quiet', quiet + 1);
        ctx.set('handoff.tell', 'brief');
        return;
      }
      recordStatus(ctx, status.position, status.minutes, status.open);
      ctx.set('handoff.tell', 'full');
      if (!status.open) ctx.emit({ type: 'msg_created', msg: closedNow(status.queue, now, ctx.session, helplines, places) });
    }
    // Closed meanwhile (a person closed it, or it was cancelled elsewhere): the flow leaves the queue.
    else if (status.state !== 'assigned') ctx.set('handoff.state', 'closed');
  };
}

/**
 * After the emergency advice, with nobody of ours in the chat: is anyone there to answer? The
 * emergency's ticket (opened in this turn's commit, so not in the session yet: the queue it will
 * take is worked out as turn-hooks.ts does) waits for a desk; when that desk is closed — every
 * desk that could take it is — the patient is told plainly that nobody can answer until it opens,
 * and to call the ambulance now. Open, nothing more is said: the first person free is alerted.
 */
function emergencyDeskAction(handoff: HandoffService, helplines: HelplineDirectory, places: PatientPlaces): Action {
  return async (ctx) => {
    const now = ctx.services.now();
    const id = openTicketId(ctx.session);
    const status = id === undefined ? undefined : await handoff.status(id, now);
    const queue = status?.state === 'waiting' ? status.queue : emergencyQueueFor(handoff.config, 'doctor', regionOf(ctx.session, now), now);
    const open = isOpen(queue, now);
    ctx.set('handoff.emergency_desk_open', open);
    if (!open) ctx.emit({ type: 'msg_created', msg: closedNow(queue, now, ctx.session, helplines, places) });
  };
}

function crisisAlertAction(handoff: HandoffService, helplines: HelplineDirectory, places: PatientPlaces): Action {
  return async (ctx) => {
    const now = ctx.services.now();
    const id = openTicketId(ctx.session);
    const ticket = id === undefined ? undefined : await handoff.store.tickets.get(id);
    const flagged = { reason: 'crisis', priority: EMERGENCY_PRIORITY, emergency: true } as const;
    if (ticket?.state === 'assigned') {
      // The router escalates the open ticket (turn-hooks.ts): it stays with the person, flagged.
      ctx.emit({ type: 'handoff_requested', queue: ticket.queue, ...flagged });
      return;
    }
    // Waiting: the crisis reply goes on to the counsellor request, which raises it and says so (`requestAction`).
    if (ticket?.state === 'waiting') return;
    const queue = emergencyQueueFor(handoff.config, 'doctor', regionOf(ctx.session, now), now);
    ctx.emit({ type: 'handoff_requested', queue: queue.id, ...flagged });
    ctx.emit({ type: 'msg_created', msg: isOpen(queue, now) ? { key: 'handoff.crisis_alerted' } : closedNow(queue, now, ctx.session, helplines, places) });
  };
}

function personInChatAction(handoff: HandoffService): Action {
  return async (ctx) => {
    const id = openTicketId(ctx.session);
    const ticket = id === undefined ? undefined : await handoff.store.tickets.get(id);
    if (ticket?.state !== 'assigned' || ticket.assigneeId === null) {
      ctx.set('handoff.person', 'none');
      return;
    }
    // An account gone from the store is still a person in the chat: "a person from our team".
    const account = await handoff.store.accounts.get(ticket.assigneeId);
    ctx.set('handoff.person', account?.roles.includes('doctor') ? 'doctor' : 'operator');
  };
}

/**
 * How long "write cancel again to end the chat" holds: a second "cancel" later than this is asked
 * about again, not taken as the answer to a question the patient has forgotten.
 */
const END_CONFIRM_MINUTES = 10;

/**
 * "cancel" while a person has the chat ends it only when confirmed: the word alone, sent to the
 * doctor ("cancel" — the appointment? the test?), ended the chat at once, and a patient who meant
 * something else lost the doctor. The confirmation cannot be a yes/no: while a person has the
 * chat every other message is theirs (turn-hooks.ts relays it), so the patient is asked to write
 * "cancel" again (flows/handoff_cancel.yaml), the one word that reaches the bot. This is that
 * second word when the first was asked about, for the same ticket, within END_CONFIRM_MINUTES.
 */
function confirmEndAction(): Action {
  return (ctx) => {
    const now = ctx.services.now();
    const ticket = openTicketId(ctx.session);
    const asked = handoffVars(ctx.session).end_asked;
    const at = asked?.at;
    const confirmed = ticket !== undefined && asked?.ticket === ticket && typeof at === 'number' && now >= at && now - at <= END_CONFIRM_MINUTES * 60_000;
    ctx.set('handoff.end_confirmed', confirmed);
    ctx.set('handoff.end_asked', confirmed || ticket === undefined ? null : { ticket, at: now });
  };
}

/**
 * "cancel" leaves the queue — and, once a person has the chat, ends the chat with them. The
 * patient was told to write "cancel" to leave; with a person in the chat the word was passed to
 * them silently and nothing happened, so a patient who wanted out (help came, the ambulance is
 * here) was left wondering. It now does what they were told it does, as the stop word already
 * did: the ticket is closed as the patient leaving (the person sees it close in the console,
 * after the patient's "cancel" in the transcript), and the patient is told
 * (`handoff.left_person`). turn-hooks.ts lets the word reach the bot. With a person in the chat,
 * only once confirmed (`handoff.confirm_end`).
 */
function cancelAction(handoff: HandoffService): Action {
  return async (ctx) => {
    const id = openTicketId(ctx.session);
    ctx.set('handoff.cancelled', id !== undefined);
    if (!id) return;
    const ticket = await handoff.store.tickets.get(id);
    ctx.set('handoff.left_person', ticket?.state === 'assigned');
    ctx.emit({ type: 'handoff_cancelled', ticket: id });
    ctx.set('handoff.state', 'closed');
  };
}

function countFallbackAction(handoff: HandoffService): Action {
  return (ctx) => {
    const now = ctx.services.now();
    const windowMs = handoff.config.fallbackWindowMinutes * 60_000;
    const before = handoffVars(ctx.session).fallbacks ?? [];
    const recent = [...before.filter((t) => typeof t === 'number' && now - t >= 0 && now - t <= windowMs), now].slice(-2);
    // Only someone who agreed to the service is handed to a person, and never twice at once.
    const consented = getPath(ctx.session, 'profile.consent') === true;
    const handOver = recent.length >= 2 && consented && openTicketId(ctx.session) === undefined;
    ctx.set('handoff.fallbacks', handOver ? [] : recent);
    ctx.set('handoff.not_understood', handOver);
  };
}

/** The saved answer is the choice's value, "1" to "5"; a number written into the flow is read the same. */
const RATE_ARGS = z.object({
  rating: z.union([z.number().int().min(1).max(5), z.enum(['1', '2', '3', '4', '5'])], { error: 'must be a rating from 1 to 5' }),
});

function rateAction(): Action {
  return (ctx) => {
    const ticket = handoffVars(ctx.session).ticket;
    const rating = Number(ctx.args.rating);
    if (typeof ticket !== 'string' || !Number.isInteger(rating) || rating < 1 || rating > 5) return;
    ctx.emit({ type: 'handoff_rated', ticket, rating });
  };
}
