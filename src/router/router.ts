/**
 * The one message router every channel feeds. For each inbound message it:
 * drops duplicates (same channel + platform message id), runs one turn at a time
 * per conversation, resumes the flow engine on the stored session, translates
 * what the engine said, commits session + inbound + outbound in one transaction,
 * and only then delivers the replies from the outbox. A message is only stored (no
 * flow runs) while a person has the chat (the hand-off's relay) or while its
 * conversation sends faster than the bot answers (the flood guard).
 */
import type { Engine } from '../engine/engine';
import type { Event } from '../engine/events';
import type { Language } from '../engine/flow';
import { isLaterAlbumItem, type Input } from '../engine/input';
import { newSession, type Session } from '../engine/session';
import { safeErrorText, type Logger } from '../log';
import type { Metrics } from '../metrics';
import { newOutboxItem, type Conversation, type OutboxItem, type Store, type StoredOutbound, type TicketEffect, type Turn } from '../storage/repositories';
import type { FloodGuard, FloodVerdict } from './flood-guard';
import { KeyedLock } from './keyed-lock';
import type { InboundMessage } from './message';
import type { KnownReplies, OutboxDeliverer } from './outbox';
import { renderEvents, type RenderedMessage, type Translate } from './render';
import { runSystemTurn, type SystemTrigger, type SystemTurnOutcome } from './system-turn';

export interface RouterDeps {
  store: Store;
  engine: Engine;
  translate: Translate;
  outbox: OutboxDeliverer;
  now: () => number;
  newId: () => string;
  log: Logger;
  metrics: Metrics;
  /** Language for a conversation whose language is not known yet. */
  defaultLanguage: Language;
  /** Longest text the engine reads; the stored message keeps everything. */
  maxInputChars?: number;
  /** The hand-off's part of each turn (src/handoff/turn-hooks.ts); none: every message runs the engine. */
  hooks?: TurnHooks;
  /** How many messages a conversation gets answered a minute (flood-guard.ts); none: every one. */
  flood?: FloodGuard;
}

/**
 * What the hand-off adds to a turn: while a person owns the chat the message is
 * relayed to them (stored, no flow runs); the engine's hand-off events become
 * ticket effects committed with the turn; and news goes out once it is committed.
 */
export interface TurnHooks {
  /**
   * true: a person has this chat; store the message for them and run no flow. A plain answer
   * when it needs no read (no ticket open: almost every message), a promise when it does.
   */
  relays(conversation: Conversation, content: Input): boolean | Promise<boolean>;
  /** Ticket writes for the turn's events, and the session with the ticket noted in it (a plain answer, or a promise). */
  effects(turn: { conversation: Conversation; session: Session; events: readonly Event[]; at: number }): TurnEffects | Promise<TurnEffects>;
  /** After the commit (never for duplicates). */
  committed(turn: { conversation: Conversation; relayed: boolean; tickets: readonly TicketEffect[] }): void;
}

export interface TurnEffects {
  session: Session;
  tickets: TicketEffect[];
}

export type TurnOutcome =
  | { status: 'handled'; conversationId: string; events: Event[]; replies: number }
  | { status: 'duplicate' };

/** Commit conflicts (another process committed first) are retried this many times. */
const MAX_CONFLICT_RETRIES = 5;

export class Router {
  private readonly lock = new KeyedLock();
  /**
   * Told of every committed patient turn, before delivery (core.ts sets it: follow-up
   * enrolment and stop act on what the turn wrote). Its failures are logged, never the patient's.
   * Nothing returned: it had nothing to do for this turn (most turns), and nothing is awaited.
   */
  onCommitted?: (conversationId: string, events: Event[]) => Promise<void> | void;

  constructor(private readonly deps: RouterDeps) {}

  /** A new conversation's start, for findOrCreate (made only when there is none): one function, not one a message. */
  private readonly newConversation = () => ({ id: this.deps.newId(), session: newSession(), now: this.deps.now() });

