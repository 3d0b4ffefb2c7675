/**
 * A photo album is one event for the conversation: Telegram sends one message per photo
 * (sharing a media_group_id), WhatsApp one per photo after an `album` message. Each is
 * stored (an operator sees every photo), but the question is answered once and loses one
 * retry, not one per photo; a caption on any photo is still read, red flags included.
 */
import { readUpdate } from '../../src/channels/telegram/inbound';
import type { InboundContent } from '../../src/router/message';
import { update } from '../channels/telegram/fixtures';
import { variant } from '../channels/whatsapp/fixtures';
import { harness } from '../channels/whatsapp/support';
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

const BOT = '111111111';
const CHAT = '11111111';

/** The recorded Telegram photo as photo `n` of album `group`, with `caption` (none: no caption), read by the adapter. */
function albumPhoto(group: string, n: number, caption?: string): InboundContent {
  const u = update('photo');
  u.message.message_id += n;
  u.message.media_group_id = group;
  if (caption === undefined) delete u.message.caption;
  else u.message.caption = caption;
  const read = readUpdate(u, BOT);
  if (read.kind !== 'message') throw new Error(`the photo was not read: ${read.kind}`);
  return read.inbound.content;
}

describe('a photo album', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(async () => t.close());

  const send = (content: string | InboundContent) => t.send(CHAT, content, { channel: 'telegram' });
  const tr = (key: string) => t.core.translator.t(key, 'bn');
  const top = async () => (await existingConversation(t.core.store, 'telegram', CHAT)).session.stack.at(-1);

  it('three photos at a question: one reply, one retry used, all three stored', async () => {
    expect((await send('নমস্কার')).at(-1)?.text).toBe(tr('welcome.ask.consent'));

    expect((await send(albumPhoto('album-1', 1))).map((m) => m.text)).toEqual([tr('common.unsupported_media'), tr('welcome.ask.consent')]);
    expect(await send(albumPhoto('album-1', 2))).toEqual([]);
    expect(await send(albumPhoto('album-1', 3))).toEqual([]);
    expect(await top()).toMatchObject({ flow: 'welcome', waiting: { retries: 1 } });

    const conv = await existingConversation(t.core.store, 'telegram', CHAT);
    const stored = (await t.core.store.messages.list(conv.id)).filter((m) => m.direction === 'in' && m.content.kind === 'media');
    expect(stored.map((m) => m.content)).toEqual([1, 2, 3].map((n) => albumPhoto('album-1', n)));

    // Another album is another event: one more reply, one more retry, still at the question.
    expect((await send(albumPhoto('album-2', 4))).map((m) => m.text)).toEqual([tr('common.unsupported_media'), tr('welcome.ask.consent')]);
    expect(await send(albumPhoto('album-2', 5))).toEqual([]);
    expect(await top()).toMatchObject({ flow: 'welcome', waiting: { retries: 2 } });
    // The question is still answered normally.
    expect((await send('হ্যাঁ')).at(-1)?.text).toBe(tr('menu.ask'));
  });

  it('a caption on a later photo is read: a red flag in it goes to emergency', async () => {
    await send('নমস্কার');
    await send('হ্যাঁ');
    expect((await send(albumPhoto('album-3', 1))).map((m) => m.text)).toEqual([tr('common.unsupported_media'), tr('menu.ask')]);
    const replies = await send(albumPhoto('album-3', 2, 'শ্বাস নিতে পারছি না'));
    expect(replies[0]?.text).toContain('এখনই অ্যাম্বুলেন্স ডাকুন');
    expect(replies.at(-1)?.text).toBe(tr('emergency.ask.next'));
    expect((await existingConversation(t.core.store, 'telegram', CHAT)).session.vars).toMatchObject({ triage: { level: 'emergency' } });
    // The album's other photos are stored without a word from the bot.
    expect(await send(albumPhoto('album-3', 3))).toEqual([]);
  });

  it('WhatsApp: the photos after an album message, through the channel, get one reply', async () => {
    const h = harness({ now: () => t.clock.now });
    const handled: Array<Promise<unknown>> = [];
    await h.start((m) => {
      const turn = t.core.router.handle(m).then(() => undefined);
      handled.push(turn);
      return turn;
    });
    h.client().link();
    const from = '8801700000004@c.us';
    const receive = async (m: Parameters<ReturnType<typeof h.client>['receive']>[0]) => {
      t.clock.now += 1000;
      h.client().receive(m);
      await Promise.all(handled);
      return t.channels.whatsapp.take().map((o) => o.text);
    };
    expect((await receive(variant('text', { body: 'নমস্কার' }, from))).at(-1)).toBe(tr('welcome.ask.consent'));
    // No album is recorded: the image fixture as the `album` message whatsapp-web.js emits before the photos.
    expect(await receive(variant('image', { type: 'album', body: '', hasMedia: false }, from))).toEqual([]);
    expect(await receive(variant('image', { body: '' }, from))).toEqual([tr('common.unsupported_media'), tr('welcome.ask.consent')]);
    expect(await receive(variant('image', { body: '' }, from))).toEqual([]);
    expect(await receive(variant('image', { body: '' }, from))).toEqual([]);
    const conv = await existingConversation(t.core.store, 'whatsapp', from);
    expect(conv.session.stack.at(-1)).toMatchObject({ flow: 'welcome', waiting: { retries: 1 } });
    expect((await t.core.store.messages.list(conv.id)).filter((m) => m.direction === 'in' && m.content.kind === 'media')).toHaveLength(3);
    await h.channel.stop();
  });

  it('an album as the very first message starts the conversation once', async () => {
    // No words to tell the language by: the greeting and the language question, once.
    const en = (key: string) => t.core.translator.t(key, 'en');
    expect((await send(albumPhoto('album-4', 1))).map((m) => m.text)).toEqual([en('welcome.hello'), en('welcome.ask.language')]);
    expect(await send(albumPhoto('album-4', 2))).toEqual([]);
    expect(await send(albumPhoto('album-4', 3))).toEqual([]);
    expect(await top()).toMatchObject({ flow: 'welcome', waiting: { retries: 0 } });
  });
});
