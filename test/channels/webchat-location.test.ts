/**
 * A location shared from the web chat (the page's 📍 button): the `location` frame, checked
 * by zod, and read as the same InboundContent as a WhatsApp or Telegram pin, so that the bed
 * search lists the hospitals nearest to it. Over the webhook and the websocket, on the service
 * as `sahay start` builds it (the real router and the shipped flows), with the Kolkata and
 * Howrah hospitals of the shipped bed data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { webFrameSchema } from '../../src/channels/webchat';
import { loadConfig } from '../../src/config';
import { newSession } from '../../src/engine/session';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { projectRoot } from '../../src/paths';
import { until } from '../support/until';

/** Kolkata: the Medical College, in the shipped data, is 0.2 km away. */
const KOLKATA = { lat: 22.5726, lng: 88.3639 };

describe('the location frame', () => {
  it.each([
    ['Kolkata', { lat: 22.5726, lng: 88.3639 }],
    ['the edges of the range', { lat: -90, lng: 180 }],
    ['whole degrees', { lat: 23, lng: 90 }],
  ])('takes %s', (_, point) => {
    const frame = { type: 'location', user: 'u-1', id: 'm-1', channel: 'websocket', ...point };
    expect(webFrameSchema.parse(frame)).toEqual(frame);
  });

  it.each([
    ['a latitude past 90', { lat: 90.5, lng: 88 }, 'lat', 'must be a number from -90 to 90'],
    ['a latitude below -90', { lat: -91, lng: 88 }, 'lat', 'must be a number from -90 to 90'],
    ['a longitude past 180', { lat: 22, lng: 180.01 }, 'lng', 'must be a number from -180 to 180'],
    ['a longitude below -180', { lat: 22, lng: -181 }, 'lng', 'must be a number from -180 to 180'],
    ['a latitude as a string', { lat: '22.57', lng: 88 }, 'lat', 'must be a number from -90 to 90'],
    ['NaN', { lat: Number.NaN, lng: 88 }, 'lat', 'must be a number from -90 to 90'],
    ['Infinity', { lat: 22, lng: Number.POSITIVE_INFINITY }, 'lng', 'must be a number from -180 to 180'],
    ['no longitude', { lat: 22 }, 'lng', 'must be a number from -180 to 180'],
    ['a null latitude', { lat: null, lng: 88 }, 'lat', 'must be a number from -90 to 90'],
  ])('refuses %s, naming the field', (_, point, path, message) => {
    const result = webFrameSchema.safeParse({ type: 'location', user: 'u-1', ...point });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([{ path, message }]);
  });

  it('refuses a location without a user, as every frame', () => {
    const result = webFrameSchema.safeParse({ type: 'location', ...KOLKATA });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['user']);
  });
});

let service: RunningService;
let dir: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-webchat-location-'));
  service = await startService(loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  base = `http://127.0.0.1:${service.port}`;
  const report = await service.core.beds.importFile(join(projectRoot, 'test/fixtures/beds/west-bengal-kolkata.csv'), {
    mapping: join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml'),
  });
  expect(report.errors).toEqual([]);
}, 60_000);
afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Reply = { type: string; text: string; quick_replies?: Array<{ title: string; payload: string }> };

async function post(frame: Record<string, unknown>): Promise<Response> {
  return fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'webhook', ...frame }) });
}

/** What the patient types or (with a payload) taps, over the webhook: the bot's replies. */
async function say(user: string, text: string, payload?: string): Promise<Reply[]> {
  const res = await post({ type: 'message', user, text, ...(payload !== undefined ? { payload } : {}) });
  expect(res.status).toBe(200);
  return (await res.json()) as Reply[];
}

const t = (key: string, params?: Record<string, string | number>) => service.core.translator.t(key, 'en', params);

/** A new English-speaking patient, at "Share your location" of the bed search. */
async function atLocationQuestion(user: string): Promise<void> {
  await say(user, 'hello');
  await say(user, 'English', 'en');
  const menu = await say(user, 'Yes', 'yes');
  expect(menu.at(-1)?.quick_replies?.map((q) => q.payload)).toContain('beds');
  const how = await say(user, 'Find a free bed', 'beds');
  expect(how.at(-1)?.quick_replies?.map((q) => q.payload)).toEqual(['district', 'pincode', 'location']);
  const asked = await say(user, 'Share my location', 'location');
  expect(asked[0]?.text).toBe(t('beds.ask.location'));
}

