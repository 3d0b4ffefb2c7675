/**
 * The set-up the web chat page's browser tests share, in one place so they stay alike (as
 * ./console-browser does for the console's): the real service (src/main.ts) on 127.0.0.1 with a
 * temp DATA_DIR, and Chromium launched by ./browser on a phone's screen. closeWebchatBrowser
 * undoes it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { assertChromium, openChromium, PHONE } from './browser';

export interface WebchatBrowser {
  dir: string;
  service: RunningService;
  /** http://127.0.0.1:<port>; the page is at `${base}/chat/`. */
  base: string;
  browser: BrowserContext;
}

/** `tmpPrefix` names the temp dir, so that one left behind names its test. */
export async function startWebchatBrowser(tmpPrefix: string): Promise<WebchatBrowser> {
  assertChromium();
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  let service: RunningService | undefined;
  try {
    service = await startService(loadConfig({ DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1' }), silentLogger);
    const browser = await openChromium(join(dir, 'profile'), PHONE);
    return { dir, service, base: `http://127.0.0.1:${service.port}`, browser };
  } catch (err) {
    // The caller gets nothing to close when the set-up fails half-way.
    await closeWebchatBrowser({ dir, service });
    throw err;
  }
}

/** Closes what startWebchatBrowser opened; undefined (its set-up failed) closes nothing. */
export async function closeWebchatBrowser(running: Partial<WebchatBrowser> | undefined): Promise<void> {
  await running?.browser?.close();
  await running?.service?.stop();
  if (running?.dir) rmSync(running.dir, { recursive: true, force: true });
}
