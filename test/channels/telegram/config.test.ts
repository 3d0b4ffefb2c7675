import { ConfigError, loadConfig } from '../../../src/config';

const TOKEN = '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'a'.repeat(64);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('Telegram settings', () => {
  it('no token: the channel is off, whatever else is set', () => {
    expect(loadConfig({}).telegram).toBeUndefined();
    expect(loadConfig({ TELEGRAM_MODE: 'webhook', TELEGRAM_BOT_TOKEN: '' }).telegram).toBeUndefined();
  });

  it('a token alone: long polling against Telegram', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({ token: TOKEN, botId: '7000000001', mode: 'polling', apiRoot: undefined, webhook: undefined });
  });

  it('webhook mode (also implied by a webhook URL): URL, its path and the secret', () => {
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://sahay.example.org/telegram/webhook/7f3a9c', TELEGRAM_WEBHOOK_SECRET: SECRET };
    const expected = { mode: 'webhook', webhook: { url: env.TELEGRAM_WEBHOOK_URL, path: '/telegram/webhook/7f3a9c', secret: SECRET } };
    expect(loadConfig(env).telegram).toMatchObject(expected);
    expect(loadConfig({ ...env, TELEGRAM_MODE: 'Webhook' }).telegram).toMatchObject(expected);
    expect(loadConfig({ ...env, TELEGRAM_MODE: 'polling' }).telegram).toMatchObject({ mode: 'polling', webhook: undefined });
  });

  it('webhook mode requires the URL and the secret: one line per problem, naming the variable', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' })).toEqual([
      'TELEGRAM_WEBHOOK_URL: required when TELEGRAM_MODE is webhook (the public https:// URL Telegram posts updates to)',
      'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook (e.g. the output of `openssl rand -hex 32`)',
    ]);
  });

  it('checks each value, without printing the token or the secret', () => {
    const found = problems({
      TELEGRAM_BOT_TOKEN: 'not-a-token-secret-part',
      TELEGRAM_MODE: 'push',
      TELEGRAM_API_ROOT: 'ftp://x',
      TELEGRAM_WEBHOOK_URL: 'http://sahay.example.org/hook',
      TELEGRAM_WEBHOOK_SECRET: 'short secret!',
    });
    expect(found).toEqual([
      'TELEGRAM_BOT_TOKEN: not a bot token (expected "<digits>:<secret>" as @BotFather gives it)',
      'TELEGRAM_API_ROOT: must be an http:// or https:// URL (got "ftp://x")',
      'TELEGRAM_MODE: must be polling or webhook (got "push")',
    ]);
    expect(found.join('\n')).not.toContain('secret-part');
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'http://sahay.example.org/hook', TELEGRAM_WEBHOOK_SECRET: 'short secret!' })).toEqual([
      'TELEGRAM_WEBHOOK_URL: must start with https:// (Telegram only calls https webhooks; http is allowed with TELEGRAM_API_ROOT)',
      'TELEGRAM_WEBHOOK_SECRET: must be 32 to 256 characters of A-Z, a-z, 0-9, "_" and "-" (e.g. `openssl rand -hex 32`)',
    ]);
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://sahay.example.org/', TELEGRAM_WEBHOOK_SECRET: SECRET })[0]).toMatch(/^TELEGRAM_WEBHOOK_URL: needs a path of its own/);
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/hook/:id', TELEGRAM_WEBHOOK_SECRET: SECRET })[0]).toMatch(/^TELEGRAM_WEBHOOK_URL: needs a path/);
  });

  it('a local Bot API server may call an http:// webhook', () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081', TELEGRAM_WEBHOOK_URL: 'http://10.0.0.5:3000/tg/hook', TELEGRAM_WEBHOOK_SECRET: SECRET }).telegram;
    expect(c).toMatchObject({ apiRoot: 'http://127.0.0.1:8081', webhook: { path: '/tg/hook' } });
  });
});
