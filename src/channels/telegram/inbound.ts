/**
 * Reading a Telegram update: what the patient sent, in our terms, or why it is
 * ignored. Pure (no state, no I/O): the channel decides what a button press
 * means, because that depends on the keyboards it sent.
 *
 * Ids:
 * - userId is the private chat's id (equal to the patient's Telegram user id).
 * - platformMessageId, the router's dedupe key, must be the same every time
 *   Telegram delivers the same thing and different for anything new:
 *   - a message: `m:<bot id>:<chat id>:<message_id>`. message_id is unique only
 *     within a chat, hence the chat id. update_id would also repeat on a re-sent
 *     update, but Telegram restarts its sequence at random after a week without
 *     updates, so an old stored id could swallow a new message;
 *   - a button press: `cb:<callback query id>`. A press has no message of its own
 *     (its message_id is the keyboard's, the same for every press on it); the
 *     callback query id is unique per press and repeats only on a re-sent update.
 */
import type { InboundContent, InboundMessage } from '../../router/message';
import { updateSchema, type TelegramCallbackQuery, type TelegramMessage } from './update-schema';

export type Received =
  | { kind: 'message'; chatId: string; messageId: number; inbound: InboundMessage }
  | {
      kind: 'press';
      chatId: string;
      callbackId: string;
      /** The message that carries the keyboard. */
      keyboardMessageId: number;
      data: string;
      /** The pressed button's label, as Telegram echoes the keyboard back (absent on very old messages). */
      buttonTitle: string | undefined;
      /** The text of the message the keyboard is on, as Telegram echoes it (absent on very old messages). */
      keyboardText: string | undefined;
    }
  /** `reason` is a code for the logs (never user data); a callback still has to be answered. */
  | { kind: 'ignored'; reason: string; callbackId?: string };

/**
 * Service messages: things that happened in the chat, not something the patient
 * said. Answering them "I can only read text" would be nonsense, so they are ignored.
 */
const SERVICE_FIELDS = new Set([
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo',
  'group_chat_created', 'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed',
  'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'successful_payment', 'refunded_payment',
  'connected_website', 'write_access_allowed', 'proximity_alert_triggered', 'boost_added', 'chat_background_set',
  'forum_topic_created', 'forum_topic_edited', 'forum_topic_closed', 'forum_topic_reopened',
  'general_forum_topic_hidden', 'general_forum_topic_unhidden', 'giveaway_created', 'giveaway_completed',
  'video_chat_scheduled', 'video_chat_started', 'video_chat_ended', 'video_chat_participants_invited',
]);

/** Fields about a message rather than its content; whatever else a message carries is its content. */
const META_FIELDS = new Set([
  'message_id', 'message_thread_id', 'from', 'sender_chat', 'sender_boost_count', 'sender_business_bot', 'date',
  'business_connection_id', 'chat', 'forward_origin', 'forward_from', 'forward_from_chat', 'forward_from_message_id',
  'forward_signature', 'forward_sender_name', 'forward_date', 'is_topic_message', 'is_automatic_forward',
  'reply_to_message', 'external_reply', 'quote', 'reply_to_story', 'via_bot', 'edit_date', 'has_protected_content',
  'is_from_offline', 'media_group_id', 'author_signature', 'entities', 'caption', 'caption_entities',
  'link_preview_options', 'effect_id', 'show_caption_above_media', 'has_media_spoiler', 'reply_markup',
]);

/** "/start", "/help@sahay_bot", "/language bn" */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?:\s+([\s\S]*))?$/;

/** `botId` (the number before the token's colon) keeps message keys apart if the deployment ever changes bots. */
export function readUpdate(raw: unknown, botId: string): Received {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', reason: 'malformed' };
  const update = parsed.data;
  if (update.message) return readMessage(botId, update.message, raw as { message: Record<string, unknown> });
  if (update.callback_query) return readPress(update.callback_query);
  // edited_message, channel_post, my_chat_member, poll, inline_query...: the update's own kind is the reason.
  const kind = Object.keys(update).find((k) => k !== 'update_id');
  return { kind: 'ignored', reason: kind && /^[a-z_]{1,40}$/.test(kind) ? kind : 'unknown_update' };
}

/** The dedupe key of a message (see the file comment). */
export function messageKey(botId: string, chatId: string, messageId: number): string {
  return `m:${botId}:${chatId}:${messageId}`;
}

export function pressKey(callbackId: string): string {
  return `cb:${callbackId}`;
}

