/**
 * The real client: whatsapp-web.js's Client on Debian's Chromium, with the linked
 * session kept by LocalAuth under DATA_DIR/whatsapp. Only production code loads
 * this file (index.ts imports it lazily: whatsapp-web.js and puppeteer take about
 * a second to load, for nothing when WhatsApp is off).
 *
 * What it adds to whatsapp-web.js:
 * - a crashed or killed Chromium is reported as `disconnected('BROWSER_CLOSED')`
 *   (whatsapp-web.js does not notice by itself);
 * - `forceKill()`: aborts a launch in progress and SIGKILLs the browser's whole
 *   process tree, then anything else still running on our folder (the crash
 *   handler runs outside the browser's process group);
 * - before each launch, a Chromium left running on our profile by a crashed
 *   earlier run is killed and Chromium's profile lock removed (else the launch
 *   fails with "the profile appears to be in use", for ever).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, LocalAuth } from 'whatsapp-web.js';
import type { Logger } from '../../log';
import type { WhatsAppClient } from './client';
import { killTree, listProcesses, processTree, processesUsingFolder, readProc, type ProcInfo } from './process-tree';

export interface ChromiumClientOptions {
  /** DATA_DIR/whatsapp. */
  dataDir: string;
  chromiumPath: string;
  /** Added after BASE_CHROMIUM_ARGS. */
  chromiumArgs?: readonly string[];
  log: Logger;
}

/**
 * --no-sandbox: Chromium's sandbox needs user namespaces, which containers rarely allow.
 * The rest keep a headless browser quiet and small: no GPU, no background
 * downloads, updates, sync or first-run work, /tmp instead of a small /dev/shm.
 * (Not --disable-crashpad-for-testing: with it, Chromium 156 aborts every page load.)
 */
export const BASE_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad',
];

/** LocalAuth keeps the Chromium profile (the linked session) here. */
export function sessionDir(dataDir: string): string {
  return join(dataDir, 'session');
}

export function createChromiumClient(opts: ChromiumClientOptions): ChromiumClient {
  return new ChromiumClient(opts);
}

export class ChromiumClient extends Client implements WhatsAppClient {
  private readonly launch: AbortController;
  /** DATA_DIR/whatsapp, absolute: processes naming it in their arguments are ours. */
  private readonly folder: string;
  private readonly profile: string;
  private closing = false;
  /** The browser's pid and start time, once launched: what forceKill() kills. */
  private browser: ProcInfo | undefined;

  constructor(private readonly opts: ChromiumClientOptions) {
    const launch = new AbortController();
    super({
      authStrategy: new LocalAuth({ dataPath: opts.dataDir }),
      // The WhatsApp Web page cache next to the session, not in the working directory.
      webVersionCache: { type: 'local', path: join(opts.dataDir, 'web-cache') },
      puppeteer: {
        executablePath: opts.chromiumPath,
        headless: true,
        args: [...BASE_CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])],
        // Chromium's own settings and crash reports under DATA_DIR/whatsapp, not in $HOME
        // (read-only in the container); it also names its crash handler's folder, so
        // that handler — outside the browser's process group — can be found and killed.
        env: { ...process.env, XDG_CONFIG_HOME: join(opts.dataDir, 'chromium', 'config'), XDG_CACHE_HOME: join(opts.dataDir, 'chromium', 'cache') },
        // Aborting kills a browser whose launch is still in progress.
        signal: launch.signal,
        // Shutdown is ours (stop() → destroy → forceKill); puppeteer's own SIGINT
        // handler would exit the process before the store is closed.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      },
    });
    this.launch = launch;
    this.folder = resolve(opts.dataDir);
    this.profile = sessionDir(this.folder);
  }

  /** The browser's pid, once launched. */
  browserPid(): number | undefined {
    this.noteBrowser();
    return this.browser?.pid;
  }

  override async initialize(): Promise<void> {
    await this.clearStaleProfile();
    try {
      await super.initialize();
    } finally {
      this.noteBrowser();
    }
    const browser = this.pupBrowser;
    browser?.once('disconnected', () => {
      if (!this.closing) this.emit('disconnected', 'BROWSER_CLOSED');
    });
    this.pupPage?.once('error', () => {
      if (!this.closing) this.emit('disconnected', 'BROWSER_CLOSED');
    });
  }

  override async destroy(): Promise<void> {
    this.closing = true;
    this.noteBrowser();
    await super.destroy();
  }

  async forceKill(): Promise<void> {
    this.closing = true;
    this.noteBrowser();
    this.launch.abort();
    const procs = listProcesses();
    const targets = new Map<number, ProcInfo>();
    if (this.browser) for (const p of processTree(this.browser.pid, procs)) targets.set(p.pid, p);
    for (const p of processesUsingFolder(this.folder, procs)) targets.set(p.pid, p);
    // The browser itself, even where /proc cannot list it.
    if (this.browser) targets.set(this.browser.pid, this.browser);
    const left = await killTree([...targets.values()], this.browser ? { groupLeader: this.browser.pid } : {});
    if (left.length) throw new Error(`Chromium processes still running after SIGKILL: ${left.map((p) => p.pid).join(', ')}`);
  }

  /** Remember the browser process (with its start time, so a reused pid is never killed). */
  private noteBrowser(): void {
    if (this.browser) return;
    const pid = this.pupBrowser?.process()?.pid;
    if (pid) this.browser = readProc(pid) ?? { pid, ppid: process.pid, pgid: pid, state: 'S', startTime: Number.NaN, args: [] };
  }

  private async clearStaleProfile(): Promise<void> {
    const stale = processesUsingFolder(this.folder);
    if (stale.length) {
      this.opts.log.warn({ pids: stale.map((p) => p.pid) }, 'killing a Chromium left running on the WhatsApp profile by an earlier run');
      await killTree(stale);
    }
    // Chromium's lock names the host and pid that held it; after a crash, or in a
    // new container with another hostname, it would refuse the profile.
    for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) rmSync(join(this.profile, f), { force: true });
  }
}
