/**
 * The console in a real browser: Debian's Chromium, headless, driven by
 * playwright-core, against the real service (src/main.ts) on 127.0.0.1 with a
 * temp DATA_DIR, at a phone's screen size. An admin signs in, creates an
 * operator and signs out; the operator signs in, has no admin screens in the
 * navigation, and is told "no access" when opening the accounts page by its
 * address, while the API behind it answers 403; left idle, the page clears itself.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; scripts/test.sh
 * installs it) or CHROMIUM_PATH.
 */
import type { Page } from 'playwright-core';
import type { RunningService } from '../../src/main';
import { PHONE } from '../support/browser';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let page: Page;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  // Timeout 15 s, generous for a loaded CI machine; on an idle one the whole test takes a few seconds.
  running = await startConsoleBrowser({
    tmpPrefix: 'sahay-browser-',
    account: { username: 'asha', displayName: 'Asha Admin', roles: ['admin'], languages: ['bn', 'en'], queues: [], password: 'first admin password' },
    viewport: PHONE,
    // Expected: the 401 of "who is signed in?" before signing in, and the operator's 403 below.
    ignoreConsole: /status of (401|403)/,
  });
  ({ service, page, base, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

const navLinks = () => page.locator('nav#nav a').allTextContents();

it('an admin creates an operator, who then cannot reach the admin pages', async () => {
  await page.goto(`${base}/console`);
  await page.locator('form.sign-in').waitFor();
  expect(page.url()).toBe(`${base}/console/`);

  // The admin signs in and sees the admin screens.
  await signInOnPage(page, 'asha', 'first admin password');
  await expect(page.getByRole('heading', { name: 'Welcome, Asha Admin' }).waitFor()).resolves.toBeUndefined();
  expect(await navLinks()).toEqual(expect.arrayContaining(['Home', 'Accounts', 'Audit log']));

  // …creates an operator.
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.locator('li[data-username="asha"]').waitFor();
  await page.getByRole('button', { name: 'New account' }).click();
  const form = page.locator('form[aria-label="New account"]');
  await form.locator('input[name=username]').fill('Ravi');
  await form.locator('input[name=displayName]').fill('Ravi Kumar');
  await form.getByLabel('Operator').check();
  await form.getByLabel('हिन्दी').check();
  await form.locator('input[name=queues]').fill('triage, beds');
  await form.locator('input[name=password]').fill('operator password 1');
  await form.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Account ravi created.').waitFor();
  const row = page.locator('li[data-username="ravi"]');
  await expect(row.textContent()).resolves.toMatch(/Ravi Kumar.*ravi.*Active.*Operator.*हिन्दी.*Queues: triage, beds/);

  // …and signs out.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  expect(await page.locator('nav#nav').isVisible()).toBe(false);

  // The operator signs in: no admin screens in the navigation (other modules may add operator ones).
  await signInOnPage(page, 'ravi', 'operator password 1');
  await page.getByRole('heading', { name: 'Welcome, Ravi Kumar' }).waitFor();
  const operatorNav = await navLinks();
  expect(operatorNav[0]).toBe('Home');
  expect(operatorNav).not.toContain('Accounts');
  expect(operatorNav).not.toContain('Audit log');
  expect(operatorNav).toHaveLength(service.console.nav.for(['operator']).length);

  // Opening the accounts page by its address: the page says no, and so does the API.
  await page.goto(`${base}/console/#/accounts`);
  await page.getByRole('heading', { name: 'No access' }).waitFor();
  await expect(page.locator('main').textContent()).resolves.toContain('You do not have access to this page.');
  expect(await page.locator('li[data-username]').count()).toBe(0);
  const api = await page.evaluate(async () => {
    const res = await fetch('/api/admin/accounts', { credentials: 'same-origin' });
    return { status: res.status, body: await res.text() };
  });
  expect(api.status).toBe(403);
  expect(api.body).not.toContain('asha');

  // Left alone longer than the idle timeout, the page clears itself and asks to sign in again.
  await page.clock.install();
  await page.goto(`${base}/console/#/home`);
  await page.reload();
  await page.getByRole('heading', { name: 'Welcome, Ravi Kumar' }).waitFor();
  await page.clock.fastForward(31 * 60_000);
  await page.getByText('Your session has ended. Please sign in again.').waitFor();
  expect(await page.getByText('Ravi Kumar').count()).toBe(0);

  // The operator's own sign-in and the admin's work are in the audit log.
  const entries = await service.core.store.audit.list({ limit: 10 });
  expect(entries.map((e) => e.action)).toEqual(['auth.signed_in', 'auth.signed_out', 'account.created', 'auth.signed_in', 'account.created']);
  expect(problems).toEqual([]);
}, 60_000);

it('a sign-in refused for a few seconds (others being checked at that moment) says seconds, not minutes of failed attempts', async () => {
  await page.goto(`${base}/console/#/home`);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) await signOut.click();
  await page.locator('form.sign-in').waitFor();
  // As the server answers a sign-in past its in-flight cap (src/console/throttle.ts).
  await page.route('**/api/console/session', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 429, headers: { 'Retry-After': '2', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'busy', message: 'Too many sign-ins at once: try again in a few seconds.' } }) })
      : route.continue(),
  );
  await signInOnPage(page, 'asha', 'first admin password');
  await page.getByText('Too many sign-ins at this moment. Try again in 2 second(s).').waitFor();
  expect(await page.getByText('Too many failed attempts').count()).toBe(0);
  await page.unroute('**/api/console/session');
  // The browser reports the 429 it was given; nothing else went wrong.
  expect(problems.filter((p) => !/status of 429/.test(p))).toEqual([]);
}, 60_000);
