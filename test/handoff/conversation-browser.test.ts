/**
 * One patient's conversation in the console, in a real browser (Debian's Chromium, headless,
 * playwright-core) against the real service: what the view does while the patient writes and
 * while the doctor types.
 *
 * - A patient's message that arrives while the view is already reloading is shown too.
 * - A patient's message leaves the reply being typed alone (its focus and cursor) and the
 *   private note's draft.
 * - The ready-reply menu is used with the keyboard: arrows choose, Enter (or Insert) puts it in.
 * - Drafts outlive the session ending (sign in again, or the page reloading), and go once sent.
 * - The ticket view shows the region's name and the conversation id, and once closed links to
 *   the Follow-up screen's offer, filled in; that screen names a reading's triage level.
 * - The tab's title follows the console's language; the web chat page has its own icon.
 *
 * Needs /usr/bin/chromium or CHROMIUM_PATH (test/support/browser.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningService } from '../../src/main';
import type { Checkin, Ticket } from '../../src/storage/repositories';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';
import { existingConversation } from '../support/conversation';
import { desksAlwaysOpen, MEERA } from './support';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let base: string;
let ticket: Ticket;

beforeAll(async () => {
  running = await startConsoleBrowser({ tmpPrefix: 'sahay-conversation-browser-', config: desksAlwaysOpen, account: MEERA, timeout: 10_000 });
  ({ service, browser, page, problems, base } = running);
  ticket = await askForDoctor('patient-a');
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

/** A patient on the web chat's webhook. */
async function patient(user: string, text: string): Promise<void> {
  const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, user, channel: 'webhook' }) });
  expect(res.status).toBe(200);
}

async function askForDoctor(user: string): Promise<Ticket> {
  for (const text of ['hello', 'english', 'yes', 'talk to a doctor', 'West Bengal']) await patient(user, text);
  const conv = await existingConversation(service.core.store, 'webchat', user);
  return (await service.core.store.tickets.openFor(conv.id))!;
}

async function signIn(): Promise<void> {
  await signInOnPage(page, MEERA.username, MEERA.password);
  await page.locator('#who-name').filter({ hasText: 'Dr Meera Sen' }).waitFor();
}

const replyBox = () => page.getByRole('textbox', { name: 'Reply' });
const noteBox = () => page.getByRole('textbox', { name: 'Private note' });
const patientLine = (text: string) => page.locator('.transcript li[data-from="patient"]', { hasText: text });
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName);

it('keeps the reply being typed (focus, cursor) and the note draft when the patient writes', async () => {
  await page.goto(`${base}/console/#/handoff/${ticket.id}`);
  await signIn();
  await page.getByRole('button', { name: 'Take' }).click();
  await replyBox().waitFor();

  await noteBox().fill('lives alone');
  await replyBox().click();
  await page.keyboard.type('how high is it?');
  await page.keyboard.press('Home');
  await patient('patient-a', 'my fever is 102');
  await patientLine('my fever is 102').waitFor();
  await page.keyboard.type('Since when, and ');

  expect(await replyBox().inputValue()).toBe('Since when, and how high is it?');
  expect(await noteBox().inputValue()).toBe('lives alone');
  expect(await focused()).toBe('reply');
  expect(problems).toEqual([]);
}, 30_000);

it('chooses a ready reply with the arrows and puts it in with Enter or Insert', async () => {
  const detail = await page.evaluate(async (id) => (await fetch(`/api/operator/tickets/${id}`)).json(), ticket.id);
  const canned = (detail.canned as Array<{ id: string; text: string }>).map((c) => c.text);
  expect(canned.length).toBeGreaterThanOrEqual(2);
  await replyBox().fill('');
  const menu = page.getByRole('combobox', { name: 'Choose a ready reply…' });

  await menu.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await replyBox().inputValue()).toBe('');
  expect(await focused()).toBe('SELECT');
  await page.keyboard.press('Enter');
  expect(await replyBox().inputValue()).toBe(canned[1]);
  expect(await focused()).toBe('reply');

  // Chosen with the mouse (or any way), it goes in with the Insert button.
  await menu.selectOption({ index: 1 });
  expect(await replyBox().inputValue()).toBe(canned[1]);
  await page.getByRole('button', { name: 'Insert', exact: true }).click();
  expect(await replyBox().inputValue()).toBe(`${canned[1]}\n${canned[0]}`);
  expect(problems).toEqual([]);
}, 30_000);

