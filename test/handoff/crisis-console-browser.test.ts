/**
 * A crisis ticket in the console, in a real browser (Debian's Chromium, headless, as
 * browser.test.ts): a web-chat patient writes of ending their life and says yes to a
 * counsellor; the counsellor's queue shows the patient as a crisis — at risk of self-harm, for a
 * counsellor — not as a medical "Emergency" (which it was), in the row and in the conversation.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; scripts/test.sh installs it) or
 * CHROMIUM_PATH.
 */
import type { BrowserContext } from 'playwright-core';
import { desksAlwaysOpen } from './support';
import { PHONE, watchPage } from '../support/browser';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let browser: BrowserContext;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  running = await startConsoleBrowser({
    tmpPrefix: 'sahay-crisis-browser-',
    viewport: PHONE,
    config: desksAlwaysOpen,
    account: { username: 'rumi', displayName: 'Rumi Das', roles: ['operator'], languages: ['bn', 'en'], queues: ['counsellor'], password: 'counsellor password 1' },
  });
  ({ browser, base, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

it('shows a patient at risk of self-harm as a crisis for a counsellor, not as an emergency', async () => {
  const chat = watchPage(await browser.newPage(), problems, { name: 'chat', timeout: 10_000 });
  await chat.goto(`${base}/chat/`);
  const say = async (text: string) => {
    await chat.locator('#text').fill(text);
    await chat.locator('#text').press('Enter');
  };
  await say('hello');
  await chat.getByRole('button', { name: 'English' }).click();
  await chat.getByRole('button', { name: 'Yes' }).click();
  await chat.getByText('How can I help you?').waitFor();
  await say('I want to kill myself');
  await chat.getByText('Would you like me to connect you with one of our counsellors now?').waitFor();
  await say('yes');
  await chat.getByText('You are number 1 in the queue').waitFor();

  const desk = watchPage(await browser.newPage(), problems, { name: 'console', timeout: 10_000, ignoreConsole: /status of (401|404)/ });
  await desk.goto(`${base}/console/`);
  await signInOnPage(desk, 'rumi', 'counsellor password 1');
  await desk.getByRole('link', { name: 'Patients waiting' }).click();
  const row = desk.locator('li[data-ticket][data-state="waiting"]');
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  expect(text).toContain('🆘 Crisis: risk of self-harm');
  expect(text).toContain('Crisis: at risk of self-harm, for a counsellor');
  expect(text).not.toContain('🚨');
  expect(text).not.toMatch(/Emergency/);
  expect(await row.getAttribute('class')).toContain('raised');

  await row.getByRole('link', { name: 'Open' }).click();
  await desk.getByRole('heading', { name: /Crisis: risk of self-harm/ }).waitFor();
  expect(problems).toEqual([]);
}, 40_000);
