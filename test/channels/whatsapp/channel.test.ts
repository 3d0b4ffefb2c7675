/**
 * The WhatsApp channel against a fake client with whatsapp-web.js's surface:
 * link states, inbound messages of every kind, outbound rendering and failures,
 * pacing, and staying alive (timeouts, restarts with backoff, teardown).
 */
import { ChannelSendError } from '../../../src/channels/channel';
import type { OutboundMessage } from '../../../src/router/message';
import { fixture, variant, type FixtureName } from './fixtures';
import { harness, type Harness } from './support';

const PATIENT = '919800000001@c.us';

function outbound(id: string, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return { id, conversationId: 'conv-1', channel: 'whatsapp', userId: PATIENT, text, ...extra };
}

async function sendError(p: Promise<unknown>): Promise<ChannelSendError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ChannelSendError);
    return err as ChannelSendError;
  }
  throw new Error('expected the send to fail');
}

/** Let promise chains (teardown, restart planning) run without moving the fake clock. */
const settle = () => jest.advanceTimersByTimeAsync(0);

afterEach(() => {
  jest.useRealTimers();
});

describe('link state', () => {
  it('starting → waiting_for_qr (QR in the terminal and as an image) → ready, with the gauge on /metrics', async () => {
    const h = harness();
    expect(h.channel.link.state).toBe('disconnected');
    expect(await h.metric('sahay_whatsapp_link_state', { state: 'disconnected' })).toBe(1);
    await h.start();
    expect(h.channel.link.state).toBe('starting');
    expect(await h.metric('sahay_whatsapp_link_state', { state: 'starting' })).toBe(1);
    expect(h.client().initialized).toBe(1);

    const changes: string[] = [];
    h.channel.link.on('change', (s) => changes.push(s.state));
    h.client().emit('qr', '2@QRREF,STATICKEY,IDKEY,ADVSECRET');
    expect(h.channel.link.status()).toMatchObject({ state: 'waiting_for_qr', qr: '2@QRREF,STATICKEY,IDKEY,ADVSECRET' });
    expect(await h.metric('sahay_whatsapp_link_state', { state: 'waiting_for_qr' })).toBe(1);
    expect(await h.metric('sahay_whatsapp_link_state', { state: 'starting' })).toBe(0);
    expect(h.qrOut.join('')).toContain('Linked devices');
    expect(h.qrOut.join('')).toMatch(/[▄▀█]/);
    expect(await h.channel.link.qrDataUrl()).toMatch(/^data:image\/png;base64,/);

    // A new code every ~20 s: the latest one is the one to scan.
    h.client().emit('qr', '2@NEWREF,STATICKEY,IDKEY,ADVSECRET');
    expect(h.channel.link.status().qr).toBe('2@NEWREF,STATICKEY,IDKEY,ADVSECRET');

    h.client().emit('authenticated');
    h.client().emit('ready');
    h.client().emit('change_state', 'CONNECTED');
    expect(h.channel.link.status()).toMatchObject({ state: 'ready', qr: null, waState: 'CONNECTED' });
    expect(await h.channel.link.qrDataUrl()).toBeNull();
    expect(await h.metric('sahay_whatsapp_link_state', { state: 'ready' })).toBe(1);
    expect(changes).toEqual(['waiting_for_qr', 'waiting_for_qr', 'starting', 'ready', 'ready']);
    // The QR code is a credential for the service number: never in the logs.
    expect(h.rawLogs()).not.toContain('QRREF');

    await h.channel.stop();
    expect(h.client()).toMatchObject({ destroyed: 1, killed: 1 });
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'stopped', nextAttemptAt: null });
  });
});

