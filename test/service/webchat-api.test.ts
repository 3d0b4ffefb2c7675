/**
 * The web chat webhook API over real HTTP, on the service as `sahay start` builds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';

let service: RunningService;
let dir: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-api-'));
  service = await startService(loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  base = `http://127.0.0.1:${service.port}`;
});
afterAll(async () => {
  await service.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { type: string; text: string; quick_replies?: Array<{ title: string; payload: string }> };

async function say(user: string, text: string): Promise<Reply[]> {
  const res = await fetch(`${base}/api/webchat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text, user, channel: 'webhook' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Reply[];
}

const t = (key: string, lng: 'bn' | 'hi' | 'en') => service.core.translator.t(key, lng);

describe('POST /api/webchat', () => {
  it.each([
    ['আমার জ্বর', 'bn'],
    ['मुझे बुखार है', 'hi'],
    ['I have fever', 'en'],
  ] as const)('answers "%s" in %s', async (text, lng) => {
    const replies = await say(`lang-${lng}`, text);
    expect(replies[0]!.text).toBe(t('welcome.hello', lng));
    expect(replies.every((r) => r.type === 'message')).toBe(true);
  });

  it('picks choices by their payload, sent back as text', async () => {
    const user = 'payloads';
    const first = await say(user, 'Hello');
    const english = first.at(-1)!.quick_replies!.find((q) => q.title === 'English')!;
    const consent = await say(user, english.payload);
    expect(consent.at(-1)!.quick_replies!.map((q) => q.payload)).toEqual(['yes', 'no']);
    const menu = await say(user, 'yes');
    expect(menu.at(-1)!.text).toBe(t('menu.ask', 'en'));
    const helplines = await say(user, menu.at(-1)!.quick_replies!.find((q) => q.payload === 'helplines')!.payload);
    expect(helplines.at(-1)!.text).toBe(t('helplines.ask.region', 'en'));
    const wb = await say(user, 'in_wb');
    expect(wb[0]!.text).toContain('West Bengal');
    expect(wb[0]!.text).toContain('108');
  });

  it.each([
    ['not JSON', '{"type":"message",', 400],
    ['no user', JSON.stringify({ type: 'message', text: 'hi', channel: 'webhook' }), 400],
    ['text not a string', JSON.stringify({ type: 'message', text: 42, user: 'u', channel: 'webhook' }), 400],
    ['unknown type', JSON.stringify({ type: 'poke', user: 'u', channel: 'webhook' }), 400],
    ['an array', JSON.stringify([1, 2]), 400],
  ])('rejects a malformed body (%s) with a JSON error', async (_what, body, status) => {
    const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(typeof json.error.code).toBe('string');
    expect(typeof json.error.message).toBe('string');
  });

  it.each([
    ['5,000 characters of mixed scripts', 'জ্বর fever बुखार 😷 '.repeat(300).slice(0, 5000)],
    ['empty text', ''],
    ['emoji only', '🤒😷🙏'],
    ['zero-width characters only', '\u200d\u200c'],
  ])('answers a first message of %s with the greeting', async (_what, text) => {
    const replies = await say(`odd-${_what}`, text);
    expect(replies.length).toBeGreaterThan(0);
    expect((['bn', 'hi', 'en'] as const).map((l) => t('welcome.hello', l))).toContain(replies[0]!.text);
  });

  it('serves the chat page, health, readiness and metrics', async () => {
    expect((await fetch(`${base}/chat/`)).status).toBe(200);
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/sahay_messages_in_total\{channel="webchat"\} \d+/);
    expect(metrics).toMatch(/sahay_turn_seconds_bucket/);
  });
});
