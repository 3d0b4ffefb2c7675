/**
 * The flow screen in a real browser (Debian's Chromium, headless, as the other
 * browser tests launch it) when a colleague published the flow after the admin
 * opened it: Publish says so, nothing is saved, the typed text stays, and
 * Reload shows the colleague's version, from which the admin can publish.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningService } from '../../src/main';
import { flowsDir } from '../../src/paths';
import { closeConsoleBrowser, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  running = await startConsoleBrowser({
    tmpPrefix: 'sahay-flows-browser-',
    account: { username: 'asha', displayName: 'Asha Admin', roles: ['admin'], languages: ['en'], queues: [], password: 'first admin password' },
    signIn: true,
    // The 409 of the refused publish is expected too.
    ignoreConsole: /status of (401|409)/,
  });
  ({ service, page, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

it('tells the admin a colleague published meanwhile, keeps their text, and reloads on request', async () => {
  const helpYaml = readFileSync(join(flowsDir, 'help.yaml'), 'utf8');
  await page.getByRole('link', { name: 'Flows' }).click();
  await page.locator('li[data-flow="help"] a').click();
  const yaml = page.locator('textarea[name=yaml]');
  await yaml.waitFor();

  // A colleague publishes while this screen is open.
  const colleague = await service.core.flowEditor.publish('help', helpYaml.replace('    end: true', '    say: common.menu_hint\n    end: true'), { actorId: null, baseVersion: service.core.flows.latest('help')!.version });
  if (colleague.status !== 'published') throw new Error('not published');

  const mine = helpYaml.replace('    end: true', '    say: menu.about\n    end: true');
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
