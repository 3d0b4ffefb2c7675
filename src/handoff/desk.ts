/**
 * What operators and doctors do with a ticket (the console's routes call these):
 * claim it, reply, keep private notes, release or transfer it, and close it with
 * an outcome. Every write is one conditional store operation; what the patient
 * reads (who joined, a reply, back in the queue, the bot taking the chat back) is
 * stored with its outbox row in the same transaction, then delivered through the
 * patient's own channel.
 *
 * A doctor's words carry their name and registration number (India's Telemedicine
 * Practice Guidelines 2020): an account with the doctor role and no registration
 * number cannot take a chat.
 *
 * Errors are AppErrors for the HTTP layer: `not_found`, `bad_request`, and
 * `conflict` with `details.reason` — `taken` (with who has it), `not_yours`,
 * `registration_required`, `at_capacity`.
 */
import type { MessageRef } from '../engine/flow';
import { servesPatients } from '../console/roles';
import { AppError } from '../http/errors';
import { safeErrorText } from '../log';
import { renderEvents, renderRef } from '../router/render';
import type { Account, Conversation, StoredOutbound, Ticket, TicketOutcome } from '../storage/repositories';
import { outOfHours, waitingStatus } from './actions';
import type { HandoffService } from './service';

export const OPERATOR_OUTCOMES = ['advice_given', 'referred_to_hospital', 'ambulance_called', 'prescription_by_doctor', 'no_response'] as const;
export type OperatorOutcome = Exclude<TicketOutcome, 'cancelled_by_patient'>;

/** Longest reply or note, in characters (a chat message, not a letter). */
export const MAX_TEXT = 4000;

/** A close is computed again when a patient's turn committed in between; this many times at most. */
const MAX_CLOSE_ATTEMPTS = 5;

export function isDoctor(account: Pick<Account, 'roles'>): boolean {
  return account.roles.includes('doctor');
}

/**
 * "<who> has joined this chat": with 👩‍⚕️ only for an account with the doctor role. An operator
 * announced with a doctor's emoji was taken for a doctor (Telemedicine Practice Guidelines 2020:
 * the patient knows who they talk to), whatever the signature said.
 */
export function joinedNotice(account: Pick<Account, 'roles'>, who: MessageRef): MessageRef {
  return { key: isDoctor(account) ? 'handoff.joined' : 'handoff.joined_operator', params: { who } };
}

/** "Dr Asha Das (Reg. No. WBMC 61234)" or "Ravi Kumar, Sahay helpdesk", as a message to translate. */
export function signature(account: Pick<Account, 'displayName' | 'roles' | 'registration'>): MessageRef {
  if (isDoctor(account)) {
    if (!account.registration) throw new AppError('conflict', 'Add your medical registration number to your account (an admin can, under Accounts) before talking to patients.', { reason: 'registration_required' });
    return { key: 'handoff.signature.doctor', params: { name: account.displayName, registration: account.registration } };
  }
  return { key: 'handoff.signature.operator', params: { name: account.displayName } };
}

export class HandoffDesk {
  constructor(private readonly svc: HandoffService) {}

  private get rt() {
    return this.svc.runtime;
  }

  private async ticket(id: string): Promise<Ticket> {
    const ticket = await this.rt.store.tickets.get(id);
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    return ticket;
  }

  private async conversation(ticket: Ticket): Promise<Conversation> {
    const conversation = await this.rt.store.conversations.get(ticket.conversationId);
    if (!conversation) throw new AppError('not_found', 'The conversation of this ticket is gone.');
    return conversation;
  }

  /** Outbound text in the patient's language (the conversation's, else the ticket's). */
  private render(ref: MessageRef, conversation: Conversation, ticket: Ticket): StoredOutbound {
    const text = renderRef(ref, conversation.session.lang ?? ticket.language, this.rt.translate);
    return { id: this.svc.deps.newId(), text, createdAt: this.svc.deps.now() };
  }

  private async deliver(conversation: Conversation): Promise<void> {
    try {
      await this.rt.outbox.deliverTo(conversation.channel, conversation.userId);
    } catch (err) {
      // Stored is what matters: the outbox sweep tries again.
      this.svc.deps.log.warn({ conversation: conversation.id, err: safeErrorText(String((err as Error)?.message ?? err)) }, 'hand-off: delivery will be retried');
    }
  }

  private notYours(ticket: Ticket): never {
    throw new AppError('conflict', 'This patient is not with you (any more).', { reason: 'not_yours', state: ticket.state, assigneeId: ticket.assigneeId });
  }

