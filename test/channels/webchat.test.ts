import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { ChannelSendError, type Handover } from '../../src/channels/channel';
import { createWebchatChannel, type WebchatChannel } from '../../src/channels/webchat';
import { createHttpApp } from '../../src/http/app';
import { createLogger, silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { InboundMessage, OutboundMessage } from '../../src/router/message';
import { until } from '../support/until';

/** A stand-in for the router: echoes the text, then offers two choices, through the channel's send(). */
let channel: WebchatChannel;
let server: Server;
let base: string;
const received: InboundMessage[] = [];
const connected: string[] = [];
/** Messages the fake outbox holds for users who were away; onConnect delivers them. */
const stored = new Map<string, string[]>();
let outboxSeq = 0;

function outbound(userId: string, text: string, choices?: OutboundMessage['choices']): OutboundMessage {
  outboxSeq += 1;
  return { id: `out-${outboxSeq}`, conversationId: `conv-${userId}`, channel: 'webchat', userId, text, ...(choices ? { choices } : {}) };
}

/** The Handover of the last reply each user's webhook turn put in its response. */
const handovers = new Map<string, Handover>();

async function fakeRouter(message: InboundMessage): Promise<void> {
  received.push(message);
  const { content } = message;
  if (content.kind !== 'text' && content.kind !== 'choice') throw new Error('expected text or a choice');
  const said = content.kind === 'text' ? content.text : content.payload;
  if (said === 'explode') throw new Error('router bug');
  const echo = await channel.send(outbound(message.userId, `echo: ${said}`));
  // As the outbox sends a turn's replies: each one after the one before it (in a webhook response, its Handover).
  const question = await channel.send(
    outbound(message.userId, 'Do you have a fever?', [
      { payload: 'yes', title: 'হ্যাঁ' },
      { payload: 'no', title: 'না' },
    ]),
    echo ? { after: echo } : {},
  );
  if (question) handovers.set(message.userId, question);
}

async function onConnect(userId: string): Promise<void> {
  connected.push(userId);
  for (const text of stored.get(userId) ?? []) await channel.send(outbound(userId, text));
  stored.delete(userId);
}

let seq = 0;
let ids: number;

/**
 * Both far above what a local socket round trip takes on a loaded machine (a pong or an ack
 * that comes in late would drop a live client or fail a confirmed send), and short enough for
 * the tests that wait them out.
 */
const HEARTBEAT_MS = 1000;
const ACK_TIMEOUT_MS = 2000;

beforeAll(async () => {
  const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
  server = createServer(http.app);
  ids = 0;
  channel = createWebchatChannel({
    app: http.app,
    server,
    log: silentLogger,
    onConnect,
    clock: () => 1_700_000_000_000,
    newId: () => `gen-${++ids}`,
    heartbeatMs: HEARTBEAT_MS,
    ackTimeoutMs: ACK_TIMEOUT_MS,
  });
  http.finish();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await channel.start(fakeRouter);
});

afterAll(async () => {
  await channel.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  connected.length = 0;
  seq += 1;
});

function post(body: unknown, raw?: string): Promise<Response> {
  return fetch(`${base}/api/webchat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
}

describe('webhook mode', () => {
  test('answers with the JSON array of the bot messages for the turn, choices as quick_replies', async () => {
    const res = await post({ type: 'message', text: 'jor ache', user: 'user-1', channel: 'webhook' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual([
      { type: 'message', text: 'echo: jor ache' },
      {
        type: 'message',
        text: 'Do you have a fever?',
        quick_replies: [
          { title: 'হ্যাঁ', payload: 'yes' },
          { title: 'না', payload: 'no' },
        ],
      },
    ]);
  });

  test('hands the router a webchat InboundMessage, with the user and client id as platformMessageId (ids are unique per client only)', async () => {
    await post({ type: 'message', text: 'শ্বাসকষ্ট', user: 'user-2', channel: 'webhook', id: 'client-msg-7' });
    expect(received).toEqual([
      {
        channel: 'webchat',
        userId: 'user-2',
        platformMessageId: 'user-2\u0000client-msg-7',
        content: { kind: 'text', text: 'শ্বাসকষ্ট' },
        sentAt: 1_700_000_000_000,
      },
    ]);
  });

  test('generates a platformMessageId when the client sends none', async () => {
    await post({ type: 'message', text: 'a', user: 'user-3' });
    await post({ type: 'message', text: 'b', user: 'user-3' });
    const [first, second] = received.map((m) => m.platformMessageId);
    expect(first).toMatch(/^gen-\d+$/);
    expect(second).toMatch(/^gen-\d+$/);
    expect(first).not.toBe(second);
  });

  test('a tapped quick reply is a choice (its payload, with its title); typed text stays text', async () => {
    const res = await post({ type: 'message', text: 'হ্যাঁ', payload: 'yes', user: 'user-4', channel: 'webhook' });
    expect(res.status).toBe(200);
    expect(received[0]?.content).toEqual({ kind: 'choice', payload: 'yes', text: 'হ্যাঁ' });
    await post({ type: 'message', text: 'yes', user: 'user-4', channel: 'webhook' });
    expect(received[1]?.content).toEqual({ kind: 'text', text: 'yes' });
    expect((await post({ type: 'message', text: 'x', payload: '', user: 'user-4' })).status).toBe(400);
  });

  test('a 10,000-character message gets a normal reply', async () => {
    const text = 'জ্বর'.repeat(2500);
    expect(text).toHaveLength(10_000);
    const res = await post({ type: 'message', text, user: 'user-5' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string }[];
    expect(body[0]?.text).toBe(`echo: ${text}`);
  });

  test.each([
    // express.json only takes objects and arrays at the top level
    ['a bare string', '"hello"', 'bad_json'],
    ['null', 'null', 'bad_json'],
    ['an array', '[]', 'bad_request'],
    ['a number in an array', '[1]', 'bad_request'],
    ['missing user', JSON.stringify({ type: 'message', text: 'hi' }), 'bad_request'],
    ['empty user', JSON.stringify({ type: 'message', text: 'hi', user: '' }), 'bad_request'],
    ['numeric user', JSON.stringify({ type: 'message', text: 'hi', user: 42 }), 'bad_request'],
    ['non-string text', JSON.stringify({ type: 'message', text: 42, user: 'u' }), 'bad_request'],
    ['object text', JSON.stringify({ type: 'message', text: { $gt: '' }, user: 'u' }), 'bad_request'],
    ['message without text', JSON.stringify({ type: 'message', user: 'u' }), 'bad_request'],
    ['unknown type', JSON.stringify({ type: 'typing', text: 'hi', user: 'u' }), 'bad_request'],
    ['missing type', JSON.stringify({ text: 'hi', user: 'u' }), 'bad_request'],
    ['text over 10,000 chars', JSON.stringify({ type: 'message', text: 'x'.repeat(10_001), user: 'u' }), 'bad_request'],
    ['malformed JSON', '{"type":"message",', 'bad_json'],
  ])('%s → 400 JSON error and the router is not called', async (_name, raw, code) => {
    const res = await post(undefined, raw);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(received).toHaveLength(0);
  });

  test('a body that is not JSON at all → 400', async () => {
    const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    expect(received).toHaveLength(0);
  });

  test('a router failure is a 500 JSON error, and the channel keeps working', async () => {
    const res = await post({ type: 'message', text: 'explode', user: 'user-6' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    const again = await post({ type: 'message', text: 'ok', user: 'user-6' });
    expect(again.status).toBe(200);
  });

  test('hello over the webhook calls onConnect, and what it delivers joins the response', async () => {
    stored.set('user-7', ['You have a reply from Dr. Sen']);
    const res = await post({ type: 'hello', user: 'user-7', channel: 'webhook' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ type: 'message', text: 'You have a reply from Dr. Sen' }]);
    expect(connected).toEqual(['user-7']);
    expect(received).toHaveLength(0);
  });

  test('a turn with nothing to say still answers with an empty JSON array', async () => {
    const res = await post({ type: 'welcome_back', user: 'user-8' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  test('send() outside any turn to a webhook-only user is a retryable ChannelSendError', async () => {
    await expect(channel.send(outbound('user-1', 'later'))).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable: true,
      message: 'web chat user not connected',
    });
  });
});

/** A ws client that queues what it receives, so a test can await the next N frames. */
class TestClient {
  readonly ws: WebSocket;
  private readonly frames: unknown[] = [];
  private waiters: (() => void)[] = [];

  constructor(path = '/chat/ws') {
    this.ws = new WebSocket(base.replace('http', 'ws') + path);
    this.ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  sendFrame(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  async next(count: number): Promise<unknown[]> {
    const deadline = Date.now() + 5000;
    while (this.frames.length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} frames, got ${this.frames.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.frames.splice(0, count);
  }

  pending(): number {
    return this.frames.length;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

describe('websocket mode', () => {
  const clients: TestClient[] = [];
  function client(path?: string): TestClient {
    const c = new TestClient(path);
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  describe('a page that confirms what it shows (hello with acks)', () => {
    const settledState = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', () => 'rejected'), new Promise((r) => setTimeout(() => r('waiting'), 50))]);
    /** A page of `user` whose hello says it confirms what it shows, once the channel has it. */
    const confirmingPage = async (user: string): Promise<TestClient> => {
      const c = client();
      await c.opened();
      c.sendFrame({ type: 'hello', user, channel: 'websocket', acks: true });
      await until(() => channel.isConnected(user));
      return c;
    };

    test('a reply counts as delivered only once the page confirms it; unconfirmed, it fails as offline and waits for the next connection', async () => {
      const c = await confirmingPage('ws-ack-1');
      const first = channel.send(outbound('ws-ack-1', 'shown'));
      const [frame] = (await c.next(1)) as Array<{ id: string }>;
      // Written to the socket, not yet confirmed: a socket that died without a close takes writes too.
      expect(await settledState(first)).toBe('waiting');
      c.sendFrame({ type: 'ack', user: 'ws-ack-1', id: frame!.id, channel: 'websocket' });
      await expect(first).resolves.toBeUndefined();
      // Never confirmed (the page's network is gone): a retryable offline failure once the wait is over.
      const started = Date.now();
      await expect(channel.send(outbound('ws-ack-1', 'lost on the way'))).rejects.toMatchObject({ retryable: true, offline: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(ACK_TIMEOUT_MS - 50);
    });

    test('with two tabs, the first to confirm delivers: a frozen one does not hold the reply', async () => {
      const awake = client();
      const frozen = client();
      await Promise.all([awake.opened(), frozen.opened()]);
      awake.sendFrame({ type: 'hello', user: 'ws-ack-5', channel: 'websocket', acks: true });
      frozen.sendFrame({ type: 'hello', user: 'ws-ack-5', channel: 'websocket', acks: true });
      // Both hellos handled: both tabs are bound and wait for confirmations.
      await until(() => connected.filter((u) => u === 'ws-ack-5').length === 2);
      const started = Date.now();
      const sent = channel.send(outbound('ws-ack-5', 'to both tabs'));
      const [frame] = (await awake.next(1)) as Array<{ id: string }>;
      awake.sendFrame({ type: 'ack', user: 'ws-ack-5', id: frame!.id, channel: 'websocket' });
      await expect(sent).resolves.toBeUndefined();
      // Held by the frozen tab, it would have settled only when that tab's wait ran out.
      expect(Date.now() - started).toBeLessThan(ACK_TIMEOUT_MS);
      // The frozen tab was written to as well: it is the one that never confirmed.
      expect(await frozen.next(1)).toEqual([expect.objectContaining({ id: frame!.id, text: 'to both tabs' })]);
    });

    test('a reply waits no longer once the socket closes', async () => {
      const c = await confirmingPage('ws-ack-2');
      const sent = channel.send(outbound('ws-ack-2', 'in flight'));
      await c.next(1);
      await c.close();
      await expect(sent).rejects.toMatchObject({ retryable: true, offline: true });
    });

    test('a page that does not say acks (an older page) is delivered to as before, on the write', async () => {
      const c = client();
      await c.opened();
      c.sendFrame({ type: 'hello', user: 'ws-ack-3', channel: 'websocket' });
      await until(() => channel.isConnected('ws-ack-3'));
      await expect(channel.send(outbound('ws-ack-3', 'no confirmation needed'))).resolves.toBeUndefined();
    });

    test("the server confirms a patient's message once its turn is done, so the page need not send it again", async () => {
      const c = client();
      await c.opened();
      c.sendFrame({ type: 'hello', user: 'ws-ack-4', channel: 'websocket', acks: true });
      c.sendFrame({ type: 'message', text: 'jor', user: 'ws-ack-4', channel: 'websocket', id: 'm-ack-4' });
      // Each reply goes once the one before it is confirmed (the page confirms each as it shows it).
      for (let i = 0; i < 2; i++) {
        const [reply] = (await c.next(1)) as Array<{ id: string }>;
        c.sendFrame({ type: 'ack', user: 'ws-ack-4', id: reply!.id, channel: 'websocket' });
      }
      expect(await c.next(1)).toEqual([{ type: 'ack', id: 'm-ack-4' }]);
      // An ack is no message: the router never sees one.
      expect(received.map((m) => m.platformMessageId)).toEqual(['ws-ack-4\u0000m-ack-4']);
    });
  });

  test('hello triggers onConnect and is not passed to the router as a message', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-1', channel: 'websocket' });
    await until(() => connected.length === 1);
    expect(connected).toEqual(['ws-1']);
    expect(received).toHaveLength(0);
    expect(channel.isConnected('ws-1')).toBe(true);
  });

  test('welcome_back delivers what was stored while the user was away, over the socket', async () => {
    stored.set('ws-2', ['stored one', 'stored two']);
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'welcome_back', user: 'ws-2', channel: 'websocket' });
    expect(await c.next(2)).toEqual([
      { type: 'message', text: 'stored one', id: expect.any(String) },
      { type: 'message', text: 'stored two', id: expect.any(String) },
    ]);
    expect(connected).toEqual(['ws-2']);
  });

  test('a message gets its replies over the socket, in order, with quick replies', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-3', channel: 'websocket' });
    c.sendFrame({ type: 'message', text: 'bukhar hai', user: 'ws-3', channel: 'websocket', id: 'm-1' });
    expect(await c.next(2)).toEqual([
      { type: 'message', text: 'echo: bukhar hai', id: expect.any(String) },
      {
        type: 'message',
        text: 'Do you have a fever?',
        quick_replies: [
          { title: 'হ্যাঁ', payload: 'yes' },
          { title: 'না', payload: 'no' },
        ],
        id: expect.any(String),
      },
    ]);
    expect(received).toEqual([
      { channel: 'webchat', userId: 'ws-3', platformMessageId: 'ws-3\u0000m-1', content: { kind: 'text', text: 'bukhar hai' }, sentAt: 1_700_000_000_000 },
    ]);
  });

  test('a later send() outside any turn reaches the connected client, carrying the outbox id', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-4', channel: 'websocket' });
    await until(() => channel.isConnected('ws-4'));
    const message = outbound('ws-4', 'Dr. Sen: how is your breathing now?');
    await channel.send(message);
    expect(await c.next(1)).toEqual([{ type: 'message', text: 'Dr. Sen: how is your breathing now?', id: message.id }]);
  });

  test('never sends a message over the socket ahead of the reply it was to follow in a webhook response', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-mixed' });
    await until(() => channel.isConnected('ws-mixed'));
    // The same person also posts to the webhook: both replies of that turn travel in its response.
    const res = await post({ type: 'message', text: 'jor', user: 'ws-mixed', channel: 'webhook' });
    expect(((await res.json()) as { text: string }[]).map((m) => m.text)).toEqual(['echo: jor', 'Do you have a fever?']);
    // A message that was to follow the question in that response, which is now written: refused, for later.
    const late = channel.send(outbound('ws-mixed', 'late'), { after: handovers.get('ws-mixed')! });
    await expect(late).rejects.toBeInstanceOf(ChannelSendError);
    await expect(late).rejects.toMatchObject({ retryable: true, offline: false });
    // Nothing went over the socket: the next frame there is the next message sent without that condition.
    await channel.send(outbound('ws-mixed', 'next'));
    expect(await c.next(1)).toEqual([{ type: 'message', text: 'next', id: expect.any(String) }]);
  });

  test('sends are delivered in the order send() was called', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-5' });
    await until(() => channel.isConnected('ws-5'));
    const texts = Array.from({ length: 20 }, (_, i) => `part ${i}`);
    await Promise.all(texts.map((t) => channel.send(outbound('ws-5', t))));
    const frames = (await c.next(20)) as { text: string }[];
    expect(frames.map((f) => f.text)).toEqual(texts);
  });

  test('every open tab of the same user gets the message', async () => {
    const a = client();
    const b = client();
    await Promise.all([a.opened(), b.opened()]);
    a.sendFrame({ type: 'hello', user: 'ws-6' });
    b.sendFrame({ type: 'welcome_back', user: 'ws-6' });
    await until(() => connected.length === 2);
    await channel.send(outbound('ws-6', 'to both'));
    expect(await a.next(1)).toEqual([expect.objectContaining({ text: 'to both' })]);
    expect(await b.next(1)).toEqual([expect.objectContaining({ text: 'to both' })]);
    // One tab closing leaves the other connected.
    await a.close();
    await channel.send(outbound('ws-6', 'still here'));
    expect(await b.next(1)).toEqual([expect.objectContaining({ text: 'still here' })]);
  });

  test('send() to a user who is not connected throws a retryable ChannelSendError', async () => {
    const error = await channel.send(outbound('nobody', 'hello?')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect((error as ChannelSendError).retryable).toBe(true);
  });

  test('after the socket closes, send() throws a retryable ChannelSendError', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-7' });
    await until(() => channel.isConnected('ws-7'));
    await c.close();
    await until(() => !channel.isConnected('ws-7'));
    await expect(channel.send(outbound('ws-7', 'gone'))).rejects.toMatchObject({ retryable: true });
  });

  test('malformed frames are answered with an error frame, never reach the router, and the socket stays usable', async () => {
    const c = client();
    await c.opened();
    for (const bad of ['not json', 'null', '[]', JSON.stringify({ type: 'message', user: 'ws-8', text: 7 }), JSON.stringify({ type: 'message', text: 'no user' }), JSON.stringify({ type: 'typing', user: 'ws-8' })]) {
      c.sendFrame(bad);
    }
    expect(await c.next(6)).toEqual(Array.from({ length: 6 }, () => ({ type: 'error', code: 'bad_request' })));
    expect(received).toHaveLength(0);
    expect(connected).toHaveLength(0);
    c.sendFrame({ type: 'message', user: 'ws-8', text: 'fine now' });
    expect(await c.next(2)).toHaveLength(2);
  });

  test('a router failure on a socket turn is contained', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'message', user: 'ws-9', text: 'explode' });
    c.sendFrame({ type: 'message', user: 'ws-9', text: 'after' });
    expect(await c.next(2)).toEqual([expect.objectContaining({ text: 'echo: after' }), expect.objectContaining({ text: 'Do you have a fever?' })]);
  });

  test('a webhook turn in progress takes the user\'s messages even when a socket is open', async () => {
    const c = client();
    await c.opened();
    c.sendFrame({ type: 'hello', user: 'ws-10' });
    await until(() => channel.isConnected('ws-10'));
    const res = await post({ type: 'message', user: 'ws-10', text: 'via webhook' });
    expect(await res.json()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.pending()).toBe(0);
  });

  test('a client that stops answering pings is dropped by the heartbeat', async () => {
    // autoPong off: this client looks like a phone that lost its network without closing the socket.
    const silent = new WebSocket(base.replace('http', 'ws') + '/chat/ws', { autoPong: false });
    const closed = new Promise((resolve) => silent.once('close', resolve));
    await new Promise((resolve) => silent.once('open', resolve));
    silent.send(JSON.stringify({ type: 'hello', user: 'ws-11' }));
    await until(() => channel.isConnected('ws-11'));
    await closed;
    expect(channel.isConnected('ws-11')).toBe(false);
    await expect(channel.send(outbound('ws-11', 'lost'))).rejects.toMatchObject({ retryable: true });
  });

  test('upgrades on other paths are refused', async () => {
    const c = client('/somewhere-else');
    await expect(c.opened()).rejects.toThrow(/404/);
  });
});

describe('lifecycle', () => {
  test('a stopped channel refuses webhooks with 503 and closes its sockets; start() brings it back', async () => {
    const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
    const otherServer = createServer(http.app);
    const other = createWebchatChannel({ app: http.app, server: otherServer, log: silentLogger });
    http.finish();
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(otherServer.address() as AddressInfo).port}`;
    const handler = async (m: InboundMessage): Promise<void> => {
      await other.send({ id: 'x', conversationId: 'c', channel: 'webchat', userId: m.userId, text: 'hi' });
    };
    try {
      const body = JSON.stringify({ type: 'message', user: 'u', text: 'x' });
      const headers = { 'content-type': 'application/json' };
      const before = await fetch(`${url}/api/webchat`, { method: 'POST', headers, body });
      expect(before.status).toBe(503);
      expect((await before.json()).error.code).toBe('unavailable');

      await other.start(handler);
      const ws = new WebSocket(url.replace('http', 'ws') + '/chat/ws');
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise((resolve) => ws.once('close', resolve));
      expect((await fetch(`${url}/api/webchat`, { method: 'POST', headers, body })).status).toBe(200);

      await other.stop();
      await closed;
      expect((await fetch(`${url}/api/webchat`, { method: 'POST', headers, body })).status).toBe(503);
    } finally {
      await other.stop();
      otherServer.closeAllConnections();
      await new Promise<void>((resolve) => otherServer.close(() => resolve()));
    }
  });
});

describe('logs', () => {
  it("a failed socket turn is logged with its stack, never with the error's raw message (it may quote a user id or a number)", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'trace', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
    const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
    const own = createServer(http.app);
    const logged = createWebchatChannel({ app: http.app, server: own, log, heartbeatMs: HEARTBEAT_MS });
    http.finish();
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    await logged.start(async () => {
      throw new Error('E11000 duplicate key: { user_id: "919800000001@c.us" }');
    });
    const ws = new WebSocket(`ws://127.0.0.1:${(own.address() as AddressInfo).port}/chat/ws`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'message', text: 'hello', user: 'log-1', channel: 'websocket', id: 'm-log-1' }));
    await until(() => lines.some((l) => l.includes('web chat socket turn failed')));
    ws.close();
    await logged.stop();
    own.closeAllConnections();
    await new Promise<void>((resolve) => own.close(() => resolve()));
    const all = lines.join('');
    expect(all).toContain('duplicate key');
    expect(all).toMatch(/\\n\s+at /);
    expect(all).not.toContain('919800000001');
  });
});
