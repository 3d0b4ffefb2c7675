/**
 * The set-up the console's browser tests share, in one place so they stay alike: the real
 * service (src/main.ts) on 127.0.0.1 with a temp DATA_DIR, a console account made as the
 * CLI makes the first one (no admin exists yet to make it), and Chromium launched by
 * ./browser, optionally signed in to /console. closeConsoleBrowser undoes it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Config } from '../../src/config';
import type { NewAccount } from '../../src/console/accounts';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { testConfig } from '../console/harness';
import { assertChromium, launchBrowser, type WatchOptions } from './browser';

export interface ConsoleBrowser {
  dir: string;
  service: RunningService;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: BrowserContext;
  page: Page;
  problems: string[];
}

export interface ConsoleBrowserOptions extends WatchOptions {
  /** Prefix of the temp dir, so that one left behind names its test. */
  tmpPrefix: string;
  viewport?: { width: number; height: number };
  /** Changes the service's config before it starts (e.g. desks open all day). */
  config?: (config: Config) => Config;
  account?: NewAccount;
  /** Signs `account` in during the set-up, for tests that only need to be in. */
  signIn?: boolean;
}

/** Fills in the console's sign-in form and submits it; waiting for what follows is the caller's. */
export async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.locator('form.sign-in input[name=username]').fill(username);
  await page.locator('form.sign-in input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function startConsoleBrowser(opts: ConsoleBrowserOptions): Promise<ConsoleBrowser> {
  const { tmpPrefix, config = (c: Config) => c, account, signIn, ...launch } = opts;
  assertChromium();
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  let service: RunningService | undefined;
  let browser: BrowserContext | undefined;
  try {
    service = await startService(config(testConfig(join(dir, 'data'), { PORT: '0', HOST: '127.0.0.1' })), silentLogger);
    const base = `http://127.0.0.1:${service.port}`;
    if (account) await service.console.accounts.create(account, { cli: true });
    const launched = await launchBrowser(join(dir, 'profile'), launch);
    browser = launched.browser;
    if (account && signIn) {
      await launched.page.goto(`${base}/console`);
      await signInOnPage(launched.page, account.username, account.password);
      await launched.page.getByRole('heading', { name: `Welcome, ${account.displayName}` }).waitFor();
    }
    return { dir, service, base, ...launched };
  } catch (err) {
    // The caller gets nothing to close when the set-up fails half-way.
    await closeConsoleBrowser({ dir, service, browser });
    throw err;
  }
}

/** Closes what startConsoleBrowser opened; undefined (its set-up failed) closes nothing. */
export async function closeConsoleBrowser(running: Partial<Pick<ConsoleBrowser, 'dir' | 'service' | 'browser'>> | undefined): Promise<void> {
  await running?.browser?.close();
  await running?.service?.stop();
  if (running?.dir) rmSync(running.dir, { recursive: true, force: true });
}
