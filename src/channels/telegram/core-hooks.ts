/**
 * What the Telegram channel needs from the rest of Sahay, wired from the core:
 * marking a patient unreachable, the stale-button notice in their language, and
 * the stored record of a chat's keyboards for a press on one sent before a restart.
 * Kept here so that main.ts and the tests wire the channel the same way.
 */
import type { Core } from '../../core';
import type { MessageRecord } from '../../storage/repositories';
import type { KeyboardRecord } from './live-keyboards';
import type { TelegramChannelOptions } from './telegram-channel';

/**
 * How many of a conversation's latest messages are read to find its live keyboard. The
 * answer is almost always in the last two or three; past this many messages of the bot's
 * with no keyboard and nothing from the patient, the press is left to the engine as before.
 */
const RECENT_MESSAGES = 50;

export function telegramCoreHooks(
  core: Pick<Core, 'store' | 'translator' | 'config'>,
  now: () => number = Date.now,
): Pick<TelegramChannelOptions, 'onUnreachable' | 'staleButtonNotice' | 'keyboardOnRecord'> {
  return {
    // The patient blocked the bot: nothing unprompted (follow-ups, reminders) may go to them until they write again.
    onUnreachable: (conversationId) => core.store.conversations.setReachable(conversationId, false, now()),
    staleButtonNotice: async (conversationId) => {
      const conversation = await core.store.conversations.get(conversationId);
      return core.translator.t('common.stale_button', conversation?.session.lang ?? core.config.defaultLanguage);
    },
    keyboardOnRecord: async (chatId, platformMessageId) => {
      // A press from a chat we have never stored starts nothing here: the engine handles it.
      const conversation = await core.store.conversations.findByUser('telegram', chatId);
      if (!conversation) return undefined;
      const conversationId = conversation.id;
      if (await core.store.turns.seen('telegram', platformMessageId)) return { conversationId, pressStored: true, live: undefined };
      const recent = await core.store.messages.list(conversationId, { limit: RECENT_MESSAGES });
      return { conversationId, pressStored: false, live: liveKeyboardIn(recent, recent.length < RECENT_MESSAGES) };
    },
  };
}

/** The reply whose keyboard is live in these latest messages (oldest first); `whole`: they are the whole transcript. */
export function liveKeyboardIn(messages: readonly MessageRecord[], whole: boolean): KeyboardRecord['live'] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    // Anything the patient sent after the latest keyboard answered it.
    if (m.direction === 'in') return null;
    const { content } = m;
    if (content.kind === 'text' && 'choices' in content && content.choices?.length) return { id: m.id, text: content.text, choices: content.choices };
  }
  return whole ? null : undefined;
}
