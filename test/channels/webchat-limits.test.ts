/**
 * The web chat's limits per client address (src/channels/webchat/limits.ts): a client picks its
 * own user ids, so the per-conversation flood guard cannot stop one client from writing to
 * thousands of new conversations, or opening hundreds of sockets. The address is req.ip as
 * TRUST_PROXY makes it (as for the console), not a raw X-Forwarded-For.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createWebchatChannel, DEFAULT_WEBCHAT_LIMITS, type WebchatChannel, type WebchatLimits } from '../../src/channels/webchat';
import { addressKey } from '../../src/http/address-key';
import { loadConfig } from '../../src/config';
import { createHttpApp } from '../../src/http/app';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { InboundMessage } from '../../src/router/message';
import { until } from '../support/until';

interface Running {
  base: string;
  received: InboundMessage[];
  logLines: string[];
  close(): Promise<void>;
}

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The channel on a real server, with a stand-in router that answers every message. */
async function start(limits?: Partial<WebchatLimits>, trustProxy: string | boolean = false): Promise<Running> {
  const logLines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  const http = createHttpApp({ metrics: createMetrics(), log, readiness: async () => ({}) });
  const server: Server = createServer(http.app);
  let seq = 0;
  const channel: WebchatChannel = createWebchatChannel({ app: http.app, server, log, heartbeatMs: 60_000, ...(limits ? { limits } : {}) });
  http.app.set('trust proxy', trustProxy);
  http.finish();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const received: InboundMessage[] = [];
  await channel.start(async (message) => {
    received.push(message);
    seq += 1;
    await channel.send({ id: `out-${seq}`, conversationId: `conv-${message.userId}`, channel: 'webchat', userId: message.userId, text: 'ok' });
  });
  running = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    logLines,
    async close() {
      await channel.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return running;
}

function post(r: Running, frame: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${r.base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(frame) });
}

/** A socket, its frames and how it closed. */
interface Sock {
  ws: WebSocket;
  frames: any[];
  closed: Promise<{ code: number; reason: string }>;
}

