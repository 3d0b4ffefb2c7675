/** Every kind of update the channel meets, read from real payloads. */
import { readUpdate } from '../../../src/channels/telegram/inbound';
import { update } from './fixtures';

const BOT = '111111111';

describe('reading Telegram updates', () => {
  it('text: the chat id is the user, the dedupe key is bot + chat + message id, the time is the message date', () => {
    expect(readUpdate(update('text'), BOT)).toEqual({
      kind: 'message',
      chatId: '12345678',
      messageId: 123456,
      inbound: {
        channel: 'telegram',
        userId: '12345678',
        platformMessageId: 'm:111111111:12345678:123456',
        content: { kind: 'text', text: 'aaaaaaaaaa' },
        sentAt: 1631818904_000,
      },
    });
  });

  it('the same message id in two chats gives two keys (message_id is unique only within a chat)', () => {
    const a = update('message');
    const b = update('message');
    b.message.chat.id = 789;
    const ka = readUpdate(a, BOT);
    const kb = readUpdate(b, BOT);
    expect(ka.kind === 'message' && kb.kind === 'message' && ka.inbound.platformMessageId !== kb.inbound.platformMessageId).toBe(true);
  });

  it.each([
    ['command_message', 'start'],
    ['command_tag_valid', 'test'],
    ['command_with_parameters', 'register HR John Doe'],
  ])('%s: a command becomes the plain word the interpreter knows', (name, text) => {
    expect(readUpdate(update(name), BOT)).toMatchObject({ kind: 'message', inbound: { content: { kind: 'text', text } } });
  });

  it('/start drops its deep-link parameter; other text starting with a slash stays text', () => {
    const deep = update('command_message');
    deep.message.text = '/start campaign-kolkata';
    expect(readUpdate(deep, BOT)).toMatchObject({ inbound: { content: { kind: 'text', text: 'start' } } });
    const path = update('message');
    path.message.text = '/ 102° fever';
    expect(readUpdate(path, BOT)).toMatchObject({ inbound: { content: { kind: 'text', text: '/ 102° fever' } } });
  });

  it('location', () => {
    expect(readUpdate(update('location'), BOT)).toMatchObject({ kind: 'message', inbound: { content: { kind: 'location', lat: 41.899977, lng: 12.501028 } } });
  });

  it('contact: phone and name', () => {
    expect(readUpdate(update('contact'), BOT)).toMatchObject({ kind: 'message', inbound: { content: { kind: 'contact', phone: '911', name: '911' } } });
  });

  it('photo: the largest size is kept as a reference, with the caption', () => {
    // Sizes arrive as 240x320, 720x960, 600x800: the largest is not the last.
    expect(readUpdate(update('photo'), BOT)).toMatchObject({
      kind: 'message',
      inbound: { content: { kind: 'media', mediaType: 'image', ref: 'SAAS', caption: 'asdasdasdasdasdasd' } },
    });
  });

  it('a photo message with no sizes (never from Telegram, possible from a proxy) is read as unsupported, not thrown on', () => {
    const u = update('photo');
    (u.message as { photo: unknown[] }).photo = [];
    expect(readUpdate(u, BOT)).toMatchObject({ kind: 'message', inbound: { content: { kind: 'unsupported', what: 'photo' } } });
  });

  it('an album: each photo names its media_group_id as the album; the caption (on the first) is kept', () => {
    // Telegram sends an album as one message per photo, all with the same media_group_id.
    const items = [1, 2, 3].map((n) => {
      const u = update('photo');
      u.update_id += n;
      u.message.message_id += n;
      u.message.media_group_id = '13472038746189311';
      if (n > 1) delete u.message.caption;
      return readUpdate(u, BOT);
    });
    expect(items.map((r) => r.kind === 'message' && r.inbound.content)).toStrictEqual([
      { kind: 'media', mediaType: 'image', ref: 'SAAS', caption: 'asdasdasdasdasdasd', album: '13472038746189311' },
      { kind: 'media', mediaType: 'image', ref: 'SAAS', album: '13472038746189311' },
      { kind: 'media', mediaType: 'image', ref: 'SAAS', album: '13472038746189311' },
    ]);
    // Files of an album too; a single photo names no album, and a malformed id only loses the grouping.
    const doc = update('document');
    doc.message.media_group_id = 'g2';
    expect(readUpdate(doc, BOT)).toMatchObject({ inbound: { content: { kind: 'media', mediaType: 'document', album: 'g2' } } });
    expect(readUpdate(update('photo'), BOT)).not.toHaveProperty('inbound.content.album');
    const odd = update('photo');
    odd.message.media_group_id = 42;
    expect(readUpdate(odd, BOT)).toMatchObject({ kind: 'message', inbound: { content: { kind: 'media', ref: 'SAAS' } } });
    expect(readUpdate(odd, BOT)).not.toHaveProperty('inbound.content.album');
  });

  it.each([
    ['document', { kind: 'media', mediaType: 'document', ref: 'a1b2c34d5e6f7g8h9i' }],
    ['video', { kind: 'media', mediaType: 'video', ref: 'sdfsdfsdfsfsdfdsfdsfs' }],
    ['voice', { kind: 'media', mediaType: 'audio', ref: 'dfghjjghdjhgd' }],
    // The sticker's emoji is not taken as a caption: it is not an answer.
    ['sticker', { kind: 'media', mediaType: 'sticker', ref: 'yhufjikjhgjkghjffghgf' }],
    ['message_poll', { kind: 'unsupported', what: 'poll' }],
  ])('%s → %o (the engine answers what it cannot read politely)', (name, content) => {
    const read = readUpdate(update(name), BOT);
    expect(read).toMatchObject({ kind: 'message' });
    expect(read.kind === 'message' && read.inbound.content).toStrictEqual(content);
  });

  it('a GIF (animation + document) is a video; an unknown content field is unsupported, named by its field', () => {
    const gif = update('document');
    gif.message.animation = { file_id: 'gif-1', file_unique_id: 'g' };
    expect(readUpdate(gif, BOT)).toMatchObject({ inbound: { content: { kind: 'media', mediaType: 'video', ref: 'gif-1' } } });
    const dice = update('message');
    delete dice.message.text;
    dice.message.dice = { emoji: '🎲', value: 4 };
    expect(readUpdate(dice, BOT)).toMatchObject({ inbound: { content: { kind: 'unsupported', what: 'dice' } } });
  });

  it('a button press: callback id, keyboard message, data and the label of the pressed button', () => {
    const u = update('callback_query');
    u.callback_query.data = 'b';
    expect(readUpdate(u, BOT)).toEqual({
      kind: 'press',
      chatId: '222222222',
      callbackId: '666728699048485871',
      keyboardMessageId: 69587,
      data: 'b',
      buttonTitle: 'dsa',
      keyboardText: 'This is a test',
    });
    // Data that no longer matches a button (the fixture as published), and a message too old to be read.
    expect(readUpdate(update('callback_query_complex'), BOT)).toMatchObject({ kind: 'press', data: 'c=uud&pid=1&bid=1', buttonTitle: undefined });
    expect(readUpdate(update('callback_query_inaccessible_message'), BOT)).toMatchObject({ kind: 'press', keyboardMessageId: 69587, data: 'thedata', keyboardText: undefined });
  });

  it.each([
    ['edited_message', 'edited_message'],
    ['channel_post', 'channel_post'],
    ['poll', 'poll'],
    ['message_general_topic', 'group_chat'],
  ])('%s is ignored (reason %s)', (name, reason) => {
    expect(readUpdate(update(name), BOT)).toEqual({ kind: 'ignored', reason });
  });

  it('ignores service messages, group buttons (still to be answered), inline buttons and malformed updates', () => {
    const pinned = update('message');
    delete pinned.message.text;
    pinned.message.pinned_message = { message_id: 1, date: 1, chat: pinned.message.chat };
    expect(readUpdate(pinned, BOT)).toEqual({ kind: 'ignored', reason: 'service_message' });

    const group = update('callback_query');
    group.callback_query.message.chat = { id: -100123, type: 'supergroup', title: 'x' };
    expect(readUpdate(group, BOT)).toEqual({ kind: 'ignored', reason: 'group_chat', callbackId: '666728699048485871' });

    const inline = update('callback_query');
    delete inline.callback_query.message;
    inline.callback_query.inline_message_id = 'AAAA';
    expect(readUpdate(inline, BOT)).toEqual({ kind: 'ignored', reason: 'inline_message_button', callbackId: '666728699048485871' });

    expect(readUpdate({ update_id: 5, message: { text: 'no chat' } }, BOT)).toEqual({ kind: 'ignored', reason: 'malformed' });
    expect(readUpdate(null, BOT)).toEqual({ kind: 'ignored', reason: 'malformed' });
    expect(readUpdate({ update_id: 6, my_chat_member: {} }, BOT)).toEqual({ kind: 'ignored', reason: 'my_chat_member' });
  });
});
