/**
 * The web chat page (/chat) in a real browser, on a network that loses frames without
 * closing the socket (a phone changing networks): Debian's Chromium, headless, driven by
 * playwright-core, against the real service on 127.0.0.1. The page's websocket is routed
 * through the test (page.routeWebSocket), which can swallow frames in either direction and
 * then drop the connection. What was lost must arrive after the page reconnects: the
 * patient's message, sent again by the page because the server never confirmed it, and the
 * bot's replies, kept pending by the server because the page never confirmed them.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; scripts/test.sh installs it) or
 * CHROMIUM_PATH.
 */
import type { BrowserContext, WebSocketRoute } from 'playwright-core';
import type { RunningService } from '../../src/main';
import { watchPage } from '../support/browser';
import { until } from '../support/until';
import { closeWebchatBrowser, startWebchatBrowser, type WebchatBrowser } from '../support/webchat-browser';

let running: WebchatBrowser | undefined;
let service: RunningService;
let browser: BrowserContext;
let base: string;
const problems: string[] = [];

beforeAll(async () => {
  running = await startWebchatBrowser('sahay-webchat-browser-');
  ({ service, browser, base } = running);
}, 60_000);

afterAll(() => closeWebchatBrowser(running));

/** The page's current connection, and what the test lets through it. */
interface Link {
  page: WebSocketRoute;
  server: WebSocketRoute;
  toServer: boolean;
  toPage: boolean;
}

it("a patient's message and the bot's replies lost on a dead connection arrive after the page reconnects", async () => {
  // Nothing the page asks for is missing: it names its icon, so not even /favicon.ico.
  const page = watchPage(browser.pages()[0] ?? (await browser.newPage()), problems, { timeout: 20_000, ignoreConsole: /status of 404/ });
  page.on('response', (res) => {
    if (res.status() === 404) problems.push(`404 for ${new URL(res.url()).pathname}`);
  });
  const links: Link[] = [];
  await page.routeWebSocket(/\/chat\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const link: Link = { page: ws, server, toServer: true, toPage: true };
    ws.onMessage((m) => link.toServer && server.send(m));
    server.onMessage((m) => link.toPage && ws.send(m));
    links.push(link);
  });
  await page.goto(`${base}/chat/`);
  const bot = page.locator('.msg.bot');
  const say = async (text: string) => {
    await page.locator('#text').fill(text);
    await page.locator('#text').press('Enter');
  };
  const pendingOf = async () => {
    const user = await page.evaluate(() => window.localStorage.getItem('sahay.webchat.user'));
    return service.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'webchat', userId: user! });
  };

  await say('hello');
  await page.getByRole('button', { name: 'English' }).waitFor();
  // Shown and confirmed by the page: nothing of the greeting is left to send.
  await until(async () => (await pendingOf()).length === 0);
  const greeting = await bot.count();

  // The network dies without a close: the page's answer never reaches the server.
  links.at(-1)!.toServer = false;
  await page.getByRole('button', { name: 'English' }).click();
  await new Promise((r) => setTimeout(r, 300));
  expect(await bot.count()).toBe(greeting);
  // Then the connection drops: the page reconnects and sends the unconfirmed answer again.
  const dead = links.at(-1)!;
  dead.server.close();
  dead.page.close();
  await page.getByRole('button', { name: 'Yes' }).waitFor();
  expect(links.length).toBe(2);
  await until(async () => (await pendingOf()).length === 0);
  const afterLanguage = await bot.count();
  expect(afterLanguage).toBeGreaterThan(greeting);

  // Now the other way: the server gets the patient's "Yes", but its replies never reach the page.
  links.at(-1)!.toPage = false;
  await page.getByRole('button', { name: 'Yes' }).click();
  // Written to the socket and not confirmed: still pending on the server (not marked sent).
  await until(async () => (await pendingOf()).length > 0, 15_000);
  expect(await bot.count()).toBe(afterLanguage);
  const lost = links.at(-1)!;
  lost.server.close();
  lost.page.close();
  // After the reconnect the replies come, once each, and are confirmed.
  await until(async () => (await bot.count()) > afterLanguage, 15_000);
  await until(async () => (await pendingOf()).length === 0, 15_000);
  const texts = await bot.allTextContents();
  expect(new Set(texts).size).toBe(texts.length);
  expect(problems).toEqual([]);
}, 90_000);

it('a message the server refuses for now (too many from this address) is kept and sent again once the wait is over', async () => {
  const page = watchPage(await browser.newPage(), problems, { timeout: 20_000 });
  let refusals = 0;
  // The first message is answered as the server's per-address limit answers it (socket-adapter.ts).
  await page.routeWebSocket(/\/chat\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type: string; id?: string };
      if (frame.type === 'message' && refusals === 0) {
        refusals++;
        ws.send(JSON.stringify({ type: 'error', code: 'too_many_requests', id: frame.id, retryAfter: 1, message: 'Too many messages from this address: try again in a minute.' }));
        return;
      }
      server.send(m);
    });
    server.onMessage((m) => ws.send(m));
  });
  await page.goto(`${base}/chat/`);
  await page.evaluate(() => window.localStorage.setItem('sahay.webchat.user', 'u-refused-once-0123456789abcdef'));
  await page.reload();
  await page.locator('#text').fill('hello');
  await page.locator('#text').press('Enter');
  await page.locator('#status', { hasText: 'Busy' }).waitFor();
  // Sent again after the second the server named, and answered; the patient's bubble is no longer pending.
  await page.getByRole('button', { name: 'English' }).waitFor({ timeout: 10_000 });
  expect(refusals).toBe(1);
  expect(await page.locator('.msg.me.pending').count()).toBe(0);
  expect(await page.locator('#status').textContent()).toBe('');
  await page.close();
  expect(problems).toEqual([]);
}, 60_000);

it('a hello the server refuses for now is sent again once the wait is over, so the socket is the patient\'s', async () => {
  const page = watchPage(await browser.newPage(), problems, { timeout: 20_000 });
  const hellos: string[] = [];
  await page.routeWebSocket(/\/chat\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type: string };
      if (frame.type === 'hello' || frame.type === 'welcome_back') {
        hellos.push(frame.type);
        // Refused as the per-address limit refuses a frame without an id (socket-adapter.ts).
        if (hellos.length === 1) return ws.send(JSON.stringify({ type: 'error', code: 'too_many_requests', retryAfter: 1, message: 'Too many messages from this address: try again in a minute.' }));
      }
      server.send(m);
    });
    server.onMessage((m) => ws.send(m));
  });
  await page.addInitScript(() => window.localStorage.setItem('sahay.webchat.user', 'u-hello-refused-0123456789abcdef'));
  await page.goto(`${base}/chat/`);
  // One page load, one socket: the second hello is the page's own, after the second the server named.
  await until(async () => hellos.length >= 2, 10_000);
  expect(hellos).toEqual(['welcome_back', 'welcome_back']);
  // Bound to the patient now: a message stored for them while the tab is open reaches the page.
  await page.locator('#text').fill('hello');
  await page.locator('#text').press('Enter');
  await page.getByRole('button', { name: 'English' }).waitFor({ timeout: 10_000 });
  await page.close();
  expect(problems).toEqual([]);
}, 60_000);
