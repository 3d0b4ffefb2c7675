/**
 * Smoke test of the REAL client: whatsapp-web.js on Debian's Chromium (the same
 * code path as production: createChromiumClient → WhatsAppChannel), offline.
 * It must fail cleanly within its timeout — a stalled network, an unresolvable
 * name, a browser that crashes — and afterwards no Chromium process it started
 * may be running: every process of the browser's tree is recorded by pid and
 * start time while it runs and checked after.
 *
 * No network: Chromium's proxy is a local socket that never answers (a stalled
 * network), or every host name fails to resolve.
 *
 * Chromium must be installed (`apt-get install -y chromium`); the test fails,
 * never skips, without it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChromiumClient, type ChromiumClient } from '../../../src/channels/whatsapp/chromium-client';
import type { DownReason, LinkStatus } from '../../../src/channels/whatsapp/link';
import { isRunning, listProcesses, processTree, processesUsingFolder, type ProcInfo } from '../../../src/channels/whatsapp/process-tree';
import { createUserRef } from '../../../src/channels/whatsapp/user-ref';
import { WhatsAppChannel } from '../../../src/channels/whatsapp/whatsapp-channel';
import { silentLogger } from '../../../src/log';

const CHROMIUM = process.env.WHATSAPP_CHROMIUM_PATH || '/usr/bin/chromium';

jest.setTimeout(30_000);

const dirs: string[] = [];
/** Stopped after each test, whatever its assertions did: no timer or browser outlives it. */
const channels: WhatsAppChannel[] = [];
let stall: { server: Server; port: number; sockets: Set<Socket> };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. The WhatsApp smoke test drives the real browser: install it with \`apt-get install -y chromium\` (or set WHATSAPP_CHROMIUM_PATH).`);
  }
  // A "network" that accepts connections and never answers: page loads hang for ever.
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stall = { server, port: (server.address() as AddressInfo).port, sockets };
});

afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  if (stall) {
    for (const s of stall.sockets) s.destroy();
    await new Promise((resolve) => stall.server.close(resolve));
  }
  // Whatever happened above, nothing may still run on the test profiles.
  const left = dirs.flatMap((d) => processesUsingFolder(d));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  expect(left.map((p) => `${p.pid} ${p.args[0]}`)).toEqual([]);
});

interface Run {
  channel: WhatsAppChannel;
  clients: ChromiumClient[];
  dataDir: string;
  startedAt: number;
}

function run(opts: { network: 'stalled' | 'no-dns'; initTimeoutMs: number }): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'sahay-wa-smoke-'));
  dirs.push(dataDir);
  const offline =
    opts.network === 'stalled'
      ? [`--proxy-server=http://127.0.0.1:${stall.port}`, '--proxy-bypass-list=<-loopback>']
      : ['--host-resolver-rules=MAP * ~NOTFOUND'];
  const clients: ChromiumClient[] = [];
  const channel = new WhatsAppChannel({
    factory: () => {
      const c = createChromiumClient({ dataDir, chromiumPath: CHROMIUM, chromiumArgs: offline, log: silentLogger });
      clients.push(c);
      return c;
    },
    log: silentLogger,
    userRef: createUserRef('smoke-test-secret-0123456789'),
    pacing: { gapMs: 0, jitterMs: 0, perMinute: 100 },
    initTimeoutMs: opts.initTimeoutMs,
    // One attempt per test: the restart is planned, never reached.
    restartMinMs: 10 * 60_000,
    restartMaxMs: 10 * 60_000,
    destroyTimeoutMs: 3000,
    healthCheckMs: 0,
  });
  channels.push(channel);
  return { channel, clients, dataDir, startedAt: Date.now() };
}

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The browser's whole tree (and anything on its profile), recorded while it runs. */
function snapshot(r: Run): ProcInfo[] {
  const pid = r.clients[0]?.browserPid();
  if (!pid) return [];
  const procs = listProcesses();
  const all = new Map<number, ProcInfo>();
  for (const p of [...processTree(pid, procs), ...processesUsingFolder(r.dataDir, procs)]) all.set(p.pid, p);
  return [...all.values()];
}

/** Failed and torn down: the restart is planned only once the teardown has finished. */
function tornDown(r: Run, reason?: DownReason): Promise<LinkStatus> {
  return until(
    'the client to fail and be torn down',
    () => {
      const s = r.channel.link.status();
      return s.state === 'disconnected' && s.nextAttemptAt !== null && (!reason || s.reason === reason) && s;
    },
    25_000,
  );
}

function stillRunning(procs: ProcInfo[]): string[] {
  return procs.filter((p) => isRunning(p.pid, p.startTime)).map((p) => `${p.pid} ${p.args.slice(0, 2).join(' ')}`);
}

// Long enough for a loaded machine to start Chromium and its helpers before it is given up (at
// 4 s a slow start under load was given up before the test could see the helpers running).
const STALLED_INIT_TIMEOUT_MS = 8000;

