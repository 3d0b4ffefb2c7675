/**
 * The flood guard: how many of one conversation's messages the bot answers a minute.
 * Another business's auto-reply on WhatsApp, or a phone stuck re-sending, would
 * otherwise ping-pong with the bot without end, and WhatsApp bans a number that
 * talks like that — the service gone for every patient. Past the limit (the
 * FLOOD_MAX_MESSAGES_PER_MINUTE setting) a message is still stored, for operators,
 * but runs no flow and gets no reply (the router's relay path), except:
 *
 * - the first one held back in a window gets one short notice (`common.flood_notice`);
 * - the emergency word or a red flag ("can't breathe", "শ্বাস নিতে পারছি না": what the engine's
 *   `interpret.command` reads as `emergency`, before anything else) and the stop word
 *   still run their flow, as they do while a person has the chat
 *   (src/handoff/turn-hooks.ts) — but once per window each: an auto-reply that
 *   happens to quote a danger sign must not ping-pong through this door either.
 *
 * Windows are the minutes of the router's clock (the time given, injected like every other
 * time in the router: a test or a replay on its own clock is judged on that clock). The
 * counting is rate-limiter-flexible's, in this process's memory: one counter per
 * conversation and minute (key `conversation·minute`), which the library drops a minute
 * after it began — no database query. A burst across a minute's end can be answered up
 * to twice the limit; over time it is the limit a minute. Several processes (MongoDB
 * deployments) each count what they receive.
 *
 * ```ts
 * const guard = new FloodGuard({ maxPerMinute: 20, interpret });
 * await guard.admit('conv-1', { kind: 'text', text: 'hi' }, Date.now()) // → { run: true }  (…20 times in a minute)
 * await guard.admit('conv-1', { kind: 'text', text: 'hi' }, Date.now()) // → { run: false, notice: true }
 * await guard.admit('conv-1', { kind: 'text', text: 'hi' }, Date.now()) // → { run: false, notice: false }
 * await guard.admit('conv-1', { kind: 'text', text: "I can't breathe" }, Date.now()) // → { run: true, through: 'emergency' }
 * ```
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { textOf, type Input } from '../engine/input';
import type { Interpreter } from '../engine/services';
import { takePoint } from '../limits/take-point';

/** Global words that run their flow even while a conversation is held back: once per window each. */
const ANSWERED_WHEN_FLOODED: readonly string[] = ['emergency', 'crisis', 'stop'];

export type FloodVerdict =
  /** Within the limit; or over it with one of ANSWERED_WHEN_FLOODED (`through`). */
  | { run: true; through?: string }
  /** Over the limit: store only; `notice` for the first message held back in this window. */
  | { run: false; notice: boolean };

export interface FloodGuardOptions {
  /** Messages of one conversation answered per minute (at least 1; the setting's 0 means no guard at all). */
  maxPerMinute: number;
  /** The engine's reading of global words and red flags (core.ts: the interpreter with red flags). */
  interpret: Pick<Interpreter, 'command'>;
}

const WINDOW_MS = 60_000;
const RUN: FloodVerdict = { run: true };

export class FloodGuard {
  readonly maxPerMinute: number;
  /** Messages per conversation and minute. The library's own expiry (wall clock) only frees memory. */
  private readonly messages: RateLimiterMemory;
  /** One point per conversation, minute and "once": the notice, each word let through. */
  private readonly once = new RateLimiterMemory({ keyPrefix: 'once', points: 1, duration: WINDOW_MS / 1000 });
  private readonly interpret: Pick<Interpreter, 'command'>;

  constructor(opts: FloodGuardOptions) {
    if (!Number.isInteger(opts.maxPerMinute) || opts.maxPerMinute < 1) throw new Error(`flood guard: maxPerMinute must be a whole number of at least 1 (got ${opts.maxPerMinute})`);
    this.maxPerMinute = opts.maxPerMinute;
    this.interpret = opts.interpret;
    this.messages = new RateLimiterMemory({ keyPrefix: 'msg', points: opts.maxPerMinute, duration: WINDOW_MS / 1000 });
  }

  /**
   * Count one message of `conversationId`, received `at` (ms, the router's clock), and say whether
   * its flow runs. `content` is what the engine would read (clipped). Once per message, in the
   * conversation's lock.
   */
  async admit(conversationId: string, content: Input, at: number): Promise<FloodVerdict> {
    const key = windowKey(conversationId, at);
    if (await take(this.messages, key)) return RUN;
    const text = textOf(content);
    const command = text === null ? null : this.interpret.command(text);
    if (command !== null && ANSWERED_WHEN_FLOODED.includes(command) && (await take(this.once, `${key}\u0000${command}`))) return { run: true, through: command };
    return { run: false, notice: await take(this.once, `${key}\u0000notice`) };
  }

  /**
   * The message admitted `at` was a redelivery that the commit refused (a duplicate): it gives
   * back what it took, so that the next new message is judged as if it had not come.
   */
  async undo(conversationId: string, verdict: FloodVerdict, at: number): Promise<void> {
    const key = windowKey(conversationId, at);
    await this.messages.reward(key);
    if (verdict.run && verdict.through) await this.once.delete(`${key}\u0000${verdict.through}`);
    if (!verdict.run && verdict.notice) await this.once.delete(`${key}\u0000notice`);
  }
}

/** One conversation's counter for the minute `at` is in. */
function windowKey(conversationId: string, at: number): string {
  return `${conversationId}\u0000${Math.floor(at / WINDOW_MS)}`;
}

/** true: a point was left, and is now taken. */
async function take(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  return (await takePoint(limiter, key)) === 0;
}
