/**
 * The service with WHATSAPP_ENABLED: the channel is built from Config, started in
 * the background, its link state is on /readyz and /metrics, and stopping the
 * service leaves no Chromium behind. Offline: every host name fails to resolve.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { processesUsingFolder } from '../../../src/channels/whatsapp/process-tree';
import { silentLogger } from '../../../src/log';
import { startService, type RunningService } from '../../../src/main';

const CHROMIUM = process.env.WHATSAPP_CHROMIUM_PATH || '/usr/bin/chromium';

jest.setTimeout(30_000);

let dir: string;
let service: RunningService | undefined;

beforeAll(() => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install -y chromium\`.`);
  dir = mkdtempSync(join(tmpdir(), 'sahay-wa-service-'));
});

afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${service!.port}${path}`);
  return { status: res.status, text: await res.text() };
}

it('WHATSAPP_ENABLED starts the channel; its link state is on /readyz and /metrics; stop() leaves no Chromium', async () => {
  const config = loadConfig({
    DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    WHATSAPP_ENABLED: 'true',
    WHATSAPP_CHROMIUM_PATH: CHROMIUM,
    WHATSAPP_CHROMIUM_ARGS: '--host-resolver-rules="MAP * ~NOTFOUND"',
    WHATSAPP_RESTART_MIN_MS: '600000',
    WHATSAPP_RESTART_MAX_MS: '600000',
    WHATSAPP_QR_TERMINAL: 'false',
  });
  service = await startService(config, silentLogger);
  const link = service.whatsapp!.link;
  expect(service.core.channels.get('whatsapp')).toBe(service.whatsapp);

  // Not linked: the link state is on /readyz, but the service stays ready (web chat and the
  // console that shows the QR code must stay reachable).
  expect(['starting', 'disconnected']).toContain(link.state);
  const starting = await get('/readyz');
  expect(starting.status).toBe(200);
  expect(JSON.parse(starting.text)).toMatchObject({ ok: true, checks: { store: true, webchat: true, whatsapp: expect.stringMatching(/^(starting|disconnected)$/) } });
  // Still starting, or already failed (Chromium can fail that fast): either way one state is 1.
  expect((await get('/metrics')).text).toMatch(/sahay_whatsapp_link_state\{state="(starting|disconnected)"\} 1/);

  // Offline, WhatsApp Web cannot load: down, with the reason, and a restart planned.
  const deadline = Date.now() + 20_000;
  while (link.status().nextAttemptAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // The browser launched and tried to load WhatsApp Web: the error is the page's, not a launch failure.
  expect(link.status()).toMatchObject({ state: 'disconnected', reason: 'init_failed', detail: expect.stringMatching(/^net::ERR_/), restarts: 1 });
  const metrics = (await get('/metrics')).text;
  expect(metrics).toMatch(/sahay_whatsapp_link_state\{state="disconnected"\} 1/);
  expect(metrics).toMatch(/sahay_whatsapp_restarts_total\{reason="init_failed"\} 1/);

  // The session lives under DATA_DIR/whatsapp.
  expect(existsSync(join(dir, 'whatsapp', 'session'))).toBe(true);

  await service.stop();
  service = undefined;
  expect(processesUsingFolder(join(dir, 'whatsapp'))).toEqual([]);
});

it('a missing Chromium stops start-up with a line that says how to install it', () => {
  expect(() => loadConfig({ DATA_DIR: dir, WHATSAPP_ENABLED: 'yes', WHATSAPP_CHROMIUM_PATH: join(dir, 'no-chromium') })).toThrow(/WHATSAPP_CHROMIUM_PATH: .*no-chromium not found \(install Chromium: apt-get install -y chromium\)/);
});

it('WhatsApp settings: off by default, booleans in plain words, extra Chromium flags split on spaces (quotes keep them)', () => {
  const off = loadConfig({ DATA_DIR: dir });
  expect(off.whatsapp).toMatchObject({ enabled: false, chromiumPath: '/usr/bin/chromium', chromiumArgs: [], dataDir: join(dir, 'whatsapp'), qrInTerminal: true, initTimeoutMs: 120_000 });
  const on = loadConfig({
    DATA_DIR: dir,
    WHATSAPP_ENABLED: 'On',
    WHATSAPP_CHROMIUM_PATH: CHROMIUM,
    WHATSAPP_CHROMIUM_ARGS: ` --proxy-server=http://10.0.0.1:3128   --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost" --lang='bn' `,
    WHATSAPP_QR_TERMINAL: 'no',
  });
  expect(on.whatsapp).toMatchObject({ enabled: true, chromiumArgs: ['--proxy-server=http://10.0.0.1:3128', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost', '--lang=bn'], qrInTerminal: false });
  expect(() => loadConfig({ DATA_DIR: dir, WHATSAPP_ENABLED: 'maybe' })).toThrow(/WHATSAPP_ENABLED/);
  expect(() => loadConfig({ DATA_DIR: dir, WHATSAPP_RESTART_MIN_MS: '9000', WHATSAPP_RESTART_MAX_MS: '1000' })).toThrow(/WHATSAPP_RESTART_MIN_MS/);
});
