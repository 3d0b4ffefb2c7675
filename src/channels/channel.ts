/**
 * The interface every channel adapter implements. An adapter turns platform
 * events into InboundMessages (handing them to the router) and sends
 * OutboundMessages in the platform's own terms. It knows nothing of flows.
 */
import type { ChannelName, InboundMessage, OutboundMessage } from '../router/message';

/** Hands an inbound message to the router; resolves when the turn is committed and its replies sent (or queued). */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

export interface Channel {
  readonly name: ChannelName;
  /**
   * Deliver one message. Throws ChannelSendError when it cannot. Resolves with a
   * Handover when the message was only put in something not yet sent (a web chat
   * webhook response still being assembled): it counts as sent once that is.
   */
  send(message: OutboundMessage, opts?: SendOptions): Promise<void | Handover>;
  /** Begin receiving (connect, poll, register routes...). */
  start?(onInbound: InboundHandler): Promise<void>;
  stop?(): Promise<void>;
  /**
   * A patient's photo, document or voice note, fetched from the platform only now,
   * when an operator opens it. `ref` is the media reference stored with the inbound
   * message. Resolves with null when the platform no longer has the file (or `ref`
   * is not one of ours); rejects with MediaTooLargeError past `maxBytes`, and with a
   * ChannelSendError (`offline` while the channel is not running) when it cannot fetch.
   */
  openMedia?(ref: string, opts?: { maxBytes?: number }): Promise<OpenedMedia | null>;
}

/**
 * A message the channel took but has not handed to the platform yet: a web chat reply
 * that joined a webhook turn's HTTP response, which is written only after the turn.
 */
export interface Handover {
  /** true once it was handed over (the response was written); false if it never will be (the connection closed first). */
  readonly delivered: Promise<boolean>;
  /** Whether a message sent now would join the same (unwritten) response, right after this one. */
  joinable(): boolean;
}

export interface SendOptions {
  /**
   * The message must follow `after` (a Handover this channel returned for the previous
   * message to the same person) in the same unwritten response. If that response is no
   * longer open, send() rejects with a retryable ChannelSendError instead of sending the
   * message some other way, where it could arrive first.
   */
  after?: Handover;
}

/** A media file an operator opened. */
export interface OpenedMedia {
  mimetype: string;
  data: Buffer;
  /** The file's own name, when the platform keeps one (patient data: never logged). */
  filename?: string;
}

/** The file is larger than an operator may open through the console. */
export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`media larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}

/**
 * A send that failed. `retryable` says whether the outbox should try again
 * (network trouble, rate limit, user not connected right now) or give up
 * (the user blocked the bot, the chat no longer exists).
 */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Wait at least this long before the next try (e.g. Telegram's retry_after). */
    readonly retryAfterMs?: number,
    /**
     * The user is simply not reachable right now (a web chat tab is closed). The
     * channel asks for delivery when they come back, so the attempt does not count.
     */
    readonly offline = false,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}
