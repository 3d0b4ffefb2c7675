/**
 * A turn the bot begins without a patient message: a scheduled follow-up check-in
 * starting its flow, or an escalation opening a ticket. It is stored like any turn
 * (session, messages and outbox rows in one transaction, on the version it read),
 * with a 'system' inbound marker in place of the patient's message: the marker's
 * platform message id is `system:<trigger id>`, so the turn's dedupe key makes
 * running the same trigger twice (a restart, a second process) commit it once.
 */
import type { Event } from '../engine/events';
import type { Engine } from '../engine/engine';
import type { Language } from '../engine/flow';
import type { Conversation, Store, TicketEffect } from '../storage/repositories';
import { setPathCopying } from '../engine/paths';
import { renderEvents, type Translate } from './render';

export interface SystemTrigger {
  /** Unique per trigger (a check-in id): the dedupe key. */
  id: string;
  /** What started it, stored in the marker ("followup_checkin"). */
  kind: string;
  /** The flow to start; none: the session stays as it is (a ticket only). */
  flowId?: string;
  /** Session values set before the flow starts. */
  vars?: Record<string, unknown>;
  /** Ticket changes committed with the turn, computed on the conversation as read, with session values that note them. */
  tickets?: (conversation: Conversation) => { tickets: TicketEffect[]; vars?: Record<string, unknown> };
}

export type SystemTurnOutcome =
  | { status: 'handled'; events: Event[]; replies: number }
  | { status: 'duplicate' }
  | { status: 'not_found' };

export interface SystemTurnDeps {
  store: Store;
  engine: Engine;
  translate: Translate;
  now: () => number;
  newId: () => string;
  defaultLanguage: Language;
  /** The hand-off's news after a commit (the live queue hears of a ticket opened here). */
  hooks?: { committed(turn: { conversation: Conversation; relayed: boolean; tickets: readonly TicketEffect[] }): void };
}

const MAX_CONFLICT_RETRIES = 5;

export const systemMessageId = (triggerId: string) => `system:${triggerId}`;

/** Run under the conversation's lock (Router.startFlow). */
export async function runSystemTurn(deps: SystemTurnDeps, conversationId: string, trigger: SystemTrigger): Promise<SystemTurnOutcome> {
  const { store, engine, now, newId } = deps;
  const platformMessageId = systemMessageId(trigger.id);
  for (let attempt = 0; ; attempt++) {
    const conversation = await store.conversations.get(conversationId);
    if (!conversation) return { status: 'not_found' };
    if (await store.turns.seen(conversation.channel, platformMessageId)) return { status: 'duplicate' };
    const { session: started, events } = trigger.flowId
      ? await engine.startFlow(conversation.session, trigger.flowId, trigger.vars)
      : { session: conversation.session, events: [] as Event[] };
    const lang = started.lang ?? deps.defaultLanguage;
    const replies = renderEvents(events, lang, deps.translate);
    const at = now();
    const ticketed = trigger.tickets?.(conversation);
    const tickets = ticketed?.tickets ?? [];
    // Noted on a session of its own: `started` may share its values with the stored one (engine.ts).
    const owned = new Set<object>();
    let vars = started.vars;
    for (const [path, value] of Object.entries(ticketed?.vars ?? {})) vars = setPathCopying(vars, path, value, owned);
    const session = vars === started.vars ? started : { ...started, vars };
    const result = await store.turns.commit({
      conversationId,
      expectedVersion: conversation.version,
      session,
      inbound: { id: newId(), platformMessageId, content: { kind: 'unsupported', what: `system:${trigger.kind}` }, sentAt: at, receivedAt: at },
      outbound: replies.map((r) => ({ id: newId(), text: r.text, ...(r.choices ? { choices: r.choices } : {}), createdAt: at })),
      ...(tickets.length ? { tickets } : {}),
    });
    if (result.status === 'duplicate') return { status: 'duplicate' };
    if (result.status === 'committed') {
      deps.hooks?.committed({ conversation, relayed: false, tickets });
      return { status: 'handled', events, replies: replies.length };
    }
    if (attempt >= MAX_CONFLICT_RETRIES) throw new Error(`conversation ${conversationId}: system turn kept conflicting with other writers`);
  }
}
