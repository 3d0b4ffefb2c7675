/**
 * A whatsapp-web.js `Message` → one InboundMessage for the router, or the reason
 * it is ignored. Pure: no client, no clock of its own.
 *
 * The user id is the chat's WhatsApp id (`<number>@c.us` or `<lid>@lid`): it is
 * what a reply is sent to. The store keeps it to find the conversation (our own
 * id for the patient); it never goes into logs.
 *
 * Media are kept as references (the message's serialized id), never downloaded
 * here: an operator's console fetches one when they open it.
 */
import type { InboundContent, InboundMessage } from '../../router/message';
import { waMessageSchema, type WaMessage } from './client';
import { parseVCard } from './vcard';

export type IgnoreReason =
  | 'own_message'
  | 'group'
  | 'status_broadcast'
  | 'broadcast'
  | 'newsletter'
  | 'not_private'
  | 'call'
  | 'system'
  | 'empty'
  | 'malformed'
  /** Arrived while the channel was shutting down. */
  | 'stopping'
  /** A short answer written as a reply to an older numbered list of ours (live-menus.ts): refused with a notice. */
  | 'stale_menu';

/** `quotedId`: the message it replies to (swiped and quoted), by WhatsApp's id for it; see quotedIdOf. */
export type InboundDecision = { accept: true; message: InboundMessage; quotedId?: string } | { accept: false; reason: IgnoreReason };

/** Message types that are WhatsApp bookkeeping, not something a person sent. */
const SYSTEM_TYPES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'protocol',
  'ciphertext',
  'revoked',
  'debug',
  'broadcast_notification',
  // An album announces the images that follow as messages of their own (albums.ts names them as its items).
  'album',
]);

/** Typed text, and replies to interactive messages (their body is the option's text). */
const TEXT_TYPES = new Set(['chat', 'list_response', 'buttons_response', 'template_button_reply']);

const MEDIA_TYPES: Record<string, Extract<InboundContent, { kind: 'media' }>['mediaType']> = {
  image: 'image',
  document: 'document',
  video: 'video',
  audio: 'audio',
  ptt: 'audio',
  sticker: 'sticker',
};

/** Private chats: phone-number ids and WhatsApp's newer "linked ids". */
export function isPrivateChatId(id: string): boolean {
  return /^[0-9]{5,20}@(c\.us|lid)$/.test(id);
}

export function toInbound(raw: WaMessage, now: () => number): InboundDecision {
  const parsed = waMessageSchema.safeParse(raw);
  if (!parsed.success) return { accept: false, reason: 'malformed' };
  const msg = parsed.data;

  if (msg.fromMe) return { accept: false, reason: 'own_message' };
  if (msg.from === 'status@broadcast' || msg.isStatus) return { accept: false, reason: 'status_broadcast' };
  if (msg.from.endsWith('@g.us')) return { accept: false, reason: 'group' };
  if (msg.from.endsWith('@broadcast')) return { accept: false, reason: 'broadcast' };
  if (msg.from.endsWith('@newsletter')) return { accept: false, reason: 'newsletter' };
  if (!isPrivateChatId(msg.from)) return { accept: false, reason: 'not_private' };
  if (msg.type === 'call_log') return { accept: false, reason: 'call' };
  if (SYSTEM_TYPES.has(msg.type)) return { accept: false, reason: 'system' };

  const content = contentOf(msg);
  if (!content) return { accept: false, reason: 'empty' };
  const sentAt = msg.timestamp && msg.timestamp > 0 ? msg.timestamp * 1000 : now();
  const message: InboundMessage = { channel: 'whatsapp', userId: msg.from, platformMessageId: msg.id._serialized, content, sentAt };
  const quotedId = quotedIdOf(raw);
  return { accept: true, message, ...(quotedId !== undefined ? { quotedId } : {}) };
}

/**
 * The message a reply quotes, as whatsapp-web.js gives it: `hasQuotedMsg` (true when
 * WhatsApp Web attached the quoted message) and, in the raw model `_data`,
 * `quotedStanzaID`: the quoted message's own id — the `id.id` of the Message that
 * sendMessage returned for it (not the `_serialized` form). The same thing the Cloud
 * API calls `context.id`. Read without a look-up (getQuotedMessage() would ask the
 * browser page); anything of another shape is "quoting nothing".
 */
export function quotedIdOf(raw: WaMessage): string | undefined {
  const { hasQuotedMsg, _data: data } = raw as { hasQuotedMsg?: unknown; _data?: unknown };
  if (hasQuotedMsg === false || !data || typeof data !== 'object') return undefined;
  const id = (data as { quotedStanzaID?: unknown }).quotedStanzaID;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

/**
 * The `album` message a patient's phone sends before the photos of an album (ignored
 * itself, as bookkeeping): its chat, and its id, which names the album (albums.ts).
 */
export function albumAnnounced(raw: WaMessage): { chatId: string; album: string } | null {
  const parsed = waMessageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const msg = parsed.data;
  if (msg.type !== 'album' || msg.fromMe || msg.isStatus || !isPrivateChatId(msg.from)) return null;
  return { chatId: msg.from, album: msg.id._serialized };
}

type ParsedMessage = ReturnType<typeof waMessageSchema.parse>;

function contentOf(msg: ParsedMessage): InboundContent | null {
  if (TEXT_TYPES.has(msg.type)) {
    // Text is passed as typed: "১", "२" and "1" are read as menu numbers by the interpreter.
    return msg.body.trim() ? { kind: 'text', text: msg.body } : null;
  }
  const mediaType = MEDIA_TYPES[msg.type];
  if (mediaType) {
    // For media, whatsapp-web.js puts the caption (if any) in `body`.
    const caption = msg.body.trim();
    return { kind: 'media', mediaType, ref: msg.id._serialized, ...(caption ? { caption } : {}) };
  }
  if (msg.type === 'location') return locationOf(msg.location) ?? { kind: 'unsupported', what: 'invalid_location' };
  if (msg.type === 'vcard' || msg.type === 'multi_vcard') {
    const card = msg.vCards?.[0] ?? msg.body;
    return { kind: 'contact', ...parseVCard(card) };
  }
  // Polls, orders, payments, invites, events…: answered politely by the flow.
  return { kind: 'unsupported', what: msg.type };
}

/**
 * Latitude and longitude arrive as strings ("22.5726") in whatsapp-web.js 1.34,
 * as numbers in others. Anything that is not a plain number in range, and the
 * (0, 0) a phone reports when it has no fix, is not a location.
 */
export function locationOf(loc: ParsedMessage['location']): Extract<InboundContent, { kind: 'location' }> | null {
  if (!loc) return null;
  const lat = toNumber(loc.latitude);
  const lng = toNumber(loc.longitude);
  if (lat === null || lng === null) return null;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return null;
  if (lat === 0 && lng === 0) return null;
  return { kind: 'location', lat, lng };
}

function toNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