/** The nearest hospitals, as the bed search lists them for a location: by distance, the nearest first. */
function expectNearestHospitals(replies: Reply[]): void {
  const answer = replies.map((r) => r.text).join('\n');
  expect(answer).toContain('🏥 Free beds near you (within 25 km):');
  expect(answer).toMatch(/1\. Kolkata Medical College\n.*\n\s*📍 0\.2 km away/);
}

describe('over the webhook', () => {
  it('a shared location is the place of the bed search: the kind of bed is asked, then the nearest hospitals are listed', async () => {
    const user = 'u-location-webhook';
    await atLocationQuestion(user);
    const res = await post({ type: 'location', user, id: 'm-loc-1', ...KOLKATA });
    expect(res.status).toBe(200);
    const replies = (await res.json()) as Reply[];
    expect(replies[0]?.text).toBe(t('beds.ask.kind'));
    const conversation = await service.core.store.conversations.findOrCreate('webchat', user, () => ({ id: 'unused', session: newSession(), now: 0 }));
    expect(conversation.session.vars).toMatchObject({ beds: { target: { by: 'location', lat: KOLKATA.lat, lng: KOLKATA.lng } } });
    expectNearestHospitals(await say(user, 'Any free bed', 'any'));
  });

  it('a location sent again with the same id (a retry) is processed once', async () => {
    const user = 'u-location-retry';
    await atLocationQuestion(user);
    const conversation = () => service.core.store.conversations.findOrCreate('webchat', user, () => ({ id: 'unused', session: newSession(), now: 0 }));
    const versionOf = async () => (await conversation()).version;
    const first = (await (await post({ type: 'location', user, id: 'm-loc-7', ...KOLKATA })).json()) as Reply[];
    expect(first[0]?.text).toBe(t('beds.ask.kind'));
    const before = await versionOf();
    const again = await post({ type: 'location', user, id: 'm-loc-7', ...KOLKATA });
    expect(again.status).toBe(200);
    // No second turn: the kind question is not answered with a "choose one of the options".
    expect(((await again.json()) as Reply[]).map((r) => r.text)).not.toContain(t('common.invalid.choice'));
    expect(await versionOf()).toBe(before);
    // Stored once, as the location a WhatsApp or Telegram pin is.
    const stored = await service.core.store.messages.list((await conversation()).id);
    expect(stored.filter((m) => m.direction === 'in' && m.content.kind === 'location').map((m) => m.content)).toEqual([{ kind: 'location', ...KOLKATA }]);
  });

  it('a location out of range is refused with 400 naming the field', async () => {
    const user = 'u-location-bad';
    const res = await post({ type: 'location', user, lat: 95, lng: 88.36 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toBe('Invalid request: lat: must be a number from -90 to 90');
  });
});

describe('over the websocket', () => {
  it('the page\'s location frame is answered and confirmed like a message, and the bed search lists the nearest hospitals', async () => {
    const user = 'u-location-socket';
    await atLocationQuestion(user);
    const ws = new WebSocket(`${base.replace('http', 'ws')}/chat/ws`);
    const frames: Array<{ type: string; text?: string; id?: string; code?: string }> = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      ws.send(JSON.stringify({ type: 'welcome_back', user, channel: 'websocket' }));
      ws.send(JSON.stringify({ type: 'location', user, id: 'm-loc-ws', channel: 'websocket', ...KOLKATA }));
      await until(() => frames.some((f) => f.type === 'ack' && f.id === 'm-loc-ws'));
      expect(frames.filter((f) => f.type === 'message').map((f) => f.text)).toContain(t('beds.ask.kind'));
      // Out of range: an error frame, as any malformed frame gets, and no turn.
      ws.send(JSON.stringify({ type: 'location', user, id: 'm-loc-bad', channel: 'websocket', lat: 22, lng: 200 }));
      await until(() => frames.some((f) => f.type === 'error'));
      expect(frames.find((f) => f.type === 'error')?.code).toBe('bad_request');
      expect(frames.some((f) => f.type === 'ack' && f.id === 'm-loc-bad')).toBe(false);
      const before = frames.length;
      ws.send(JSON.stringify({ type: 'message', user, text: 'Any free bed', payload: 'any', id: 'm-any', channel: 'websocket' }));
      await until(() => frames.some((f) => f.type === 'ack' && f.id === 'm-any'));
      expectNearestHospitals(frames.slice(before).filter((f) => f.type === 'message') as Reply[]);
    } finally {
      ws.close();
    }
  });
});
