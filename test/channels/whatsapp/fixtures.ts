/**
 * The recorded whatsapp-web.js Message shapes (test/fixtures/whatsapp-web/, see its
 * README for the source), and variants derived from them for kinds not recorded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WaMessage } from '../../../src/channels/whatsapp/client';

const dir = join(__dirname, '..', '..', 'fixtures', 'whatsapp-web');

export type FixtureName =
  | 'text'
  | 'menu_reply_devanagari_digit'
  | 'long_mixed_script'
  | 'location'
  | 'contact_card'
  | 'image'
  | 'voice_note'
  | 'own_message'
  | 'group_message'
  | 'status_broadcast';

/** A fresh copy of a recorded message (tests may change it). */
export function fixture(name: FixtureName): WaMessage & Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as WaMessage & Record<string, unknown>;
}

let seq = 0;

/**
 * A recorded message re-addressed to `from` with a new id and the given changes:
 * the way one patient's conversation is built from the recorded shapes.
 */
export function variant(name: FixtureName, changes: Partial<WaMessage> & Record<string, unknown> = {}, from?: string): WaMessage {
  const base = fixture(name);
  const sender = from ?? base.from;
  seq += 1;
  const id = `3EB0TEST${String(seq).padStart(12, '0')}`;
  const messageId = { fromMe: false, remote: sender, id, _serialized: `false_${sender}_${id}` };
  return { ...base, from: sender, id: messageId, ...changes };
}

/**
 * `message` written as a reply to (swiped and quoting) one of our messages, WhatsApp's
 * id `quotedId` (SentMessage.id), with the text `quotedBody`. Not recorded: the fields
 * whatsapp-web.js 1.34 sets on a reply (Message.js: `hasQuotedMsg` is whether the raw
 * model `_data` has a `quotedMsg`; `_data.quotedStanzaID` is the quoted message's
 * `id.id`; `_data.quotedParticipant` its author, here the service number of
 * own_message.json). The Cloud API gives the same as a message's `context`
 * (shared/fixtures/whatsapp-cloud/message__reply.json).
 */
export function quoting(message: WaMessage, quotedId: string, quotedBody = ''): WaMessage {
  const data = { ...message, id: message.id, quotedMsg: { type: 'chat', body: quotedBody }, quotedStanzaID: quotedId, quotedParticipant: { server: 'c.us', user: '919800000099', _serialized: '919800000099@c.us' } };
  return { ...message, hasQuotedMsg: true, _data: data };
}
