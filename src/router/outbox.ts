/**
 * Delivery from the outbox. A turn's replies are committed with the turn and only
 * then sent; whatever was committed but not sent (a crash, a network failure, a
 * web chat user who closed the tab) is sent later by `deliverDue`, in order, per
 * conversation. A message is never sent before an earlier one to the same person.
 * A reply that joins a web chat webhook response (the channel's send() resolves with a
 * Handover) is marked sent only once that response was written; if it never is, the
 * reply stays pending for the patient's next request.
 * Delivery reads what is pending for the patient first, except after a turn whose commit
 * found nothing else pending for them (KnownReplies): then its replies are sent as they
 * were stored, unless another delivery read the patient's outbox in between, or another
 * process wrote to the store (it may deliver to the same patient).
 */
import { ChannelSendError, type Channel, type Handover, type SendOptions } from '../channels/channel';
import { safeErrorText, type Logger } from '../log';
import type { Metrics } from '../metrics';
import type { OutboxItem, Store } from '../storage/repositories';
import { KeyedLock } from './keyed-lock';
import type { ChannelName, OutboundMessage } from './message';

export interface OutboxOptions {
  /** Attempts before a message is given up as dead. */
  maxAttempts: number;
  /** First retry delay; doubled per attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long an offline user's messages wait before the next try (they are also sent on reconnect). */
  offlineRetryMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { maxAttempts: 10, baseBackoffMs: 1000, maxBackoffMs: 5 * 60_000, offlineRetryMs: 60 * 60_000 };

const EVERYTHING = Number.MAX_SAFE_INTEGER;
const NONE_IN_FLIGHT: ReadonlyMap<string, never> = new Map<string, never>();
/** A send's options when it follows no message in a response being written: one object, not one a reply. */
const FIRST_IN_RESPONSE: SendOptions = Object.freeze({});
/** Patients whose last outbox read is remembered at most (stillOnlyOnes). */
const REMEMBERED_READS = 10_000;

/**
 * A turn's replies, known to be all that was pending for their patient when the turn was
 * stored (CommitResult.othersPending false), and the outbox's read count (`readsNow()`)
 * from before the commit: delivery sends them without reading the outbox back, unless
 * some delivery read this patient's outbox since (it may have sent them already).
 */
export interface KnownReplies {
  items: OutboxItem[];
  readsBefore: number;
  /** From the commit (CommitResult.unchangedElsewhere): false once another process may have sent them. */
  unchangedElsewhere?: () => boolean;
}

/**
 * May a forced delivery send this item before its retry time? Only when it waits because its
 * user seemed offline (or was stored before the reason was kept): their writing again shows
 * they are back. A wait the platform asked for (Telegram's retry_after, WhatsApp's full send
 * queue) or a back-off after an error holds: a patient who keeps writing during it would
 * otherwise have each try refused again, and counted, until the reply is given up.
 */
function liftedByForce(item: OutboxItem): boolean {
  return item.waitReason !== 'backoff';
}

export class OutboxDeliverer {
  private readonly lock = new KeyedLock();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  /**
   * Messages a channel took but has not handed over yet (replies in a web chat webhook
   * response that is still to be written), by outbox id. Each settles true once handed over
   * and marked sent, false once given back as pending (the connection closed first).
   */
  private readonly inFlight = new Map<string, { handover: Handover; settled: Promise<boolean> }>();
  /** Outbox reads so far (all patients), and the count at each patient's last read; bounded (see stillOnlyOnes). */
  private reads = 0;
  private readonly lastReadOf = new Map<string, number>();
  /** The read count when lastReadOf was last emptied: a patient's reads before it are forgotten. */
  private forgottenUpTo = 0;

  constructor(
    private readonly deps: {
      store: Store;
      channels: ReadonlyMap<ChannelName, Channel>;
      now: () => number;
      log: Logger;
      metrics: Metrics;
      options?: Partial<OutboxOptions>;
    },
  ) {}

  private get options(): OutboxOptions {
    return { ...DEFAULT_OUTBOX_OPTIONS, ...this.deps.options };
  }