  /** Take a waiting ticket. Of two operators at once, one wins; the other gets `conflict` / `taken` and who has it. */
  async claim(ticketId: string, operator: Account, opts: { maxAssigned?: number } = {}): Promise<Ticket> {
    const who = signature(operator);
    // Read again, not trusted from the request's sign-in or an auto-assignment pass: an account
    // disabled meanwhile has given back its chats (console/accounts.ts) and must not take more.
    await this.stillServing(operator.id);
    const ticket = await this.ticket(ticketId);
    const conversation = await this.conversation(ticket);
    const notice = this.render(joinedNotice(operator, who), conversation, ticket);
    const result = await this.rt.store.tickets.claim({
      ticketId, operatorId: operator.id, at: this.svc.deps.now(), notice, eventId: this.svc.deps.newId(),
      ...(opts.maxAssigned !== undefined ? { maxAssigned: opts.maxAssigned } : {}),
    });
    if (result.status === 'not_found') throw new AppError('not_found', 'No such ticket.');
    if (result.status === 'at_capacity') throw new AppError('conflict', 'You already have as many patients as you can take.', { reason: 'at_capacity' });
    if (result.status === 'taken') {
      // A closed ticket keeps the id of whoever had it last, but nobody has the chat: no name is
      // given, or the console would say "<name> took this patient first" (it names the holder
      // whenever `assigneeName` is set). `state: 'closed'` says why.
      const closed = result.ticket.state === 'closed';
      const holder = !closed && result.ticket.assigneeId ? await this.rt.store.accounts.get(result.ticket.assigneeId) : undefined;
      throw new AppError('conflict', closed ? 'This chat is closed.' : holder ? `${holder.displayName} took this patient first.` : 'This patient is no longer waiting.', {
        reason: 'taken', state: result.ticket.state, assigneeId: closed ? null : result.ticket.assigneeId, assigneeName: holder?.displayName ?? null,
      });
    }
    // Disabled between the check above and the claim? Its chats were listed for giving back before
    // this one was taken, so it is given back here: one side or the other always sees the other.
    try {
      await this.stillServing(operator.id);
    } catch (err) {
      await this.rt.store.tickets.move({ ticketId, operatorId: operator.id, at: this.svc.deps.now(), queue: result.ticket.queue, assigneeId: null, eventId: this.svc.deps.newId() });
      // The "X has joined" stored with the claim must not reach a patient who is still waiting.
      await this.rt.store.outbox.markFailed(notice.id, 'not sent: the account could no longer take patients', null);
      this.svc.hub.publish({ ticketId, what: 'changed' });
      throw err;
    }
    for (const o of this.svc.observers) o.claimed?.(result.ticket);
    this.svc.hub.publish({ ticketId, what: 'changed' });
    await this.deliver(conversation);
    return result.ticket;
  }

  private async stillServing(accountId: string): Promise<void> {
    const account = await this.rt.store.accounts.get(accountId);
    if (!account || !servesPatients(account)) throw new AppError('forbidden', 'This account can no longer take patients.', { reason: 'not_serving' });
  }

  /** Send the patient a message through their own channel, signed with the operator's name (and registration number). */
  async reply(ticketId: string, operator: Account, text: string): Promise<{ messageId: string }> {
    const body = checkText(text);
    const who = signature(operator);
    const ticket = await this.ticket(ticketId);
    if (ticket.state !== 'assigned' || ticket.assigneeId !== operator.id) this.notYours(ticket);
    const conversation = await this.conversation(ticket);
    const message = this.render({ key: 'handoff.reply', params: { who, text: body } }, conversation, ticket);
    const result = await this.rt.store.tickets.reply({ ticketId, operatorId: operator.id, message, eventId: this.svc.deps.newId() });
    if (result.status === 'not_found') throw new AppError('not_found', 'No such ticket.');
    if (result.status === 'not_yours') this.notYours(result.ticket);
    this.svc.hub.publish({ ticketId, what: 'message' });
    await this.deliver(conversation);
    return { messageId: message.id };
  }

  /** A private note: never sent to the patient. */
  async note(ticketId: string, operator: Account, text: string): Promise<void> {
    const body = checkText(text);
    if (!(await this.rt.store.tickets.addNote({ id: this.svc.deps.newId(), ticketId, actorId: operator.id, at: this.svc.deps.now(), text: body }))) {
      throw new AppError('not_found', 'No such ticket.');
    }
    this.svc.hub.publish({ ticketId, what: 'changed' });
  }

  /** Back to waiting in its queue. */
  release(ticketId: string, operator: Account): Promise<Ticket> {
    return this.move(ticketId, operator, {});
  }

  /** To another queue (waiting there) or straight to a colleague who serves patients. */
  async transfer(ticketId: string, operator: Account, to: { queue?: string; accountId?: string }): Promise<Ticket> {
    if (to.queue === undefined && to.accountId === undefined) throw new AppError('bad_request', 'Say where to: a queue or a colleague.', [{ path: 'queue', message: 'a queue or an account is required' }]);
    return this.move(ticketId, operator, to);
  }

