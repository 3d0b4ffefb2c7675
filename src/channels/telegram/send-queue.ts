/**
 * Pacing of Bot API sends: Telegram asks bots to stay under about one message per
 * second in a chat and thirty per second overall, and answers 429 beyond that.
 *
 * Each chat has its own queue (bottleneck group: one send at a time, in the order
 * queued); a chat's next send enters the global limiter only `perChatMs` after its
 * previous request finished, and the global limiter spaces every request `globalMs`
 * apart. The per-chat gap is measured here between actual requests, not by
 * bottleneck's minTime on a chained limiter: that one counts from when a send was
 * handed to the global queue, so with the global queue backed up (a busy evening)
 * two messages to one chat would leave milliseconds apart.
 *
 * A 429 is not waited out here: the send fails with Telegram's retry_after and
 * the outbox reschedules the message (see send-errors.ts), so the wait survives
 * a restart and never holds a request slot.
 */
import Bottleneck from 'bottleneck';
import { Pauses } from '../pauses';

export interface SendQueueOptions {
  /** Minimum gap between two sends to one chat. Telegram: about 1 s. */
  perChatMs: number;
  /** Minimum gap between any two sends. Telegram: 30 per second. */
  globalMs: number;
}

export const TELEGRAM_PACING: SendQueueOptions = { perChatMs: 1000, globalMs: 34 };

const STOPPED = 'send queue stopped';

export class SendQueue {
  private readonly global: Bottleneck;
  private readonly chats: Bottleneck.Group;
  /** When each chat's last request finished (its limiter is dropped, and this with it, after a minute idle). */
  private readonly lastSent = new WeakMap<Bottleneck, number>();
  private readonly pauses = new Pauses();
  private isStopped = false;

  constructor(private readonly opts: SendQueueOptions = TELEGRAM_PACING) {
    this.global = new Bottleneck({ minTime: opts.globalMs });
    // Idle chat limiters are dropped after a minute (bottleneck's unref'd cleanup timer).
    this.chats = new Bottleneck.Group({ maxConcurrent: 1, timeout: 60_000 });
  }

  /** Run `task` when the chat's and the global pacing allow; resolves or rejects with the task. */
  run<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    if (this.isStopped) return Promise.reject(new Error(STOPPED));
    const chat = this.chats.key(chatId);
    return chat.schedule(async () => {
      const wait = (this.lastSent.get(chat) ?? Number.NEGATIVE_INFINITY) + this.opts.perChatMs - Date.now();
      if (wait > 0) await this.pauses.pause(wait);
      if (this.isStopped) throw new Error(STOPPED);
      try {
        return await this.global.schedule(task);
      } finally {
        // A refused request (429) counts too.
        this.lastSent.set(chat, Date.now());
      }
    });
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Let running sends finish; sends still waiting fail (the outbox keeps them and tries again later). */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    this.pauses.wakeAll();
    const limiters = this.chats.limiters().map(({ limiter }) => limiter);
    await Promise.all([...limiters, this.global].map((l) => l.stop({ dropWaitingJobs: true, dropErrorMessage: STOPPED }).catch(() => undefined)));
  }
}