  /**
   * Send what is pending for one user, oldest first. `force` (the user just wrote, or came
   * back online) also sends messages whose retry time has not come, if they wait only because
   * the user seemed away (liftedByForce); a wait the platform asked for still holds.
   */
  deliverTo(channel: ChannelName, userId: string, opts: { force?: boolean; known?: KnownReplies } = {}): Promise<void> {
    const key = `${channel}\u0000${userId}`;
    return this.lock.run(key, async () => {
      // Taken before the read: an item whose mark is stored during it is still known as in flight.
      const inFlight = this.inFlight.size > 0 ? new Map(this.inFlight) : NONE_IN_FLIGHT;
      const pending = opts.known && this.stillOnlyOnes(key, opts.known) ? opts.known.items : await this.readDue(key, channel, userId);
      // The next message goes out as soon as the previous one was handed over; the
      // marks are stored meanwhile (group-committed) and awaited before the lock is
      // released, so that the next delivery to this user never sees a sent message as pending.
      const marks: Array<Promise<void>> = [];
      // The previous message's place in a response not yet written: the next one must follow it there.
      let after: Handover | undefined;
      try {
        // Indexed: this async function's loop is not always optimized, and a for-of then makes an iterator result per item.
        for (let i = 0; i < pending.length; i++) {
          const item = pending[i]!;
          const flying = inFlight.get(item.id);
          if (flying) {
            // Already in a response still being assembled: what follows joins it, in order.
            if (flying.handover.joinable()) {
              after = flying.handover;
              continue;
            }
            // In a response being written: nothing later goes out before it is (or was not)
            // delivered. Only the patient's own next message waits for that (up to the
            // response's time-out); a sweep goes on with other patients and comes back later.
            if (!opts.force) return;
            if (await flying.settled) continue;
          }
          if (item.nextAttemptAt > this.deps.now() && !(opts.force && liftedByForce(item))) return;
          // The send awaited here, not in an async function of its own: one promise and one
          // trip through the microtask queue less a reply. A failure is handled apart (failed).
          let handover: Handover | undefined;
          try {
            handover = (await this.send(item, after)) ?? undefined;
          } catch (err) {
            if ((await this.failed(item, err)) === 'stop') return;
            after = undefined;
            continue;
          }
          this.deps.metrics.messagesOut.inc({ channel: item.channel });
          if (handover) this.track(item, handover);
          else marks.push(this.deps.store.outbox.markSent(item.id, this.deps.now()).catch((err: Error) => this.markFailedToStore(item, err)));
          // A message in a response still being written: the next one must follow it there.
          after = handover;
        }
      } finally {
        // Each awaited in turn rather than through Promise.all (its array, promise and a closure
        // per mark, for the one or two replies of most turns): none rejects (each catches its
        // own failure), so both wait for the same thing, the last mark.
        for (let i = 0; i < marks.length; i++) await marks[i];
      }
    });
  }

  /** The outbox's read count now: a turn takes it before its commit, for `KnownReplies`. */
  readsNow(): number {
    return this.reads;
  }

  /**
   * What is pending for one patient, read in their lock; the read is counted (stillOnlyOnes).
   * The count is only right if the store reads when `due` is called, as the SQLite and memory
   * stores do (MongoDB never reports othersPending, so its reads need no counting).
   */
  private readDue(key: string, channel: ChannelName, userId: string): Promise<OutboxItem[]> {
    this.reads += 1;
    if (this.lastReadOf.size >= REMEMBERED_READS && !this.lastReadOf.has(key)) {
      this.lastReadOf.clear();
      this.forgottenUpTo = this.reads;
    }
    this.lastReadOf.set(key, this.reads);
    return this.deps.store.outbox.due(EVERYTHING, { channel, userId });
  }

  /**
   * Are a turn's replies still all that is pending for the patient, unsent? Not when a delivery
   * of this process read the patient's outbox after the count was `readsBefore`, nor when that
   * can no longer be told (the remembered reads were emptied since), nor when another process
   * wrote to the store since the commit: then delivery reads.
   */
  private stillOnlyOnes(key: string, known: KnownReplies): boolean {
    if (this.forgottenUpTo > known.readsBefore || (this.lastReadOf.get(key) ?? 0) > known.readsBefore) return false;
    return known.unchangedElsewhere?.() ?? true;
  }

