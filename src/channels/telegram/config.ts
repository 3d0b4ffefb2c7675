/**
 * The Telegram settings, read from the environment by src/config.ts. No token
 * means the channel is off; with a token, every other setting is checked and each
 * problem becomes one line naming its variable. Secret values are never echoed.
 *
 *   TELEGRAM_BOT_TOKEN=123456789:AA...        (from @BotFather)
 *   TELEGRAM_MODE=webhook                     (polling | webhook; default: webhook when a URL is set)
 *   TELEGRAM_WEBHOOK_URL=https://sahay.example.org/telegram/webhook/9f3c1e
 *   TELEGRAM_WEBHOOK_SECRET=<32+ characters>  (openssl rand -hex 32)
 *   TELEGRAM_API_ROOT=http://127.0.0.1:8081   (a local Bot API server; default Telegram's own)
 */

export interface TelegramConfig {
  token: string;
  /** The number before the colon of the token: the bot's own user id (safe to log). */
  botId: string;
  mode: 'polling' | 'webhook';
  /** Where the Bot API lives; undefined = https://api.telegram.org. */
  apiRoot: string | undefined;
  /** Present exactly when mode is 'webhook'. */
  webhook: TelegramWebhookConfig | undefined;
}

export interface TelegramWebhookConfig {
  /** The public URL Telegram posts updates to. */
  url: string;
  /** Its path: the route mounted on our express app (a reverse proxy must keep it). */
  path: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token with every update. */
  secret: string;
}

/** As BotFather hands it out: digits, a colon, then the secret part. */
const TOKEN = /^(\d{1,20}):[A-Za-z0-9_-]{20,}$/;
/** Telegram's own rule for secret_token is 1-256 of these; we ask for 32 so that it cannot be guessed. */
const SECRET = /^[A-Za-z0-9_-]{32,256}$/;

/** Read the TELEGRAM_* variables (empty values already removed); push one line per problem. */
export function readTelegramConfig(env: Record<string, string | undefined>, problems: string[]): TelegramConfig | undefined {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  const before = problems.length;

  const botId = TOKEN.exec(token)?.[1];
  if (!botId) problems.push('TELEGRAM_BOT_TOKEN: not a bot token (expected "<digits>:<secret>" as @BotFather gives it)');

  const apiRoot = env.TELEGRAM_API_ROOT?.trim();
  if (apiRoot !== undefined && !isHttpUrl(apiRoot)) problems.push(`TELEGRAM_API_ROOT: must be an http:// or https:// URL (got ${JSON.stringify(apiRoot)})`);

  const url = env.TELEGRAM_WEBHOOK_URL?.trim();
  const rawMode = env.TELEGRAM_MODE?.trim().toLowerCase();
  // A webhook URL without a mode means webhook: silently long-polling would delete that webhook.
  const mode = rawMode ?? (url ? 'webhook' : 'polling');
  if (mode !== 'polling' && mode !== 'webhook') {
    problems.push(`TELEGRAM_MODE: must be polling or webhook (got ${JSON.stringify(env.TELEGRAM_MODE)})`);
  }

  let webhook: TelegramWebhookConfig | undefined;
  if (mode === 'webhook') {
    const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim();
    const path = url ? webhookPath(url, apiRoot !== undefined, problems) : undefined;
    if (!url) problems.push('TELEGRAM_WEBHOOK_URL: required when TELEGRAM_MODE is webhook (the public https:// URL Telegram posts updates to)');
    if (!secret) {
      problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook (e.g. the output of `openssl rand -hex 32`)');
    } else if (!SECRET.test(secret)) {
      problems.push('TELEGRAM_WEBHOOK_SECRET: must be 32 to 256 characters of A-Z, a-z, 0-9, "_" and "-" (e.g. `openssl rand -hex 32`)');
    }
    if (url && path && secret) webhook = { url, path, secret };
  }

  if (problems.length > before || !botId) return undefined;
  return { token, botId, mode: mode as TelegramConfig['mode'], apiRoot, webhook };
}

/** The path our app must answer on; Telegram itself only calls https (a local Bot API server may use http). */
function webhookPath(url: string, localApi: boolean, problems: string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`TELEGRAM_WEBHOOK_URL: not a URL (got ${JSON.stringify(url)})`);
    return undefined;
  }
  if (parsed.protocol !== 'https:' && !(localApi && parsed.protocol === 'http:')) {
    problems.push('TELEGRAM_WEBHOOK_URL: must start with https:// (Telegram only calls https webhooks; http is allowed with TELEGRAM_API_ROOT)');
    return undefined;
  }
  // Plain characters only: the path becomes an express route, where ":" or "*" would mean something.
  if (!/^\/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$/.test(parsed.pathname) || parsed.search || parsed.hash) {
    problems.push('TELEGRAM_WEBHOOK_URL: needs a path of its own (letters, digits, "/", "-", "_", "." or "~") and no query, e.g. https://example.org/telegram/webhook');
    return undefined;
  }
  return parsed.pathname;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
