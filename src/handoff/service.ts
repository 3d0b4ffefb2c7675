/**
 * The hand-off's shared state in one process: its configuration, the store and the
 * parts of the core it writes through (attached once the core is built), the news hub
 * and who has the live queue open. The flow actions ask it where a patient stands in
 * the queue; the operators' desk (desk.ts), the live queue (sse.ts) and the console
 * routes (console-routes.ts) work through it.
 *
 * ```ts
 * const handoff = new HandoffService({ config: config.handoff, helplines: config.helplines, now, newId, log });
 * registerActions(config, triage, beds, faq, handoff);     // the flows can ask it
 * handoff.attach({ store, translate, feedback, outbox, defaultLanguage: 'en' });
 * ```
 */
import type { Engine } from '../engine/engine';
import type { Language } from '../engine/flow';
import type { HelplineDirectory } from '../helplines/directory';
import type { Logger } from '../log';
import type { OutboxDeliverer } from '../router/outbox';
import type { Translate } from '../router/render';
import { inQueueOrder, type Store, type Ticket } from '../storage/repositories';
import type { HandoffConfig, QueueConfig } from './config';
import { HandoffHub, Presence } from './hub';
import { queueById } from './routing';
import { estimateWaitMinutes } from './wait-estimate';
import { isOpen } from './working-hours';

export interface HandoffServiceDeps {
  config: HandoffConfig;
  helplines: HelplineDirectory;
  now: () => number;
  newId: () => string;
  log: Logger;
}

/** What the hand-off writes through, from the built core. */
export interface HandoffRuntime {
  store: Store;
  translate: Translate;
  /** An engine whose entry flow is `handoff_feedback`: the bot taking a chat back from a person. */
  feedback: Pick<Engine, 'start'>;
  outbox: Pick<OutboxDeliverer, 'deliverTo'>;
  defaultLanguage: Language;
}

/** Where a patient's ticket stands, for the flow's waiting question. */
export type TicketStatus =
  | { state: 'waiting'; position: number; minutes: number | null; open: boolean; queue: QueueConfig }
  | { state: 'assigned' | 'closed' | 'missing' };

/** Observers of what happens (metrics.ts): kept out of the service so that it stays testable without prom-client. */
export interface HandoffObserver {
  claimed?(ticket: Ticket): void;
  closed?(ticket: Ticket): void;
}

/** How long the recent handling times are reused before being read again (ms). */
const HANDLING_CACHE_MS = 60_000;

export class HandoffService {
  readonly hub = new HandoffHub();
  readonly presence = new Presence();
  readonly observers: HandoffObserver[] = [];
  private attached: HandoffRuntime | undefined;
  private handling: { at: number; minutes: number[] } | undefined;

  constructor(readonly deps: HandoffServiceDeps) {}

  get config(): HandoffConfig {
    return this.deps.config;
  }

  attach(runtime: HandoffRuntime): void {
    this.attached = runtime;
  }

  get runtime(): HandoffRuntime {
    if (!this.attached) throw new Error('the hand-off is not attached to a store (HandoffService.attach)');
    return this.attached;
  }

  get store(): Store {
    return this.runtime.store;
  }

  queue(id: string): QueueConfig | undefined {
    return queueById(this.config, id);
  }

  /** Operators with the live queue open who serve this queue (an account listing no queues serves all). */
  operatorsOnline(queueId: string): number {
    return this.presence.online().filter((o) => o.queues.length === 0 || o.queues.includes(queueId)).length;
  }

  /** Where a new ticket of this priority would stand in the queue now, and the wait to tell. */
  async preview(queueId: string, priority: number, now: number): Promise<{ position: number; minutes: number | null }> {
    const waiting = await this.store.tickets.list({ states: ['waiting'], queues: [queueId] });
    const position = waiting.filter((t) => t.priority >= priority).length + 1;
    return { position, minutes: await this.estimate(queueId, position, now) };
  }

  /** Where an existing ticket stands. */
  async status(ticketId: string, now: number): Promise<TicketStatus> {
    const ticket = await this.store.tickets.get(ticketId);
    if (!ticket) return { state: 'missing' };
    if (ticket.state !== 'waiting') return { state: ticket.state };
    const queue = this.queue(ticket.queue) ?? this.config.queues[0]!;
    const waiting = await this.store.tickets.list({ states: ['waiting'], queues: [ticket.queue] });
    const position = Math.max(1, waiting.findIndex((t) => t.id === ticket.id) + 1);
    return { state: 'waiting', position, minutes: await this.estimate(ticket.queue, position, now), open: isOpen(queue, now), queue };
  }

  /**
   * Where a ticket being put (back) in a queue will stand there, before it is: its place in queue
   * order (priority, then the longest wait: a released ticket keeps when it was opened), the
   * wait to tell and whether the desk is open. For the notice stored with a release or transfer.
   */
  async placeIn(ticket: Pick<Ticket, 'id' | 'priority' | 'createdAt'>, queueId: string, now: number): Promise<{ position: number; minutes: number | null; open: boolean; queue: QueueConfig }> {
    const queue = this.queue(queueId) ?? this.config.queues[0]!;
    const waiting = await this.store.tickets.list({ states: ['waiting'], queues: [queueId] });
    const ahead = waiting.filter((t) => t.id !== ticket.id && inQueueOrder(t, ticket) < 0).length;
    const position = ahead + 1;
    return { position, minutes: await this.estimate(queueId, position, now), open: isOpen(queue, now), queue };
  }

  /** Minutes to tell (wait-estimate.ts), or null with nobody online to make a promise of minutes. */
  private async estimate(queueId: string, position: number, now: number): Promise<number | null> {
    return estimateWaitMinutes({
      position,
      recentHandlingMinutes: await this.recentHandlingMinutes(now),
      operatorsOnline: this.operatorsOnline(queueId),
      defaultHandlingMinutes: this.config.estimate.defaultHandlingMinutes,
    });
  }

  /** Minutes each conversation closed by a person in the last `sample_hours` took (assigned → closed). */
  async recentHandlingMinutes(now: number): Promise<number[]> {
    if (this.handling && now - this.handling.at < HANDLING_CACHE_MS && now >= this.handling.at) return this.handling.minutes;
    const closed = await this.store.tickets.list({ states: ['closed'], closedFrom: now - this.config.estimate.sampleHours * 3_600_000 });
    const minutes = closed
      .filter((t) => t.closedBy !== null && t.assignedAt !== null && t.closedAt !== null)
      .map((t) => (t.closedAt! - t.assignedAt!) / 60_000);
    this.handling = { at: now, minutes };
    return minutes;
  }

  /** Forget cached handling times (a ticket was just closed). */
  handlingChanged(): void {
    this.handling = undefined;
  }
}
