/**
 * What the WhatsApp channel needs from the rest of Sahay, wired from the core: the
 * notice for a short answer quoting an earlier list (live-menus.ts), in the patient's
 * language (`common.stale_reply`): Telegram's stale-button notice (`common.stale_button`)
 * for the same case, worded for a reply, as WhatsApp has no buttons. Kept here so that main.ts and the tests wire the channel
 * the same way.
 */
import type { Core } from '../../core';
import type { WhatsAppChannelOptions } from './whatsapp-channel';

export function whatsappCoreHooks(core: Pick<Core, 'store' | 'translator' | 'config'>): Pick<WhatsAppChannelOptions, 'staleMenuNotice'> {
  return {
    staleMenuNotice: async (conversationId) => {
      // A person has the chat, or the patient waits for one: no bot question is being answered,
      // and their words are the person's to read (the router relays or keeps them).
      if (await core.store.tickets.openFor(conversationId)) return null;
      const conversation = await core.store.conversations.get(conversationId);
      return core.translator.t('common.stale_reply', conversation?.session.lang ?? core.config.defaultLanguage);
    },
  };
}