it('a stalled network: initialize() is given up at the init timeout and every Chromium process is gone', async () => {
  const r = run({ network: 'stalled', initTimeoutMs: STALLED_INIT_TIMEOUT_MS });
  await r.channel.start(async () => undefined);
  expect(r.channel.link.state).toBe('starting');

  // Chromium is up (browser, zygotes, GPU, network service, renderer) and the page load hangs.
  await until('Chromium to start', () => r.clients[0]?.browserPid(), 15_000);
  const procs = await until('Chromium to start its helper processes', () => {
    const s = snapshot(r);
    return s.length >= 3 && s;
  }, 10_000);
  expect(stillRunning(procs).length).toBe(procs.length);
  expect(r.channel.link.state).toBe('starting');

  const status = await tornDown(r);
  const elapsed = Date.now() - r.startedAt;
  expect(status).toMatchObject({ state: 'disconnected', reason: 'init_timeout' });
  expect(elapsed).toBeGreaterThanOrEqual(STALLED_INIT_TIMEOUT_MS);
  expect(elapsed).toBeLessThan(STALLED_INIT_TIMEOUT_MS + 3000 + 5000);
  expect(stillRunning(procs)).toEqual([]);
  expect(processesUsingFolder(r.dataDir)).toEqual([]);

  await r.channel.stop();
  expect(r.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'stopped' });
  expect(r.clients).toHaveLength(1);
});

it('no DNS: initialize() fails fast with the browser’s error, well within the timeout, and leaves nothing running', async () => {
  const r = run({ network: 'no-dns', initTimeoutMs: 20_000 });
  await r.channel.start(async () => undefined);
  await until('Chromium to start', () => r.clients[0]?.browserPid(), 15_000);
  const procs = snapshot(r);
  const status = await tornDown(r);
  expect(status).toMatchObject({ reason: 'init_failed', detail: expect.stringMatching(/^net::ERR_/) });
  expect(Date.now() - r.startedAt).toBeLessThan(15_000);
  expect(procs.length).toBeGreaterThan(0);
  expect(stillRunning(procs)).toEqual([]);
  await r.channel.stop();
});

it('a browser that crashes while loading is noticed at once (not at the timeout) and its helpers are killed', async () => {
  const r = run({ network: 'stalled', initTimeoutMs: 20_000 });
  await r.channel.start(async () => undefined);
  const pid = await until('Chromium to start', () => r.clients[0]?.browserPid(), 15_000);
  const procs = await until('Chromium to start its helper processes', () => {
    const s = snapshot(r);
    return s.length >= 3 && s;
  }, 10_000);
  const crashedAt = Date.now();
  process.kill(pid, 'SIGKILL'); // only the browser: its children are orphaned, as in a real crash
  const status = await tornDown(r);
  expect(['init_failed', 'browser_closed']).toContain(status.reason);
  expect(Date.now() - crashedAt).toBeLessThan(10_000);
  expect(stillRunning(procs)).toEqual([]);
  await r.channel.stop();
});

it('stop() while WhatsApp Web is still loading closes Chromium at once, and a stale profile lock does not block the next start', async () => {
  const r = run({ network: 'stalled', initTimeoutMs: 20_000 });
  await r.channel.start(async () => undefined);
  await until('Chromium to start', () => r.clients[0]?.browserPid(), 15_000);
  const procs = await until('Chromium to start its helper processes', () => {
    const s = snapshot(r);
    return s.length >= 3 && s;
  }, 10_000);
  const stopping = Date.now();
  await r.channel.stop();
  expect(Date.now() - stopping).toBeLessThan(5000);
  expect(stillRunning(procs)).toEqual([]);
  expect(r.channel.link.status()).toMatchObject({ state: 'disconnected', reason: 'stopped' });

  // The same session folder again (a restart of the service): Chromium starts on it.
  const again = new WhatsAppChannel({
    factory: () => {
      const c = createChromiumClient({ dataDir: r.dataDir, chromiumPath: CHROMIUM, chromiumArgs: ['--host-resolver-rules=MAP * ~NOTFOUND'], log: silentLogger });
      r.clients.push(c);
      return c;
    },
    log: silentLogger,
    userRef: createUserRef('smoke-test-secret-0123456789'),
    pacing: { gapMs: 0, jitterMs: 0, perMinute: 100 },
    initTimeoutMs: 20_000,
    restartMinMs: 10 * 60_000,
    restartMaxMs: 10 * 60_000,
    healthCheckMs: 0,
  });
  channels.push(again);
  await again.start(async () => undefined);
  const status = await until('the second start to fail on DNS', () => {
    const s = again.link.status();
    return s.state === 'disconnected' && s.nextAttemptAt !== null && s;
  }, 20_000);
  // It got as far as loading the page: the profile was usable.
  expect(status).toMatchObject({ reason: 'init_failed', detail: expect.stringMatching(/^net::ERR_/) });
  await again.stop();
});
