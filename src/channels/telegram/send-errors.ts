/**
 * What a failed Bot API call means for the outbox: retry (and when), give up,
 * and whether the patient can no longer be reached at all. Modelled on courier's
 * fixed list of send errors. Messages carry codes and Telegram's own description,
 * never the token (telegraf already redacts it from network errors' URLs, and we
 * do not copy those messages).
 *
 * | Bot API answer                                         | retry            | unreachable |
 * |--------------------------------------------------------|------------------|-------------|
 * | 429 Too Many Requests, parameters.retry_after = N      | after N seconds  | no          |
 * | 403 bot was blocked by the user / user is deactivated  | no               | yes         |
 * | 400 chat not found                                     | no               | yes         |
 * | other 400 (our request was wrong)                      | no               | no          |
 * | 401 / 404 (token revoked or wrong)                     | in 5 minutes     | no          |
 * | 5xx, network error, timeout                            | with backoff     | no          |
 */
import { TelegramError } from 'telegraf';
import { ChannelSendError } from '../channel';

export interface SendFailure {
  error: ChannelSendError;
  /** The patient blocked the bot or is gone: mark the contact unreachable. */
  unreachable: boolean;
}

/** When the token is wrong nothing can be sent; messages wait for someone to fix it. */
const BAD_TOKEN_RETRY_MS = 5 * 60_000;
/** Telegram always sends retry_after with a 429; this is for a proxy that does not. */
const DEFAULT_RETRY_AFTER_S = 5;

export function classifySendError(err: unknown): SendFailure {
  if (err instanceof ChannelSendError) return { error: err, unreachable: false };
  if (err instanceof TelegramError) {
    const code = err.code;
    const what = `telegram ${code}: ${err.description ?? 'no description'}`;
    if (code === 429) {
      const seconds = err.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S;
      return { error: new ChannelSendError(what, true, seconds * 1000), unreachable: false };
    }
    if (code === 403) return { error: new ChannelSendError(what, false), unreachable: true };
    if (code === 400 && /chat not found/i.test(err.description ?? '')) return { error: new ChannelSendError(what, false), unreachable: true };
    if (code === 401 || code === 404) return { error: new ChannelSendError(`${what} (check TELEGRAM_BOT_TOKEN)`, true, BAD_TOKEN_RETRY_MS), unreachable: false };
    if (code >= 500) return { error: new ChannelSendError(what, true), unreachable: false };
    return { error: new ChannelSendError(what, false), unreachable: false };
  }
  // node-fetch FetchError (connection refused, DNS, reset), our AbortSignal timeout, anything else thrown on the way.
  const e = err as { name?: unknown; code?: unknown; type?: unknown };
  const label = [e.name, e.code ?? e.type].filter((x) => typeof x === 'string').join('/') || 'unknown';
  return { error: new ChannelSendError(`telegram request failed (${label})`, true), unreachable: false };
}
