/**
 * What a web chat client may send, in Botkit's web adapter protocol, checked with
 * zod before Botkit sees it. The same frames arrive by webhook (POST body) and by
 * websocket (one JSON text frame each).
 *
 *   { "type": "message", "text": "jor ache", "user": "u-3f9c...", "channel": "websocket", "id": "m-81a2..." }
 *   { "type": "message", "text": "हिन्दी", "payload": "hi", "user": "u-3f9c...", "channel": "websocket" }
 *   { "type": "hello" | "welcome_back", "user": "u-3f9c...", "channel": "websocket", "acks": true }
 *   { "type": "location", "lat": 22.5726, "lng": 88.3639, "user": "u-3f9c...", "id": "m-81a3..." }
 *   { "type": "ack", "user": "u-3f9c...", "id": "0193..." }   (websocket only: a bot message shown)
 *
 * A location is the page's 📍 button (the browser's geolocation): the same InboundContent as a
 * WhatsApp or Telegram location pin, so the bed search lists the hospitals nearest to it. It
 * is its own frame, not a field of a message frame, so that no frame is both typed text and a
 * location, and an older page's frames mean what they meant.
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

/** A coordinate in degrees: a finite number in range (NaN, Infinity and strings are refused). */
function degrees(limit: number) {
  const range = `must be a number from -${limit} to ${limit}`;
  return z.number({ error: range }).min(-limit, range).max(limit, range);
}

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
    /** The patient shared where they are (the page's 📍 button). */
    type: z.literal('location'),
    user: clientId,
    lat: degrees(90),
    lng: degrees(180),
    /** As a message's: a retried send carries the same id and is processed once. */
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

/** A frame that carries something the patient said (text, a tapped choice, a location): it goes to the router. */
export type PatientFrame = Extract<WebFrame, { type: 'message' | 'location' }>;

export function isPatientFrame(frame: WebFrame): frame is PatientFrame {
  return frame.type === 'message' || frame.type === 'location';
}

/** What the bot sends to a web client, webhook response item or websocket frame alike. */
export interface WebReply {
  type: 'message';
  text: string;
  quick_replies?: { title: string; payload: string }[];
}