  /** Send everything that is due, for every user (at start-up and on a timer). */
  deliverDue(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        for (;;) {
          const due = await this.deps.store.outbox.due(this.deps.now(), { limit: 500 });
          const users = new Map(due.map((i) => [`${i.channel}\u0000${i.userId}`, i]));
          await Promise.all([...users.values()].map((i) => this.deliverTo(i.channel, i.userId)));
          if (due.length < 500) break;
        }
        this.deps.metrics.outboxPending.set(await this.deps.store.outbox.countPending());
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.deliverDue().catch((err: Error) => this.deps.log.error({ err: safeErrorText(err.message) }, 'outbox sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    await Promise.all([...this.inFlight.values()].map((f) => f.settled));
  }

  /**
   * The channel's send of one item (what it resolves with: a Handover when the message joins a
   * response still to be written). A sent message's mark is left to the caller, not awaited here.
   */
  private send(item: OutboxItem, after: Handover | undefined): Promise<Handover | void> {
    const channel = this.deps.channels.get(item.channel);
    if (!channel) return Promise.reject(new ChannelSendError(`channel ${item.channel} is not running`, true, this.options.offlineRetryMs, true));
    return channel.send(outboundOf(item), after ? { after } : FIRST_IN_RESPONSE);
  }

  /** After a failed send: 'dead' (given up: go on with the next message) or 'stop' (try later, keep the order). */
  private async failed(item: OutboxItem, err: unknown): Promise<'dead' | 'stop'> {
    const { store, now, log, metrics } = this.deps;
    const failure = err instanceof ChannelSendError ? err : new ChannelSendError((err as Error).message, true);
    metrics.sendFailures.inc({ channel: item.channel, retryable: String(failure.retryable) });
    if (failure.offline) {
      // Not an attempt: keep it for when the user is back, without counting it.
      await store.outbox.postpone(item.id, failure.message, now() + this.options.offlineRetryMs);
      return 'stop';
    }
    const attempts = item.attempts + 1;
    if (!failure.retryable || attempts >= this.options.maxAttempts) {
      log.warn({ ...logFieldsOf(item), attempts, error: safeErrorText(failure.message) }, 'outbound message given up');
      await store.outbox.markFailed(item.id, failure.message, null);
      return 'dead';
    }
    const backoff = Math.min(this.options.baseBackoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
    await store.outbox.markFailed(item.id, failure.message, now() + Math.max(backoff, failure.retryAfterMs ?? 0));
    log.info({ ...logFieldsOf(item), attempts, error: safeErrorText(failure.message) }, 'outbound message will be retried');
    return 'stop';
  }

  /** Sent but not marked: a later sweep sends it again (at least once, never lost). */
  private markFailedToStore(item: OutboxItem, err: Error): void {
    this.deps.log.error({ ...logFieldsOf(item), error: safeErrorText(err.message) }, 'could not mark an outbound message as sent');
  }

  /**
   * A message in a response not yet written: marked sent only once it is, so that a crash
   * before then loses nothing (it is still pending at start-up). If the connection closes
   * first, it is given back as pending, for the patient's next request or the sweep.
   */
  private track(item: OutboxItem, handover: Handover): void {
    const { store, now, log, metrics } = this.deps;
    const log1 = { outbox: item.id, conversation: item.conversationId, channel: item.channel };
    const settled = handover.delivered
      .catch(() => false)
      .then(async (delivered) => {
        try {
          if (delivered) await store.outbox.markSent(item.id, now());
          else await store.outbox.markFailed(item.id, 'response not delivered', now());
        } catch (err) {
          // Sent but not marked: sent again later (at least once); not delivered and not marked: still pending.
          log.error({ ...log1, delivered, error: safeErrorText((err as Error).message) }, 'could not mark an outbound message');
        }
        if (!delivered) {
          metrics.sendFailures.inc({ channel: item.channel, retryable: 'true' });
          log.info(log1, 'outbound message not delivered (the response was not written); kept for the next try');
        }
        return delivered;
      })
      .finally(() => this.inFlight.delete(item.id));
    this.inFlight.set(item.id, { handover, settled });
  }
}

/** An item's ids for a log line (never its text or the user id). */
function logFieldsOf(item: OutboxItem): { outbox: string; conversation: string; channel: ChannelName } {
  return { outbox: item.id, conversation: item.conversationId, channel: item.channel };
}

/**
 * The message a channel is given for an item; its choices set only when it has some (built,
 * not spread in: a spread that adds a property leaves V8's fast path, bench/experiments/object-spread.js).
 */
function outboundOf(item: OutboxItem): OutboundMessage {
  const message: OutboundMessage = { id: item.id, conversationId: item.conversationId, channel: item.channel, userId: item.userId, text: item.text };
  if (item.choices) message.choices = item.choices;
  return message;
}
