/**
 * The hand-off in a real browser: Debian's Chromium, headless, driven by playwright-core,
 * against the real service (src/main.ts) on 127.0.0.1 with a temp DATA_DIR. A patient on
 * the web chat page (/chat, its websocket) asks for a doctor; a doctor signed in to the
 * console sees the patient appear in the live queue without reloading, takes the chat and
 * replies; the patient reads the reply, signed with the doctor's name and registration
 * number; the doctor closes; the bot asks the patient whether it helped.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; scripts/test.sh installs it) or
 * CHROMIUM_PATH. Launched by test/support/browser.ts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningService } from '../../src/main';
import { desksAlwaysOpen, MEERA } from './support';
import { PHONE, watchPage } from '../support/browser';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let browser: BrowserContext;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  // The desks are open whenever the test runs.
  running = await startConsoleBrowser({ tmpPrefix: 'sahay-handoff-browser-', viewport: PHONE, config: desksAlwaysOpen, account: MEERA });
  ({ service, browser, base, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

function watch(page: Page, name: string): Page {
  // Expected: the console's 401 of "who is signed in?" before signing in; failed loads are checked below.
  watchPage(page, problems, { name, timeout: 10_000, ignoreConsole: /status of (401|404)/ });
  // Nothing the pages ask for is missing: both name their icon, so not even /favicon.ico.
  page.on('response', (res) => {
    if (res.status() === 404) problems.push(`${name}: 404 for ${new URL(res.url()).pathname}`);
  });
  return page;
}

it('a web-chat patient asks for a doctor, who sees them appear live, takes the chat, replies and closes; the bot asks for feedback', async () => {
  // The doctor signs in and opens the queue first: it is empty.
  const desk = watch(await browser.newPage(), 'console');
  await desk.goto(`${base}/console/`);
  await signInOnPage(desk, MEERA.username, MEERA.password);
  await desk.getByRole('heading', { name: 'Welcome, Dr Meera Sen' }).waitFor();
  await desk.getByRole('link', { name: 'Patients waiting' }).click();
  await desk.getByText('Nobody is waiting.').waitFor();
  await desk.getByText('Live', { exact: true }).waitFor();
  // A mark on this page's window: gone if the page reloads.
  await desk.evaluate(() => void ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  // The patient, on the web chat page: greeting, language, consent, then the doctor word.
  const chat = watch(await browser.newPage(), 'chat');
  await chat.goto(`${base}/chat/`);
  const say = async (text: string) => {
    await chat.locator('#text').fill(text);
    await chat.locator('#text').press('Enter');
  };
  await say('hello');
  await chat.getByRole('button', { name: 'English' }).click();
  await chat.getByRole('button', { name: 'Yes' }).click();
  await chat.getByText('How can I help you?').waitFor();
  await say('talk to a doctor');
  await chat.getByRole('button', { name: 'West Bengal' }).click();
  await chat.getByText('You are number 1 in the queue').waitFor();

  // The doctor's queue shows the patient without a reload: take the chat.
  const row = desk.locator('li[data-ticket][data-state="waiting"]');
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/English.*Web chat.*kolkata-doctor.*Asked for a doctor/);
  expect(await desk.title()).toMatch(/^\(1\) /);
  expect(await desk.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await row.getByRole('button', { name: 'Take' }).click();
  await desk.getByRole('heading', { name: 'Conversation' }).waitFor();
  await desk.locator('.transcript li[data-from="patient"]', { hasText: 'talk to a doctor' }).waitFor();
  await desk.locator('.transcript li[data-from="bot"]', { hasText: 'How can I help you?' }).first().waitFor();

  // The patient is told who joined; the doctor replies through the patient's own chat.
  await chat.getByText('Dr Meera Sen (Reg. No. WBMC 61234) has joined this chat.').waitFor();
  await desk.getByRole('textbox', { name: 'Reply' }).fill('Hello, I am Dr Sen. Do you have a pulse oximeter?');
  await desk.getByRole('button', { name: 'Send' }).click();
  await chat.getByText('Hello, I am Dr Sen. Do you have a pulse oximeter?').waitFor();
  await expect(chat.locator('.msg.bot').last().textContent()).resolves.toBe('Dr Meera Sen (Reg. No. WBMC 61234):\nHello, I am Dr Sen. Do you have a pulse oximeter?');

  // The patient answers: the bot stays silent, the doctor sees it live.
  await say('yes, it says 95');
  await desk.locator('.transcript li[data-from="patient"]', { hasText: 'yes, it says 95' }).waitFor();

  // The doctor closes with an outcome; the bot asks the patient whether it helped.
  await desk.getByRole('combobox', { name: 'Outcome' }).selectOption('advice_given');
  await desk.getByRole('button', { name: 'Close', exact: true }).click();
  await desk.getByText('Closed. The bot has asked the patient whether it helped.').waitFor();
  await chat.getByText('Was this conversation helpful?').waitFor();
  await chat.getByRole('button', { name: '5 – very helpful' }).click();
  await chat.getByText('Thank you for telling us.').waitFor();

  const [ticket] = await service.core.store.tickets.list({});
  expect(ticket).toMatchObject({ state: 'closed', outcome: 'advice_given', rating: 5 });
  // The bot said nothing between the doctor joining and the close.
  const botTexts = await chat.locator('.msg.bot').allTextContents();
  const joined = botTexts.findIndex((x) => x.includes('has joined this chat'));
  expect(botTexts.slice(joined + 1, joined + 3)).toEqual(['Dr Meera Sen (Reg. No. WBMC 61234):\nHello, I am Dr Sen. Do you have a pulse oximeter?', "This chat with our team has ended. You are talking to Sahay's bot again."]);
  const actions = (await service.core.store.audit.list({ limit: 50 })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['ticket.claimed', 'conversation.viewed', 'conversation.replied', 'ticket.closed']));
  expect(problems).toEqual([]);
}, 40_000);