  /**
   * Release or transfer, with what the patient is told stored in the same transaction (as a
   * claim's "has joined"): straight to a colleague, "<colleague> has joined this chat"; back to
   * waiting, that they are in the queue (this one, or the one named) with their place and wait,
   * or when the desk opens — else they learnt it only at their next message, or never.
   */
  private async move(ticketId: string, operator: Account, to: { queue?: string; accountId?: string }): Promise<Ticket> {
    const ticket = await this.ticket(ticketId);
    const queue = to.queue ?? ticket.queue;
    if (!this.svc.queue(queue)) throw new AppError('bad_request', `No queue "${queue}" in config/handoff.yaml.`, [{ path: 'queue', message: 'unknown queue' }]);
    let joined: MessageRef | undefined;
    if (to.accountId !== undefined) {
      const colleague = await this.rt.store.accounts.get(to.accountId);
      if (!colleague || !servesPatients(colleague)) {
        throw new AppError('bad_request', 'That account cannot take patients.', [{ path: 'accountId', message: 'not an active operator or doctor' }]);
      }
      joined = joinedNotice(colleague, signature(colleague));
    }
    // Not the operator's to pass on: refused before the queue is read for a notice never sent.
    if (ticket.state !== 'assigned' || ticket.assigneeId !== operator.id) this.notYours(ticket);
    const conversation = await this.conversation(ticket);
    const at = this.svc.deps.now();
    const notice = this.render(joined ?? (await this.backInQueue(ticket, queue, conversation, at)), conversation, ticket);
    const result = await this.rt.store.tickets.move({ ticketId, operatorId: operator.id, at, queue, assigneeId: to.accountId ?? null, notice, eventId: this.svc.deps.newId() });
    if (result.status === 'not_found') throw new AppError('not_found', 'No such ticket.');
    if (result.status === 'not_yours') this.notYours(result.ticket);
    this.svc.hub.publish({ ticketId, what: 'changed' });
    await this.deliver(conversation);
    return result.ticket;
  }

  /**
   * What the patient of an assigned ticket is told as it goes back to waiting in its own queue
   * (the text the desk's release stores with its move), and a delivery of it once stored: for an
   * account that stopped serving patients giving back its chats (src/console/accounts.ts).
   */
  async releaseNotice(ticket: Ticket, at: number): Promise<{ notice: StoredOutbound; deliver: () => Promise<void> }> {
    const conversation = await this.conversation(ticket);
    const notice = this.render(await this.backInQueue(ticket, ticket.queue, conversation, at), conversation, ticket);
    return { notice, deliver: () => this.deliver(conversation) };
  }

  /** "You are back in the queue" (or "passed to <queue>"), then the place and wait as the waiting question says them, or when the desk opens. */
  private async backInQueue(ticket: Ticket, queueId: string, conversation: Conversation, now: number): Promise<MessageRef> {
    const place = await this.svc.placeIn(ticket, queueId, now);
    const status: MessageRef = place.open
      ? waitingStatus(place.position, place.minutes)
      : outOfHours(place.queue, now, conversation.session.lang ?? ticket.language);
    // With the desk closed, nobody "free on our team" will write soon: the status says when it opens.
    const closed = place.open ? '' : '_closed';
    return queueId === ticket.queue
      ? { key: `handoff.moved.released${closed}`, params: { status } }
      : { key: `handoff.moved.transferred${closed}`, params: { queue: { key: place.queue.name }, status } };
  }

  /**
   * Close with an outcome and hand the chat back to the bot, which asks "was this
   * helpful?" (flows/handoff_feedback.yaml) in the same transaction. A patient's message
   * committed in between makes the store answer `conflict`: computed again on the new session.
   */
  async close(ticketId: string, operator: Account, outcome: OperatorOutcome): Promise<Ticket> {
    for (let attempt = 0; attempt < MAX_CLOSE_ATTEMPTS; attempt++) {
      const ticket = await this.ticket(ticketId);
      if (ticket.state !== 'assigned' || ticket.assigneeId !== operator.id) this.notYours(ticket);
      const conversation = await this.conversation(ticket);
      const { session, events } = await this.rt.feedback.start(conversation.session, null);
      const at = this.svc.deps.now();
      const outbound = renderEvents(events, conversation.session.lang ?? ticket.language, this.rt.translate).map(
        (r): StoredOutbound => ({ id: this.svc.deps.newId(), text: r.text, ...(r.choices ? { choices: r.choices } : {}), createdAt: at }),
      );
      const result = await this.rt.store.tickets.close({
        ticketId, operatorId: operator.id, outcome, at, eventId: this.svc.deps.newId(),
        conversation: { expectedVersion: conversation.version, session }, outbound,
      });
      if (result.status === 'conflict') continue;
      if (result.status === 'not_found') throw new AppError('not_found', 'No such ticket.');
      if (result.status === 'not_yours') this.notYours(result.ticket);
      this.svc.handlingChanged();
      for (const o of this.svc.observers) o.closed?.(result.ticket);
      this.svc.hub.publish({ ticketId, what: 'changed' });
      await this.deliver(conversation);
      return result.ticket;
    }
    throw new AppError('conflict', 'The patient keeps writing: try closing again in a moment.', { reason: 'busy' });
  }
}

function checkText(text: string): string {
  const body = text.trim();
  if (body === '') throw new AppError('bad_request', 'Write something first.', [{ path: 'text', message: 'required' }]);
  if (body.length > MAX_TEXT) throw new AppError('bad_request', `At most ${MAX_TEXT} characters.`, [{ path: 'text', message: `at most ${MAX_TEXT} characters` }]);
  return body;
}
