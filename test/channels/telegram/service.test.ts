/**
 * The Telegram channel as `sahay start` wires it (src/main.ts): the webhook route on
 * the service's own app, the readiness check, the unreachable hook into the store,
 * and start-up refused when Telegram refuses the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { silentLogger } from '../../../src/log';
import { startService } from '../../../src/main';
import { BLOCKED, BOT_TOKEN, BotApiStandIn } from './bot-api-stand-in';
import { messageFrom, pressOn } from './fixtures';
import { until } from '../../support/until';
import { existingConversation } from '../../support/conversation';

const SECRET = 'Zy8-xW7_vU6tS5rQ4pO3nM2lK1jI0hG9';
/**
 * How long to wait for replies that Telegram's pacing spaces a second apart in a chat (the
 * service's own, not configurable): seconds by the clock, more on a loaded machine.
 */
const PACED_MS = 30_000;
let api: BotApiStandIn;
let dir: string;

beforeEach(async () => {
  api = new BotApiStandIn();
  await api.start();
  dir = mkdtempSync(join(tmpdir(), 'sahay-telegram-'));
});

afterEach(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({
  DATA_DIR: dir,
  PORT: '0',
  HOST: '127.0.0.1',
  TELEGRAM_BOT_TOKEN: BOT_TOKEN,
  TELEGRAM_API_ROOT: api.apiRoot,
  TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:8443/tg/hook-5d1e',
  TELEGRAM_WEBHOOK_SECRET: SECRET,
});

it('runs in webhook mode on the service: ready, answering, and marking a blocked patient', async () => {
  const service = await startService(loadConfig(env()), silentLogger);
  try {
    const base = `http://127.0.0.1:${service.port}`;
    expect(api.callsOf('setWebhook').map((c) => c.body.url)).toEqual(['http://127.0.0.1:8443/tg/hook-5d1e']);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ ok: true, checks: { telegram: true } });

    const post = (update: unknown) =>
      fetch(`${base}/tg/hook-5d1e`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
    expect((await post(messageFrom('text', 6060, 1, 1, { text: 'আমার জ্বর' }))).status).toBe(200);
    // Telegram's pacing is on (1 message a second per chat): the second reply follows a second later.
    await until(() => api.sentTexts().length === 3, PACED_MS);
    expect(api.sentTexts()[0]).toBe(service.core.translator.t('welcome.hello', 'bn'));

    // The patient blocks the bot; the next reply finds out, and the conversation says so.
    api.failNext('sendMessage', 403, BLOCKED, 5);
    expect((await post(messageFrom('text', 6060, 10, 2, { text: 'হ্যাঁ' }))).status).toBe(200);
    await until(async () => {
      const conv = await existingConversation(service.core.store, 'telegram', '6060');
      return conv.unreachableSince !== undefined;
    }, PACED_MS);
    // Without the secret: 401 on the service's own error format.
    const res = await fetch(`${base}/tg/hook-5d1e`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"update_id":3}' });
    expect(res.status).toBe(401);
  } finally {
    await service.stop();
  }
}, 90_000);

it('after a restart of the service, a button under an earlier question is stale: a notice, not an answer to the current one', async () => {
  const chat = 6070;
  const hook = (service: { port: number }) => (update: unknown) =>
    fetch(`http://127.0.0.1:${service.port}/tg/hook-5d1e`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
  const keyboardOf = (id: number) => api.sent.get(id)!;

  let service = await startService(loadConfig(env()), silentLogger);
  let language: number;
  try {
    expect((await hook(service)(messageFrom('text', chat, 1, 1, { text: 'start' }))).status).toBe(200);
    await until(() => api.sentTexts().length === 2, PACED_MS);
    language = api.lastKeyboard(chat);
    expect((await hook(service)(pressOn(keyboardOf(language), 'bn', 'cb-1', 2))).status).toBe(200);
    await until(() => api.sentTexts().length === 4, PACED_MS);
    expect(api.sentTexts()[3]).toBe(service.core.translator.t('welcome.ask.consent', 'bn'));
  } finally {
    await service.stop();
  }

  // The same data folder, a new process: "हिन्दी" under the language question, now that consent is asked.
  service = await startService(loadConfig(env()), silentLogger);
  try {
    api.calls.length = 0;
    expect((await hook(service)(pressOn(keyboardOf(language), 'hi', 'cb-2', 3))).status).toBe(200);
    await until(() => api.callsOf('answerCallbackQuery').length === 1);
    expect(api.callsOf('answerCallbackQuery')[0]!.body).toEqual({ callback_query_id: 'cb-2', text: service.core.translator.t('common.stale_button', 'bn') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.sentTexts()).toEqual([]);
    const conversation = await existingConversation(service.core.store, 'telegram', String(chat));
    expect(conversation.session.lang).toBe('bn');
    expect(conversation.session.stack.at(-1)?.state).toBe('consent');
  } finally {
    await service.stop();
  }
}, 90_000);

it('refuses to start when Telegram refuses the token, and leaves nothing running', async () => {
  api.token = '1:another-bots-token-altogether';
  await expect(startService(loadConfig(env()), silentLogger)).rejects.toThrow(/^TELEGRAM_BOT_TOKEN: Telegram refused the token \(401\)/);
});
