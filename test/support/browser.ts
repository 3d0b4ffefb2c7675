/**
 * Chromium for the browser tests (test/{console,faq,handoff,followup}/browser.test.ts),
 * launched one way in one place.
 *
 * The tests drive Debian's own Chromium (/usr/bin/chromium, `apt-get install -y chromium`;
 * scripts/test.sh installs it; CHROMIUM_PATH overrides) through playwright-core, which
 * downloads no browser of its own. The network here is closed, so the flags keep Chromium
 * from reaching out or waiting on what it cannot fetch: --disable-background-networking,
 * --disable-component-update, --disable-sync and --no-first-run; --no-sandbox because the
 * tests may run as root in a container, and --disable-gpu as there is no GPU.
 *
 * Each page collects what went wrong in it (uncaught page errors, console errors) into
 * `problems`, which a test expects to be empty; the 401 of "who is signed in?" before
 * signing in is expected and ignored by default.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'];

/** A phone's screen. */
export const PHONE = { width: 390, height: 844 };
/** A desktop screen (the default). */
export const DESKTOP = { width: 1280, height: 900 };

/** Throws, saying how to get Chromium, when it is not at CHROMIUM. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run apt-get install -y chromium (scripts/test.sh does), or set CHROMIUM_PATH`);
}

/** Headless Chromium with its profile in `profileDir`. */
export function openChromium(profileDir: string, viewport: { width: number; height: number } = DESKTOP): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, viewport, args: CHROMIUM_ARGS });
}

export interface WatchOptions {
  /** Default timeout of the page's actions; generous for a loaded CI machine. */
  timeout?: number;
  /** Console errors matching this are expected and not collected. */
  ignoreConsole?: RegExp;
  /** Prefix of the page's problems, when a test has more than one page. */
  name?: string;
}

/** Sets the page's default timeout and collects its page errors and console errors into `problems`. */
export function watchPage(page: Page, problems: string[], opts: WatchOptions = {}): Page {
  const { timeout = 15_000, ignoreConsole = /status of 401/, name } = opts;
  const prefix = name === undefined ? '' : `${name} `;
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (err) => problems.push(`${prefix}page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignoreConsole.test(msg.text())) problems.push(`${prefix}console: ${msg.text()}`);
  });
  return page;
}

/** Chromium (see openChromium) and its first page, watched (see watchPage). */
export async function launchBrowser(
  profileDir: string,
  opts: WatchOptions & { viewport?: { width: number; height: number } } = {},
): Promise<{ browser: BrowserContext; page: Page; problems: string[] }> {
  const browser = await openChromium(profileDir, opts.viewport);
  const problems: string[] = [];
  const page = watchPage(browser.pages()[0] ?? (await browser.newPage()), problems, opts);
  return { browser, page, problems };
}
