/**
 * Webhook mode through the real core (router, engine, flows, SQLite, outbox):
 * real update payloads posted to our express app as Telegram would, replies
 * going to the local Bot API stand-in through telegraf's client.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTelegramChannel, telegramCoreHooks, type TelegramChannel } from '../../../src/channels/telegram';
import { keyboardTag, readButtonData, type ButtonData } from '../../../src/channels/telegram/keyboard';
import { createHttpApp } from '../../../src/http/app';
import { createLogger } from '../../../src/log';
import { createMetrics } from '../../../src/metrics';
import { createTestCore, type TestCore } from '../../support/core';
import { BLOCKED, BOT_TOKEN, BotApiStandIn } from './bot-api-stand-in';
import { messageFrom, pressOn, response, update, type PressOptions } from './fixtures';
import { existingConversation } from '../../support/conversation';
import { textWithNumbers } from '../../support/emergency-numbers';

const SECRET = 'k7Qz-3vN_w9Lx2Rb8Ty5Hm4Pd6Gs1Fc0Aj';
const HOOK_PATH = '/telegram/webhook/t3st-hook';

let api: BotApiStandIn;
let t: TestCore;
let telegram: TelegramChannel;
let server: Server;
let base: string;
const logLines: string[] = [];
let updateId = 500_000;
let callbackId = 0;
let setWebhookCalls: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  api = new BotApiStandIn();
  const apiRoot = await api.start();
  t = await createTestCore({
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_MODE: 'webhook',
      // http:// is allowed because TELEGRAM_API_ROOT points at a local Bot API.
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:9${HOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: apiRoot,
    },
  });
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  const http = createHttpApp({ metrics: createMetrics(), log, readiness: async () => ({ telegram: telegram.running }) });
  telegram = createTelegramChannel({
    config: t.core.config.telegram!,
    app: http.app,
    log,
    clock: () => t.clock.now,
    pacing: { perChatMs: 0, globalMs: 0 },
    ...telegramCoreHooks(t.core, () => t.clock.now),
  });
  t.core.channels.set('telegram', telegram);
  http.finish();
  server = createServer(http.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await telegram.start(async (m) => void (await t.core.router.handle(m)));
  setWebhookCalls = api.callsOf('setWebhook').map((c) => c.body);
}, 60_000);

afterAll(async () => {
  // Whatever failed before, close everything that was opened (an open server keeps jest alive).
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close(); // stops the channel too
  await api?.stop();
  // No chat ids, texts, token or secret in the logs.
  const all = logLines.join('\n');
  for (const secret of [BOT_TOKEN.split(':')[1]!, SECRET, '91000', 'fever', 'জ্বর']) expect(all).not.toContain(secret);
  expect(all).toContain('"reason":"stale_button"');
});

beforeEach(() => {
  api.calls.length = 0;
  // A test that failed half-way leaves no scripted failures for the next one.
  api.clearFailures();
});

function post(body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }): Promise<Response> {
  return fetch(`${base}${HOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Post updates as Telegram does and wait until their turns are done (committed and delivered). */
async function deliver(...updates: unknown[]): Promise<void> {
  for (const u of updates) expect((await post(u)).status).toBe(200);
  await telegram.idle();
}

function text(chatId: number, body: string): Record<string, any> {
  return messageFrom('text', chatId, api.nextId(), ++updateId, { text: body, date: Math.floor(t.clock.now / 1000) });
}

/**
 * A press of the button for `payload` on the bot's message `keyboardMessageId`, as the
 * Telegram app sends it (the message's text and keyboard echoed).
 */
function press(chatId: number, keyboardMessageId: number, payload: string, opts: PressOptions = {}): Record<string, any> {
  const message = api.sent.get(keyboardMessageId);
  if (!message || message.chat.id !== chatId) throw new Error(`no message ${keyboardMessageId} in chat ${chatId}`);
  return pressOn(message, payload, `cb-${++callbackId}`, ++updateId, opts);
}

