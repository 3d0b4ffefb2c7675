/**
 * whatsapp-web.js Message → InboundMessage (or the reason it is ignored), over the
 * recorded shapes in test/fixtures/whatsapp-web/ and variants of them.
 */
import { albumAnnounced, isPrivateChatId, toInbound, type InboundDecision } from '../../../src/channels/whatsapp/inbound';
import { parseVCard } from '../../../src/channels/whatsapp/vcard';
import type { InboundContent } from '../../../src/router/message';
import { fixture, variant } from './fixtures';

const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
const now = () => NOW;

function accepted(d: InboundDecision): { userId: string; platformMessageId: string; content: InboundContent; sentAt: number } {
  if (!d.accept) throw new Error(`expected the message to be accepted, it was ignored: ${d.reason}`);
  expect(d.message.channel).toBe('whatsapp');
  return d.message;
}

function ignoredFor(d: InboundDecision): string {
  if (d.accept) throw new Error(`expected the message to be ignored, got ${JSON.stringify(d.message.content)}`);
  return d.reason;
}

describe('recorded messages', () => {
  it('private text: the chat id is the user id, the serialized id the platform id, seconds become ms', () => {
    const m = accepted(toInbound(fixture('text'), now));
    expect(m).toEqual({
      channel: 'whatsapp',
      userId: '919800000001@c.us',
      platformMessageId: 'false_919800000001@c.us_3EB0A1B2C3D4E5F60718',
      content: { kind: 'text', text: 'আমার জ্বর আর কাশি' },
      sentAt: 1619330400 * 1000,
    });
  });

  it('a numbered-menu reply in Devanagari digits is passed as typed (the interpreter reads it)', () => {
    expect(accepted(toInbound(fixture('menu_reply_devanagari_digit'), now)).content).toEqual({ kind: 'text', text: '२' });
  });

  it('Bengali and ASCII digits too', () => {
    expect(accepted(toInbound(variant('text', { body: '১' }), now)).content).toEqual({ kind: 'text', text: '১' });
    expect(accepted(toInbound(variant('text', { body: '1' }), now)).content).toEqual({ kind: 'text', text: '1' });
  });

  it('long mixed-script text with emoji and a zero-width joiner is kept whole (normalising is the interpreter’s job)', () => {
    const m = accepted(toInbound(fixture('long_mixed_script'), now));
    expect(m.content).toEqual({ kind: 'text', text: fixture('long_mixed_script').body });
  });

  it('a location with string coordinates becomes numbers', () => {
    expect(accepted(toInbound(fixture('location'), now)).content).toEqual({ kind: 'location', lat: 22.5726, lng: 88.3639 });
  });

  it('a contact card gives the name and the WhatsApp number', () => {
    expect(accepted(toInbound(fixture('contact_card'), now)).content).toEqual({ kind: 'contact', name: 'Caregiver', phone: '+919800000010' });
  });

  it('a photo is a media reference (the message id) with its caption, not downloaded', () => {
    expect(accepted(toInbound(fixture('image'), now)).content).toEqual({
      kind: 'media',
      mediaType: 'image',
      ref: 'false_8801700000004@c.us_3EB0A1B2C3D4E5F6071B',
      caption: 'report',
    });
  });

  it('a voice note is an audio reference without a caption', () => {
    expect(accepted(toInbound(fixture('voice_note'), now)).content).toEqual({ kind: 'media', mediaType: 'audio', ref: 'false_966500000005@c.us_3EB0A1B2C3D4E5F6071C' });
  });

  it.each([
    ['own_message', 'own_message'],
    ['group_message', 'group'],
    ['status_broadcast', 'status_broadcast'],
  ] as const)('%s is ignored (%s)', (name, reason) => {
    expect(ignoredFor(toInbound(fixture(name), now))).toBe(reason);
  });
});

