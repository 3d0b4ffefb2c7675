/**
 * The stored conversation of a patient who has already written: a test's look-up, which
 * never creates one (a wrong channel or user id fails here, by name, instead of making
 * an empty conversation that fails some later expectation).
 */
import type { ChannelName } from '../../src/router/message';
import type { Conversation, Store } from '../../src/storage/repositories';

export function existingConversation(store: Pick<Store, 'conversations'>, channel: ChannelName, userId: string): Promise<Conversation> {
  return store.conversations.findOrCreate(channel, userId, () => {
    throw new Error(`no ${channel} conversation for user ${userId}`);
  });
}
