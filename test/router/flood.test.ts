/**
 * The flood guard through the real router, engine, flows and SQLite store: a WhatsApp
 * conversation writing faster than FLOOD_MAX_MESSAGES_PER_MINUTE is answered up to the
 * limit, told once, then only stored (nothing lost, redeliveries still dropped) until
 * the minute is over; a red flag still gets emergency advice, once a window; other
 * conversations are not touched; the log names the conversation, never who or what.
 */
import { Writable } from 'node:stream';
import { getPath } from '../../src/engine/paths';
import { createLogger } from '../../src/log';
import { existingConversation } from '../support/conversation';
import { createTestCore, FIXED_NOW, type TestCore } from '../support/core';
import { textWithNumbers } from '../support/emergency-numbers';

const LIMIT = 20;

describe('flood guard in the router', () => {
  let t: TestCore;
  let lines: string[];

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    t = await createTestCore({ env: { FLOOD_MAX_MESSAGES_PER_MINUTE: String(LIMIT) }, log: createLogger({ level: 'trace', destination: sink }) });
  });
  afterEach(async () => t.close());

  /** `userId` writes on WhatsApp, a second after the last message (the test core's clock, from 10:00:00); the bot's replies. */
  async function say(userId: string, text: string, id?: string): Promise<string[]> {
    return (await t.send(userId, text, { channel: 'whatsapp', ...(id ? { id } : {}) })).map((m) => m.text);
  }
  const tr = (key: string) => t.core.translator.t(key, 'bn');
  const inbound = async (userId: string) => (await t.core.store.messages.list((await existingConversation(t.core.store, 'whatsapp', userId)).id)).filter((m) => m.direction === 'in');
  const counter = async (name: 'floodHeld' | 'floodConversations') => (await t.core.metrics[name].get()).values.reduce((sum, v) => sum + v.value, 0);

  /** Greeting, consent, then "help" over and over (each answered with the help text and the menu): 25 messages in 25 seconds. */
  const FLOOD = ['নমস্কার', 'হ্যাঁ', ...Array<string>(23).fill('সাহায্য')];

  it('answers the first 20 messages of a minute, sends one notice, then stores the rest without a reply', async () => {
    const replies: string[][] = [];
    for (const [i, text] of FLOOD.entries()) replies.push(await say('919800000001', text, `wa-${i}`));
    expect(replies.slice(0, LIMIT).every((r) => r.length > 0)).toBe(true);
    expect(replies[1]!.at(-1)).toBe(tr('menu.ask'));
    expect(replies[LIMIT]).toEqual([tr('common.flood_notice')]);
    expect(replies.slice(LIMIT + 1)).toEqual([[], [], [], []]);
    // Nothing lost: all 25 are stored for operators, the held ones with what they said.
    const stored = await inbound('919800000001');
    expect(stored).toHaveLength(25);
    expect(stored.at(-1)?.content).toEqual({ kind: 'text', text: 'সাহায্য' });
    // A redelivery of a message held back is still a duplicate: not stored twice, no reply, no new notice.
    expect(await say('919800000001', 'সাহায্য', 'wa-22')).toEqual([]);
    expect(await inbound('919800000001')).toHaveLength(25);
    expect(await counter('floodHeld')).toBe(5);
    expect(await counter('floodConversations')).toBe(1);

    // The minute over, the conversation is answered again.
    t.clock.now = FIXED_NOW + 60_000;
    expect(await say('919800000001', 'সাহায্য')).toEqual([textWithNumbers(t.core.translator, t.core.config, 'help.text_with_numbers', 'bn'), tr('menu.ask')]);

    // The log names the conversation held back, once (warn), never the number or the text.
    const warned = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'conversation held back: too many messages a minute; stored, not answered');
    const conv = await existingConversation(t.core.store, 'whatsapp', '919800000001');
    expect(warned).toEqual([expect.objectContaining({ conversation: conv.id, channel: 'whatsapp', limit: LIMIT })]);
    const all = lines.join('');
    expect(all).not.toContain('919800000001');
    expect(all).not.toContain('সাহায্য');
  });

  it('leaves other conversations alone', async () => {
    for (const [i, text] of FLOOD.entries()) await say('919800000001', text, `wa-${i}`);
    expect(await say('919800000002', 'নমস্কার')).toEqual([tr('welcome.hello'), textWithNumbers(t.core.translator, t.core.config, 'welcome.notice_with_numbers', 'bn'), tr('welcome.ask.consent')]);
    expect(await say('919800000001', 'সাহায্য')).toEqual([]);
  });

  it('still gives emergency advice for a red flag while held back, once a minute; a second is only stored', async () => {
    for (const [i, text] of FLOOD.entries()) await say('919800000001', text, `wa-${i}`);
    const advice = await say('919800000001', 'শ্বাস নিতে পারছি না');
    expect(advice[0]).toContain('এখনই অ্যাম্বুলেন্স ডাকুন');
    expect(advice.at(-1)).toBe(tr('emergency.ask.next'));
    const conv = await existingConversation(t.core.store, 'whatsapp', '919800000001');
    expect(getPath(conv.session, 'triage.level')).toBe('emergency');
    // The emergency is in a person's queue (the hand-off's flagged ticket), as it would be unflooded.
    expect((await t.core.store.tickets.openFor(conv.id))?.emergency).toBe(true);
    // An auto-reply that quotes a danger sign cannot ping-pong through: the next one in the minute is stored only.
    expect(await say('919800000001', 'শ্বাস নিতে পারছি না')).toEqual([]);
    expect(await inbound('919800000001')).toHaveLength(27);
    expect(await counter('floodHeld')).toBe(6);
  });
});
