/**
 * Pacing of Bot API sends (bottleneck): Telegram asks bots to stay under about
 * one message per second in a chat and thirty per second overall, and answers
 * 429 beyond that. Each chat has its own limiter (one request at a time, spaced
 * `perChatMs` apart, in the order they were queued), chained to one global
 * limiter that spaces every request `globalMs` apart.
 *
 * A 429 is not waited out here: the send fails with Telegram's retry_after and
 * the outbox reschedules the message (see send-errors.ts), so the wait survives
 * a restart and never holds a request slot.
 */
import Bottleneck from 'bottleneck';

export interface SendQueueOptions {
  /** Minimum gap between two sends to one chat. Telegram: about 1 s. */
  perChatMs: number;
  /** Minimum gap between any two sends. Telegram: 30 per second. */
  globalMs: number;
}

export const TELEGRAM_PACING: SendQueueOptions = { perChatMs: 1000, globalMs: 34 };

export class SendQueue {
  private readonly global: Bottleneck;
  private readonly chats: Bottleneck.Group;
  private isStopped = false;

  constructor(opts: SendQueueOptions = TELEGRAM_PACING) {
    this.global = new Bottleneck({ minTime: opts.globalMs });
    // Idle chat limiters are dropped after a minute (bottleneck's unref'd cleanup timer).
    this.chats = new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.perChatMs, timeout: 60_000 });
    this.chats.on('created', (limiter) => {
      limiter.chain(this.global);
    });
  }

  /** Run `task` when the chat's and the global pacing allow; resolves or rejects with the task. */
  run<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    if (this.isStopped) return Promise.reject(new Error('send queue stopped'));
    return this.chats.key(chatId).schedule(task);
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Let running sends finish; sends still waiting fail (the outbox keeps them and tries again later). */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    const limiters = this.chats.limiters().map(({ limiter }) => limiter);
    await Promise.all([...limiters, this.global].map((l) => l.stop({ dropWaitingJobs: true, dropErrorMessage: 'send queue stopped' }).catch(() => undefined)));
  }
}
