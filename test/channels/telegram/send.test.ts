/**
 * Outbound: telegraf's client against the local Bot API stand-in. Keyboards,
 * long texts, pacing, and what each failure means (429 with retry_after, 403
 * blocked, 400, 5xx, network), with the token kept out of the logs.
 */
import { ChannelSendError } from '../../../src/channels/channel';
import { readTelegramConfig, type TelegramConfig } from '../../../src/channels/telegram/config';
import { keyboardTag } from '../../../src/channels/telegram/keyboard';
import { TelegramChannel, type TelegramChannelOptions } from '../../../src/channels/telegram/telegram-channel';
import { createLogger } from '../../../src/log';
import type { OutboundMessage } from '../../../src/router/message';
import { BLOCKED, BOT_TOKEN, BotApiStandIn } from './bot-api-stand-in';
import { response } from './fixtures';

let api: BotApiStandIn;
let config: TelegramConfig;
const logLines: string[] = [];
const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
const channels: TelegramChannel[] = [];
let seq = 0;

beforeAll(async () => {
  api = new BotApiStandIn();
  const apiRoot = await api.start();
  config = readTelegramConfig({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: apiRoot }, [])!;
});

afterAll(async () => {
  try {
    await Promise.all(channels.map((c) => c.stop()));
  } finally {
    await api.stop();
  }
  // Courier's rule: tokens never reach the logs. Nor do chat ids or message text.
  const all = logLines.join('\n');
  expect(all).not.toContain(BOT_TOKEN.split(':')[1]);
  expect(all).not.toContain('55500');
  expect(all).not.toContain('fever');
});

function channel(opts: Partial<TelegramChannelOptions> = {}): TelegramChannel {
  const c = new TelegramChannel({ config, log, pacing: { perChatMs: 0, globalMs: 0 }, ...opts });
  channels.push(c);
  return c;
}

function out(userId: string, text: string, choices?: OutboundMessage['choices']): OutboundMessage {
  seq += 1;
  // Conversation ids are ours and never contain the chat id (the log check below relies on it).
  return { id: `out-${seq}`, conversationId: `conv-${seq}`, channel: 'telegram', userId, text, ...(choices ? { choices } : {}) };
}

async function rejection(p: Promise<unknown>): Promise<ChannelSendError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelSendError);
  return err as ChannelSendError;
}

beforeEach(() => {
  api.calls.length = 0;
});

