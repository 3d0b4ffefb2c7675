/**
 * Opening a patient's photo or document from the console, on the real service
 * (src/main.ts): GET /api/operator/tickets/:id/media/:messageId asks the channel
 * that received the message for the file only now — WhatsApp on a fake
 * whatsapp-web.js client, Telegram through telegraf against the local Bot API
 * stand-in — and answers it with its type, no caching, `attachment` for documents,
 * and an audit entry of ids only. Missing files are 404; a channel that cannot open
 * media 501; one not running 409; a file past the limit 413. No patient data is logged.
 * (401/403 for every role: test/console/route-guards.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTelegramConfig } from '../../src/channels/telegram';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel';
import { createUserRef } from '../../src/channels/whatsapp/user-ref';
import { WhatsAppChannel } from '../../src/channels/whatsapp/whatsapp-channel';
import { createLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import type { ChannelName, InboundMessage } from '../../src/router/message';
import type { Ticket } from '../../src/storage/repositories';
import { BOT_TOKEN, BotApiStandIn } from '../channels/telegram/bot-api-stand-in';
import { fakeFactory, type FakeClient } from '../channels/whatsapp/fake-client';
import { testConfig } from '../console/harness';
import { askForDoctor, say } from '../support/patient';
import { desksAlwaysOpen } from './support';
import { signInToConsole } from '../support/console-session';

const WA_JID = '919800000123@c.us';
const TG_CHAT = '880123';
const PHOTO = Buffer.from('\xff\xd8\xff\xe0 fake jpeg of a rash', 'latin1');
const PDF = Buffer.from('%PDF-1.4 discharge summary of Rahim Uddin');
const CAPTION = 'rash on my arm since Tuesday';

let dir: string;
let service: RunningService;
let base: string;
let api: BotApiStandIn;
let whatsapp: WhatsAppChannel;
let telegram: TelegramChannel;
let waClient: () => FakeClient;
let cookie: string;
const logLines: string[] = [];
const handle = async (m: InboundMessage) => void (await service.core.router.handle(m));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-media-'));
  const config = testConfig(dir, { PORT: '0', HOST: '127.0.0.1' });
  const log = createLogger({ level: 'debug', destination: { write: (s: string) => void logLines.push(s) } as never });
  // Desks open round the clock (the test runs at any hour).
  service = await startService(desksAlwaysOpen(config), log);
  base = `http://127.0.0.1:${service.port}`;

  const { factory, clients } = fakeFactory();
  waClient = () => clients[clients.length - 1]!;
  whatsapp = new WhatsAppChannel({
    factory, log, userRef: createUserRef('media-test-secret-0123456789'),
    pacing: { gapMs: 0, jitterMs: 0, perMinute: 10_000 }, initTimeoutMs: 5000, restartMinMs: 100, restartMaxMs: 100, healthCheckMs: 0,
  });
  service.core.channels.set('whatsapp', whatsapp);
  await whatsapp.start(handle);
  waClient().link();

  api = new BotApiStandIn();
  const apiRoot = await api.start();
  // Started and put on the service by beforeEach, before every test.
  telegram = new TelegramChannel({ config: readTelegramConfig({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_MODE: 'polling' }, [])!, log, pacing: { perChatMs: 0, globalMs: 0 } });

  await service.console.accounts.create({ username: 'anil', displayName: 'Anil', roles: ['operator'], languages: ['bn', 'hi', 'en'], queues: [], password: 'anil password 1' }, { cli: true });
  ({ cookie } = await signInToConsole(base, 'anil', 'anil password 1'));
}, 30_000);

// A test below stops Telegram and takes it off the service: every test starts with it running.
beforeEach(async () => {
  await telegram.start(handle);
  service.core.channels.set('telegram', telegram);
});

afterAll(async () => {
  await telegram?.stop();
  await whatsapp?.stop();
  await service?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A patient asks for a doctor, then sends `media`: the ticket and the media line's message id. */
async function patientSends(channel: ChannelName, userId: string, media: InboundMessage['content']): Promise<{ ticket: Ticket; messageId: string }> {
  const ticket = await askForDoctor(service.core, channel, userId);
  await say(service.core, channel, userId, media);
  const detail = await get(`/api/operator/tickets/${ticket.id}`);
  const line = (detail.json as { transcript: Array<{ id: string; media?: { type: string } }> }).transcript.filter((l) => l.media).at(-1)!;
  expect(line.media).toEqual({ type: (media as { mediaType: string }).mediaType });
  return { ticket, messageId: line.id };
}