describe('inbound', () => {
  let h: Harness;
  beforeEach(async () => {
    h = harness();
    await h.start();
    h.client().link();
  });
  afterEach(() => h.channel.stop());

  const accepted: FixtureName[] = ['text', 'menu_reply_devanagari_digit', 'long_mixed_script', 'location', 'contact_card', 'image', 'voice_note'];
  const ignored: Array<[FixtureName, string]> = [
    ['own_message', 'own_message'],
    ['group_message', 'group'],
    ['status_broadcast', 'status_broadcast'],
  ];

  it('hands every private message to the router, keyed by the chat id, and nothing else', async () => {
    for (const name of [...accepted, ...ignored.map(([n]) => n)]) h.client().receive(fixture(name));
    h.client().emit('call', { id: 'CALL1', from: PATIENT, isVideo: false, isGroup: false, fromMe: false });
    await new Promise((r) => setImmediate(r));

    expect(h.received.map((m) => m.content.kind)).toEqual(['text', 'text', 'text', 'location', 'contact', 'media', 'media']);
    expect(h.received.map((m) => m.platformMessageId)).toEqual(accepted.map((n) => fixture(n).id._serialized));
    expect(h.received.every((m) => m.channel === 'whatsapp' && m.userId === fixture(accepted[h.received.indexOf(m)]!).from)).toBe(true);

    const ignoredLogs = h.logs().filter((l) => l.msg === 'WhatsApp message ignored');
    expect(ignoredLogs.map((l) => l.reason)).toEqual(['own_message', 'group', 'status_broadcast', 'call']);
    for (const [, reason] of ignored) expect(await h.metric('sahay_whatsapp_ignored_total', { reason })).toBe(1);
    expect(await h.metric('sahay_whatsapp_ignored_total', { reason: 'call' })).toBe(1);
  });

  it('logs neither numbers, names nor texts — an opaque reference at most', async () => {
    for (const name of [...accepted, ...ignored.map(([n]) => n)]) h.client().receive(fixture(name));
    await new Promise((r) => setImmediate(r));
    const logs = h.rawLogs();
    for (const secret of ['9198000', '8801700', '9665000', 'জ্বর', 'Howrah', 'Stay safe', 'Caregiver', 'report', 'bukhar', '@c.us', '@g.us']) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
    }
    const received = h.logs().filter((l) => l.msg === 'WhatsApp message received');
    expect(received).toHaveLength(accepted.length);
    expect(received[0]).toMatchObject({ userRef: expect.stringMatching(/^u_[\w-]{12}$/), kind: 'text' });
  });

  it("names the photos and videos that follow an album's announcement as its items, until another kind of message or a pause", async () => {
    await h.channel.stop();
    const clock = { now: Date.UTC(2021, 4, 1, 10, 0, 0) };
    h = harness({ now: () => clock.now, albumWindowMs: 60_000 });
    await h.start();
    h.client().link();
    const from = '8801700000004@c.us';
    // No album is recorded: the image fixture as the `album` message whatsapp-web.js emits before the photos.
    const album = variant('image', { type: 'album', body: '', hasMedia: false }, from);
    const photo = (changes: Record<string, unknown> = {}) => variant('image', { body: '', ...changes }, from);
    h.client().receive(album);
    h.client().receive(photo());
    h.client().receive(photo({ body: 'report of my father' }));
    clock.now += 50_000;
    h.client().receive(photo({ type: 'video' }));
    // Another patient's photo in between is not an item of it.
    h.client().receive(variant('image', { body: '' }, '919800000001@c.us'));
    h.client().receive(variant('text', {}, from));
    h.client().receive(photo());
    // A second album, and a photo after a pause longer than the window.
    const second = variant('image', { type: 'album', body: '', hasMedia: false }, from);
    h.client().receive(second);
    h.client().receive(photo());
    clock.now += 60_001;
    h.client().receive(photo());
    await new Promise((r) => setImmediate(r));

    const albums = h.received.map((m) => (m.content.kind === 'media' ? (m.content.album ?? null) : m.content.kind));
    const one = album.id._serialized;
    expect(albums).toEqual([one, one, one, null, 'text', null, second.id._serialized, null]);
    expect(h.received[1]!.content).toMatchObject({ caption: 'report of my father', album: one });
    expect(h.received).toHaveLength(8);
  });

  it('a router failure is logged (without the text) and does not stop the channel', async () => {
    await h.channel.stop();
    h = harness();
    await h.start(async () => {
      throw new Error('database is locked for 919800000001@c.us');
    });
    h.client().link();
    h.client().receive(fixture('text'));
    h.client().receive(fixture('menu_reply_devanagari_digit'));
    await new Promise((r) => setImmediate(r));
    const errors = h.logs().filter((l) => l.msg === 'WhatsApp message could not be handled');
    expect(errors).toHaveLength(2);
    expect(h.rawLogs()).not.toContain('9198000');
    expect(h.channel.link.state).toBe('ready');
  });

  it('stop() waits for messages being handled, then ignores new ones', async () => {
    await h.channel.stop();
    h = harness();
    let finish!: () => void;
    const handled: string[] = [];
    await h.start(async (m) => {
      await new Promise<void>((r) => (finish = r));
      handled.push(m.platformMessageId);
    });
    h.client().link();
    h.client().receive(fixture('text'));
    const stopped = h.channel.stop();
    h.client().receive(fixture('location'));
    await new Promise((r) => setImmediate(r));
    expect(handled).toEqual([]);
    finish();
    await stopped;
    expect(handled).toEqual([fixture('text').id._serialized]);
    expect(h.client()).toMatchObject({ destroyed: 1, killed: 1 });
  });
});