const sentTo = (chatId: number) => api.callsOf('sendMessage').filter((c) => c.body.chat_id === String(chatId) && c.messageId !== undefined);
const lastKeyboard = (chatId: number) => api.lastKeyboard(chatId);
const conversationOf = (chatId: number) =>
  existingConversation(t.core.store, 'telegram', String(chatId));

const t_ = (key: string, lng: 'bn' | 'hi' | 'en' = 'en') => t.core.translator.t(key, lng);

describe('Telegram webhook', () => {
  it('set the webhook at start with the secret and only the update kinds it reads', () => {
    expect(setWebhookCalls).toEqual([{ url: `http://127.0.0.1:9${HOOK_PATH}`, secret_token: SECRET, allowed_updates: ['message', 'callback_query'] }]);
    expect(telegram.running).toBe(true);
  });

  it('answers 401 and changes nothing without the secret token, or with a wrong one', async () => {
    const before = await t.core.store.conversations.count();
    const u = text(910001, 'I have fever');
    const wrong: Array<Record<string, string>> = [{}, { 'x-telegram-bot-api-secret-token': SECRET.slice(0, -1) + 'X' }, { 'x-telegram-bot-api-secret-token': 'short' }, { 'x-telegram-bot-api-secret-token': '' }];
    for (const headers of wrong) {
      const res = await post(u, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    await telegram.idle();
    expect(await t.core.store.conversations.count()).toBe(before);
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    // A body that is not an update (with the right secret) is refused too.
    expect((await post({ hello: 1 })).status).toBe(400);
  });

  it('a message: acknowledged, answered in a turn (welcome + language keyboard)', async () => {
    await deliver(text(910002, 'start'));
    const sent = sentTo(910002);
    expect(sent.map((c) => c.body.text)).toEqual([t_('welcome.hello'), t_('welcome.ask.language')]);
    const data = sent[1]!.body.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => readButtonData(b.callback_data));
    expect(data.map((d: ButtonData) => d.payload)).toEqual(['bn', 'hi', 'en']);
    // Every button names its keyboard: the reply it came with.
    const [reply] = (await t.core.store.messages.list((await conversationOf(910002)).id)).filter((m) => m.direction === 'out').slice(-1);
    expect(data.map((d: ButtonData) => d.tag)).toEqual(Array(3).fill(keyboardTag(reply!.id)));
  });

  it('the same update delivered twice, one after the other, gets exactly one reply', async () => {
    const u = text(910003, 'fever');
    await deliver(u, u);
    expect(sentTo(910003)).toHaveLength(2);
    const conv = await conversationOf(910003);
    expect((await t.core.store.messages.list(conv.id)).filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('the same update delivered twice at once gets exactly one reply', async () => {
    const u = text(910004, 'fever');
    const results = await Promise.all([post(u), post(u), post(u)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await telegram.idle();
    expect(sentTo(910004)).toHaveLength(2);
  });

  it('a button press: answered at once, taken as the choice; a re-sent press (twice, and at once) counts once', async () => {
    const chat = 910005;
    await deliver(text(chat, 'start'));
    const bn = press(chat, lastKeyboard(chat), 'bn');
    api.calls.length = 0;
    await deliver(bn, bn);
    await Promise.all([post(bn), post(bn)]);
    await telegram.idle();
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([textWithNumbers(t.core.translator, t.core.config, 'welcome.notice_with_numbers', 'bn'), t_('welcome.ask.consent', 'bn')]);
    expect(api.callsOf('answerCallbackQuery').map((c) => c.body)).toContainEqual({ callback_query_id: bn.callback_query.id });
  });

  it('a stale button (old keyboard, or an answered one pressed again) gets a notice in the patient\'s language and changes nothing', async () => {
    const chat = 910006;
    await deliver(text(chat, 'start'));
    const languageKeyboard = lastKeyboard(chat);
    api.calls.length = 0;
    await deliver(press(chat, languageKeyboard, 'bn'));
    const consentKeyboard = lastKeyboard(chat);

    // An old keyboard's button: Hindi from the language question, now that consent is asked.
    api.calls.length = 0;
    const old = press(chat, languageKeyboard, 'hi');
    await deliver(old);
    expect(sentTo(chat)).toHaveLength(0);
    expect(api.callsOf('answerCallbackQuery').map((c) => c.body)).toEqual([{ callback_query_id: old.callback_query.id, text: t_('common.stale_button', 'bn') }]);
    const conv = await conversationOf(chat);
    expect(conv.session.lang).toBe('bn');

    // Double tap on the consent keyboard: "yes", then "no" on the same keyboard.
    api.calls.length = 0;
    await deliver(press(chat, consentKeyboard, 'yes'));
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('menu.ask', 'bn')]);
    await deliver(press(chat, consentKeyboard, 'no'));
    expect(sentTo(chat)).toHaveLength(1);
    const after = await t.core.store.conversations.get(conv.id);
    expect(after!.session.vars).toMatchObject({ profile: { consent: true } });

    // Typing an answer answers the keyboard too: pressing it afterwards is stale.
    const menuKeyboard = lastKeyboard(chat);
    api.calls.length = 0;
    await deliver(text(chat, 'about'));
    const replies = sentTo(chat).length;
    await deliver(press(chat, menuKeyboard, 'helplines'));
    expect(sentTo(chat)).toHaveLength(replies);
    expect(api.callsOf('answerCallbackQuery').at(-1)!.body.text).toBe(t_('common.stale_button', 'bn'));
  });

  it('voice notes, stickers, polls, photos and documents are answered politely in the patient\'s language', async () => {
    const chat = 910007;
    await deliver(text(chat, 'start'));
    await deliver(press(chat, lastKeyboard(chat), 'hi'));
    // The engine re-asks twice before falling back to the menu: two kinds per question.
    const politely = async (kind: string) => {
      api.calls.length = 0;
      await deliver(messageFrom(kind, chat, api.nextId(), ++updateId));
      expect(sentTo(chat).map((c) => c.body.text)[0]).toBe(t_('common.unsupported_media', 'hi'));
    };
    await politely('voice');
    await politely('sticker');
    // A photo with a caption is read by its caption ("yes" to the consent question).
    api.calls.length = 0;
    await deliver(messageFrom('photo', chat, api.nextId(), ++updateId, { caption: 'हाँ' }));
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('menu.ask', 'hi')]);
    const conv = await conversationOf(chat);
    const inbound = (await t.core.store.messages.list(conv.id)).filter((m) => m.direction === 'in').map((m) => m.content);
    expect(inbound.at(-1)).toEqual({ kind: 'media', mediaType: 'image', ref: 'SAAS', caption: 'हाँ' });
    await politely('message_poll');
    await politely('document');
    expect(inbound.slice(-3, -1)).toEqual([
      { kind: 'media', mediaType: 'audio', ref: 'dfghjjghdjhgd' },
      { kind: 'media', mediaType: 'sticker', ref: 'yhufjikjhgjkghjffghgf' },
    ]);
  });

  it('ignores edited messages, channel posts and group chats (acknowledged, nothing stored or sent); answers a group button', async () => {
    const before = await t.core.store.conversations.count();
    const group = update('callback_query');
    group.update_id = ++updateId;
    group.callback_query.message.chat = { id: -100777, type: 'supergroup', title: 'ward 3' };
    await deliver(update('edited_message'), update('channel_post'), update('message_general_topic'), update('poll'), group);
    expect(await t.core.store.conversations.count()).toBe(before);
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    expect(api.callsOf('answerCallbackQuery').map((c) => c.body)).toEqual([{ callback_query_id: group.callback_query.id }]);
    expect(logLines.some((l) => l.includes('"reason":"edited_message"'))).toBe(true);
    expect(logLines.some((l) => l.includes('"reason":"group_chat"'))).toBe(true);
  });

  it('429 from Telegram: the outbox waits retry_after (14 s), then sends both replies in order', async () => {
    const chat = 910008;
    api.failNext('sendMessage', 429, response('too_many_requests'));
    await deliver(text(chat, 'start'));
    expect(api.callsOf('sendMessage')).toHaveLength(1); // the refused one; the second waits behind it
    const pending = await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'telegram', userId: String(chat) });
    expect(pending.map((p) => ({ attempts: p.attempts, next: p.nextAttemptAt - t.clock.now, error: p.lastError }))).toEqual([
      { attempts: 1, next: 14_000, error: 'telegram 429: Too Many Requests: retry after 14' },
      { attempts: 0, next: 0, error: undefined },
    ]);
    await t.core.outbox.deliverDue();
    expect(sentTo(chat)).toHaveLength(0);
    t.clock.now += 13_999;
    await t.core.outbox.deliverDue();
    expect(sentTo(chat)).toHaveLength(0);
    t.clock.now += 1;
    await t.core.outbox.deliverDue();
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('welcome.hello'), t_('welcome.ask.language')]);
  });

  it('429 while the patient keeps writing: nothing is sent again before retry_after, and the reply keeps its tries', async () => {
    const chat = 910010;
    // Telegram refuses every send during its 14 s window.
    api.failNext('sendMessage', 429, response('too_many_requests'), 50);
    await deliver(text(chat, 'start'));
    const started = t.clock.now;
    for (let i = 0; i < 10; i++) {
      t.clock.now += 500;
      await deliver(text(chat, 'hello'));
    }
    expect(api.callsOf('sendMessage').filter((c) => c.body.chat_id === String(chat))).toHaveLength(1);
    const [welcome] = await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'telegram', userId: String(chat) });
    expect(welcome).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: started + 14_000, lastError: 'telegram 429: Too Many Requests: retry after 14' });

    api.clearFailures('sendMessage'); // Telegram's window is over
    t.clock.now = started + 14_000;
    await t.core.outbox.deliverDue();
    expect(sentTo(chat).slice(0, 2).map((c) => c.body.text)).toEqual([t_('welcome.hello'), t_('welcome.ask.language')]);
    expect(await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'telegram', userId: String(chat) })).toEqual([]);
    await expect(t.core.store.outbox.get(welcome!.id)).resolves.toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('403 blocked: the replies are given up, the contact is marked unreachable; writing again clears it', async () => {
    const chat = 910009;
    api.failNext('sendMessage', 403, BLOCKED, 2);
    await deliver(text(chat, 'start'));
    const conv = await conversationOf(chat);
    expect(conv.unreachableSince).toBe(t.clock.now);
    expect(await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'telegram', userId: String(chat) })).toEqual([]);
    expect(sentTo(chat)).toHaveLength(0);

    // They unblocked the bot and wrote again: reachable, and answered.
    t.clock.now += 60_000;
    await deliver(text(chat, 'menu'));
    expect(await t.core.store.conversations.get(conv.id)).not.toHaveProperty('unreachableSince');
    expect(sentTo(chat).length).toBeGreaterThan(0);
  });

  it('403 blocked cancels the patient\'s follow-ups: the next check-in is not sent and the enrolment ends', async () => {
    const chat = 910010;
    await deliver(text(chat, 'start'));
    const conv = await conversationOf(chat);
    const enrolled = await t.core.followup.enrol(conv.id, 'morning', 'op-1');
    expect(enrolled.status).toBe('enrolled');
    const enrolment = enrolled.status === 'enrolled' ? enrolled.enrolment : undefined;

    // They block the bot; the next reply finds out.
    api.failNext('sendMessage', 403, BLOCKED, 3);
    await deliver(text(chat, 'menu'));
    expect((await conversationOf(chat)).unreachableSince).toBe(t.clock.now);

    // The first check-in falls due: nothing goes to Telegram, the follow-up ends as unreachable.
    api.calls.length = 0;
    const [first] = await t.core.store.followups.checkins(enrolment!.id);
    t.clock.now = first!.dueAt + 60_000;
    expect((await t.core.followup.tick()).started).toBe(0);
    await t.core.outbox.deliverDue();
    await telegram.idle();
    expect(api.callsOf('sendMessage')).toEqual([]);
    expect(await t.core.store.followups.getEnrolment(enrolment!.id)).toMatchObject({ state: 'ended', endReason: 'unreachable' });
    expect((await t.core.store.followups.checkins(enrolment!.id)).every((c) => c.state === 'cancelled')).toBe(true);
  });
});