function readMessage(botId: string, message: TelegramMessage, raw: { message: Record<string, unknown> }): Received {
  if (message.chat.type !== 'private') return { kind: 'ignored', reason: message.chat.type === 'channel' ? 'channel_post' : 'group_chat' };
  const content = contentOf(message, raw.message);
  if (!content) return { kind: 'ignored', reason: 'service_message' };
  const chatId = String(message.chat.id);
  return {
    kind: 'message',
    chatId,
    messageId: message.message_id,
    inbound: {
      channel: 'telegram',
      userId: chatId,
      platformMessageId: messageKey(botId, chatId, message.message_id),
      content,
      sentAt: message.date * 1000,
    },
  };
}

function readPress(query: TelegramCallbackQuery): Received {
  const callbackId = query.id;
  if (!query.message) return { kind: 'ignored', reason: 'inline_message_button', callbackId };
  if (query.message.chat.type !== 'private') return { kind: 'ignored', reason: 'group_chat', callbackId };
  if (query.data === undefined || query.data === '') return { kind: 'ignored', reason: 'button_without_data', callbackId };
  return {
    kind: 'press',
    chatId: String(query.message.chat.id),
    callbackId,
    keyboardMessageId: query.message.message_id,
    data: query.data,
    buttonTitle: buttonTitle(query.message.reply_markup, query.data),
    keyboardText: query.message.text,
  };
}

/** What the patient sent, or null for a service message. */
export function contentOf(m: TelegramMessage, raw: Record<string, unknown>): InboundContent | null {
  if (m.text !== undefined) return textContent(m.text);
  // A venue carries its location too.
  if (m.location) return { kind: 'location', lat: m.location.latitude, lng: m.location.longitude };
  if (m.contact) {
    const name = [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ');
    return { kind: 'contact', ...(m.contact.phone_number ? { phone: m.contact.phone_number } : {}), ...(name ? { name } : {}) };
  }
  // An album arrives as one message per photo (or file), each with the album's media_group_id
  // and usually only the first with a caption: the conversation answers the album once.
  const extra = { ...(m.caption ? { caption: m.caption } : {}), ...(m.media_group_id ? { album: m.media_group_id } : {}) };
  // No initial value would throw on an empty list, which the Bot API never sends but a proxy might: no photo then.
  const biggest = m.photo?.reduce<(typeof m.photo)[number] | undefined>((a, b) => (a && area(a) >= area(b) ? a : b), undefined);
  if (biggest) return { kind: 'media', mediaType: 'image', ref: biggest.file_id, ...extra };
  // A GIF arrives as both `animation` and `document`: it is a video to us.
  const video = m.animation ?? m.video ?? m.video_note;
  if (video) return { kind: 'media', mediaType: 'video', ref: video.file_id, ...extra };
  const audio = m.voice ?? m.audio;
  if (audio) return { kind: 'media', mediaType: 'audio', ref: audio.file_id, ...extra };
  if (m.document) return { kind: 'media', mediaType: 'document', ref: m.document.file_id, ...extra };
  // A sticker's emoji is not an answer: no caption.
  if (m.sticker) return { kind: 'media', mediaType: 'sticker', ref: m.sticker.file_id };

  const fields = Object.keys(raw).filter((k) => !META_FIELDS.has(k));
  if (fields.some((k) => SERVICE_FIELDS.has(k))) return null;
  // Polls, dice, games, stories...: the engine answers these politely.
  const what = fields.find((k) => /^[a-z_]{1,40}$/.test(k)) ?? 'message';
  return { kind: 'unsupported', what };
}

/** Commands become the plain word, which the interpreter knows in every language ("start" opens the menu). */
function textContent(text: string): InboundContent {
  const m = COMMAND.exec(text.trim());
  if (!m) return { kind: 'text', text };
  const name = m[1]!.toLowerCase();
  // /start's argument is a deep-link parameter from a t.me link, not the patient's words.
  if (name === 'start') return { kind: 'text', text: 'start' };
  const args = m[2]?.trim();
  return { kind: 'text', text: args ? `${name} ${args}` : name };
}

function area(p: { width?: number | undefined; height?: number | undefined }): number {
  return (p.width ?? 0) * (p.height ?? 0);
}

function buttonTitle(markup: unknown, data: string): string | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const button of row as Array<{ text?: unknown; callback_data?: unknown }>) {
      if (button?.callback_data === data && typeof button.text === 'string') return button.text;
    }
  }
  return undefined;
}
