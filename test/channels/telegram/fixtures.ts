/** Real Telegram payloads from test/fixtures/telegram/ (nutgram/nutgram, MIT; see the README there). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callbackDataFor, readButtonData } from '../../../src/channels/telegram/keyboard';

const DIR = join(__dirname, '..', '..', 'fixtures', 'telegram');

/** A fresh copy of an update fixture, e.g. update('photo'). */
export function update(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(DIR, 'updates', `${name}.json`), 'utf8')) as Record<string, any>;
}

export function response(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(DIR, 'responses', `${name}.json`), 'utf8')) as Record<string, any>;
}

/** A fixture re-addressed to another chat, message and update id: one patient's real-shaped message. */
export function messageFrom(name: string, chatId: number, messageId: number, updateId: number, patch: Record<string, unknown> = {}): Record<string, any> {
  const u = update(name);
  u.update_id = updateId;
  u.message.message_id = messageId;
  u.message.chat.id = chatId;
  u.message.from.id = chatId;
  Object.assign(u.message, patch);
  return u;
}

/** The callback_query fixture as a press of `data` on the keyboard of message `keyboardMessageId`. */
export function pressFrom(chatId: number, keyboardMessageId: number, data: string, callbackId: string, updateId: number, title?: string): Record<string, any> {
  const u = update('callback_query');
  u.update_id = updateId;
  u.callback_query.id = callbackId;
  u.callback_query.data = data;
  u.callback_query.from.id = chatId;
  u.callback_query.message.chat.id = chatId;
  u.callback_query.message.message_id = keyboardMessageId;
  u.callback_query.message.reply_markup = { inline_keyboard: [[{ text: title ?? data, callback_data: data }]] };
  return u;
}

export interface PressOptions {
  /** As on a keyboard sent before buttons named their keyboard: the bare payloads. */
  legacy?: boolean;
  /** Telegram no longer shows the bot the message (`date: 0`, no text or keyboard). */
  inaccessible?: boolean;
}

/**
 * A press of the button for `payload` on a message the bot sent (as the Bot API stand-in
 * answered sendMessage), as the Telegram app sends it: the button's callback_data, with the
 * message's text and whole keyboard echoed.
 */
export function pressOn(message: Record<string, any>, payload: string, callbackId: string, updateId: number, opts: PressOptions = {}): Record<string, any> {
  type Button = { text: string; callback_data: string };
  const rows = ((message.reply_markup?.inline_keyboard ?? []) as Button[][]).map((row) =>
    row.map((b) => (opts.legacy ? { ...b, callback_data: callbackDataFor(readButtonData(b.callback_data).payload) } : b)),
  );
  const button = rows.flat().find((b) => readButtonData(b.callback_data).payload === payload);
  if (!button) throw new Error(`no button ${payload} on message ${message.message_id}`);
  const u = pressFrom(message.chat.id, message.message_id, button.callback_data, callbackId, updateId, button.text);
  if (opts.inaccessible) u.callback_query.message = { message_id: message.message_id, chat: u.callback_query.message.chat, date: 0 };
  else Object.assign(u.callback_query.message, { text: message.text, reply_markup: { inline_keyboard: rows } });
  return u;
}