  /** Handle one inbound message; resolves once its turn is committed and delivery was attempted. */
  async handle(message: InboundMessage): Promise<TurnOutcome> {
    const { metrics } = this.deps;
    const started = performance.now();
    const { outcome, known } = await this.lock.run(`${message.channel}\u0000${message.userId}`, () => this.turn(message));
    if (outcome.status === 'duplicate') {
      metrics.duplicatesDropped.inc({ channel: message.channel });
      // A retry of a message whose turn was committed but whose replies never went out (the
      // process died, or a webhook response was lost): the sender is here, so send them now.
      await this.deps.outbox.deliverTo(message.channel, message.userId, { force: true });
      return outcome;
    }
    metrics.messagesIn.inc({ channel: message.channel });
    metrics.turnSeconds.observe({ channel: message.channel }, (performance.now() - started) / 1000);
    const after = this.onCommitted?.(outcome.conversationId, outcome.events);
    if (after) {
      await after.catch((err: unknown) =>
        this.deps.log.error({ conversation: outcome.conversationId, err: safeErrorText(String((err as Error)?.message ?? err)) }, 'after-commit hook failed'),
      );
    }
    // The patient just wrote to us, so they are reachable now: send everything waiting for
    // them, including messages put off while they seemed away (an operator's reply to a web
    // chat client in webhook mode can only travel in the response to its next message). A wait
    // the platform asked for (a rate limit) still holds: their writing does not lift it.
    await this.deps.outbox.deliverTo(message.channel, message.userId, { force: true, known });
    return outcome;
  }

  /**
   * A turn the bot begins (system-turn.ts), in the conversation's lock, then delivery.
   * Running the same trigger again commits nothing (`duplicate`).
   */
  async startFlow(conversationId: string, trigger: SystemTrigger): Promise<SystemTurnOutcome> {
    const conversation = await this.deps.store.conversations.get(conversationId);
    if (!conversation) return { status: 'not_found' };
    const { channel, userId } = conversation;
    const outcome = await this.lock.run(`${channel}\u0000${userId}`, () => runSystemTurn(this.deps, conversationId, trigger));
    if (outcome.status === 'handled') await this.deps.outbox.deliverTo(channel, userId);
    return outcome;
  }

  /** The outcome, and the turn's replies when the commit said they are all its patient has pending. */
  private async turn(message: InboundMessage): Promise<{ outcome: TurnOutcome; known?: KnownReplies }> {
    const { store, now, newId, log } = this.deps;
    // No look-up of the message id first: the commit itself finds a redelivered message
    // (stored already) and reports it as a duplicate, storing nothing of this run. A
    // duplicate costs a turn that is thrown away; every other message, one query less.
    const input = this.clip(message.content);
    // Counted once per message, not once per attempt, in the minute it came.
    let flood: FloodVerdict | undefined;
    let floodAt = 0;
    for (let attempt = 0; ; attempt++) {
      const conversation = await store.conversations.findOrCreate(message.channel, message.userId, this.newConversation);
      // A person has the chat (hand-off): the message is only stored, for them; no flow runs.
      // Awaited only when the hook had to read (a ticket is open): each await is a trip through
      // the microtask queue and keeps this function's frame alive across it, on every message.
      const relaying = this.deps.hooks?.relays(conversation, message.content) ?? false;
      const relayed = typeof relaying === 'boolean' ? relaying : await relaying;
      // The bot answers a conversation's messages only so fast: past that it is only stored, as a relayed one.
      // A later photo of an album is no turn (the engine only stores it), so it is not counted.
      if (!relayed && this.deps.flood && !flood && !isLaterAlbumItem(conversation.session.album, input)) {
        floodAt = now();
        flood = await this.deps.flood.admit(conversation.id, input, floodAt);
      }
      // Held back by the flood guard: its verdict (whether to say the notice), else undefined.
      const held = !relayed && flood?.run === false ? flood : undefined;
      const { session, events } = relayed || held ? { session: conversation.session, events: [] } : await this.runEngine(conversation, input);
      const lang = conversation.session.lang ?? this.deps.defaultLanguage;
      const replies = held?.notice ? [{ text: this.deps.translate('common.flood_notice', lang) }] : renderEvents(events, lang, this.deps.translate);
      const at = now();
      const effecting = this.deps.hooks && events.length ? this.deps.hooks.effects({ conversation, session, events, at }) : undefined;
      // Effects have `tickets`; a promise (of any make) has not.
      const effects = effecting === undefined || 'tickets' in effecting ? effecting : await effecting;
      // Ids in the order the messages were said (the inbound first).
      const inboundId = newId();
      // Indexed loops here and below: no closure per turn for a map over one or two replies.
      const outbound: StoredOutbound[] = [];
      for (let i = 0; i < replies.length; i++) outbound.push(storedOutbound(newId(), replies[i]!, at));
      // Counted before the commit: a delivery that reads this patient's outbox after it may send these replies.
      const readsBefore = this.deps.outbox.readsNow();
      const committing: Turn = {
        conversationId: conversation.id,
        expectedVersion: conversation.version,
        session: effects?.session ?? session,
        inbound: { id: inboundId, platformMessageId: message.platformMessageId, content: message.content, sentAt: message.sentAt, receivedAt: at },
        outbound,
      };
      // Set, not spread in (`...(x ? { tickets } : {})`): a spread that adds a property leaves V8's
      // fast path, about 200 ns each (bench/experiments/object-spread.js), on every message.
      if (effects?.tickets.length) committing.tickets = effects.tickets;
      const result = await store.turns.commit(committing);
      if (result.status === 'duplicate') {
        // A redelivery is not a new message: it gives back what it counted.
        if (flood) await this.deps.flood?.undo(conversation.id, flood, floodAt);
        return { outcome: { status: 'duplicate' } };
      }
      if (result.status === 'committed') {
        this.deps.hooks?.committed({ conversation, relayed, tickets: effects?.tickets ?? [] });
        if (flood && !relayed) this.logFlood(conversation.id, message.channel, flood);
        this.logEvents(conversation.id, events);
        const outcome: TurnOutcome = { status: 'handled', conversationId: conversation.id, events, replies: replies.length };
        if (result.othersPending !== false) return { outcome };
        // Nothing else was waiting for this patient: the replies just stored are what delivery sends.
        const to = { conversationId: conversation.id, channel: message.channel, userId: message.userId };
        const items: OutboxItem[] = [];
        for (let i = 0; i < outbound.length; i++) items.push(newOutboxItem(to, outbound[i]!));
        return { outcome, known: { items, readsBefore, unchangedElsewhere: result.unchangedElsewhere } };
      }
      if (attempt >= MAX_CONFLICT_RETRIES) throw new Error(`conversation ${conversation.id}: turn kept conflicting with other writers`);
      log.debug({ conversation: conversation.id, attempt }, 'turn conflicted with another writer; running it again');
    }
  }

