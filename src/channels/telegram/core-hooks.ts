/**
 * What the Telegram channel needs from the rest of Sahay, wired from the core:
 * marking a patient unreachable, and the stale-button notice in their language.
 * Kept here so that main.ts and the tests wire the channel the same way.
 */
import type { Core } from '../../core';
import type { TelegramChannelOptions } from './telegram-channel';

export function telegramCoreHooks(
  core: Pick<Core, 'store' | 'translator' | 'config'>,
  now: () => number = Date.now,
): Pick<TelegramChannelOptions, 'onUnreachable' | 'staleButtonNotice'> {
  return {
    // The patient blocked the bot: nothing unprompted (follow-ups, reminders) may go to them until they write again.
    onUnreachable: (conversationId) => core.store.conversations.setReachable(conversationId, false, now()),
    staleButtonNotice: async (conversationId) => {
      const conversation = await core.store.conversations.get(conversationId);
      return core.translator.t('common.stale_button', conversation?.session.lang ?? core.config.defaultLanguage);
    },
  };
}
