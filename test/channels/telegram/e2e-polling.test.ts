/**
 * End to end on "Telegram": telegraf's own client long-polls a local Bot API
 * stand-in (telegram-test-api), and a patient in Kolkata talks to the real core
 * (router, engine, shipped flows, SQLite in a temp folder) as a Telegram app
 * would: /start, language and consent by button, the helplines, then a triage
 * to its result, pressing inline-keyboard buttons and typing Bengali digits.
 *
 * telegram-test-api answers getUpdates at once instead of holding the request,
 * so telegraf polls in a tight loop while this runs: one test, kept short, and
 * the server is always stopped.
 */
import { createServer } from 'node:net';
import TelegramServer from 'telegram-test-api';
import { createTelegramChannel, telegramCoreHooks, type TelegramChannel } from '../../../src/channels/telegram';
import { readButtonData } from '../../../src/channels/telegram/keyboard';
import { silentLogger } from '../../../src/log';
import { createTestCore, type TestCore } from '../../support/core';
import { BOT_TOKEN } from './bot-api-stand-in';
import { existingConversation } from '../../support/conversation';
import { textWithNumbers } from '../../support/emergency-numbers';

const CHAT = 880001;

let server: TelegramServer;
let t: TestCore;
let telegram: TelegramChannel;
let client: ReturnType<TelegramServer['getClient']>;

interface BotMessage {
  messageId: number;
  text: string;
  /** [payload, label] of each button, row by row flattened. */
  buttons: Array<[string, string]>;
  /** Each button's callback_data (its keyboard's tag and the payload), as the app sends it back. */
  data: string[];
}

beforeAll(async () => {
  server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  t = await createTestCore({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, TELEGRAM_MODE: 'polling' } });
  telegram = createTelegramChannel({
    config: t.core.config.telegram!,
    log: silentLogger,
    clock: () => t.clock.now,
    pacing: { perChatMs: 0, globalMs: 0 },
    ...telegramCoreHooks(t.core, () => t.clock.now),
  });
  t.core.channels.set('telegram', telegram);
  await telegram.start(async (m) => void (await t.core.router.handle(m)));
  client = server.getClient(BOT_TOKEN, { userId: CHAT, chatId: CHAT, firstName: 'Rina', userName: 'rina_kol' });
}, 60_000);

afterAll(async () => {
  await t?.close(); // stops the channel: polling ends before the server goes
  await server?.stop();
});

/** What the bot has sent to the patient so far, as the Telegram app would show it. */
function botMessages(): BotMessage[] {
  return server.storage.botMessages
    .filter((u) => u.botToken === BOT_TOKEN && String(u.message.chat_id) === String(CHAT))
    .map((u) => {
      const markup = u.message.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined;
      return {
        messageId: u.messageId,
        text: String(u.message.text),
        buttons: (markup?.inline_keyboard ?? []).flat().map((b) => [readButtonData(b.callback_data).payload, b.text] as [string, string]),
        data: (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data),
      };
    });
}

/** Do something as the patient, then collect the bot's whole answer to it. */
async function turn(act: () => Promise<unknown>): Promise<BotMessage[]> {
  const before = botMessages().length;
  t.clock.now += 5000;
  await act();
  const deadline = Date.now() + 5000;
  while (botMessages().length === before) {
    if (Date.now() > deadline) throw new Error('the bot did not answer');
    await new Promise((r) => setTimeout(r, 5));
  }
  // The first reply is out, so the update is in the channel: wait for the rest of its turn.
  await telegram.idle();
  return botMessages().slice(before);
}

const type = (text: string) => turn(() => client.sendMessage(client.makeMessage(text)));

/** Press the button with this payload on the latest keyboard, as the app sends it. */
async function press(payload: string): Promise<BotMessage[]> {
  const keyboard = botMessages().filter((m) => m.buttons.length > 0).at(-1)!;
  const i = keyboard.buttons.findIndex(([p]) => p === payload);
  expect(i).toBeGreaterThanOrEqual(0);
  return turn(() => client.sendCallback(client.makeCallbackQuery(keyboard.data[i]!, { message: { message_id: keyboard.messageId } })));
}

const bn = (key: string) => t.core.translator.t(key, 'bn');

it('a patient chooses Bengali by button, consents, reads the helplines and completes a triage', async () => {
  const hello = await turn(() => client.sendCommand(client.makeCommand('/start')));
  expect(hello.map((m) => m.text)).toEqual([t.core.translator.t('welcome.hello', 'en'), t.core.translator.t('welcome.ask.language', 'en')]);
  expect(hello[1]!.buttons).toEqual([['bn', 'বাংলা'], ['hi', 'हिन्दी'], ['en', 'English']]);

  const consent = await press('bn');
  expect(consent.map((m) => m.text)).toEqual([textWithNumbers(t.core.translator, t.core.config, 'welcome.notice_with_numbers', 'bn'), bn('welcome.ask.consent')]);
  expect(consent[1]!.buttons).toEqual([['yes', 'হ্যাঁ'], ['no', 'না']]);

  const menu = await press('yes');
  expect(menu.map((m) => m.text)).toEqual([bn('menu.ask')]);
  expect(menu[0]!.buttons.map(([p]) => p)).toContain('helplines');

  expect((await press('helplines')).map((m) => m.text)).toEqual([bn('helplines.ask.region')]);
  const lines = await press('in_wb');
  expect(lines[0]!.text).toContain('অ্যাম্বুলেন্স: 108');
  expect(lines[1]!.buttons.map(([p]) => p)).toEqual(['menu', 'other_region']);
  expect((await press('menu')).map((m) => m.text)).toEqual([bn('menu.ask')]);

  // The triage, as a 45-year-old with fever, cough and high blood pressure would answer it.
  const danger = await press('triage');
  expect(danger.at(-1)!.buttons.map(([p]) => p)).toEqual(['yes', 'no']);
  const symptomsAsked = await press('no');
  expect(symptomsAsked.at(-1)!.buttons).toEqual([]); // typed answer: no keyboard
  const understood = await type('জ্বর আর কাশি');
  expect(understood.at(-1)!.buttons.map(([p]) => p)).toEqual(['yes', 'no']);
  await press('yes');
  await type('৩'); // days of fever, in Bengali digits
  const spo2 = await type('৯৬');
  expect(spo2).toHaveLength(1);
  await type('৪৫');
  await press('no'); // not pregnant
  await type('২'); // from the list: high blood pressure
  await press('waiting'); // test result awaited
  const result = await press('no'); // no close contact
  expect(result.map((m) => m.text)).toContain(bn('triage.advice.no_medicines'));
  expect(result.at(-1)!.buttons.map(([p]) => p)).toEqual(['helplines', 'menu', 'doctor']);

  const conversation = await existingConversation(t.core.store, 'telegram', String(CHAT));
  expect(conversation.session.lang).toBe('bn');
  expect(conversation.session.vars).toMatchObject({
    profile: { consent: true, region: 'in_wb' },
    triage: { level: 'doctor', answers: { age: 45, fever_days: 3, spo2: 96, symptoms: ['fever', 'cough'], comorbidities: ['hypertension'] } },
  });
  // Every reply was delivered: nothing waits in the outbox.
  expect(await t.core.store.outbox.countByStatus()).toMatchObject({ pending: 0, dead: 0 });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
