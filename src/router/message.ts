/**
 * The two shapes that cross the boundary between a channel adapter and the router.
 * Channel adapters turn platform events into an InboundMessage and render an
 * OutboundMessage in the platform's own terms; they know nothing of flows.
 */

export type ChannelName = 'webchat' | 'telegram' | 'whatsapp' | 'cli';

import type { Input } from '../engine/input';

/** What the patient sent, independent of the platform (the engine's Input). */
export type InboundContent = Input;

export interface InboundMessage {
  channel: ChannelName;
  /** The user's id on that channel (Telegram chat id, WhatsApp jid, web chat user id). */
  userId: string;
  /** The platform's id for this message: (channel, platformMessageId) is the dedupe key. */
  platformMessageId: string;
  content: InboundContent;
  /** When the platform says the message was sent (ms since epoch). */
  sentAt: number;
}

/** A choice the bot offers; channels render it as buttons or a numbered list. */
export interface Choice {
  /** Sent back as-is when the patient presses the button (or types it). */
  payload: string;
  /** What the patient sees, already translated. */
  title: string;
}

/** One message the bot sends, already translated into the patient's language. */
export interface OutboundMessage {
  /** The outbox id: stable across retries so that adapters can de-duplicate sends. */
  id: string;
  conversationId: string;
  channel: ChannelName;
  userId: string;
  text: string;
  choices?: Choice[];
}
