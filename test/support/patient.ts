/**
 * A patient writing to the bot, handed to the router the way a channel hands on each
 * message: no platform and no HTTP in between. For tests on the real service
 * (startService) whose channels are fakes or stand-ins.
 */
import type { Core } from '../../src/core';
import type { ChannelName, InboundMessage } from '../../src/router/message';
import type { Ticket } from '../../src/storage/repositories';
import { existingConversation } from './conversation';

/** What takes a new patient from hello to a doctor's queue: greeting, language, consent, the doctor word, where they are. */
const TO_A_DOCTOR = ['hello', 'english', 'yes', 'talk to a doctor', 'West Bengal'];

// The router drops a (channel, platform message id) it has seen as a redelivery: each message gets its own id.
let messageSeq = 0;

/** `userId` sends `content` on `channel`: a text, or any content (a photo, a document). Resolves when the turn is done. */
export async function say(core: Pick<Core, 'router'>, channel: ChannelName, userId: string, content: string | InboundMessage['content']): Promise<void> {
  await core.router.handle({
    channel,
    userId,
    platformMessageId: `patient-${++messageSeq}`,
    sentAt: Date.now(),
    content: typeof content === 'string' ? { kind: 'text', text: content } : content,
  });
}

/** A new patient asks for a doctor: their open ticket. The desk must be open (test/handoff/support.ts, desksAlwaysOpen). */
export async function askForDoctor(core: Pick<Core, 'router' | 'store'>, channel: ChannelName, userId: string): Promise<Ticket> {
  for (const text of TO_A_DOCTOR) await say(core, channel, userId, text);
  const conv = await existingConversation(core.store, channel, userId);
  const ticket = await core.store.tickets.openFor(conv.id);
  if (!ticket) throw new Error(`the ${channel} patient asked for a doctor but has no open ticket: is the desk open?`);
  return ticket;
}
