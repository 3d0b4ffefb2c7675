/**
 * Optional auto-assignment (config/handoff.yaml `auto_assign`): waiting tickets go to
 * operators who have the live queue open, up to `max_per_operator` each, in queue
 * order. A ticket goes to someone who serves its queue and speaks its language, with
 * the fewest patients; an emergency to anyone free. Each assignment is the same atomic
 * claim an operator makes (with the cap inside it), so it never races a person's click
 * into a double assignment. Runs one pass at a time, when a ticket is opened or freed
 * and when an operator comes online.
 */
import { servesPatients } from '../console/roles';
import { safeErrorText } from '../log';
import type { Account } from '../storage/repositories';
import type { HandoffConfig } from './config';
import type { HandoffDesk } from './desk';
import { isDoctor } from './desk';
import type { HandoffService } from './service';

export class AutoAssigner {
  private running: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly svc: HandoffService,
    private readonly desk: HandoffDesk,
    private readonly settings: HandoffConfig['autoAssign'] = svc.config.autoAssign,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  start(): void {
    if (!this.enabled || this.unsubscribe) return;
    this.unsubscribe = this.svc.hub.subscribe((news) => {
      if (news.what !== 'message') this.poke();
    });
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    return this.running ?? Promise.resolve();
  }

  /** Run a pass soon (once more if one is running). */
  poke(): void {
    if (!this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch((err: Error) => this.svc.deps.log.warn({ err: safeErrorText(err.message) }, 'hand-off: auto-assignment pass failed'));
      } while (this.again);
      this.running = undefined;
    })();
  }

  /** One pass over the waiting tickets; resolves when done (tests await it). */
  async pass(): Promise<void> {
    const cap = this.settings.maxPerOperator;
    const online = this.svc.presence.online();
    if (online.length === 0) return;
    const accounts: Account[] = [];
    for (const o of online) {
      const a = await this.svc.store.accounts.get(o.id);
      // A doctor without a registration number cannot take chats (desk.ts): not a candidate.
      if (a && servesPatients(a) && !(isDoctor(a) && !a.registration)) accounts.push(a);
    }
    const load = new Map<string, number>();
    for (const a of accounts) load.set(a.id, (await this.svc.store.tickets.list({ states: ['assigned'], assigneeId: a.id })).length);
    for (const t of await this.svc.store.tickets.list({ states: ['waiting'] })) {
      const candidates = accounts
        .filter((a) => (load.get(a.id) ?? 0) < cap)
        .filter((a) => t.emergency || ((a.queues.length === 0 || a.queues.includes(t.queue)) && (a.languages.length === 0 || a.languages.includes(t.language))))
        .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
      for (const a of candidates) {
        try {
          await this.desk.claim(t.id, a, { maxAssigned: cap });
          load.set(a.id, (load.get(a.id) ?? 0) + 1);
          break;
        } catch {
          // Taken meanwhile, or this operator just reached the cap: try the next.
        }
      }
    }
  }
}
