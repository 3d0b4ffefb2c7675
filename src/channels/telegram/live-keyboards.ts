/**
 * Which keyboard in each chat still stands for the question the bot is waiting
 * on, so that a button pressed on an older one is not taken as an answer.
 *
 * Why the engine's own check is not enough: an old keyboard's "Yes" (to "are you
 * short of breath?") pressed while the bot asks "do you have diabetes?" is a valid
 * yes/no answer to the new question, and would be stored as one. So:
 *
 * - the keyboard most recently sent to a chat is live until the patient answers
 *   it: by pressing one of its buttons, or by writing anything after it (message
 *   ids in a private chat grow with every message, the bot's and the patient's,
 *   so "after it" is a comparison of ids and a re-delivered older message does
 *   not count);
 * - a press on any other keyboard, or a second press on an answered one, is stale.
 *   A re-delivery of the very press that answered it is not stale (the router
 *   drops it as a duplicate).
 *
 * LiveKeyboards holds this in memory, for the keyboards this process sent. A press
 * on one it does not know (sent before a restart, or forgotten past its limit) is
 * judged against the store instead (judgeOnRecord): the conversation's transcript
 * already keeps every reply with its choices and every message the patient sent,
 * in the order the engine saw them, so the live keyboard is its latest reply with
 * choices unless the patient sent something after it. What the transcript lacks is
 * which reply a Telegram message is; each button's callback_data says so with its
 * keyboard's tag (keyboard.ts). That needs no new table, migration or write per
 * send in any store driver, which keeping the live keyboard (or the Telegram message
 * ids of the bot's messages) in the store would; and memory stays the fast path, and
 * the one that sees a double tap before the first tap's turn is stored. The store is
 * read once the chat's earlier turns are stored, and the chat's later updates wait for
 * the verdict (telegram-channel.ts). Still left to the engine, as before: a press in a
 * chat with no conversation, one whose keyboard lies further back than the messages
 * read (telegramCoreHooks), or one met while the store cannot be read.
 *
 * Buttons sent before tags existed carry no tag. Such a press is taken only when the
 * message it is on reads exactly as the live reply (the text Telegram echoes with the
 * press) and its payload is one of that reply's choices: then it is that reply, or one
 * asking the very same question. Anything else is stale; so is a press on a message
 * Telegram no longer shows us (no text to compare).
 */
import type { Choice } from '../../router/message';
import { choiceForData, KEYBOARD_POINTER, keyboardTag, readButtonData } from './keyboard';
import { splitText } from './split-text';

export interface LiveKeyboard {
  messageId: number;
  conversationId: string;
  choices: readonly Choice[];
  /** The press that answered it, or 'message' when the patient wrote instead. */
  answeredBy?: string;
}

export type PressVerdict =
  | { status: 'current'; keyboard: LiveKeyboard }
  | { status: 'stale'; conversationId: string }
  | { status: 'unknown' };

export class LiveKeyboards {
  private readonly byChat = new Map<string, LiveKeyboard>();

  /** `limit` bounds memory: the chats that went quiet longest are forgotten first. */
  constructor(private readonly limit = 50_000) {}

  /** The bot sent a keyboard (message `messageId`) to the chat. */
  sent(chatId: string, messageId: number, conversationId: string, choices: readonly Choice[]): void {
    const current = this.byChat.get(chatId);
    // Sends to one chat are sequential, but be safe: an older keyboard never replaces a newer one.
    if (current && current.messageId > messageId) return;
    this.byChat.delete(chatId);
    this.byChat.set(chatId, { messageId, conversationId, choices });
    if (this.byChat.size > this.limit) this.byChat.delete(this.byChat.keys().next().value as string);
  }

  /** The patient wrote message `messageId`: a keyboard sent before it has been answered. */
  messageReceived(chatId: string, messageId: number): void {
    const kb = this.byChat.get(chatId);
    if (kb && !kb.answeredBy && messageId > kb.messageId) kb.answeredBy = 'message';
  }

  /** Judge a press on the keyboard of message `keyboardMessageId`; a current press answers the keyboard. */
  press(chatId: string, keyboardMessageId: number, callbackId: string): PressVerdict {
    const kb = this.byChat.get(chatId);
    if (!kb || keyboardMessageId > kb.messageId) return { status: 'unknown' };
    if (keyboardMessageId < kb.messageId) return { status: 'stale', conversationId: kb.conversationId };
    if (kb.answeredBy === undefined) {
      kb.answeredBy = callbackId;
      return { status: 'current', keyboard: kb };
    }
    return kb.answeredBy === callbackId ? { status: 'current', keyboard: kb } : { status: 'stale', conversationId: kb.conversationId };
  }

  get size(): number {
    return this.byChat.size;
  }
}

/** What the store says about a chat's keyboards (see telegramCoreHooks), for a press on a keyboard this process does not know. */
export interface KeyboardRecord {
  conversationId: string;
  /** This very press is stored already: a re-delivery of one that was taken (the router drops it). */
  pressStored: boolean;
  /**
   * The reply whose keyboard is live: the latest reply with choices, when nothing the
   * patient sent is stored after it. null: none is (answered, or never sent).
   * undefined: not known (it lies further back than the messages read).
   */
  live: { id: string; text: string; choices: readonly Choice[] } | null | undefined;
}

/** The press, as inbound.ts reads it. */
export interface PressOnRecord {
  keyboardMessageId: number;
  data: string;
  /** The text of the message the keyboard is on, as Telegram echoes it with the press (absent when it no longer shows it). */
  keyboardText: string | undefined;
}

/** Judge a press that LiveKeyboards does not know ('unknown') against the store's record of the chat. */
export function judgeOnRecord(record: KeyboardRecord, press: PressOnRecord): PressVerdict {
  const { live, conversationId } = record;
  if (record.pressStored || live === undefined) return { status: 'unknown' };
  const stale = { status: 'stale', conversationId } as const;
  if (live === null) return stale;
  const { tag, payload } = readButtonData(press.data);
  const same =
    tag !== undefined
      ? tag === keyboardTag(live.id)
      : press.keyboardText !== undefined && press.keyboardText.trim() === textUnderKeyboard(live.text).trim() && choiceForData(payload, live.choices) !== undefined;
  return same ? { status: 'current', keyboard: { messageId: press.keyboardMessageId, conversationId, choices: live.choices } } : stale;
}

/** The text of the message a reply's keyboard goes on: its last part, as send() splits it. */
export function textUnderKeyboard(text: string): string {
  return splitText(text.trim() ? text : KEYBOARD_POINTER).at(-1) ?? '';
}