async function get(path: string): Promise<{ status: number; headers: Headers; body: Buffer; json: any }> {
  const res = await fetch(base + path, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(body.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, body, json };
}

const mediaUrl = (ticket: Ticket, messageId: string) => `/api/operator/tickets/${ticket.id}/media/${messageId}`;
const opened = async () => (await service.core.store.audit.list({ limit: 100, action: 'conversation.media_opened' })).map((e) => ({ target: `${e.targetType}:${e.targetId}`, details: e.details }));

describe('WhatsApp', () => {
  it('fetches a photo only when opened, shows it inline, uncached, and audits the opening by ids', async () => {
    const ref = `false_${WA_JID}_3EB0PHOTO0001`;
    const { ticket, messageId } = await patientSends('whatsapp', WA_JID, { kind: 'media', mediaType: 'image', ref, caption: CAPTION });
    expect(waClient().lookedUp).toEqual([]);
    waClient().media.set(ref, { mimetype: 'image/jpeg', data: PHOTO.toString('base64') });

    const res = await get(mediaUrl(ticket, messageId));
    expect(res.status).toBe(200);
    expect(res.body.equals(PHOTO)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="image-.+\.jpg"/);
    expect(waClient().lookedUp).toEqual([ref]);
    expect(await opened()).toContainEqual({ target: `conversation:${ticket.conversationId}`, details: { ticket: ticket.id, message: messageId, channel: 'whatsapp' } });
  });

  it('downloads a document as an attachment under its own name; 404 once WhatsApp no longer has it', async () => {
    const ref = `false_${WA_JID}_3EB0DOC00002`;
    const { ticket, messageId } = await patientSends('whatsapp', WA_JID, { kind: 'media', mediaType: 'document', ref });
    waClient().media.set(ref, { mimetype: 'application/pdf', data: PDF.toString('base64'), filename: 'Rahim রিপোর্ট.pdf' });
    const res = await get(mediaUrl(ticket, messageId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Rahim _______.pdf"; filename*=UTF-8''${encodeURIComponent('Rahim রিপোর্ট.pdf')}`);
    expect(res.body.equals(PDF)).toBe(true);

    waClient().media.delete(ref);
    const gone = await get(mediaUrl(ticket, messageId));
    expect([gone.status, gone.json.error.code, gone.headers.get('content-type')]).toEqual([404, 'not_found', expect.stringMatching(/^application\/json/)]);
  });

  it('answers 404 for a message that is not media, not in this ticket, or unknown; 409 while WhatsApp is not linked', async () => {
    const ref = `false_${WA_JID}_3EB0PHOTO0003`;
    const { ticket, messageId } = await patientSends('whatsapp', WA_JID, { kind: 'media', mediaType: 'image', ref });
    waClient().media.set(ref, { mimetype: 'image/jpeg', data: PHOTO.toString('base64') });
    const detail = await get(`/api/operator/tickets/${ticket.id}`);
    const textLine = (detail.json.transcript as Array<{ id: string; from: string; media?: unknown }>).find((l) => l.from === 'patient' && !l.media)!;
    const other = await patientSends('whatsapp', '919800000456@c.us', { kind: 'media', mediaType: 'image', ref: 'false_919800000456@c.us_3EB0OTHER' });
    for (const path of [mediaUrl(ticket, textLine.id), mediaUrl(ticket, other.messageId), mediaUrl(ticket, 'no-such-message'), `/api/operator/tickets/nope/media/${messageId}`]) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }

    waClient().emit('qr', '2@new-code');
    const offline = await get(mediaUrl(ticket, messageId));
    expect([offline.status, offline.json.error.details]).toEqual([409, { reason: 'channel_offline' }]);
    waClient().link();
    expect((await get(mediaUrl(ticket, messageId))).status).toBe(200);
  });
});

describe('Telegram', () => {
  it('fetches a photo and a document through the Bot API (TELEGRAM_API_ROOT), typed by their path', async () => {
    api.files.set('AgACphoto01', { path: 'photos/file_7.jpg', data: PHOTO });
    api.files.set('BQACdoc0002', { path: 'documents/file_8.pdf', data: PDF });
    const photo = await patientSends('telegram', TG_CHAT, { kind: 'media', mediaType: 'image', ref: 'AgACphoto01', caption: CAPTION });
    const doc = await patientSends('telegram', TG_CHAT, { kind: 'media', mediaType: 'document', ref: 'BQACdoc0002' });
    expect(api.callsOf('getFile')).toEqual([]);

    const a = await get(mediaUrl(photo.ticket, photo.messageId));
    expect([a.status, a.headers.get('content-type'), a.headers.get('cache-control'), a.body.equals(PHOTO)]).toEqual([200, 'image/jpeg', 'no-store', true]);
    expect(a.headers.get('content-disposition')).toMatch(/^inline; filename="file_7\.jpg"/);
    const b = await get(mediaUrl(doc.ticket, doc.messageId));
    expect([b.status, b.headers.get('content-type'), b.body.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    expect(b.headers.get('content-disposition')).toMatch(/^attachment; filename="file_8\.pdf"/);
    expect(api.downloads).toEqual(['photos/file_7.jpg', 'documents/file_8.pdf']);
    expect(await opened()).toContainEqual({ target: `conversation:${doc.ticket.conversationId}`, details: { ticket: doc.ticket.id, message: doc.messageId, channel: 'telegram' } });
  });

  it('answers 404 for a file Telegram does not know, 413 past the size limit without downloading it, 502 when the Bot API fails', async () => {
    const unknown = await patientSends('telegram', '880124', { kind: 'media', mediaType: 'image', ref: 'AgACunknown' });
    expect((await get(mediaUrl(unknown.ticket, unknown.messageId))).status).toBe(404);

    api.files.set('BQAChuge003', { path: 'documents/file_9.pdf', data: PDF, size: 21 * 1024 * 1024 });
    const huge = await patientSends('telegram', '880125', { kind: 'media', mediaType: 'document', ref: 'BQAChuge003' });
    const tooBig = await get(mediaUrl(huge.ticket, huge.messageId));
    expect([tooBig.status, tooBig.json.error.details.reason]).toEqual([413, 'too_large']);
    expect(api.downloads).not.toContain('documents/file_9.pdf');

    api.files.set('AgACfail004', { path: 'photos/file_10.jpg', data: PHOTO });
    const failing = await patientSends('telegram', '880126', { kind: 'media', mediaType: 'image', ref: 'AgACfail004' });
    api.failNext('getFile', 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    const failed = await get(mediaUrl(failing.ticket, failing.messageId));
    expect([failed.status, failed.json.error.details]).toEqual([502, { reason: 'fetch_failed' }]);
  });
});

describe('channels that cannot open media', () => {
  it('answers 501 for the web chat, and 409 when the channel that received it is not running', async () => {
    const web = await patientSends('webchat', 'web-media-1', { kind: 'media', mediaType: 'image', ref: 'web-ref-1' });
    const res = await get(mediaUrl(web.ticket, web.messageId));
    expect([res.status, res.json.error]).toEqual([501, expect.objectContaining({ code: 'not_implemented', details: { reason: 'not_supported' } })]);

    api.files.set('AgACstop005', { path: 'photos/file_11.jpg', data: PHOTO });
    const tg = await patientSends('telegram', '880127', { kind: 'media', mediaType: 'image', ref: 'AgACstop005' });
    await telegram.stop();
    const stopped = await get(mediaUrl(tg.ticket, tg.messageId));
    expect([stopped.status, stopped.json.error.details]).toEqual([409, { reason: 'channel_offline' }]);
    service.core.channels.delete('telegram');
    const absent = await get(mediaUrl(tg.ticket, tg.messageId));
    expect([absent.status, absent.json.error.details]).toEqual([409, { reason: 'channel_offline' }]);
  });
});

it('logs and audits ids only: never a file, its name, a caption, a number or the bot token', async () => {
  // Its own openings, through each path that handles a secret: WhatsApp's photo with its caption, named document and
  // voice note; Telegram's photo and document (the download URL holds the bot token), and a failing Bot API.
  // Counted from here: the audit also holds the openings of the tests before this one.
  const openedBefore = (await opened()).length;
  const waFiles = [
    { mediaType: 'image', ref: `false_${WA_JID}_3EB0PHOTO0009`, caption: CAPTION, file: { mimetype: 'image/jpeg', data: PHOTO.toString('base64') } },
    { mediaType: 'document', ref: `false_${WA_JID}_3EB0DOC00009`, file: { mimetype: 'application/pdf', data: PDF.toString('base64'), filename: 'Rahim রিপোর্ট.pdf' } },
    { mediaType: 'audio', ref: `false_${WA_JID}_3EB0VOICE009`, file: { mimetype: 'audio/ogg; codecs=opus', data: Buffer.from('OggS voice of Rahim').toString('base64') } },
  ] as const;
  for (const { file, ...media } of waFiles) {
    waClient().media.set(media.ref, file);
    const sent = await patientSends('whatsapp', WA_JID, { kind: 'media', ...media });
    expect([media.mediaType, (await get(mediaUrl(sent.ticket, sent.messageId))).status]).toEqual([media.mediaType, 200]);
  }
  api.files.set('AgACphoto01', { path: 'photos/file_7.jpg', data: PHOTO });
  api.files.set('BQACdoc0002', { path: 'documents/file_8.pdf', data: PDF });
  for (const media of [{ mediaType: 'image', ref: 'AgACphoto01', caption: CAPTION }, { mediaType: 'document', ref: 'BQACdoc0002' }] as const) {
    const sent = await patientSends('telegram', TG_CHAT, { kind: 'media', ...media });
    expect([media.mediaType, (await get(mediaUrl(sent.ticket, sent.messageId))).status]).toEqual([media.mediaType, 200]);
  }
  const failing = await patientSends('telegram', TG_CHAT, { kind: 'media', mediaType: 'image', ref: 'AgACphoto01' });
  api.failNext('getFile', 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
  expect((await get(mediaUrl(failing.ticket, failing.messageId))).status).toBe(502);

  const audit = JSON.stringify(await opened());
  expect((await opened()).length).toBeGreaterThanOrEqual(openedBefore + 5);
  const logs = logLines.join('');
  // The failing fetch was logged: the path most likely to quote a URL with the token in it.
  expect(logs).toContain('telegram: media could not be fetched');
  for (const secret of ['9198000', 'Rahim', 'রিপোর্ট', CAPTION, 'fake jpeg', 'discharge', PHOTO.toString('base64'), BOT_TOKEN, BOT_TOKEN.split(':')[1]!, 'file_7', 'AgACphoto01']) {
    expect([secret, logs.includes(secret), audit.includes(secret)]).toEqual([secret, false, false]);
  }
});