describe('outbound', () => {
  it('refuses to send while not linked, as "offline" (kept in the outbox, sent once linked)', async () => {
    const h = harness();
    await h.start();
    h.client().emit('qr', '2@x');
    const e = await sendError(h.channel.send(outbound('o1', 'Hello')));
    expect(e).toMatchObject({ retryable: true, offline: true });
    expect(h.client().sent).toEqual([]);
    await h.channel.stop();
  });

  it('sends text with choices as a numbered list, to the chat id, without link previews', async () => {
    const h = harness({ hints: { bn: 'বাংলা সংকেত', hi: 'हिंदी संकेत', en: 'Reply with the number of your choice.' } });
    await h.start();
    h.client().link();
    await h.channel.send(outbound('o1', 'Do you agree to continue?', { choices: [{ payload: 'yes', title: 'Yes' }, { payload: 'no', title: 'No' }] }));
    await h.channel.send(outbound('o2', 'Thank you.'));
    expect(h.client().sent).toEqual([
      { chatId: PATIENT, text: 'Do you agree to continue?\n\n1. Yes\n2. No\n\n_Reply with the number of your choice._', options: { linkPreview: false }, id: expect.any(String) },
      { chatId: PATIENT, text: 'Thank you.', options: { linkPreview: false }, id: expect.any(String) },
    ]);
    await h.channel.stop();
  });

  it('never sends the same outbox message twice (a retry after a lost "sent" mark)', async () => {
    const h = harness();
    await h.start();
    h.client().link();
    await h.channel.send(outbound('o1', 'Hello'));
    await h.channel.send(outbound('o1', 'Hello'));
    expect(h.client().sent).toHaveLength(1);
    await h.channel.stop();
  });

  it('classifies failures for the outbox: transient, permanent, timed out, wrong address', async () => {
    const h = harness({ sendTimeoutMs: 50 });
    await h.start();
    h.client().link();
    h.client().sendError = new Error('Protocol error (Runtime.callFunctionOn): Target closed.');
    expect(await sendError(h.channel.send(outbound('o1', 'x')))).toMatchObject({ retryable: true, offline: false });
    h.client().sendError = new Error('invalid wid');
    expect(await sendError(h.channel.send(outbound('o2', 'x')))).toMatchObject({ retryable: false });
    h.client().sendError = undefined;
    h.client().sendMessage = () => new Promise(() => undefined);
    expect(await sendError(h.channel.send(outbound('o3', 'x')))).toMatchObject({ retryable: true, message: expect.stringContaining('timed out') });
    expect(await sendError(h.channel.send(outbound('o4', 'x', { userId: '120363000000000006@g.us' })))).toMatchObject({ retryable: false });
    expect(await sendError(h.channel.send(outbound('o5', 'x', { channel: 'telegram' })))).toMatchObject({ retryable: false });
    await h.channel.stop();
  });

  it('a message waiting its turn when the link drops fails as offline, not as a send attempt', async () => {
    jest.useFakeTimers();
    const h = harness({ pacing: { gapMs: 1000, jitterMs: 0, perMinute: 100 } });
    await h.start();
    h.client().link();
    const first = h.channel.send(outbound('o1', 'one'));
    const second = sendError(h.channel.send(outbound('o2', 'two')));
    await jest.advanceTimersByTimeAsync(10);
    await first;
    h.client().emit('disconnected', 'TIMEOUT');
    await jest.advanceTimersByTimeAsync(1000);
    expect(await second).toMatchObject({ retryable: true, offline: true });
    expect(h.clients[0]!.sent.map((s) => s.text)).toEqual(['one']);
    await h.channel.stop();
  });
});