async function connect(r: Running, headers: Record<string, string> = {}): Promise<Sock> {
  const ws = new WebSocket(`${r.base.replace('http', 'ws')}/chat/ws`, { headers });
  const frames: any[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}

const PATIENT_TEXT = 'আমার জ্বর, ফোন 9830012345';

describe('POST /api/webchat per address', () => {
  it('answers 429 with Retry-After past the messages a minute from one address', async () => {
    const r = await start({ messagesPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await post(r, { type: 'message', text: 'hi', user: 'u-1' })).status).toBe(200);
    const refused = await post(r, { type: 'message', text: 'hi', user: 'u-1' });
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await refused.json()).error).toEqual({ code: 'too_many_requests', message: expect.stringMatching(/^Too many messages from this address: try again in \d+ seconds?\.$/) });
    // Another user id from the same address changes nothing; a hello counts too.
    expect((await post(r, { type: 'message', text: 'hi', user: 'u-2' })).status).toBe(429);
    expect((await post(r, { type: 'hello', user: 'u-3' })).status).toBe(429);
    expect(r.received).toHaveLength(5);
  });

  it('counts by the address TRUST_PROXY makes it: a forwarded address only from a trusted proxy', async () => {
    const r = await start({ messagesPerMinute: 2 }, 'loopback');
    for (const ip of ['203.0.113.1', '203.0.113.1']) expect((await post(r, { type: 'message', text: 'hi', user: 'u-1' }, { 'x-forwarded-for': ip })).status).toBe(200);
    expect((await post(r, { type: 'message', text: 'hi', user: 'u-1' }, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    // A patient behind another address is not held up.
    expect((await post(r, { type: 'message', text: 'hi', user: 'u-2' }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    await r.close();

    // Without TRUST_PROXY, X-Forwarded-For is the client's own say: it does not get round the limit.
    const direct = await start({ messagesPerMinute: 2 });
    for (let i = 0; i < 2; i++) expect((await post(direct, { type: 'message', text: 'hi', user: 'u-1' }, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(200);
    expect((await post(direct, { type: 'message', text: 'hi', user: 'u-1' }, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
  });

  it('limits the new conversations a minute from one address; known patients go on', async () => {
    const r = await start({ newConversationsPerMinute: 3 });
    for (const user of ['u-1', 'u-2', 'u-3']) expect((await post(r, { type: 'message', text: 'hi', user })).status).toBe(200);
    const refused = await post(r, { type: 'message', text: 'hi', user: 'u-4' });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toMatch(/^Too many new conversations from this address/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const user of ['u-1', 'u-2', 'u-3']) expect((await post(r, { type: 'message', text: 'again', user })).status).toBe(200);
    // A hello starts no conversation.
    expect((await post(r, { type: 'hello', user: 'u-5' })).status).toBe(200);
    expect(r.received.map((m) => m.userId)).toEqual(['u-1', 'u-2', 'u-3', 'u-1', 'u-2', 'u-3']);
  });

  it('with the default limits, stops one client writing from thousands of new user ids', async () => {
    const r = await start();
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => post(r, { type: 'message', text: 'x'.repeat(9000), user: `flood-${i}` }).then((res) => res.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(DEFAULT_WEBCHAT_LIMITS.newConversationsPerMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - DEFAULT_WEBCHAT_LIMITS.newConversationsPerMinute);
    expect(new Set(r.received.map((m) => m.userId)).size).toBe(DEFAULT_WEBCHAT_LIMITS.newConversationsPerMinute);
  });

  it('0 turns a limit off', async () => {
    const r = await start({ messagesPerMinute: 0, newConversationsPerMinute: 0 });
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(r, { type: 'message', text: 'hi', user: `u-${i}` }).then((res) => res.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});

describe('/chat/ws per address', () => {
  it('closes a socket past the sockets open at once from one address, with code 1013 and the reason', async () => {
    const r = await start({ sockets: 3 });
    const open = [await connect(r), await connect(r), await connect(r)];
    const fourth = await connect(r);
    expect(await fourth.closed).toEqual({ code: 1013, reason: expect.stringMatching(/^Too many connections from this address/) });
    // The three others still work.
    open[0]!.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-1', id: 'm-1' }));
    await until(() => open[0]!.frames.some((f) => f.type === 'ack' && f.id === 'm-1'));
    // One closes: there is room for another.
    open[1]!.ws.close();
    await open[1]!.closed;
    await until(async () => {
      const again = await connect(r);
      const settled = await Promise.race([again.closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 100))]);
      again.ws.close();
      return settled === 'open';
    });
    for (const s of open) s.ws.close();
  });

  it('counts sockets by the forwarded address only behind a trusted proxy', async () => {
    const r = await start({ sockets: 1 }, 'loopback');
    const a = await connect(r, { 'x-forwarded-for': '203.0.113.1' });
    const b = await connect(r, { 'x-forwarded-for': '198.51.100.7' });
    const c = await connect(r, { 'x-forwarded-for': '203.0.113.1' });
    expect((await c.closed).code).toBe(1013);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    a.ws.close();
    b.ws.close();
    await r.close();

    const direct = await start({ sockets: 1 });
    const d = await connect(direct, { 'x-forwarded-for': '203.0.113.1' });
    const e = await connect(direct, { 'x-forwarded-for': '198.51.100.7' });
    expect((await e.closed).code).toBe(1013);
    d.ws.close();
  });

  it('answers an error frame past the messages a minute; the message is neither taken nor acknowledged', async () => {
    const r = await start({ messagesPerMinute: 2 });
    const s = await connect(r);
    for (const id of ['m-1', 'm-2', 'm-3']) s.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-1', id }));
    await until(() => s.frames.some((f) => f.type === 'error'));
    await until(() => s.frames.filter((f) => f.type === 'ack').length === 2);
    expect(s.frames.find((f) => f.type === 'error')).toEqual({ type: 'error', code: 'too_many_requests', id: 'm-3', retryAfter: expect.any(Number), message: expect.stringMatching(/^Too many messages from this address/) });
    expect(s.frames.filter((f) => f.type === 'ack').map((f) => f.id)).toEqual(['m-1', 'm-2']);
    expect(r.received.map((m) => m.platformMessageId)).toEqual(['u-1\u0000m-1', 'u-1\u0000m-2']);
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.ws.close();
  });

  it('counts new conversations over the socket and the webhook together', async () => {
    const r = await start({ newConversationsPerMinute: 2 });
    expect((await post(r, { type: 'message', text: 'hi', user: 'u-1' })).status).toBe(200);
    const s = await connect(r);
    s.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-2', id: 'm-1' }));
    s.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-3', id: 'm-2' }));
    s.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-1', id: 'm-3' }));
    await until(() => s.frames.filter((f) => f.type === 'ack' || f.type === 'error').length === 3);
    expect(s.frames.find((f) => f.type === 'error')).toMatchObject({ id: 'm-2', message: expect.stringMatching(/^Too many new conversations/) });
    expect(r.received.map((m) => m.userId)).toEqual(['u-1', 'u-2', 'u-1']);
    s.ws.close();
  });

  it('closes a socket past the frames a minute from one address (confirmations and bad frames count)', async () => {
    const r = await start({ framesPerMinute: 5 });
    const s = await connect(r);
    for (let i = 0; i < 4; i++) s.ws.send(JSON.stringify({ type: 'ack', user: 'u-1', id: `x-${i}` }));
    s.ws.send('not json');
    s.ws.send(JSON.stringify({ type: 'message', text: 'hi', user: 'u-1', id: 'm-1' }));
    expect(await s.closed).toEqual({ code: 1013, reason: expect.stringMatching(/^Too many frames from this address/) });
    expect(r.received).toHaveLength(0);
  });

  it('hands one socket\'s messages to the router in the order they were sent', async () => {
    const r = await start();
    const s = await connect(r);
    s.ws.send(JSON.stringify({ type: 'hello', user: 'u-1', acks: true }));
    for (let i = 0; i < 20; i++) s.ws.send(JSON.stringify({ type: 'message', text: `n${i}`, user: i % 2 ? 'u-1' : 'u-2', id: `m-${i}` }));
    await until(() => r.received.length === 20);
    expect(r.received.map((m) => (m.content.kind === 'text' ? m.content.text : ''))).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    s.ws.close();
  });
});

it('logs which limit refused, at most once a minute each, never the address, user id or text', async () => {
  const r = await start({ messagesPerMinute: 1, sockets: 1 });
  for (let i = 0; i < 5; i++) await post(r, { type: 'message', text: PATIENT_TEXT, user: 'u-9830012345' });
  const a = await connect(r);
  const b = await connect(r);
  await b.closed;
  a.ws.close();
  const lines = r.logLines.filter((l) => l.includes('per-address limit'));
  expect(lines.map((l) => JSON.parse(l))).toEqual([
    expect.objectContaining({ level: 40, limit: 'messages', refused: 1 }),
    expect.objectContaining({ level: 40, limit: 'sockets', refused: 1 }),
  ]);
  const all = r.logLines.join('\n');
  for (const secret of ['9830012345', 'জ্বর', '127.0.0.1']) expect(all).not.toContain(secret);
});

describe('settings', () => {
  it('reads WEBCHAT_IP_* with the defaults when unset, 0 allowed', () => {
    expect(loadConfig({}).webchat).toEqual(DEFAULT_WEBCHAT_LIMITS);
    expect(DEFAULT_WEBCHAT_LIMITS).toEqual({ messagesPerMinute: 600, framesPerMinute: 3000, sockets: 200, newConversationsPerMinute: 30 });
    expect(
      loadConfig({ WEBCHAT_IP_MESSAGES_PER_MINUTE: '0', WEBCHAT_IP_FRAMES_PER_MINUTE: '100', WEBCHAT_IP_SOCKETS: '5', WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE: '7' }).webchat,
    ).toEqual({ messagesPerMinute: 0, framesPerMinute: 100, sockets: 5, newConversationsPerMinute: 7 });
    expect(() => loadConfig({ WEBCHAT_IP_SOCKETS: '-1' })).toThrow(/WEBCHAT_IP_SOCKETS/);
  });

  it('counts an IPv6 address by its /64, an IPv4-mapped one as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
