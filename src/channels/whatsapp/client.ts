/**
 * The part of whatsapp-web.js's `Client` the WhatsApp channel uses, and the plain
 * shapes of what it emits. The channel depends on this narrow surface, not on the
 * library: tests drive it with an EventEmitter that has the same methods and
 * events, and only `chromium-client.ts` (loaded by production code) builds the
 * real thing.
 */
import { z } from 'zod';

/**
 * A received `Message`, as far as we read it (field names as in whatsapp-web.js's
 * index.d.ts). Parsed with zod at the edge: a message of a shape we do not expect
 * is ignored with a reason, never a crash.
 */
export const waMessageSchema = z.object({
  id: z.object({ _serialized: z.string().min(1) }),
  /** The chat: `<number>@c.us` or `<lid>@lid` (private), `…@g.us` (group), `status@broadcast`… */
  from: z.string().min(1),
  fromMe: z.boolean().default(false),
  body: z.string().default(''),
  type: z.string().min(1),
  /** Seconds since the epoch. */
  timestamp: z.number().optional(),
  hasMedia: z.boolean().default(false),
  isStatus: z.boolean().optional(),
  /** Strings in some versions, numbers in others. */
  location: z
    .object({
      latitude: z.union([z.string(), z.number()]),
      longitude: z.union([z.string(), z.number()]),
    })
    .optional()
    .nullable(),
  vCards: z.array(z.string()).optional().nullable(),
  /** A reply (swiped and quoted): see quotedIdOf (inbound.ts), which reads these two. */
  hasQuotedMsg: z.unknown().optional(),
  /** whatsapp-web.js's raw model of the message: `quotedStanzaID` is read from it, nothing else. */
  _data: z.unknown().optional(),
});

export type WaMessage = z.input<typeof waMessageSchema>;

/** An incoming call (whatsapp-web.js `Call`): we never answer, only log that it was ignored. */
export interface WaCall {
  id: string;
  from?: string;
  isGroup?: boolean;
  isVideo?: boolean;
  fromMe?: boolean;
}

/** A patient's photo, voice note or document as whatsapp-web.js downloads it (`MessageMedia`). */
export interface WaMedia {
  mimetype: string;
  /** Base64. */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

/** A stored message as `getMessageById` returns it, as far as opening its media goes. */
export interface WaStoredMessage {
  hasMedia: boolean;
  /** Undefined (or a throw) when WhatsApp no longer has the file. */
  downloadMedia(): Promise<WaMedia | undefined>;
}

/** The events the channel listens to, with their arguments. */
export interface WhatsAppClientEvents {
  message: [message: WaMessage];
  /** A new QR code to scan (it changes about every 20 s until the phone is linked). */
  qr: [qr: string];
  /** The phone scanned the code (or the stored session was accepted); "ready" follows. */
  authenticated: [];
  ready: [];
  /** whatsapp-web.js: a WhatsApp state such as 'CONFLICT' or 'UNPAIRED', or 'LOGOUT'; ours: 'BROWSER_CLOSED'. */
  disconnected: [reason: string];
  auth_failure: [message: string];
  /** WhatsApp Web's own connection state: CONNECTED, TIMEOUT (the phone is offline), OPENING… */
  change_state: [state: string];
  call: [call: WaCall];
}

export type WhatsAppClientEvent = keyof WhatsAppClientEvents;

export interface WhatsAppClient {
  on<E extends WhatsAppClientEvent>(event: E, listener: (...args: WhatsAppClientEvents[E]) => void): this;
  once<E extends WhatsAppClientEvent>(event: E, listener: (...args: WhatsAppClientEvents[E]) => void): this;
  /** Launch the browser and load WhatsApp Web. May hang forever when the network stalls. */
  initialize(): Promise<void>;
  /** Close the browser gracefully. May hang when the browser is wedged. */
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string, options?: { linkPreview?: boolean }): Promise<unknown>;
  /** A received message by its serialized id (our media reference); null/undefined when WhatsApp Web no longer has it. */
  getMessageById(messageId: string): Promise<WaStoredMessage | null | undefined>;
  /** WhatsApp Web's connection state; throws (or never answers) when the page is dead. */
  getState(): Promise<string | null>;
  /** Make sure no process of this client is left; the real client kills Chromium's process tree. */
  forceKill?(): Promise<void>;
}

/** Builds a fresh client for each (re)start: a destroyed whatsapp-web.js Client cannot be started again. */
export type WhatsAppClientFactory = () => WhatsAppClient;