describe('media', () => {
  it('a photo is only a reference until an operator opens it; then it is fetched from WhatsApp', async () => {
    const h = harness();
    await h.start();
    h.client().link();
    const photo = fixture('image');
    h.client().receive(photo);
    await new Promise((r) => setImmediate(r));
    const ref = (h.received[0]!.content as { ref: string }).ref;
    expect(ref).toBe(photo.id._serialized);
    // Received and handed on: nothing downloaded.
    expect(h.client()).toMatchObject({ lookedUp: [], downloads: 0 });

    const bytes = Buffer.from('\x89PNG fake image');
    h.client().media.set(ref, { mimetype: 'image/jpeg', data: bytes.toString('base64'), filename: null });
    expect(await h.channel.openMedia(ref)).toEqual({ mimetype: 'image/jpeg', data: bytes });
    expect(h.client()).toMatchObject({ lookedUp: [ref], downloads: 1 });

    // Gone from WhatsApp, expired, not a private chat's message: nothing (or an error the console can show).
    expect(await h.channel.openMedia('false_919800000001@c.us_3EB0NOTTHERE')).toBeNull();
    expect(await h.channel.openMedia('false_120363000000000006@g.us_3EB0GROUP')).toBeNull();
    expect(await h.channel.openMedia('not a reference')).toBeNull();
    h.client().media.set('false_919800000001@c.us_3EB0EXPIRED', undefined);
    expect(await sendError(h.channel.openMedia('false_919800000001@c.us_3EB0EXPIRED'))).toMatchObject({ retryable: true });
    expect(h.rawLogs()).not.toContain('9198000');

    // Not linked: cannot fetch now.
    h.client().emit('qr', '2@x');
    expect(await sendError(h.channel.openMedia(ref))).toMatchObject({ offline: true });
    await h.channel.stop();
  });
});