it('shows a message that arrives while the view is already reloading', async () => {
  // Each read of the ticket takes a while to come back (a slow network), after the server has answered.
  let read: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => (read = resolve));
  await page.route(`**/api/operator/tickets/${ticket.id}?lang=*`, async (route) => {
    const response = await route.fetch();
    read();
    await new Promise((r) => setTimeout(r, 800));
    await route.fulfill({ response });
  });
  try {
    await patient('patient-a', 'first of two');
    // The view reads the ticket for the first message; the second comes while that read is on its way.
    await firstRead;
    await patient('patient-a', 'second of two');
    await patientLine('first of two').waitFor();
    await patientLine('second of two').waitFor({ timeout: 5000 });
  } finally {
    await page.unroute(`**/api/operator/tickets/${ticket.id}?lang=*`);
  }
  expect(problems).toEqual([]);
}, 30_000);

it('keeps the drafts when the session ends, and lets them go once sent', async () => {
  await replyBox().fill('Please check your SpO2 now.');
  await noteBox().fill('asked for SpO2');

  // The session ends (here: the cookie is gone) and the doctor presses Send: sign in again.
  await browser.clearCookies();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Your session has ended. Please sign in again.').waitFor();
  await signIn();
  await replyBox().waitFor();
  expect(await replyBox().inputValue()).toBe('Please check your SpO2 now.');
  expect(await noteBox().inputValue()).toBe('asked for SpO2');

  // The live stream's "session ended" reloads the page: the drafts are there after a reload too.
  await page.reload();
  await replyBox().waitFor();
  expect(await replyBox().inputValue()).toBe('Please check your SpO2 now.');

  // Sent: the reply's draft goes, the note's stays until it is added.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('.transcript li[data-from="person"]', { hasText: 'Please check your SpO2 now.' }).waitFor();
  expect(await replyBox().inputValue()).toBe('');
  await page.reload();
  await replyBox().waitFor();
  expect(await replyBox().inputValue()).toBe('');
  expect(await noteBox().inputValue()).toBe('asked for SpO2');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('section[data-screen="handoff"] p', { hasText: 'Dr Meera Sen ·' }).filter({ hasText: 'asked for SpO2' }).waitFor();
  expect(await noteBox().inputValue()).toBe('');
  await page.reload();
  await replyBox().waitFor();
  expect(await noteBox().inputValue()).toBe('');
  expect(problems).toEqual([]);
}, 30_000);

it('links a closed chat to the Follow-up offer, filled in; the Follow-up screen names the triage level', async () => {
  // Another patient on follow-up, whose last reading was "hospital today".
  const { store, followup } = service.core;
  const conv = await store.conversations.findOrCreate('webchat', 'patient-f', {
    id: 'conv-followed', session: { stack: [], lang: 'en', vars: { profile: { region: 'in_wb' } }, turns: 0 }, now: Date.now(),
  });
  const enrolled = await followup.enrol(conv.id, 'morning', null);
  if (enrolled.status !== 'enrolled') throw new Error(enrolled.status);
  const [first] = await store.followups.checkins(enrolled.enrolment.id);
  const c = first as Checkin;
  expect(await store.followups.transition({ id: c.id, from: 'scheduled', expectedVersion: 0, to: 'sent', at: c.dueAt })).toBe(true);
  const reading = { at: c.dueAt, spo2: 92, temperature: 38.3, symptoms: [], feeling: null, level: 'hospital', reasons: [] };
  expect(await store.followups.transition({ id: c.id, from: 'sent', expectedVersion: 1, to: 'answered', at: c.dueAt, reading })).toBe(true);

  // The region by its name, and the conversation id (what the Follow-up screen's offer asks for).
  const head = page.locator('section[data-screen="handoff"] .card').first();
  await expect(head.textContent()).resolves.toContain('Region: West Bengal');
  await expect(head.textContent()).resolves.toContain(`Conversation id: ${ticket.conversationId}`);

  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('advice_given');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByText('Closed. The bot has asked the patient whether it helped.').waitFor();
  await page.getByRole('link', { name: 'Offer daily check-ins…' }).click();
  const offer = page.getByRole('textbox', { name: 'Conversation id' });
  await offer.waitFor();
  expect(await offer.inputValue()).toBe(ticket.conversationId);
  await page.getByRole('button', { name: 'Send the offer' }).click();
  await page.getByText('Offer sent: the patient\'s "yes" enrols them.').waitFor();
  await page.getByText('Last: Hospital today, SpO2 92, 38.3 °C').waitFor();
  expect(problems).toEqual([]);
}, 30_000);

