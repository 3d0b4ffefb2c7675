/** Real Telegram payloads from test/fixtures/telegram/ (nutgram/nutgram, MIT; see the README there). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