describe('sending to Telegram', () => {
  it('sends text with the choices as an inline keyboard tagged with the reply\'s outbox id, link previews off', async () => {
    const message = out('5550001', 'Do you have fever?', [
      { payload: 'yes', title: 'হ্যাঁ' },
      { payload: 'no', title: 'না' },
    ]);
    await channel().send(message);
    const tag = keyboardTag(message.id);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(api.callsOf('sendMessage').map((c) => c.body)).toEqual([
      {
        chat_id: '5550001',
        text: 'Do you have fever?',
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: [[{ text: 'হ্যাঁ', callback_data: `~${tag}.yes` }, { text: 'না', callback_data: `~${tag}.no` }]] },
      },
    ]);
  });

  it('splits a long text at 4,096 without breaking an emoji, keyboard on the last part only', async () => {
    // No space to split at, and the emoji sequence at 4,093..4,099 straddles the limit.
    const text = 'ক'.repeat(4093) + '👩🏽‍⚕️'.repeat(400);
    const message = out('5550002', text, [{ payload: 'menu', title: 'Menu' }]);
    await channel().send(message);
    const sent = api.callsOf('sendMessage').map((c) => c.body);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toHaveProperty('reply_markup');
    expect(sent[1]!.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Menu', callback_data: `~${keyboardTag(message.id)}.menu` }]] });
    expect(sent.map((s) => s.text)).toEqual(['ক'.repeat(4093), '👩🏽‍⚕️'.repeat(400)]);

    // With words, the cut falls after the last space that fits.
    api.calls.length = 0;
    const words = 'জ্বর '.repeat(818) + 'x' + '👩🏽‍⚕️'.repeat(400);
    await channel().send(out('5550002', words));
    const parts = api.callsOf('sendMessage').map((c) => c.body.text as string);
    expect(parts).toEqual(['জ্বর '.repeat(818).trim(), 'x' + '👩🏽‍⚕️'.repeat(400)]);
  });

  it('sends nothing for an empty text, and a pointer when only choices are left', async () => {
    const c = channel();
    await c.send(out('5550003', '  '));
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    await c.send(out('5550003', '', [{ payload: 'yes', title: 'Yes' }]));
    expect(api.callsOf('sendMessage').map((x) => x.body.text)).toEqual(['👇']);
  });

  it('429: fails retryable with Telegram\'s retry_after, so the outbox waits that long; then sends', async () => {
    const c = channel();
    api.failNext('sendMessage', 429, response('too_many_requests'));
    const err = await rejection(c.send(out('5550004', 'one')));
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 14_000, offline: false });
    expect(err.message).toBe('telegram 429: Too Many Requests: retry after 14');
    await c.send(out('5550004', 'two'));
    expect(api.sentTexts()).toEqual(['two']);
  });

  it('a retried long message resumes after the parts already delivered', async () => {
    const c = channel();
    const message = out('5550005', 'a'.repeat(4000) + '\n' + 'b'.repeat(4000) + '\n' + 'c'.repeat(100), [{ payload: 'ok', title: 'OK' }]);
    // The first part goes through, the second meets a 502.
    api.failNext('sendMessage', 502, { ok: false, error_code: 502, description: 'Bad Gateway' }, 1, 1);
    expect(await rejection(c.send(message))).toMatchObject({ retryable: true });
    expect(api.sentTexts()).toEqual(['a'.repeat(4000)]);
    // The outbox tries the same message (same id) again: the patient does not get the first part twice.
    await c.send(message);
    expect(api.sentTexts()).toEqual(['a'.repeat(4000), 'b'.repeat(4000), 'c'.repeat(100)]);
    expect(api.callsOf('sendMessage').at(-1)!.body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: `~${keyboardTag(message.id)}.ok` }]] });
  });

  it('403 "bot was blocked by the user": not retryable, and the contact is marked unreachable', async () => {
    const onUnreachable = jest.fn(async (_conversationId: string) => undefined);
    const c = channel({ onUnreachable });
    api.failNext('sendMessage', 403, BLOCKED);
    const blocked = out('5550006', 'your SpO2 today?');
    const err = await rejection(c.send(blocked));
    expect(err).toMatchObject({ retryable: false, message: 'telegram 403: Forbidden: bot was blocked by the user' });
    expect(onUnreachable).toHaveBeenCalledWith(blocked.conversationId);

    api.failNext('sendMessage', 403, { ok: false, error_code: 403, description: 'Forbidden: user is deactivated' });
    const deactivated = out('5550007', 'x');
    await rejection(c.send(deactivated));
    api.failNext('sendMessage', 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    const gone = out('5550008', 'x');
    await rejection(c.send(gone));
    expect(onUnreachable.mock.calls.map(([id]) => id)).toEqual([blocked.conversationId, deactivated.conversationId, gone.conversationId]);
  });

  it('other failures: 400 gives up without marking, 5xx and network errors retry, a wrong token waits 5 minutes', async () => {
    const onUnreachable = jest.fn(async () => undefined);
    const c = channel({ onUnreachable });
    api.failNext('sendMessage', 400, { ok: false, error_code: 400, description: "Bad Request: can't parse entities" });
    expect(await rejection(c.send(out('5550009', 'x')))).toMatchObject({ retryable: false });
    api.failNext('sendMessage', 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    expect(await rejection(c.send(out('5550009', 'x')))).toMatchObject({ retryable: true, retryAfterMs: undefined });
    api.failNext('sendMessage', 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    expect(await rejection(c.send(out('5550009', 'x')))).toMatchObject({ retryable: true, retryAfterMs: 300_000 });
    expect(onUnreachable).not.toHaveBeenCalled();

    const offline = new TelegramChannel({ config: { ...config, apiRoot: 'http://127.0.0.1:1' }, log, pacing: { perChatMs: 0, globalMs: 0 } });
    channels.push(offline);
    const err = await rejection(offline.send(out('5550009', 'x')));
    expect(err).toMatchObject({ retryable: true });
    expect(err.message).toMatch(/^telegram request failed \(FetchError/);
  });

  it('paces sends: one chat perChatMs apart and in order, while another chat goes alongside', async () => {
    const perChatMs = 500;
    const c = channel({ pacing: { perChatMs, globalMs: 0 } });
    const started = performance.now();
    // All of chat A's sends are queued before chat B's: one queue for every chat would send B1 after A3.
    await Promise.all([
      ...[1, 2, 3].map((i) => c.send(out('5550010', `A${i}`))),
      ...[1, 2, 3].map((i) => c.send(out('5550011', `B${i}`))),
    ]);
    const elapsed = performance.now() - started;
    const calls = api.callsOf('sendMessage');
    expect(calls.filter((x) => x.body.chat_id === '5550010').map((x) => x.body.text)).toEqual(['A1', 'A2', 'A3']);
    expect(calls.filter((x) => x.body.chat_id === '5550011').map((x) => x.body.text)).toEqual(['B1', 'B2', 'B3']);
    // Side by side: each chat's first send goes before either chat's second, which waits perChatMs
    // (an order, not a duration: a loaded machine only stretches the wait).
    const order = calls.map((x) => x.body.text as string);
    expect(order.slice(0, 2).sort()).toEqual(['A1', 'B1']);
    expect(order.slice(2, 4).sort()).toEqual(['A2', 'B2']);
    // A chat's next request starts perChatMs after its previous one finished, so arrives at least
    // that long after it (less a few ms for the two clocks' rounding); load only widens the gap.
    for (const chat of ['5550010', '5550011']) {
      const t = calls.filter((x) => x.body.chat_id === chat).map((x) => x.at);
      expect(t[1]! - t[0]!).toBeGreaterThan(perChatMs - 10);
      expect(t[2]! - t[1]!).toBeGreaterThan(perChatMs - 10);
    }
    // Each chat's third send started at least 2 x perChatMs after its first.
    expect(elapsed).toBeGreaterThan(2 * perChatMs - 10);
  });

  it('paces sends: all chats together no faster than globalMs apart', async () => {
    const c = channel({ pacing: { perChatMs: 0, globalMs: 60 } });
    const started = performance.now();
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => c.send(out(`555002${i}`, `C${i}`))));
    expect(api.callsOf('sendMessage')).toHaveLength(6);
    expect(performance.now() - started).toBeGreaterThan(5 * 60 - 10);
  });

  it('by default keeps to Telegram\'s limits: 1 message a second in a chat, at most 30 a second overall', async () => {
    const c = new TelegramChannel({ config, log });
    channels.push(c);
    const others = Array.from({ length: 31 }, (_, i) => c.send(out(String(5550100 + i), `E${i}`)));
    await Promise.all([c.send(out('5550030', 'D1')), c.send(out('5550030', 'D2')), ...others]);
    const calls = api.callsOf('sendMessage');
    expect(calls).toHaveLength(33);
    const [d1, d2] = calls.filter((x) => x.body.chat_id === '5550030').map((x) => x.at);
    expect(d2! - d1!).toBeGreaterThan(950);
    // Any 31 sends in a row span a second or more (start times are 34 ms apart; arrivals jitter a little).
    const at = calls.map((x) => x.at).sort((a, b) => a - b);
    for (let i = 0; i + 30 < at.length; i++) expect(at[i + 30]! - at[i]!).toBeGreaterThan(950);
  });

  it('refuses a message for another channel', async () => {
    const err = await rejection(channel().send({ ...out('5550012', 'x'), channel: 'webchat' }));
    expect(err.retryable).toBe(false);
  });
});