describe('pacing', () => {
  beforeEach(() => jest.useFakeTimers());

  it('one at a time, in order, at least the gap plus a random jitter apart', async () => {
    const draws = [0.1, 0.9, 0.5, 0.0, 0.75];
    let i = 0;
    const h = harness({ pacing: { gapMs: 1000, jitterMs: 2000, perMinute: 100 }, random: () => draws[i++ % draws.length]! });
    await h.start();
    h.client().link();
    const users = ['919800000001@c.us', '919800000002@c.us', '8801700000004@c.us'];
    const sends = [0, 1, 2, 3, 4].map((n) => h.channel.send(outbound(`o${n}`, `message ${n}`, { userId: users[n % 3]! })));
    await jest.advanceTimersByTimeAsync(20_000);
    await Promise.all(sends);
    const c = h.client();
    expect(c.sent.map((s) => s.text)).toEqual(['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    const gaps = c.sendTimes.slice(1).map((t, n) => t - c.sendTimes[n]!);
    // Job n drew draws[n]; the first went at once.
    expect(gaps).toEqual([1000 + 1800, 1000 + 1000, 1000 + 0, 1000 + 1500]);
    await h.channel.stop();
  });

  it('at most perMinute messages a minute', async () => {
    const h = harness({ pacing: { gapMs: 0, jitterMs: 0, perMinute: 3 } });
    const t0 = Date.now();
    await h.start();
    h.client().link();
    const sends = [0, 1, 2, 3, 4].map((n) => h.channel.send(outbound(`o${n}`, `m${n}`)));
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.client().sent).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(59_500);
    await Promise.all(sends);
    expect(h.client().sent).toHaveLength(5);
    const late = h.client().sendTimes[3]! - t0;
    expect(late).toBeGreaterThanOrEqual(60_000);
    expect(late).toBeLessThan(61_000);
    await h.channel.stop();
  });

  it('stop() drops the waiting sends as offline (they stay in the outbox for the next start)', async () => {
    const h = harness({ pacing: { gapMs: 5000, jitterMs: 0, perMinute: 100 } });
    await h.start();
    h.client().link();
    const sends = [0, 1, 2].map((n) => h.channel.send(outbound(`o${n}`, `m${n}`)).then(() => 'sent', (err: unknown) => err));
    await jest.advanceTimersByTimeAsync(10);
    const stopped = h.channel.stop();
    await jest.advanceTimersByTimeAsync(1000);
    await stopped;
    const [first, ...dropped] = await Promise.all(sends);
    expect(first).toBe('sent');
    for (const e of dropped) expect(e).toMatchObject({ name: 'ChannelSendError', retryable: true, offline: true });
    expect(h.clients[0]!.sent).toHaveLength(1);
  });
});

describe('staying alive', () => {
  beforeEach(() => jest.useFakeTimers());

  it('restarts after a disconnect with exponential backoff (capped), reset once linked again', async () => {
    const h = harness({ restartMinMs: 1000, restartMaxMs: 8000 });
    await h.start();
    h.client().link();

    const delays: number[] = [];
    for (const reason of ['CONFLICT', 'UNPAIRED', 'TIMEOUT', 'UNLAUNCHED', 'CONFLICT']) {
      const before = h.clients.length;
      const failed = h.client();
      failed.emit('disconnected', reason);
      expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'disconnected', detail: reason });
      await settle();
      expect(failed).toMatchObject({ destroyed: 1, killed: 1 });
      const { nextAttemptAt } = h.channel.link.status();
      delays.push(nextAttemptAt! - Date.now());
      await jest.advanceTimersByTimeAsync(nextAttemptAt! - Date.now() - 1);
      expect(h.clients).toHaveLength(before);
      await jest.advanceTimersByTimeAsync(1);
      expect(h.clients).toHaveLength(before + 1);
      expect(h.channel.link.state).toBe('starting');
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);

    h.client().link();
    h.client().emit('disconnected', 'CONFLICT');
    await settle();
    expect(h.channel.link.status().nextAttemptAt! - Date.now()).toBe(1000);
    expect(h.channel.link.status().restarts).toBe(6);
    expect(await h.metric('sahay_whatsapp_restarts_total', { reason: 'disconnected' })).toBe(6);
    await h.channel.stop();
    expect(h.clients.every((c) => c.killed === 1)).toBe(true);
  });

  it('the backoff has jitter, so that instances do not retry in step', async () => {
    const h = harness({ restartMinMs: 1000, random: () => 0 });
    await h.start();
    h.client().emit('disconnected', 'CONFLICT');
    await settle();
    expect(h.channel.link.status().nextAttemptAt! - Date.now()).toBe(800);
    await h.channel.stop();
  });

  it('an initialize() that hangs is given up after the init timeout: browser killed, started again', async () => {
    const h = harness({ initTimeoutMs: 5000, setup: (c, i) => (c.initBehaviour = i === 0 ? 'hang' : 'resolve') });
    await h.start();
    await jest.advanceTimersByTimeAsync(4999);
    expect(h.channel.link.state).toBe('starting');
    await jest.advanceTimersByTimeAsync(1);
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'init_timeout' });
    await settle();
    expect(h.clients[0]).toMatchObject({ destroyed: 1, killed: 1 });
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.clients).toHaveLength(2);
    h.client().emit('qr', '2@second');
    expect(h.channel.link.state).toBe('waiting_for_qr');
    // Waiting for someone to scan is not a failure: no timeout while the QR is shown.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.channel.link.state).toBe('waiting_for_qr');
    expect(h.clients).toHaveLength(2);
    await h.channel.stop();
  });

  it('after the scan, loading must finish in time too', async () => {
    const h = harness({ initTimeoutMs: 5000 });
    await h.start();
    h.client().emit('qr', '2@x');
    h.client().emit('authenticated');
    await jest.advanceTimersByTimeAsync(5000);
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'init_timeout' });
    await h.channel.stop();
  });

  it('initialize() failing (offline) is a restart with the reason for admins', async () => {
    const h = harness({ setup: (c) => (c.initBehaviour = 'reject') });
    await h.start();
    await settle();
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'init_failed', detail: expect.stringContaining('ERR_NAME_NOT_RESOLVED') });
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.clients).toHaveLength(2);
    await h.channel.stop();
  });

  it('a destroy() that hangs does not keep the browser alive: it is killed after the destroy timeout', async () => {
    const h = harness({ destroyTimeoutMs: 500, setup: (c, i) => (c.destroyBehaviour = i === 0 ? 'hang' : 'resolve') });
    await h.start();
    h.client().link();
    h.client().emit('disconnected', 'CONFLICT');
    await jest.advanceTimersByTimeAsync(499);
    expect(h.clients[0]!.killed).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(h.clients[0]!.killed).toBe(1);
    // The next start waits for the teardown: never two browsers at once.
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.clients).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(500);
    await h.channel.stop();
  });

  it.each([
    ['LOGOUT', 'logout'],
    ['BROWSER_CLOSED', 'browser_closed'],
  ])('disconnected(%s) restarts with reason %s', async (event, reason) => {
    const h = harness();
    await h.start();
    h.client().link();
    h.client().emit('disconnected', event);
    expect(h.channel.link.status().reason).toBe(reason);
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.clients).toHaveLength(2);
    if (reason === 'logout') expect(h.logs().some((l) => String(l.msg).includes('unlinked from the phone'))).toBe(true);
    await h.channel.stop();
  });

  it('auth_failure restarts', async () => {
    const h = harness();
    await h.start();
    h.client().emit('auth_failure', 'session restore failed');
    expect(h.channel.link.status().reason).toBe('auth_failure');
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.clients).toHaveLength(2);
    await h.channel.stop();
  });

  it.each(['hang', 'throw'] as const)('a linked client whose page stops answering (getState %s) is restarted', async (behaviour) => {
    const h = harness({ healthCheckMs: 1000, healthTimeoutMs: 500 });
    await h.start();
    h.client().link();
    await jest.advanceTimersByTimeAsync(3000);
    expect(h.channel.link.state).toBe('ready');
    h.client().stateBehaviour = behaviour;
    await jest.advanceTimersByTimeAsync(1500);
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'unresponsive' });
    await h.channel.stop();
  });

  it('events from a client that was replaced are ignored', async () => {
    const h = harness();
    await h.start();
    const old = h.client();
    old.emit('disconnected', 'CONFLICT');
    await jest.advanceTimersByTimeAsync(1000);
    old.emit('ready');
    old.receive(fixture('text'));
    expect(h.channel.link.state).toBe('starting');
    expect(h.received).toEqual([]);
    await h.channel.stop();
  });

  it('a factory that throws (e.g. a bad Chromium path) is a restart too, not a crash', async () => {
    let calls = 0;
    const h = harness({
      setup: () => {
        if (calls++ === 0) throw new Error('Browser was not found at the configured executablePath');
      },
    });
    await h.start();
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'init_failed' });
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.channel.link.state).toBe('starting');
    await h.channel.stop();
  });

  it('stop() during the backoff cancels the restart', async () => {
    const h = harness();
    await h.start();
    h.client().emit('disconnected', 'CONFLICT');
    await settle();
    await h.channel.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.clients).toHaveLength(1);
    expect(h.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'stopped' });
  });

  it('stop() while initialize() hangs tears the browser down', async () => {
    const h = harness({ setup: (c) => (c.initBehaviour = 'hang') });
    await h.start();
    await h.channel.stop();
    expect(h.client()).toMatchObject({ destroyed: 1, killed: 1 });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.clients).toHaveLength(1);
  });

  it('messages that arrive while linked are delivered; variants of the recorded shapes too', async () => {
    const h = harness();
    await h.start();
    h.client().link();
    h.client().receive(variant('image', { type: 'document', body: '' }));
    await settle();
    expect(h.received[0]?.content).toMatchObject({ kind: 'media', mediaType: 'document' });
    await h.channel.stop();
  });
});
