/**
 * Once WhatsApp is linked again, send what waited for it. Sends made while the
 * link was down failed as "offline" (see send-errors.ts): the outbox keeps them
 * without counting an attempt and would otherwise wait its long offline delay.
 */
import type { OutboxDeliverer } from '../../router/outbox';
import type { Store } from '../../storage/repositories';

/** Deliver every pending WhatsApp message now, each user's in order; resolves with the number of users. */
export async function deliverWaiting(store: Store, outbox: OutboxDeliverer): Promise<number> {
  const pending = await store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp' });
  const users = [...new Set(pending.map((item) => item.userId))];
  // All users at once: the channel's send queue paces them, first come first served.
  await Promise.all(users.map((userId) => outbox.deliverTo('whatsapp', userId, { force: true })));
  return users.length;
}
