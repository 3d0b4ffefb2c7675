/**
 * The web chat page's 📍 button in a real browser (Debian's Chromium, headless, driven by
 * playwright-core, against the real service on 127.0.0.1 with the Kolkata and Howrah hospitals
 * of the shipped bed data): the browser's position goes to the bed search, which lists the
 * nearest hospitals; a browser that refuses the position is said so on the page, in the
 * patient's language, and nothing is sent.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; scripts/test.sh installs it) or
 * CHROMIUM_PATH.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { localesDir, projectRoot } from '../../src/paths';
import { watchPage } from '../support/browser';
import { closeWebchatBrowser, startWebchatBrowser, type WebchatBrowser } from '../support/webchat-browser';

let running: WebchatBrowser | undefined;
let browser: BrowserContext;
let base: string;
const problems: string[] = [];

beforeAll(async () => {
  running = await startWebchatBrowser('sahay-webchat-location-browser-');
  ({ browser, base } = running);
  const report = await running.service.core.beds.importFile(join(projectRoot, 'test/fixtures/beds/west-bengal-kolkata.csv'), {
    mapping: join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml'),
  });
  expect(report.errors).toEqual([]);
}, 60_000);

afterAll(() => closeWebchatBrowser(running));

afterEach(async () => {
  await browser.clearPermissions();
});

/** The page's own texts in `lng` (locales/<lng>/webchat.json). */
const pageTexts = (lng: 'en' | 'bn' | 'hi') =>
  JSON.parse(readFileSync(join(localesDir, lng, 'webchat.json'), 'utf8')) as { location: Record<string, string>; composer: Record<string, string> };

/** A page for a new patient, with the frames it sends over its websocket. */
async function newPatient(name: string): Promise<{ page: Page; sent: Array<{ type: string; lat?: number; lng?: number }> }> {
  const page = watchPage(await browser.newPage(), problems, { timeout: 20_000, name });
  const sent: Array<{ type: string }> = [];
  await page.routeWebSocket(/\/chat\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      sent.push(JSON.parse(String(m)) as { type: string });
      server.send(m);
    });
    server.onMessage((m) => ws.send(m));
  });
  await page.addInitScript((id) => window.localStorage.setItem('sahay.webchat.user', id), `u-${name}-0123456789abcdef`);
  await page.goto(`${base}/chat/`);
  // Before a reply shows the patient's language, the page's texts are in all three, from locales/.
  const inAll = (text: (lng: 'en' | 'bn' | 'hi') => string | undefined) => (['en', 'bn', 'hi'] as const).map(text).join(' · ');
  expect(await page.locator('#locate').getAttribute('aria-label')).toBe(inAll((lng) => pageTexts(lng).location.button));
  expect(await page.locator('#text').getAttribute('placeholder')).toBe(inAll((lng) => pageTexts(lng).composer.placeholder));
  await page.locator('#text').fill('hello');
  await page.locator('#text').press('Enter');
  return { page, sent };
}

const tap = (page: Page, name: string) => page.locator('#choices').getByRole('button', { name, exact: true }).click();

it('hello → English → consent → bed search → location: 📍 sends where the patient is, and the nearest hospitals are listed', async () => {
  // Kolkata: the Medical College is 0.2 km away.
  await browser.grantPermissions(['geolocation'], { origin: base });
  await browser.setGeolocation({ latitude: 22.5726, longitude: 88.3639 });
  const { page, sent } = await newPatient('shares');
  await tap(page, 'English');
  await tap(page, 'Yes');
  await tap(page, 'Find a free bed');
  await tap(page, 'Share my location');
  await page.locator('.msg.bot', { hasText: '📍 in the web chat' }).waitFor();
  // The page speaks the patient's language now: the button's name too.
  expect(await page.locator('#locate').getAttribute('aria-label')).toBe('Share my location');

  await page.locator('#locate').click();
  await page.locator('.msg.me', { hasText: '📍 Location shared' }).waitFor();
  expect(sent.filter((f) => f.type === 'location')).toEqual([expect.objectContaining({ type: 'location', lat: 22.5726, lng: 88.3639 })]);
  await tap(page, 'Any free bed');
  const answer = page.locator('.msg.bot', { hasText: 'Free beds near you' });
  await answer.waitFor();
  expect(await answer.textContent()).toMatch(/1\. Kolkata Medical College\n.*\n\s*📍 0\.2 km away/);
  await page.close();
  expect(problems).toEqual([]);
}, 90_000);

it('a browser that refuses the location: the page says so in the patient\'s language, sends nothing, and a place can be typed', async () => {
  // No permission granted: headless Chromium denies the request, as a patient's "Block" does.
  const { page, sent } = await newPatient('refuses');
  await tap(page, 'বাংলা');
  await page.locator('#choices').getByRole('button', { name: 'হ্যাঁ' }).waitFor();
  expect(await page.locator('#locate').getAttribute('aria-label')).toBe(pageTexts('bn').location.button);
  expect(await page.locator('#text').getAttribute('placeholder')).toBe('এখানে লিখুন');
  await page.locator('#locate').click();
  const note = page.locator('.msg.note');
  await note.waitFor();
  expect(await note.textContent()).toBe(
    'লোকেশনের অনুমতি দেওয়া হয়নি, তাই কোনো লোকেশন পাঠানো হয়নি। তার বদলে আপনার জেলা, শহর বা পিন কোড লিখুন (অথবা ব্রাউজারের সেটিংসে এই সাইটের জন্য লোকেশন চালু করে আবার 📍 চাপুন)।',
  );
  expect(await note.textContent()).toBe(pageTexts('bn').location.denied);
  expect(sent.some((f) => f.type === 'location')).toBe(false);
  expect(await page.locator('.msg.me', { hasText: '📍' }).count()).toBe(0);
  // The choices still stand, and the text field takes a place.
  expect(await page.locator('#choices button').count()).toBeGreaterThan(0);
  await expect(page.locator('#text').isEditable()).resolves.toBe(true);
  await page.close();
  expect(problems).toEqual([]);
}, 90_000);