it('keeps the waiting count in the tab title in the language chosen', async () => {
  await askForDoctor('patient-b');
  await page.goto(`${base}/console/#/handoff`);
  await page.locator('li[data-ticket][data-state="waiting"]').waitFor();
  await expect(page.title()).resolves.toBe('(1) Sahay console');
  await page.locator('#lang').selectOption('bn');
  await page.getByRole('heading', { name: 'অপেক্ষমাণ রোগী' }).waitFor();
  await expect(page.title()).resolves.toBe('(1) সহায় কনসোল');
  await page.locator('#lang').selectOption('en');
  await page.getByRole('heading', { name: 'Patients waiting' }).waitFor();
  await expect(page.title()).resolves.toBe('(1) Sahay console');
  expect(problems).toEqual([]);
}, 30_000);

it('gives the web chat page an icon of its own (no 404 for /favicon.ico)', async () => {
  const chat = await browser.newPage();
  chat.setDefaultTimeout(5000);
  const missing: string[] = [];
  chat.on('response', (res) => {
    if (res.status() >= 400) missing.push(`${res.status()} ${new URL(res.url()).pathname}`);
  });
  await chat.goto(`${base}/chat/`);
  expect(await chat.locator('link[rel="icon"]').count()).toBe(1);
  const href = await chat.locator('link[rel="icon"]').getAttribute('href');
  const icon = await chat.request.get(new URL(href!, `${base}/chat/`).toString());
  expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
  await chat.waitForLoadState('networkidle');
  expect(missing).toEqual([]);
  await chat.close();
}, 30_000);

it('says a chat closed meanwhile is closed, not "taken" by whoever closed it', async () => {
  const waiting = await askForDoctor('patient-closed');
  await page.goto(`${base}/console/#/handoff/${waiting.id}`);
  if (await page.locator('form.sign-in').isVisible()) await signIn();
  // Closed by a colleague after the page showed it: the server's refusal (src/handoff/desk.ts) names nobody.
  await page.route(`**/api/operator/tickets/${waiting.id}/claim`, (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'conflict', message: 'This chat is closed.', details: { reason: 'taken', state: 'closed', assigneeId: null, assigneeName: null } } }),
    }),
  );
  await page.getByRole('button', { name: 'Take' }).click();
  await page.getByText('This chat is closed.').waitFor();
  expect(await page.getByText('This patient is no longer waiting.').count()).toBe(0);
  await page.unroute(`**/api/operator/tickets/${waiting.id}/claim`);
  // The browser reports the 409 it was given; nothing else went wrong.
  expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  problems.length = 0;
}, 30_000);

it('shows a ticket opened by a worse daily check-in as that, not as an emergency', async () => {
  const worse = await askForDoctor('patient-worse');
  // As src/followup/service.ts opens it for a hospital- or doctor-level reading: reason emergency, no emergency flag.
  const detail = new RegExp(`/api/operator/tickets/${worse.id}\\?`);
  await page.route(detail, async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { ticket: Record<string, unknown> };
    body.ticket.reason = 'emergency';
    body.ticket.emergency = false;
    await route.fulfill({ response: res, json: body });
  });
  await page.goto(`${base}/console/#/handoff/${worse.id}`);
  if (await page.locator('form.sign-in').isVisible()) await signIn();
  await page.getByText('Worse at a daily check-in').waitFor();
  expect(await page.locator('main').getByText('Emergency', { exact: true }).count()).toBe(0);
  await page.unroute(detail);
  expect(problems).toEqual([]);
}, 30_000);
