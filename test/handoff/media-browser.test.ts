/**
 * A patient's photo in the console, in a real browser (Debian's Chromium, headless,
 * playwright-core) against the real service: a WhatsApp patient (fake whatsapp-web.js
 * client) asks for a doctor and sends a photo and a document; in the conversation view
 * each shows its placeholder with an "Open image" / "Open document" link, and the image
 * link opens the photo in a new tab with the doctor's own session.
 *
 * Needs /usr/bin/chromium or CHROMIUM_PATH (test/support/browser.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { WhatsAppChannel } from '../../src/channels/whatsapp/whatsapp-channel';
import type { RunningService } from '../../src/main';
import { harness } from '../channels/whatsapp/support';
import { desksAlwaysOpen, MEERA } from './support';
import { closeConsoleBrowser, signInOnPage, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';
import { askForDoctor, say } from '../support/patient';

const JID = '919800000777@c.us';
const PHOTO = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');

let running: ConsoleBrowser | undefined;
let service: RunningService;
let whatsapp: WhatsAppChannel | undefined;
let browser: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  running = await startConsoleBrowser({ tmpPrefix: 'sahay-media-browser-', config: desksAlwaysOpen, account: MEERA, timeout: 10_000 });
  ({ service, browser, page, problems } = running);
  // The test config has WhatsApp off: a stand-in (fake whatsapp-web.js client) is attached to the running service instead.
  const wa = harness({ restartMinMs: 100, restartMaxMs: 100 });
  whatsapp = wa.channel;
  service.core.channels.set('whatsapp', whatsapp);
  await wa.start(async (m) => void (await service.core.router.handle(m)));
  wa.client().link();
  wa.client().media.set(`false_${JID}_3EB0PHOTO`, { mimetype: 'image/gif', data: PHOTO.toString('base64') });
}, 60_000);

afterAll(async () => {
  await whatsapp?.stop();
  await closeConsoleBrowser(running);
});

it('shows media lines with a link that opens the file in a new tab', async () => {
  const ticket = await askForDoctor(service.core, 'whatsapp', JID);
  await say(service.core, 'whatsapp', JID, { kind: 'media', mediaType: 'image', ref: `false_${JID}_3EB0PHOTO`, caption: 'my rash' });
  await say(service.core, 'whatsapp', JID, { kind: 'media', mediaType: 'document', ref: `false_${JID}_3EB0DOC` });

  const base = `http://127.0.0.1:${service.port}`;
  await page.goto(`${base}/console/`);
  await signInOnPage(page, MEERA.username, MEERA.password);
  await page.getByRole('heading', { name: 'Welcome, Dr Meera Sen' }).waitFor();
  await page.goto(`${base}/console/#/handoff/${ticket.id}`);

  const photoLine = page.locator('.transcript li[data-from="patient"]', { hasText: '[image] my rash' });
  const open = photoLine.getByRole('link', { name: 'Open image' });
  await open.waitFor();
  expect(await open.getAttribute('href')).toMatch(new RegExp(`^/api/operator/tickets/${ticket.id}/media/[^/]+$`));
  expect(await open.getAttribute('target')).toBe('_blank');
  const docLink = page.locator('.transcript li[data-from="patient"]', { hasText: '[document]' }).getByRole('link', { name: 'Open document' });
  await docLink.waitFor();

  const [tab, response] = await Promise.all([browser.waitForEvent('page'), browser.waitForEvent('response', (r) => r.url().includes('/media/')), open.click()]);
  expect([response.status(), response.headers()['content-type'], response.headers()['cache-control']]).toEqual([200, 'image/gif', 'no-store']);
  expect(Buffer.from(await response.body()).equals(PHOTO)).toBe(true);
  await tab.close();
  expect(problems).toEqual([]);
}, 60_000);
