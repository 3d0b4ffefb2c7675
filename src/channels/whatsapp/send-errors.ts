/**
 * Which WhatsApp send failures are worth retrying. The outbox reads the answer
 * from ChannelSendError: `retryable` (back off and try again), not retryable
 * (give this message up), or `offline` (the WhatsApp link itself is down; the
 * attempt does not count, and everything pending is sent once it is linked again).
 */
import { ChannelSendError } from '../channel';
import { describeError } from './describe-error';

/** The chat cannot be written to, whatever we do: retrying would only repeat the failure. */
const PERMANENT = [/invalid wid/i, /wid error/i, /no lid for user/i, /not a valid (chat|user|wid)/i, /chat not found/i, /not registered/i];

export function notLinked(): ChannelSendError {
  return new ChannelSendError('WhatsApp is not linked right now', true, undefined, true);
}

/**
 * Everything else — puppeteer's "Protocol error", "Target closed", "Execution
 * context was destroyed", timeouts, a page that is reloading — is transient: the
 * browser is restarting or the network blinked. Unknown errors are retried too;
 * the outbox gives up after its maximum number of attempts.
 */
export function toSendError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const first = describeError(err);
  if (PERMANENT.some((re) => re.test(message))) return new ChannelSendError(`WhatsApp refused the chat: ${first}`, false);
  return new ChannelSendError(`WhatsApp send failed: ${first}`, true);
}
