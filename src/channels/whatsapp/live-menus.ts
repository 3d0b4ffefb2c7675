/**
 * Which numbered list in each WhatsApp chat still stands for the question the bot
 * is waiting on, so that a short answer written as a reply to an older one (the
 * patient swipes our old question and types "1") is not taken as the answer to
 * the current question. WhatsApp's mirror of Telegram's LiveKeyboards
 * (telegram/live-keyboards.ts), with the same reasoning: "1" to an old "are you
 * short of breath?" sent while the bot asks "do you have diabetes?" is a valid
 * answer to the new question, and would be stored as one.
 *
 * - The list most recently sent to a chat is live until the patient answers it:
 *   by the first message they send after it, quoting it or not. WhatsApp message
 *   ids are random, not growing as Telegram's are, so "after it" is the order this
 *   process saw things in. A re-delivery of the very message that answered it is
 *   still current (the router drops it as a duplicate).
 * - An older list that reads exactly as the live one (the same question asked
 *   again, after an unclear answer or on coming back to a menu) counts as the live
 *   one: its numbers mean the same.
 * - A reply quoting any other list of ours (an older one, or the live one once
 *   answered) is stale when it is a short answer (isShortAnswer): the channel then
 *   refuses it with a notice, and the current question stays open. Anything longer
 *   is the patient's own words and goes on as text.
 *
 * Memory only, for the lists this process sent: a reply quoting a message it does
 * not know (sent before a restart, not a list, or forgotten past its limits) is
 * not judged ('unknown') and goes on as before. Unlike Telegram there is no look-up
 * in the store: the transcript does not keep WhatsApp's ids of the bot's messages.
 */
import { createHash } from 'node:crypto';
import { looseText, toAsciiDigits } from '../../i18n/normalize';
import type { Choice } from '../../router/message';

interface SentMenu {
  /** WhatsApp's id of the message (the `id.id` a reply names as its `quotedStanzaID`). */
  id: string;
  /** A digest of the text as sent: the same question asked again reads the same. */
  digest: string;
  /** How many options it numbered. */
  options: number;
  /** Its options' labels, in their loose form (looseText). */
  labels: readonly string[];
}

interface ChatMenus {
  conversationId: string;
  /** The lists sent to the chat, oldest first; the last is the live one. */
  menus: SentMenu[];
  /** The message that answered the live list, once the patient wrote after it. */
  answeredBy?: string;
}

export type QuoteVerdict = { status: 'current' } | { status: 'stale'; conversationId: string } | { status: 'unknown' };

export class LiveMenus {
  private readonly byChat = new Map<string, ChatMenus>();

  /**
   * `chatLimit` bounds memory: the chats that went quiet longest are forgotten first;
   * `perChat`: how many of a chat's latest lists are remembered (a reply quoting one
   * further back is 'unknown').
   */
  constructor(
    private readonly chatLimit = 10_000,
    private readonly perChat = 8,
  ) {}

  /**
   * The bot sent a list (`text`, as rendered, with `choices`) to the chat as message
   * `messageId`. Undefined: WhatsApp did not say its id — the chat's live list is then
   * not known, and what was remembered of the chat is forgotten.
   */
  sent(chatId: string, messageId: string | undefined, conversationId: string, text: string, choices: readonly Choice[]): void {
    const chat = this.byChat.get(chatId);
    this.byChat.delete(chatId);
    if (messageId === undefined) return;
    const menu: SentMenu = { id: messageId, digest: digestOf(text), options: choices.length, labels: choices.map((c) => looseText(c.title)) };
    const menus = chat && chat.conversationId === conversationId ? [...chat.menus.filter((m) => m.id !== messageId), menu].slice(-this.perChat) : [menu];
    this.byChat.set(chatId, { conversationId, menus });
    if (this.byChat.size > this.chatLimit) this.byChat.delete(this.byChat.keys().next().value as string);
  }

  /**
   * The patient sent message `messageId`, quoting our message `quotedId` (undefined:
   * quoting nothing), with `text` (undefined: not a text). Judged, and remembered: a
   * message that is not refused answers the live list.
   */
  received(chatId: string, messageId: string, quotedId: string | undefined, text: string | undefined): QuoteVerdict {
    const chat = this.byChat.get(chatId);
    if (!chat) return { status: 'unknown' };
    const live = chat.menus.at(-1)!;
    const quoted = quotedId === undefined ? undefined : chat.menus.find((m) => m.id === quotedId);
    if (!quoted) {
      this.answer(chat, messageId);
      return { status: 'unknown' };
    }
    const open = chat.answeredBy === undefined || chat.answeredBy === messageId;
    if (open && (quoted === live || quoted.digest === live.digest)) {
      this.answer(chat, messageId);
      return { status: 'current' };
    }
    if (text !== undefined && isShortAnswer(text, quoted, live)) return { status: 'stale', conversationId: chat.conversationId };
    this.answer(chat, messageId);
    return { status: 'unknown' };
  }

  get size(): number {
    return this.byChat.size;
  }

  private answer(chat: ChatMenus, messageId: string): void {
    chat.answeredBy ??= messageId;
  }
}

/**
 * The rule for "a short answer" to a list quoted out of turn — one that, read
 * against the current question instead, could be taken as an answer to it:
 *
 * - a bare option number: one or two digits (Latin, Bengali ০–৯, Devanagari ०–९…;
 *   "2.", "2)" and "2️⃣" count) from 1 up to the longer of the quoted list and the
 *   live one. A bigger number ("94", a reading) is the patient's words;
 * - or exactly the label of one of the quoted list's options (case, spacing,
 *   punctuation and emoji aside) that the live list offers too ("Yes" from an old
 *   yes/no question while another yes/no question waits). A label the live list
 *   does not offer ("Talk to a doctor" from an old menu) goes on: the engine reads
 *   it as a word that works everywhere, or asks again — it cannot be stored as the
 *   answer to an option it does not have.
 */
export function isShortAnswer(text: string, quoted: Pick<SentMenu, 'options' | 'labels'>, live: Pick<SentMenu, 'options' | 'labels'>): boolean {
  const loose = looseText(toAsciiDigits(text));
  if (/^\d{1,2}$/.test(loose)) {
    const n = Number(loose);
    return n >= 1 && n <= Math.max(quoted.options, live.options);
  }
  return loose !== '' && quoted.labels.includes(loose) && live.labels.includes(loose);
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64').slice(0, 16);
}

/**
 * WhatsApp's id for a message we sent, from what sendMessage resolved with (a
 * whatsapp-web.js Message): its `id.id`, else read from `id._serialized`
 * (`true_<chat>_<id>`). Undefined when it has neither.
 */
export function sentIdOf(sent: unknown): string | undefined {
  const id = (sent as { id?: unknown } | null | undefined)?.id;
  if (!id || typeof id !== 'object') return undefined;
  const { id: bare, _serialized: serialized } = id as { id?: unknown; _serialized?: unknown };
  if (typeof bare === 'string' && bare) return bare;
  return typeof serialized === 'string' ? /^(?:true|false)_[^_\s]+_([^_\s]+)$/.exec(serialized)?.[1] : undefined;
}
