/**
 * One queue for everything the WhatsApp channel sends, paced so that a burst of
 * replies does not look like a spam bot to WhatsApp: one message at a time, at
 * least `gapMs` plus a random 0..`jitterMs` after the previous one, and at most
 * `perMinute` a minute. Bottleneck keeps the order, the per-minute reservoir and
 * the queue; the gap and jitter are measured here between the actual sends.
 *
 * The outbox already sends one user's messages in order and waits for each, so
 * this queue only has to be fair across users (first come, first served).
 */
import Bottleneck from 'bottleneck';
import { ChannelSendError } from '../channel';
import { Pauses } from '../pauses';

export interface PacingOptions {
  gapMs: number;
  jitterMs: number;
  perMinute: number;
  /** Waiting sends beyond this are refused (retryable) instead of queued. Default 1000. */
  maxQueued?: number;
  /** 0 ≤ random() < 1; injected so that tests can fix the jitter. */
  random?: () => number;
}

const STOPPED = 'sahay: WhatsApp send queue stopped';

export class SendQueue {
  private readonly limiter: Bottleneck;
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private readonly pauses = new Pauses();

  constructor(private readonly opts: PacingOptions) {
    this.limiter = new Bottleneck({
      maxConcurrent: 1,
      reservoir: opts.perMinute,
      reservoirRefreshAmount: opts.perMinute,
      reservoirRefreshInterval: 60_000,
      highWater: opts.maxQueued ?? 1000,
      strategy: Bottleneck.strategy.OVERFLOW,
    });
  }

  /** Run `send` when its turn comes. Rejects with a ChannelSendError when the queue is full or stopped. */
  async schedule<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.schedule(async () => {
        const jitter = Math.floor((this.opts.random ?? Math.random)() * this.opts.jitterMs);
        const wait = this.lastSendAt + this.opts.gapMs + jitter - Date.now();
        if (wait > 0) await this.pauses.pause(wait);
        if (this.stopped) throw stopping();
        try {
          return await send();
        } finally {
          this.lastSendAt = Date.now();
        }
      });
    } catch (err) {
      if (err instanceof Bottleneck.BottleneckError) {
        // Dropped because the channel is stopping (offline: sent after the next start),
        // or because the queue is full (try again a little later).
        if (this.stopped || err.message === STOPPED) throw stopping();
        throw new ChannelSendError('WhatsApp send queue full', true, 30_000);
      }
      throw err;
    }
  }

  /** Sends waiting their turn. */
  get waiting(): number {
    return this.limiter.queued();
  }

  /**
   * Refuse new sends and drop the waiting ones, also one pausing for its turn (they
   * stay in the outbox); a send already handed to WhatsApp finishes. Idempotent.
   */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopped = true;
      this.pauses.wakeAll();
      this.stopping = this.limiter
        .stop({ dropWaitingJobs: true, dropErrorMessage: STOPPED, enqueueErrorMessage: STOPPED })
        // The per-minute reservoir runs a 250 ms timer of its own, which stop() leaves running.
        // Not awaited: disconnect() clears it after a setTimeout(0) of its own.
        .finally(() => void this.limiter.disconnect().catch(() => undefined));
    }
    return this.stopping;
  }
}

function stopping(): ChannelSendError {
  return new ChannelSendError('WhatsApp channel stopping', true, undefined, true);
}