  private runEngine(conversation: Conversation, input: Input) {
    // Version 0: nothing was ever committed for this conversation, so the entry flow starts it.
    return conversation.version === 0 ? this.deps.engine.start(conversation.session, input) : this.deps.engine.resume(conversation.session, input);
  }

  /**
   * A message is stored whole but only `maxInputChars` of it are interpreted (5,000 by default:
   * a whole Telegram message, and a danger sign in the middle of a long story): beyond that, its
   * beginning and its end. A long story often ends with how the patient is now ("…aur abhi unko
   * saans nahi aa rahi"), a danger sign the beginning alone would miss.
   */
  private clip(content: Input): Input {
    const max = this.deps.maxInputChars ?? 5000;
    if (content.kind !== 'text' || content.text.length <= max) return content;
    const head = Math.ceil(max / 2);
    return { kind: 'text', text: `${content.text.slice(0, head)}\n${content.text.slice(content.text.length - (max - head))}` };
  }

  /** A message held back (or let through while held back): conversation id, channel and limit only. */
  private logFlood(conversationId: string, channel: InboundMessage['channel'], verdict: FloodVerdict): void {
    const { log, metrics } = this.deps;
    const limit = this.deps.flood?.maxPerMinute;
    if (verdict.run) {
      if (verdict.through) log.info({ conversation: conversationId, channel, limit, command: verdict.through }, 'conversation held back, but its word was answered');
      return;
    }
    metrics.floodHeld.inc({ channel });
    if (verdict.notice) metrics.floodConversations.inc({ channel });
    // Once a window per conversation at warn (with the notice); the rest at debug, so that a flood does not flood the log.
    if (verdict.notice) log.warn({ conversation: conversationId, channel, limit }, 'conversation held back: too many messages a minute; stored, not answered');
    else log.debug({ conversation: conversationId, channel, limit }, 'message held back (conversation sending too fast)');
  }

  /** Event types and codes only: never message text or user ids. */
  private logEvents(conversationId: string, events: Event[]): void {
    const { log, metrics } = this.deps;
    for (const e of events) {
      if (e.type === 'failure') {
        metrics.engineFailures.inc({ code: e.code });
        log.warn({ conversation: conversationId, code: e.code, flow: e.flow, state: e.state, detail: e.detail }, 'flow failure');
      }
    }
    // Its fields are built only when it is written: debug is off in service, on every message.
    if (log.isLevelEnabled('debug')) log.debug({ conversation: conversationId, events: events.map((e) => e.type) }, 'turn committed');
  }
}

/** A reply as the turn stores it; its choices set only when it has some (built, not spread: see the commit). */
function storedOutbound(id: string, reply: RenderedMessage, at: number): StoredOutbound {
  const out: StoredOutbound = { id, text: reply.text, createdAt: at };
  if (reply.choices) out.choices = reply.choices;
  return out;
}
