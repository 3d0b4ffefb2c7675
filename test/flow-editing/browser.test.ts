/**
 * The flow screen in a real browser (Debian's Chromium, headless, as the other
 * browser tests launch it) when a colleague published the flow after the admin
 * opened it: Publish says so, nothing is saved, the typed text stays, and
 * Reload shows the colleague's version, from which the admin can publish.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { flowsDir } from '../../src/paths';
import { testConfig } from '../console/harness';
import { assertChromium, launchBrowser } from '../support/browser';

let dir: string;
let service: RunningService;
let browser: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  assertChromium();
  dir = mkdtempSync(join(tmpdir(), 'sahay-flows-browser-'));
  service = await startService(testConfig(join(dir, 'data'), { PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  await service.console.accounts.create({ username: 'asha', displayName: 'Asha Admin', roles: ['admin'], languages: ['en'], queues: [], password: 'first admin password' }, { cli: true });
  // The 409 of the refused publish is expected too.
  ({ browser, page, problems } = await launchBrowser(join(dir, 'profile'), { ignoreConsole: /status of (401|409)/ }));
  await page.goto(`http://127.0.0.1:${service.port}/console`);
  await page.locator('form.sign-in input[name=username]').fill('asha');
  await page.locator('form.sign-in input[name=password]').fill('first admin password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Welcome, Asha Admin' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('tells the admin a colleague published meanwhile, keeps their text, and reloads on request', async () => {
  const helpYaml = readFileSync(join(flowsDir, 'help.yaml'), 'utf8');
  await page.getByRole('link', { name: 'Flows' }).click();
  await page.locator('li[data-flow="help"] a').click();
  const yaml = page.locator('textarea[name=yaml]');
  await yaml.waitFor();

  // A colleague publishes while this screen is open.
  const colleague = await service.core.flowEditor.publish('help', helpYaml.replace('say: help.text', 'say: common.menu_hint'), { actorId: null, baseVersion: service.core.flows.latest('help')!.version });
  if (colleague.status !== 'published') throw new Error('not published');

  const mine = helpYaml.replace('say: help.text', 'say: menu.about');
  await yaml.fill(mine);
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await page.locator('.flow-errors .conflict', { hasText: `version ${colleague.version} is live now` }).waitFor();
  expect(await yaml.inputValue()).toBe(mine);
  expect(service.core.flows.latest('help')?.version).toBe(colleague.version);

  await page.locator('.flow-errors').getByRole('button', { name: 'Reload' }).click();
  await page.locator('textarea[name=yaml]', { hasText: 'common.menu_hint' }).waitFor();
  await page.locator('textarea[name=yaml]').fill(mine);
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await page.locator('.notice', { hasText: 'Published version' }).waitFor();
  expect((await service.core.store.flowVersions.publications('help'))[0]).toMatchObject({ source: mine });
  expect(problems).toEqual([]);
}, 60_000);