describe('variants', () => {
  it('documents, videos, audio files and stickers are media references', () => {
    const kinds = { document: 'document', video: 'video', audio: 'audio', sticker: 'sticker' } as const;
    for (const [type, mediaType] of Object.entries(kinds)) {
      const msg = variant('image', { type, body: type === 'document' ? 'discharge summary' : '' });
      const content = accepted(toInbound(msg, now)).content;
      expect(content).toMatchObject({ kind: 'media', mediaType, ref: msg.id._serialized });
      if (type === 'document') expect(content).toMatchObject({ caption: 'discharge summary' });
      else expect(content).not.toHaveProperty('caption');
    }
  });

  it('a sender with a WhatsApp linked id (@lid) is a private chat too', () => {
    const m = accepted(toInbound(variant('text', {}, '123456789012345@lid'), now));
    expect(m.userId).toBe('123456789012345@lid');
  });

  it('numeric coordinates (other library versions) are accepted', () => {
    expect(accepted(toInbound(variant('location', { location: { latitude: 23.8103, longitude: 90.4125 } }), now)).content).toEqual({ kind: 'location', lat: 23.8103, lng: 90.4125 });
  });

  it.each([
    ['not a number', { latitude: '22.57abc', longitude: '88.36' }],
    ['empty', { latitude: '', longitude: '88.36' }],
    ['out of range', { latitude: '122.5', longitude: '88.36' }],
    ['longitude out of range', { latitude: '22.5', longitude: '-188.36' }],
    ['no fix (0, 0)', { latitude: '0', longitude: '0' }],
    ['infinite', { latitude: 'Infinity', longitude: '88.36' }],
  ])('a location that is %s is not a location (answered as unsupported)', (_what, location) => {
    expect(accepted(toInbound(variant('location', { location }), now)).content).toEqual({ kind: 'unsupported', what: 'invalid_location' });
  });

  it('a location message without coordinates is unsupported, not a crash', () => {
    expect(accepted(toInbound(variant('location', { location: undefined }), now)).content).toEqual({ kind: 'unsupported', what: 'invalid_location' });
  });

  it('several contacts at once: the first', () => {
    const cards = ['BEGIN:VCARD\nVERSION:3.0\nN:Das;Rina;;;\nTEL;type=CELL:+880 1700-000011\nEND:VCARD', 'BEGIN:VCARD\nVERSION:3.0\nFN:Other\nEND:VCARD'];
    expect(accepted(toInbound(variant('contact_card', { type: 'multi_vcard', vCards: cards, body: '' }), now)).content).toEqual({ kind: 'contact', name: 'Rina Das', phone: '+8801700000011' });
  });

  it('a missed-call entry in the chat is ignored as a call', () => {
    expect(ignoredFor(toInbound(variant('text', { type: 'call_log', body: '' }), now))).toBe('call');
  });

  it.each(['e2e_notification', 'notification_template', 'gp2', 'protocol', 'ciphertext', 'revoked'])('WhatsApp bookkeeping (%s) is ignored', (type) => {
    expect(ignoredFor(toInbound(variant('text', { type, body: '' }), now))).toBe('system');
  });

  it("an album's announcement is ignored as bookkeeping, but names the album for the photos that follow", () => {
    // No album is recorded: the image fixture as the `album` message whatsapp-web.js emits first (no media, no body).
    const album = variant('image', { type: 'album', body: '', hasMedia: false });
    expect(ignoredFor(toInbound(album, now))).toBe('system');
    expect(albumAnnounced(album)).toEqual({ chatId: '8801700000004@c.us', album: album.id._serialized });
    expect(albumAnnounced(fixture('image'))).toBeNull();
    expect(albumAnnounced(variant('image', { type: 'album', fromMe: true }))).toBeNull();
    expect(albumAnnounced(variant('group_message', { type: 'album' }))).toBeNull();
    expect(albumAnnounced({ type: 'album' } as never)).toBeNull();
  });

  it('polls, orders and other kinds are handed on as unsupported (the flow answers politely)', () => {
    expect(accepted(toInbound(variant('text', { type: 'poll_creation', body: '' }), now)).content).toEqual({ kind: 'unsupported', what: 'poll_creation' });
  });

  it('a reply to an interactive list is its text', () => {
    expect(accepted(toInbound(variant('text', { type: 'list_response', body: 'Yes' }), now)).content).toEqual({ kind: 'text', text: 'Yes' });
  });

  it('an empty text is ignored', () => {
    expect(ignoredFor(toInbound(variant('text', { body: '  ' }), now))).toBe('empty');
  });

  it('broadcast lists, channels and odd senders are ignored', () => {
    expect(ignoredFor(toInbound(variant('text', {}, '1619330400@broadcast'), now))).toBe('broadcast');
    expect(ignoredFor(toInbound(variant('text', {}, '120363000000000001@newsletter'), now))).toBe('newsletter');
    expect(ignoredFor(toInbound(variant('text', {}, 'someone@s.whatsapp.net'), now))).toBe('not_private');
  });

  it('a status update recognised by its flag alone is ignored', () => {
    expect(ignoredFor(toInbound(variant('text', { isStatus: true }), now))).toBe('status_broadcast');
  });

  it('a shape we do not know (no id) is ignored as malformed, not a crash', () => {
    const { id: _id, ...rest } = fixture('text');
    expect(ignoredFor(toInbound(rest as never, now))).toBe('malformed');
    expect(ignoredFor(toInbound(null as never, now))).toBe('malformed');
  });

  it('a message without a timestamp is dated now', () => {
    expect(accepted(toInbound(variant('text', { timestamp: undefined }), now)).sentAt).toBe(NOW);
  });
});

describe('private chat ids', () => {
  it.each([
    ['919800000001@c.us', true],
    ['8801700000004@c.us', true],
    ['123456789012345@lid', true],
    ['120363000000000006@g.us', false],
    ['status@broadcast', false],
    ['web-user-1', false],
    ['919800000001@c.us\n', false],
  ])('%j → %s', (id, ok) => expect(isPrivateChatId(id)).toBe(ok));
});

describe('vCard', () => {
  it('reads folded lines, grouped properties and escapes', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Ananya\\, Sen\r\nitem1.TEL;type=CELL:+91 98300\r\n 00012\r\nEND:VCARD';
    expect(parseVCard(card)).toEqual({ name: 'Dr. Ananya, Sen', phone: '+919830000012' });
  });

  it('a card without a name or number gives what it has', () => {
    expect(parseVCard('BEGIN:VCARD\nVERSION:3.0\nFN:Only a name\nEND:VCARD')).toEqual({ name: 'Only a name' });
    expect(parseVCard('not a card')).toEqual({});
  });
});
