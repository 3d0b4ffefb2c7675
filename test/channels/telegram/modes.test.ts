/**
 * Long polling and start-up against the local Bot API stand-in: receiving,
 * stopping cleanly, a refused token, and reconnecting when the Bot API fails.
 */
import { readTelegramConfig, type TelegramConfig } from '../../../src/channels/telegram/config';
import { TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { silentLogger } from '../../../src/log';
import type { InboundMessage } from '../../../src/router/message';
import { BOT_TOKEN, BotApiStandIn } from './bot-api-stand-in';
import { messageFrom, update } from './fixtures';
import { until } from '../../support/until';

let api: BotApiStandIn;
let config: TelegramConfig;
let channel: TelegramChannel | undefined;
const received: InboundMessage[] = [];
const onInbound = async (m: InboundMessage) => void received.push(m);

beforeEach(async () => {
  api = new BotApiStandIn();
  config = readTelegramConfig({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: await api.start(), TELEGRAM_MODE: 'polling' }, [])!;
  received.length = 0;
});

afterEach(async () => {
  try {
    await channel?.stop();
  } finally {
    channel = undefined;
    await api.stop();
  }
});

describe('long polling', () => {
  it('stops cleanly even when asked while still connecting', async () => {
    channel = new TelegramChannel({ config, log: silentLogger });
    await channel.start(onInbound);
    await channel.stop();
    expect(channel.running).toBe(false);
    channel = undefined;
  });

  it('checks the token, removes any webhook, receives updates in order and stops cleanly', async () => {
    channel = new TelegramChannel({ config, log: silentLogger });
    await channel.start(onInbound);
    expect(channel.running).toBe(true);
    await until(() => api.callsOf('deleteWebhook').length === 1);
    expect(api.calls.map((c) => c.method)).toEqual(['getMe', 'deleteWebhook']);
    expect(api.callsOf('deleteWebhook')[0]!.body).toEqual({ drop_pending_updates: false });

    api.enqueueUpdate(messageFrom('text', 4242, 1, 700, { text: 'জ্বর' }));
    api.enqueueUpdate(messageFrom('location', 4242, 2, 701));
    await until(() => received.length === 2);
    expect(received.map((m) => m.content.kind)).toEqual(['text', 'location']);
    expect(received[0]).toMatchObject({ userId: '4242', platformMessageId: 'm:7000000001:4242:1' });

    // Polls held open as long as Telegram holds them: stop() must abort the one in flight, not wait it out.
    api.pollHoldMs = 60_000;
    const held = api.heldPolls;
    await until(() => api.heldPolls > held);
    const stopping = performance.now();
    await channel.stop();
    // Far below the hold, far above what stopping takes on a loaded machine.
    expect(performance.now() - stopping).toBeLessThan(10_000);
    expect(channel.running).toBe(false);
    channel = undefined;
  });

  it('every recorded update kind (the shared fixtures), through telegraf\'s own polling: read, ignored, buttons answered', async () => {
    channel = new TelegramChannel({ config, log: silentLogger });
    await channel.start(onInbound);
    // The project's shared set (/work/shared/fixtures/telegram/), unchanged, in the order Telegram could send them.
    const names = ['text', 'message', 'command_message', 'location', 'contact', 'photo', 'voice', 'edited_message', 'callback_query', 'callback_query_complex'];
    for (const name of names) api.enqueueUpdate(update(name));
    await until(() => received.length === 9 && api.callsOf('answerCallbackQuery').length === 2);
    await new Promise((r) => setTimeout(r, 50)); // nothing more arrives
    expect(received.map((m) => [m.userId, m.platformMessageId, m.content])).toEqual([
      ['12345678', 'm:7000000001:12345678:123456', { kind: 'text', text: 'aaaaaaaaaa' }],
      ['456', 'm:7000000001:456:123', { kind: 'text', text: 'Ciao' }],
      ['456', 'm:7000000001:456:123', { kind: 'text', text: 'start' }],
      ['12345', 'm:7000000001:12345:123456', { kind: 'location', lat: 41.899977, lng: 12.501028 }],
      ['12345', 'm:7000000001:12345:123456', { kind: 'contact', phone: '911', name: '911' }],
      ['11111111', 'm:7000000001:11111111:456901', { kind: 'media', mediaType: 'image', ref: 'SAAS', caption: 'asdasdasdasdasdasd' }],
      ['12345', 'm:7000000001:12345:123456', { kind: 'media', mediaType: 'audio', ref: 'dfghjjghdjhgd' }],
      // edited_message: ignored. Presses on keyboards this process never sent: passed on for the engine to judge.
      ['222222222', 'cb:666728699048485871', { kind: 'choice', payload: 'thedata' }],
      ['222222222', 'cb:666728699048485871', { kind: 'choice', payload: 'c=uud&pid=1&bid=1' }],
    ]);
    // Each press is answered at once, so that the button stops spinning.
    expect(api.callsOf('answerCallbackQuery').map((c) => c.body)).toEqual([{ callback_query_id: '666728699048485871' }, { callback_query_id: '666728699048485871' }]);
    expect(api.callsOf('sendMessage')).toEqual([]);
  });

  it('refuses to start with a token Telegram rejects', async () => {
    api.token = '7000000001:somebody-elses-token-entirely';
    channel = new TelegramChannel({ config, log: silentLogger });
    await expect(channel.start(onInbound)).rejects.toThrow('TELEGRAM_BOT_TOKEN: Telegram refused the token (401); copy it again from @BotFather');
    expect(channel.running).toBe(false);
  });

  it('when the Bot API is down at start, starts anyway and connects once it answers', async () => {
    api.failNext('getMe', 502, { ok: false, error_code: 502, description: 'Bad Gateway' }, 2);
    channel = new TelegramChannel({ config, log: silentLogger, reconnectMinMs: 20, reconnectMaxMs: 40 });
    await channel.start(onInbound);
    expect(channel.running).toBe(false);
    await until(() => channel!.running);
    expect(api.callsOf('getMe')).toHaveLength(3);
  });

  it('reconnects when polling stops with an error (409: another poller or a webhook)', async () => {
    channel = new TelegramChannel({ config, log: silentLogger, reconnectMinMs: 20 });
    await channel.start(onInbound);
    api.failNext('getUpdates', 409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
    api.enqueueUpdate(messageFrom('text', 4243, 1, 800, { text: 'one' })); // wakes the poll that gets the 409
    await until(() => api.callsOf('deleteWebhook').length === 2);
    await until(() => channel!.running);
    api.enqueueUpdate(messageFrom('text', 4243, 2, 801, { text: 'two' }));
    await until(() => received.some((m) => m.content.kind === 'text' && m.content.text === 'two'));
  });
});

describe('webhook start-up', () => {
  it('sets the webhook, and retries in the background when that fails', async () => {
    const hook = readTelegramConfig(
      { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:1/tg/hook', TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(32) },
      [],
    )!;
    const express = (await import('express')).default;
    api.failNext('setWebhook', 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    channel = new TelegramChannel({ config: hook, app: express(), log: silentLogger, reconnectMinMs: 20 });
    await channel.start(onInbound);
    expect(channel.running).toBe(false);
    await until(() => channel!.running);
    expect(api.callsOf('setWebhook')).toHaveLength(2);
  });
});
