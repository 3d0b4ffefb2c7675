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
 * Held in memory: after a restart nothing is known, and presses are passed on for
 * the engine to check against the current question ('unknown').
 */
import type { Choice } from '../../router/message';

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