/**
 * The service restarted: a new channel, whose memory of the keyboards it sent is empty, on
 * the same store. Presses on keyboards sent before are judged against the stored transcript.
 */
describe('Telegram after a restart', () => {
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  let restarted: TelegramChannel | undefined;

  /** Stop the process that runs now (if a restarted one) and start a new one. */
  async function restart(): Promise<TelegramChannel> {
    await restarted?.stop();
    restarted = createTelegramChannel({
      config: t.core.config.telegram!,
      app: express(), // the first channel keeps the test server's route: updates go to receive() below
      log,
      clock: () => t.clock.now,
      pacing: { perChatMs: 0, globalMs: 0 },
      ...telegramCoreHooks(t.core, () => t.clock.now),
    });
    t.core.channels.set('telegram', restarted);
    await restarted.start(async (m) => void (await t.core.router.handle(m)));
    api.calls.length = 0;
    return restarted;
  }

  afterEach(async () => {
    await restarted?.stop();
    restarted = undefined;
    t.core.channels.set('telegram', telegram);
  });

  /** Updates as the restarted process takes them (long polling or its webhook), and their turns done. */
  async function deliverAfter(...updates: unknown[]): Promise<void> {
    for (const u of updates) restarted!.receive(u);
    await restarted!.idle();
  }

  /**
   * Before the restart: a Bengali patient in a triage, asked to confirm the symptoms read
   * ("Is that right?", yes / no) after answering "no" to the danger signs (yes / no). Then the restart.
   */
  async function atConfirmSymptoms(chat: number): Promise<{ danger: number; confirm: number }> {
    await deliver(text(chat, 'start'));
    await deliver(press(chat, lastKeyboard(chat), 'bn'));
    await deliver(press(chat, lastKeyboard(chat), 'yes'));
    await deliver(press(chat, lastKeyboard(chat), 'triage'));
    const danger = lastKeyboard(chat);
    await deliver(press(chat, danger, 'no'));
    await deliver(text(chat, 'জ্বর আর কাশি'));
    const confirm = lastKeyboard(chat);
    expect(await stateOf(chat)).toBe('confirm_symptoms');
    await restart();
    return { danger, confirm };
  }

  const stateOf = async (chat: number) => (await conversationOf(chat)).session.stack.at(-1)?.state;
  const notices = () => api.callsOf('answerCallbackQuery').map((c) => c.body.text as string | undefined);
  const stale = () => t_('common.stale_button', 'bn');

  it('"Yes" on an earlier yes/no question is stale, not an answer to the current one; the current keyboard still answers', async () => {
    const chat = 910101;
    const { danger, confirm } = await atConfirmSymptoms(chat);

    await deliverAfter(press(chat, danger, 'yes'));
    expect(sentTo(chat)).toHaveLength(0);
    expect(notices()).toEqual([stale()]);
    expect(await stateOf(chat)).toBe('confirm_symptoms');
    expect((await conversationOf(chat)).session.vars).not.toHaveProperty('triage.answers.danger_signs', true);

    // The live keyboard was sent before the restart too: its press is the answer.
    api.calls.length = 0;
    await deliverAfter(press(chat, confirm, 'yes'));
    expect(notices()).toEqual([undefined]);
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('triage.ask.fever_days', 'bn')]);
    // A second tap on it is stale, as before a restart.
    api.calls.length = 0;
    await deliverAfter(press(chat, confirm, 'no'));
    expect(sentTo(chat)).toHaveLength(0);
    expect(notices()).toEqual([stale()]);
    expect(await stateOf(chat)).toBe('fever_days');
  });

  it('a keyboard answered before the restart (pressed, or answered by writing) is stale after it', async () => {
    const chat = 910102;
    await deliver(text(chat, 'start'));
    await deliver(press(chat, lastKeyboard(chat), 'bn'));
    const consent = lastKeyboard(chat);
    await deliver(press(chat, consent, 'yes'));
    expect(await stateOf(chat)).toBe('menu');
    const menu = lastKeyboard(chat);
    await restart();

    await deliverAfter(press(chat, consent, 'no'));
    expect(sentTo(chat)).toHaveLength(0);
    expect(notices()).toEqual([stale()]);
    expect((await conversationOf(chat)).session.vars).toMatchObject({ profile: { consent: true } });

    // The menu's keyboard, answered by writing; then another restart: a press on it is stale.
    await deliverAfter(text(chat, 'about'));
    await restart();
    await deliverAfter(press(chat, menu, 'helplines'));
    expect(sentTo(chat)).toHaveLength(0);
    expect(notices()).toEqual([stale()]);
  });

  it('the press that answered, delivered again after the restart, is dropped as a duplicate without a stale notice', async () => {
    const chat = 910103;
    const { confirm } = await atConfirmSymptoms(chat);
    const yes = press(chat, confirm, 'yes');
    await deliverAfter(yes);
    expect(await stateOf(chat)).toBe('fever_days');
    await restart();

    await deliverAfter(yes);
    expect(sentTo(chat)).toHaveLength(0);
    expect(notices()).toEqual([undefined]);
    expect(await stateOf(chat)).toBe('fever_days');
  });

  it('updates that follow a press being checked against the store wait for it, in order', async () => {
    const chat = 910104;
    const { confirm } = await atConfirmSymptoms(chat);
    await deliverAfter(press(chat, confirm, 'yes'), text(chat, '৩'));
    expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('triage.ask.fever_days', 'bn'), t_('triage.ask.spo2', 'bn')]);
    const inbound = (await t.core.store.messages.list((await conversationOf(chat)).id)).filter((m) => m.direction === 'in').map((m) => m.content);
    expect(inbound.slice(-2)).toEqual([{ kind: 'choice', payload: 'yes', text: t_('common.yes', 'bn') }, { kind: 'text', text: '৩' }]);
  });

  describe('buttons sent before they named their keyboard (the bare payload)', () => {
    it('on the live keyboard: taken as its answer', async () => {
      const chat = 910111;
      const { confirm } = await atConfirmSymptoms(chat);
      await deliverAfter(press(chat, confirm, 'yes', { legacy: true }));
      expect(notices()).toEqual([undefined]);
      expect(sentTo(chat).map((c) => c.body.text)).toEqual([t_('triage.ask.fever_days', 'bn')]);
    });

    it('on an earlier keyboard with the same buttons, on an answered one, or on a message Telegram no longer shows: stale', async () => {
      const chat = 910112;
      const { danger, confirm } = await atConfirmSymptoms(chat);
      await deliverAfter(press(chat, danger, 'yes', { legacy: true }));
      await deliverAfter(press(chat, confirm, 'yes', { legacy: true, inaccessible: true }));
      expect(sentTo(chat)).toHaveLength(0);
      expect(notices()).toEqual([stale(), stale()]);
      expect(await stateOf(chat)).toBe('confirm_symptoms');

      await deliverAfter(text(chat, 'হ্যাঁ'));
      expect(await stateOf(chat)).toBe('fever_days');
      api.calls.length = 0;
      await deliverAfter(press(chat, confirm, 'no', { legacy: true }));
      expect(sentTo(chat)).toHaveLength(0);
      expect(notices()).toEqual([stale()]);
    });
  });
});

describe('Telegram webhook while the channel is not running', () => {
  it('answers 503 (Telegram keeps the update and sends it again), and 401 still comes first', async () => {
    const app = createHttpApp({ metrics: createMetrics(), log: createLogger({ level: 'silent' }), readiness: async () => ({}) });
    const idle = createTelegramChannel({ config: t.core.config.telegram!, app: app.app, log: createLogger({ level: 'silent' }) });
    app.finish();
    const s = createServer(app.app);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}${HOOK_PATH}`;
    const body = JSON.stringify(update('message'));
    const withSecret = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
    const without = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([withSecret.status, without.status]).toEqual([503, 401]);
    expect(idle.running).toBe(false);
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  });
});
