/**
 * The web chat webhook API over real HTTP, on the service as `sahay start` builds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { newSession } from '../../src/engine/session';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { until } from '../support/until';

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

/** What the patient types, or (`tapped`) a quick reply: its title as text, and its payload. */
async function say(user: string, text: string, tapped?: { payload: string }): Promise<Reply[]> {
  const res = await fetch(`${base}/api/webchat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text, user, channel: 'webhook', ...tapped }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Reply[];
}

/** The user's pending outbox items once the marks are stored (the server's 'finish' may come just after the client read the response). */
async function settled(user: string) {
  const due = () => service.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'webchat', userId: user });
  // A deadline, not a count of short sleeps: a loaded machine may take longer than a second. On
  // time out, what is still due is returned for the caller to assert on.
  await until(async () => (await due()).length === 0).catch(() => undefined);
  return due();
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

  it('counts a retried message id once per user, never across users', async () => {
    const post = async (user: string, id: string) => {
      const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'Hello', user, id, channel: 'webhook' }) });
      return (await res.json()) as Reply[];
    };
    // A client that numbers its messages: two patients both send their first as "m-1".
    expect((await post('numbering-a', 'm-1')).length).toBeGreaterThan(0);
    const b = await post('numbering-b', 'm-1');
    expect(b[0]?.text).toBe(t('welcome.hello', 'en'));
    // The same patient's retry of "m-1" runs no second turn.
    const versionOf = async (user: string) => (await service.core.store.conversations.findOrCreate('webchat', user, () => ({ id: `unused-${user}`, session: newSession(), now: 0 }))).version;
    const before = await versionOf('numbering-b');
    await post('numbering-b', 'm-1');
    expect(await versionOf('numbering-b')).toBe(before);
  });

  it('picks a tapped quick reply by its payload', async () => {
    const user = 'payloads';
    const first = await say(user, 'Hello');
    const hindi = first.at(-1)!.quick_replies!.find((q) => q.payload === 'hi')!;
    const consent = await say(user, hindi.title, hindi);
    expect(consent.at(-1)!.quick_replies!.map((q) => q.payload)).toEqual(['yes', 'no']);
    expect(consent.at(-1)!.text).toBe(t('welcome.ask.consent', 'hi'));
    const menu = await say(user, 'हाँ');
    expect(menu.at(-1)!.text).toBe(t('menu.ask', 'hi'));
    const helplines = await say(user, 'x', menu.at(-1)!.quick_replies!.find((q) => q.payload === 'helplines')!);
    expect(helplines.at(-1)!.text).toBe(t('helplines.ask.region', 'hi'));
    const wb = await say(user, 'पश्चिम बंगाल', { payload: 'in_wb' });
    expect(wb[0]!.text).toContain('108');
  });

  it('reads "hi" typed at the language question as a greeting, not as Hindi (the button\'s payload)', async () => {
    const user = 'typed-hi';
    await say(user, 'Hello');
    const again = await say(user, 'hi');
    expect(again.at(-1)!.text).not.toBe(t('welcome.ask.consent', 'hi'));
    expect(again.at(-1)!.quick_replies!.map((q) => q.payload)).toEqual(['bn', 'hi', 'en']);
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

  it('keeps a turn\'s replies pending until its response is written; an aborted response\'s replies come with the next request', async () => {
    const expected = (await say('abort-control', 'Hello')).map((r) => r.text);
    const user = 'abort-1';
    const pending = async () => (await service.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'webchat', userId: user })).length;
    let response: import('node:http').ServerResponse | undefined;
    const capture = (_req: unknown, res: import('node:http').ServerResponse) => (response = res);
    service.server.prependListener('request', capture);
    const handle = service.core.router.handle.bind(service.core.router);
    let pendingWhenTurnEnded = -1;
    const spy = jest.spyOn(service.core.router, 'handle').mockImplementation(async (message) => {
      const outcome = await handle(message);
      // The turn is over and its replies are in the response, which is not written yet: not sent.
      pendingWhenTurnEnded = await pending();
      // The connection goes before the response is written (a crash here would leave them pending too).
      response!.destroy();
      return outcome;
    });
    try {
      await expect(say(user, 'Hello')).rejects.toThrow();
    } finally {
      spy.mockRestore();
      service.server.off('request', capture);
    }
    expect(pendingWhenTurnEnded).toBe(expected.length);
    expect(await pending()).toBe(expected.length);
    // The patient's next request gets them first, in order, then the answer to it.
    const next = await say(user, 'Hello');
    expect(next.map((r) => r.text).slice(0, expected.length)).toEqual(expected);
    expect(next.length).toBeGreaterThan(expected.length);
    expect(await settled(user)).toEqual([]);
  });

  it('marks a turn\'s replies sent once its response is written', async () => {
    const user = 'written-1';
    const replies = await say(user, 'Hello');
    expect(replies.length).toBeGreaterThan(0);
    expect(await settled(user)).toEqual([]);
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

describe('the per-address limits of .env (WEBCHAT_IP_*)', () => {
  it('are the ones the service applies', async () => {
    const limitedDir = mkdtempSync(join(tmpdir(), 'sahay-api-limits-'));
    const limited = await startService(loadConfig({ DATA_DIR: limitedDir, PORT: '0', HOST: '127.0.0.1', WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE: '2' }), silentLogger);
    try {
      const post = (user: string) =>
        fetch(`http://127.0.0.1:${limited.port}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hello', user, channel: 'webhook' }) });
      expect((await post('limit-a')).status).toBe(200);
      expect((await post('limit-b')).status).toBe(200);
      // The default (30) would let a third new patient through.
      expect((await post('limit-c')).status).toBe(429);
    } finally {
      await limited.stop();
      rmSync(limitedDir, { recursive: true, force: true });
    }
  });
});
