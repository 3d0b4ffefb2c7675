/**
 * What a web chat client may send, in Botkit's web adapter protocol, checked with
 * zod before Botkit sees it. The same frames arrive by webhook (POST body) and by
 * websocket (one JSON text frame each).
 *
 *   { "type": "message", "text": "jor ache", "user": "u-3f9c...", "channel": "websocket", "id": "m-81a2..." }
 *   { "type": "message", "text": "हिन्दी", "payload": "hi", "user": "u-3f9c...", "channel": "websocket" }
 *   { "type": "hello" | "welcome_back", "user": "u-3f9c...", "channel": "websocket", "acks": true }
 *   { "type": "ack", "user": "u-3f9c...", "id": "0193..." }   (websocket only: a bot message shown)
 *
 * Over a websocket, each side confirms what it got, because a socket that died without a
 * close (a phone changing networks) still takes writes for a while: the page confirms each
 * bot message it has shown (`ack` with the message's id), when its hello said `acks: true`,
 * and the server confirms each patient message once its turn is done (`{ "type": "ack",
 * "id": <the client's id> }`), so that the page sends again, after a reconnect, whatever was
 * not confirmed (the id makes a second arrival count once).
 *
 * Unknown extra fields (the Botkit sample client sends `user_profile`) are dropped.
 */
import { z } from 'zod';

/** A patient's long message still gets a normal reply; beyond this it is not a chat message. */
export const MAX_TEXT_LENGTH = 10_000;

/** Ids are chosen by the browser (random), so they are bounded and kept free of control characters. */
const clientId = z.string().min(1).max(128).regex(/^[^\p{C}]+$/u, 'must be printable');
const channel = z.string().max(32).optional();

export const webFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    user: clientId,
    text: z.string().max(MAX_TEXT_LENGTH),
    /**
     * A quick reply tapped: its payload (the text is its title). Read as a button, by the
     * payload exactly; typed text never is ("hi" typed is a greeting, the button `hi` Hindi).
     */
    payload: z.string().min(1).max(200).optional(),
    /** The client's message id: a retried send carries the same id and is processed once. */
    id: clientId.optional(),
    channel,
  }),
  z.object({
    /** A client (re)connected: time to deliver whatever was stored while it was away. */
    type: z.enum(['hello', 'welcome_back']),
    user: clientId,
    id: clientId.optional(),
    channel,
    /** The page confirms every bot message it shows: delivery to it counts only once confirmed. */
    acks: z.boolean().optional(),
  }),
  z.object({
    /** The page has shown the bot message with this id (websocket only). */
    type: z.literal('ack'),
    user: clientId,
    id: clientId,
    channel,
  }),
]);

export type WebFrame = z.output<typeof webFrameSchema>;

/** What the bot sends to a web client, webhook response item or websocket frame alike. */
export interface WebReply {
  type: 'message';
  text: string;
  quick_replies?: { title: string; payload: string }[];
}
