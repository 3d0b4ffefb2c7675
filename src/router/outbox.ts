/**
 * Delivery from the outbox. A turn's replies are committed with the turn and only
 * then sent; whatever was committed but not sent (a crash, a network failure, a
 * web chat user who closed the tab) is sent later by `deliverDue`, in order, per
 * conversation. A message is never sent before an earlier one to the same person.
 */
import { ChannelSendError, type Channel } from '../channels/channel';
import { safeErrorText, type Logger } from '../log';
import type { Metrics } from '../metrics';
import type { OutboxItem, Store } from '../storage/repositories';
import { KeyedLock } from './keyed-lock';
import type { ChannelName } from './message';

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

export class OutboxDeliverer {
  private readonly lock = new KeyedLock();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

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
   * Send what is pending for one user, oldest first. `force` also sends messages
   * whose retry time has not come (the user just came back online).
   */
  deliverTo(channel: ChannelName, userId: string, opts: { force?: boolean } = {}): Promise<void> {
    return this.lock.run(`${channel}\u0000${userId}`, async () => {
      const pending = await this.deps.store.outbox.due(EVERYTHING, { channel, userId });
      // The next message goes out as soon as the previous one was handed over; the
      // marks are stored meanwhile (group-committed) and awaited before the lock is
      // released, so that the next delivery to this user never sees a sent message as pending.
      const marks: Array<Promise<void>> = [];
      try {
        for (const item of pending) {
          if (!opts.force && item.nextAttemptAt > this.deps.now()) return;
          const delivered = await this.attempt(item, marks);
          if (delivered === 'stop') return;
        }
      } finally {
        await Promise.all(marks);
      }
    });
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
        const counts = await this.deps.store.outbox.countByStatus();
        this.deps.metrics.outboxPending.set(counts.pending);
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
  }

  /**
   * 'sent', 'dead' (given up: go on with the next message) or 'stop' (try later, keep the order).
   * A sent message's mark is pushed on `marks` rather than awaited.
   */
  private async attempt(item: OutboxItem, marks: Array<Promise<void>>): Promise<'sent' | 'dead' | 'stop'> {
    const { store, channels, now, log, metrics } = this.deps;
    const channel = channels.get(item.channel);
    const log1 = { outbox: item.id, conversation: item.conversationId, channel: item.channel };
    try {
      if (!channel) throw new ChannelSendError(`channel ${item.channel} is not running`, true, this.options.offlineRetryMs, true);
      await channel.send({
        id: item.id,
        conversationId: item.conversationId,
        channel: item.channel,
        userId: item.userId,
        text: item.text,
        ...(item.choices ? { choices: item.choices } : {}),
      });
      metrics.messagesOut.inc({ channel: item.channel });
      marks.push(
        store.outbox.markSent(item.id, now()).catch((err: Error) => {
          // Sent but not marked: a later sweep sends it again (at least once, never lost).
          log.error({ ...log1, error: safeErrorText(err.message) }, 'could not mark an outbound message as sent');
        }),
      );
      return 'sent';
    } catch (err) {
      const failure = err instanceof ChannelSendError ? err : new ChannelSendError((err as Error).message, true);
      metrics.sendFailures.inc({ channel: item.channel, retryable: String(failure.retryable) });
      if (failure.offline) {
        // Not an attempt: keep it for when the user is back, without counting it.
        await store.outbox.markFailed(item.id, failure.message, now() + this.options.offlineRetryMs);
        return 'stop';
      }
      const attempts = item.attempts + 1;
      if (!failure.retryable || attempts >= this.options.maxAttempts) {
        log.warn({ ...log1, attempts, error: safeErrorText(failure.message) }, 'outbound message given up');
        await store.outbox.markFailed(item.id, failure.message, null);
        return 'dead';
      }
      const backoff = Math.min(this.options.baseBackoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
      await store.outbox.markFailed(item.id, failure.message, now() + Math.max(backoff, failure.retryAfterMs ?? 0));
      log.info({ ...log1, attempts, error: safeErrorText(failure.message) }, 'outbound message will be retried');
      return 'stop';
    }
  }
}
