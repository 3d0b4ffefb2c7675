/**
 * The hand-off's part of every turn (the router's TurnHooks), in the mailroom's way:
 * one handler per event type, gathering ticket writes that the router commits in
 * the turn's own transaction.
 *
 * - relay: while a person has the chat (the session says a ticket is open, and the
 *   ticket is assigned), a message is stored for them and no flow runs — except the
 *   stop, cancel and emergency words (and red flags), which the bot always answers, and
 *   self-harm done or under way ("I took 30 sleeping pills": `isSelfHarmAct`), which gets the
 *   ambulance number at once as a danger sign does (flows/crisis.yaml), and the ticket flagged as
 *   a crisis for the person; a wish without an act still goes only to the person;
 * - `handoff_requested` → open a ticket (id noted in `handoff.ticket`), with the reason `bot_error`
 *   rather than `not_understood` when the turn failed on our side (`requestReason`);
 * - `triage_assessed` at the emergency level, and the emergency word → escalate the open
 *   ticket, or open a flagged one: an emergency is followed up by a person; an urgent
 *   `handoff_requested` (a crisis) with a ticket open escalates it to a crisis one;
 * - `handoff_cancelled`, and the stop word → the ticket is closed as cancelled by the patient;
 * - `handoff_rated` → the rating.
 */
import { CRISIS_COMMAND } from '../crisis/interpreter';
import { shippedCrisisDetector } from '../crisis/shipped-detector';
import { textOf } from '../engine/input';
import type { Interpreter } from '../engine/services';
import type { TurnHooks } from '../router/router';
import type { Conversation, Ticket, TicketEffect } from '../storage/repositories';
import { EMERGENCY_PRIORITY, emergencyQueueFor, freshTriage, regionOf } from './routing';
import type { HandoffService } from './service';
import { HANDOFF, handoffVars, openTicketId } from './session-vars';

/**
 * The words that always reach the bot, even while a person has the chat. "cancel" among them:
 * the patient was told to write it to leave, and relayed silently it did nothing (actions.ts
 * `handoff.cancel` ends the chat with the person and tells the patient).
 */
const ALWAYS_ANSWERED = new Set(['stop', 'emergency', 'cancel']);

/**
 * The escalate effect. A crisis's also names the reason the ticket takes, `crisis`: a patient already
 * waiting (for a doctor, or flagged for a medical emergency) who writes of suicide or self-harm
 * is shown to the operator as a crisis, as a new crisis ticket is (actions.ts `reasonOf`).
 */
function escalation(ticketId: string, at: number, crisis: boolean): TicketEffect {
  const effect: TicketEffect = { kind: 'escalate', ticketId, priority: EMERGENCY_PRIORITY, at };
  if (crisis) effect.reason = 'crisis';
  return effect;
}

/**
 * The reason a requested ticket is opened with. The fallback flow (flows/handoff_fallback.yaml)
 * follows unclear answers and a turn that failed on our side alike, and `handoff.request` cannot
 * tell them apart (an action sees the session, not the turn's events), so its second time asks
 * for a person as `not_understood`. The turn's events can: a `failure` before the request means
 * the turn that handed the patient over broke on our side, and the console told the person
 * "The bot could not understand" of a patient who wrote nothing unclear.
 */
function requestReason(reason: Ticket['reason'], turnFailed: boolean): Ticket['reason'] {
  return reason === 'not_understood' && turnFailed ? 'bot_error' : reason;
}

/**
 * `isSelfHarmAct`: whether a crisis message tells of self-harm done or under way (src/crisis/detector.ts
 * `act`); the detector on the shipped locales unless one is given.
 */
