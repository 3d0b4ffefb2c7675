/**
 * The console's follow-up screen in a real browser (Debian's Chromium, headless, via
 * playwright-core, launched as the other browser tests launch it) against the real
 * service: an operator sees an enrolled patient's readings as a small chart (a dot per
 * SpO2 and temperature reading, × for a missed day), the "call this patient" task,
 * pauses the follow-up from the screen, and shows a state's next page with "Show more".
 */
import type { BrowserContext, Page } from 'playwright-core';
import { SHOWN } from '../../src/followup/console-routes';
import type { RunningService } from '../../src/main';
import type { Checkin } from '../../src/storage/repositories';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let browser: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  running = await startConsoleBrowser({
    tmpPrefix: 'sahay-followup-browser-',
    account: { username: 'ravi', displayName: 'Ravi Operator', roles: ['operator'], languages: ['en'], queues: [], password: 'first operator password' },
  });
  ({ service, browser, page, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

// Each test signs in afresh and answers only for what went wrong on its own page.
beforeEach(async () => {
  await browser.clearCookies();
  problems.length = 0;
});

/** Signs in as the operator and opens the Follow-up screen, which shows what the store holds now. */
async function openFollowupScreen(): Promise<void> {
  await page.goto(`http://127.0.0.1:${service.port}/console`);
  await signInOnPage(page, 'ravi', 'first operator password');
  await page.getByRole('link', { name: 'Follow-up' }).click();
}

/** A web chat conversation in West Bengal, enrolled in morning check-ins: its enrolment id. */
async function enrolledPatient(userId: string, conversationId: string): Promise<string> {
  const { store, followup } = service.core;
  const conv = await store.conversations.findOrCreate('webchat', userId, {
    id: conversationId, session: { stack: [], lang: 'en', vars: { profile: { region: 'in_wb' } }, turns: 0 }, now: Date.now(),
  });
  const enrolled = await followup.enrol(conv.id, 'morning', null);
  if (enrolled.status !== 'enrolled') throw new Error(`not enrolled: ${enrolled.status}`);
  return enrolled.enrolment.id;
}

it('shows the readings as a chart and the call task, and pauses the follow-up', async () => {
  const { store } = service.core;
  const id = await enrolledPatient('patient-chart', 'conv-chart');
  // Five days have passed: three answered (the third worse), then two missed.
  const plan = await store.followups.checkins(id);
  const step = async (c: Checkin, to: Checkin['state'], version: number, reading: Checkin['reading'] = null) =>
    expect(await store.followups.transition({ id: c.id, from: version === 0 ? 'scheduled' : 'sent', expectedVersion: version, to, at: c.dueAt, ...(reading ? { reading } : {}) })).toBe(true);
  const readings: Array<[number, number, string]> = [[97, 37.2, 'home_isolation'], [96, 37.8, 'home_isolation'], [92, 38.3, 'hospital']];
  for (const [i, [spo2, temperature, level]] of readings.entries()) {
    await step(plan[i]!, 'sent', 0);
    await step(plan[i]!, 'answered', 1, { at: plan[i]!.dueAt, spo2, temperature, symptoms: [], feeling: null, level, reasons: [] });
  }
  for (const i of [3, 4]) {
    await step(plan[i]!, 'sent', 0);
    await step(plan[i]!, 'missed', 1);
  }
  expect(await store.followups.addTask({ id: 'task-1', enrolmentId: id, conversationId: 'conv-chart', kind: 'call_patient', causeId: plan[4]!.id, createdAt: Date.now(), doneAt: null, doneBy: null })).toBe(true);

  await openFollowupScreen();

  await page.getByText('Call this patient: two check-ins missed').waitFor();
  const chart = page.getByRole('img', { name: /^Readings by day/ });
  await chart.waitFor();
  // A dot per reading: three SpO2 (blue), three temperatures (red); × under the two missed days.
  expect(await chart.locator('circle[fill="#1565c0"]').count()).toBe(3);
  expect(await chart.locator('circle[fill="#c62828"]').count()).toBe(3);
  expect(await chart.locator('circle title').allTextContents()).toEqual(['SpO2: 97', 'SpO2: 96', 'SpO2: 92', 'Temperature: 37.2', 'Temperature: 37.8', 'Temperature: 38.3']);
  expect(await chart.locator('text').allTextContents()).toEqual(['×', '×']);
  // The SpO2 line falls on day 3 (lower on the screen is a larger y).
  const ys = await chart.locator('circle[fill="#1565c0"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('cy'))));
  expect(ys[2]!).toBeGreaterThan(ys[0]!);
  await page.getByText('Last: Hospital today, SpO2 92, 38.3 °C').waitFor();

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  expect(await store.followups.getEnrolment(id)).toMatchObject({ state: 'paused' });
  expect((await store.audit.list({ limit: 1, targetType: 'followup' }))[0]).toMatchObject({ action: 'followup.paused', targetId: id });
  expect(problems).toEqual([]);
}, 60_000);

it('offers daily check-ins to a conversation from the screen; the patient gets the offer', async () => {
  const { store, translator } = service.core;
  const conv = await store.conversations.findOrCreate('webchat', 'patient-offer', { id: 'conv-offer', session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: Date.now() });
  await enrolledPatient('patient-enrolled', 'conv-enrolled');
  await openFollowupScreen();
  const form = page.getByRole('form', { name: 'Offer daily check-ins' });
  await form.getByRole('textbox', { name: 'Conversation id' }).fill(conv.id);
  await form.getByRole('button', { name: 'Send the offer' }).click();
  await form.getByText('Offer sent').waitFor();
  const sent = (await store.messages.list(conv.id)).filter((m) => m.direction === 'out');
  expect(sent.map((m) => (m.content.kind === 'text' ? m.content.text : ''))).toEqual([translator.t('followup.offer.ask', 'en')]);

  await form.getByRole('textbox', { name: 'Conversation id' }).fill('conv-enrolled'); // already on follow-up
  await form.getByRole('button', { name: 'Send the offer' }).click();
  await form.getByText('Not sent: the patient is already on follow-up').waitFor();
  expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
}, 60_000);

it('shows the next page of a list with "Show more", and no button where there is no more', async () => {
  const { store } = service.core;
  // One more patient who ended than a page shows, each in a conversation of their own; the oldest is first.
  const at = Date.now() - 86_400_000;
  for (let i = 0; i <= SHOWN.ended; i++) {
    const conv = await store.conversations.findOrCreate('webchat', `patient-ended-${i}`, {
      id: `conv-ended-${i}`, session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: at,
    });
    await store.followups.enrol(
      { id: `ended-${i}`, conversationId: conv.id, state: 'ended', slot: 'morning', timeZone: 'Asia/Kolkata', endsAt: at + i, missedInARow: 0, endReason: 'completed', enrolledBy: null, createdAt: at + i, updatedAt: at + i, version: 0 },
      [],
    );
  }
  await openFollowupScreen();

  const more = page.getByRole('button', { name: /^Show more/ });
  await page.getByText('conv-ended-1', { exact: true }).waitFor();
  expect(await more.allTextContents()).toEqual(['Show more (ended)']);
  expect(await page.getByText('conv-ended-0', { exact: true }).count()).toBe(0);
  await more.click();
  await page.getByText('conv-ended-0', { exact: true }).waitFor();
  await more.waitFor({ state: 'hidden' });
  // Appended under the list it extends: the oldest last, every row shown once.
  const ended = await page.locator('li .mono', { hasText: /^conv-ended-/ }).allTextContents();
  expect(ended).toEqual(Array.from({ length: SHOWN.ended + 1 }, (_, i) => `conv-ended-${SHOWN.ended - i}`));
  expect(problems).toEqual([]);
}, 60_000);
