/**
 * A red flag in a photo's or voice note's caption is read as the same words typed:
 * emergency advice at once, at the menu and while a doctor has the chat (where the
 * open ticket is escalated, as for typed red-flag text), never an ordinary answer.
 */
import type { Input } from '../../src/engine/input';
import { existingConversation } from '../support/conversation';
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
});
afterEach(async () => {
  await t.close();
});

const photo = (caption: string): Input => ({ kind: 'media', mediaType: 'image', ref: 'f1', caption });
const voice = (caption: string): Input => ({ kind: 'media', mediaType: 'audio', ref: 'v1', caption });
const joined = async (user: string, content: Input | string) => (await t.send(user, content)).map((m) => m.text).join('\n');

/** The patient at the menu asks for a doctor, who claims the ticket; returns the ticket's id. */
async function withDoctor(user: string): Promise<string> {
  await t.toMenu(user, 'en', 'in_wb');
  await t.send(user, 'doctor');
  const conv = await existingConversation(t.core.store, 'webchat', user);
  const ticket = (await t.core.store.tickets.openFor(conv.id))!;
  await t.desk.claim(ticket.id, await t.account(`dr-${user}`));
  t.channels.webchat.take();
  return ticket.id;
}

describe('a red flag in a caption', () => {
  it('at the menu gets the emergency advice, as the same words typed do', async () => {
    t.at(10);
    await t.toMenu('p1', 'bn');
    await t.toMenu('p2', 'bn');
    const typed = await joined('p1', 'শ্বাস নিতে পারছি না');
    const captioned = await joined('p2', photo('শ্বাস নিতে পারছি না'));
    expect(typed).toContain('108');
    expect(captioned).toBe(typed);
  });

  it('in a voice note at the menu gets the emergency advice', async () => {
    t.at(10);
    await t.toMenu('p3', 'hi');
    expect(await joined('p3', voice('सीने में दर्द'))).toContain('108');
  });

  it('while a doctor has the chat gets the emergency advice and escalates the ticket, as the same words typed do', async () => {
    t.at(10);
    const typedTicket = await withDoctor('ravi');
    const typed = await joined('ravi', "my oximeter, I can't breathe");
    expect(typed).toContain('108');
    expect(await t.core.store.tickets.get(typedTicket)).toMatchObject({ state: 'assigned', emergency: true, priority: 4 });

    const ticket = await withDoctor('asha');
    const out = await joined('asha', photo("my oximeter, I can't breathe"));
    expect(out).toBe(typed);
    expect(out).not.toContain('queue');
    expect(await t.core.store.tickets.get(ticket)).toMatchObject({ state: 'assigned', emergency: true, priority: 4 });
  });

  it('a caption with no red flag still goes to the doctor who has the chat', async () => {
    t.at(10);
    await withDoctor('mina');
    expect(await t.send('mina', photo('my oximeter reading'))).toEqual([]);
  });
});