export function handoffTurnHooks(deps: {
  handoff: HandoffService;
  interpret: Pick<Interpreter, 'command'>;
  newId: () => string;
  defaultLanguage: Ticket['language'];
  isSelfHarmAct?: (text: string) => boolean;
}): TurnHooks {
  const { handoff, interpret, newId } = deps;
  const isSelfHarmAct = deps.isSelfHarmAct ?? ((text: string) => shippedCrisisDetector().act(text));

  return {
    // Neither hook is an async function: with no ticket open (almost every message) `relays`
    // answers at once, and `effects` never waits, so the router's turn does not wait for them.
    relays(conversation, content) {
      const id = openTicketId(conversation.session);
      if (!id) return false;
      const text = textOf(content);
      const command = text === null ? null : interpret.command(text);
      if (command !== null && ALWAYS_ANSWERED.has(command)) return false;
      // An overdose told to the person alone waited for them to read it: the ambulance comes at once,
      // and the person is alerted (flows/crisis.yaml). Only the act: a wish is theirs to answer.
      if (command === CRISIS_COMMAND && text !== null && isSelfHarmAct(text)) return false;
      return handoff.store.tickets.get(id).then((ticket) => ticket?.state === 'assigned');
    },

    effects({ conversation, session, events, at }) {
      const tickets: TicketEffect[] = [];
      let next = session;
      let open = openTicketId(conversation.session);
      let emergencyNoted = false;
      let turnFailed = false;
      const note = (vars: Record<string, unknown>) => {
        next = { ...next, vars: { ...next.vars, [HANDOFF]: { ...handoffVars(next), ...vars } } };
      };
      const openTicket = (e: { queue: string; reason: Ticket['reason']; priority: number; emergency: boolean }) => {
        const ticket: Ticket = {
          id: newId(),
          conversationId: conversation.id,
          channel: conversation.channel,
          queue: e.queue,
          language: next.lang ?? conversation.session.lang ?? deps.defaultLanguage,
          priority: e.priority,
          reason: e.reason,
          emergency: e.emergency,
          triage: freshTriage(next, at, handoff.config.triageFreshHours),
          state: 'waiting',
          assigneeId: null,
          createdAt: at,
          assignedAt: null,
          firstAssignedAt: null,
          closedAt: null,
          closedBy: null,
          outcome: null,
          rating: null,
          updatedAt: at,
        };
        tickets.push({ kind: 'open', ticket });
        open = ticket.id;
        emergencyNoted = e.emergency;
        note({ ticket: ticket.id, state: 'open', queue: e.queue });
      };
      // A crisis (the patient wrote of suicide or self-harm) escalates the open ticket even when
      // it is flagged already: it becomes a crisis one.
      const emergency = (crisis = false) => {
        if (emergencyNoted && !crisis) return;
        emergencyNoted = true;
        if (open) tickets.push(escalation(open, at, crisis));
        else openTicket({ queue: emergencyQueueFor(handoff.config, 'doctor', regionOf(next, at), at).id, reason: 'emergency', priority: EMERGENCY_PRIORITY, emergency: true });
      };

      for (const e of events) {
        if (e.type === 'failure') {
          turnFailed = true;
        } else if (e.type === 'handoff_requested') {
          if (!open) openTicket({ ...e, reason: requestReason(e.reason, turnFailed) });
          else if (e.emergency) emergency(e.reason === 'crisis');
        } else if ((e.type === 'triage_assessed' && e.level === 'emergency') || (e.type === 'command_received' && e.command === 'emergency')) {
          emergency();
        } else if (e.type === 'handoff_cancelled' || (e.type === 'command_received' && e.command === 'stop')) {
          const id = e.type === 'handoff_cancelled' ? e.ticket : open;
          if (!id) continue;
          tickets.push({ kind: 'cancel', ticketId: id, at });
          if (id === open) open = undefined;
          note({ state: 'closed' });
        } else if (e.type === 'handoff_rated') {
          tickets.push({ kind: 'rate', ticketId: e.ticket, rating: e.rating, at });
        }
      }
      return { session: next, tickets };
    },

    committed({ conversation, tickets }) {
      for (const t of tickets) handoff.hub.publish({ ticketId: ticketIdOf(t), what: t.kind === 'open' ? 'opened' : 'changed' });
      // The patient wrote while a ticket was open (to the person, or while waiting): whoever has it on screen refreshes.
      // Looked for among the turn's few effects, not in a set made for it on every message.
      const id = openTicketId(conversation.session);
      if (id && !tickets.some((t) => ticketIdOf(t) === id)) handoff.hub.publish({ ticketId: id, what: 'message' });
    },
  };
}

/** The ticket an effect writes. */
function ticketIdOf(effect: TicketEffect): string {
  return effect.kind === 'open' ? effect.ticket.id : effect.ticketId;
}
