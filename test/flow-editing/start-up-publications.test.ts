/**
 * What goes live when the service starts again on a store with publications:
 * "back to the shipped default" keeps following the file through later deploys;
 * published flows that call each other (an edited main_menu calling a flow made
 * in the console) are checked as one set, not one at a time; and an admin can
 * clear a skipped publication by publishing the shipped YAML.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { flowsDir as shippedFlowsDir } from '../../src/paths';
import { createTestCore, type TestCore } from '../support/core';

let dir: string;
let flowsDir: string;
let t: TestCore;
const env = () => ({ DATA_DIR: join(dir, 'data'), FLOWS_DIR: flowsDir });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-flow-start-'));
  flowsDir = join(dir, 'flows');
  cpSync(shippedFlowsDir, flowsDir, { recursive: true });
  t = await createTestCore({ env: env() });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let restarts = 0;
/** The service started again on the same data and flows folders (fresh ids, so nothing collides). */
async function restart(): Promise<Core> {
  const run = ++restarts;
  let seq = 0;
  return buildCore(loadConfig(env()), { log: silentLogger, metrics: createMetrics(), now: () => t.clock.now, newId: () => `restart-${run}-${++seq}` });
}

const read = (name: string) => readFileSync(join(flowsDir, name), 'utf8');
const live = (core: Core, id: string) => core.flows.latest(id)!.version;

it('keeps following the shipped file after "back to the shipped default": a later deploy of the file goes live', async () => {
  const shipped = live(t.core, 'help');
  const edited = read('help.yaml').replace('    end: true', '    say: common.menu_hint\n    end: true');
  const published = await t.core.flowEditor.publish('help', edited, { actorId: 'admin-1', baseVersion: shipped });
  if (published.status !== 'published') throw new Error(`not published: ${published.status}`);
  await expect(t.core.flowEditor.rollback('help', shipped, { actorId: 'admin-1', baseVersion: published.version })).resolves.toMatchObject({ status: 'published', version: shipped });
  await t.core.close();

  // A deploy changes the shipped file.
  writeFileSync(join(flowsDir, 'help.yaml'), read('help.yaml').replace('    end: true', '    say:\n      - help.text\n      - common.menu_hint\n    end: true'));
  const again = await restart();
  try {
    const deployed = again.flowEditor.check('help', read('help.yaml'));
    if (!deployed.ok) throw new Error('the deployed file does not pass the checks');
    expect(live(again, 'help')).toBe(deployed.flow.version);
    expect(live(again, 'help')).not.toBe(shipped);
    expect(again.flowEditor.skipped.size).toBe(0);
    // The console says where the live version comes from, truly.
    const summary = (await again.flowEditor.list()).find((f) => f.id === 'help');
    expect(summary).toMatchObject({ version: deployed.flow.version, origin: 'file', shippedVersion: deployed.flow.version });
  } finally {
    await again.close();
  }
});

it('shows a flow whose live version is the shipped one as from the file, however it was published', async () => {
  const shipped = live(t.core, 'help');
  const edited = read('help.yaml').replace('    end: true', '    say: common.menu_hint\n    end: true');
  const published = await t.core.flowEditor.publish('help', edited, { actorId: 'admin-1', baseVersion: shipped });
  if (published.status !== 'published') throw new Error('not published');
  expect((await t.core.flowEditor.list()).find((f) => f.id === 'help')).toMatchObject({ origin: 'store', version: published.version });
  // Publishing the shipped text again is going back to the default.
  await expect(t.core.flowEditor.publish('help', read('help.yaml'), { actorId: 'admin-1', baseVersion: published.version })).resolves.toMatchObject({ status: 'published', version: shipped });
  expect((await t.core.store.flowVersions.publications('help'))[0]).toMatchObject({ version: shipped, note: 'default' });
  expect(await t.core.flowEditor.detail('help')).toMatchObject({ origin: 'file', version: shipped, publishedBy: 'admin-1' });
});

describe('published flows that call each other', () => {
  const zeta = 'id: zeta\nspec: 1\nstart: show\nstates:\n  show:\n    say: help.text\n    end: true\n';
  const menuCallingZeta = () => read('main_menu.yaml').replace('    call: helplines\n', '    call: zeta\n');

  it('makes an edit that calls a flow made in the console live again after a restart', async () => {
    await expect(t.core.flowEditor.publish('zeta', zeta, { actorId: 'admin-1', baseVersion: null })).resolves.toMatchObject({ status: 'published' });
    const menu = await t.core.flowEditor.publish('main_menu', menuCallingZeta(), { actorId: 'admin-1', baseVersion: live(t.core, 'main_menu') });
    if (menu.status !== 'published') throw new Error(`not published: ${JSON.stringify(menu)}`);
    const zetaVersion = live(t.core, 'zeta');
    await t.core.close();

    const again = await restart();
    try {
      expect(again.flowEditor.skipped).toEqual(new Map());
      expect(live(again, 'main_menu')).toBe(menu.version);
      expect(live(again, 'zeta')).toBe(zetaVersion);
    } finally {
      await again.close();
    }
  });

  it('drops the caller too when the flow it calls no longer passes, and keeps the rest', async () => {
    await t.core.flowEditor.publish('zeta', zeta, { actorId: 'admin-1', baseVersion: null });
    const menu = await t.core.flowEditor.publish('main_menu', menuCallingZeta(), { actorId: 'admin-1', baseVersion: live(t.core, 'main_menu') });
    const help = await t.core.flowEditor.publish('help', read('help.yaml').replace('    end: true', '    say: common.menu_hint\n    end: true'), { actorId: 'admin-1', baseVersion: live(t.core, 'help') });
    if (menu.status !== 'published' || help.status !== 'published') throw new Error('not published');
    // A later version of zeta that names a message key the locales no longer have.
    const broken = { ...t.core.flows.latest('zeta')!, version: 'zeta-broken', states: { show: { say: 'help.no_such_key', end: true } } };
    await t.core.store.flowVersions.save({ flowId: 'zeta', version: 'zeta-broken', definition: broken, createdAt: t.clock.now });
    await t.core.store.flowVersions.publish({ flowId: 'zeta', version: 'zeta-broken', source: null, publishedAt: t.clock.now, actorId: null, note: 'edit' });
    const shippedMenu = (await t.core.flowEditor.list()).find((f) => f.id === 'main_menu')!.shippedVersion;
    await t.core.close();

    const again = await restart();
    try {
      expect([...again.flowEditor.skipped.keys()].sort()).toEqual(['main_menu', 'zeta']);
      expect(again.flowEditor.skipped.get('main_menu')).toEqual([expect.objectContaining({ flow: 'main_menu', message: expect.stringContaining('unknown flow "zeta"') })]);
      expect(live(again, 'main_menu')).toBe(shippedMenu);
      expect(live(again, 'help')).toBe(help.version);
    } finally {
      await again.close();
    }
  });
});

/** A publication of 'help' that fails the checks (an unknown message key), stored; the core closed. The shipped version's id. */
async function publishBrokenHelp(): Promise<string> {
  const def = t.core.flows.latest('help')!;
  const broken = { ...def, version: 'broken-1', states: { [def.start]: { say: 'help.no_such_key', end: true } } };
  await t.core.store.flowVersions.save({ flowId: 'help', version: 'broken-1', definition: broken, createdAt: t.clock.now });
  await t.core.store.flowVersions.publish({ flowId: 'help', version: 'broken-1', source: null, publishedAt: t.clock.now, actorId: null, note: 'edit' });
  const shipped = live(t.core, 'help');
  await t.core.close();
  return shipped;
}

it('lets an admin clear a skipped publication by publishing the shipped YAML, so it cannot come back', async () => {
  const shipped = await publishBrokenHelp();

  const again = await restart();
  try {
    expect(again.flowEditor.skipped.has('help')).toBe(true);
    const r = await again.flowEditor.publish('help', read('help.yaml'), { actorId: 'admin-1', baseVersion: shipped });
    expect(r).toEqual({ status: 'published', version: shipped, previous: shipped });
    expect(again.flowEditor.skipped.has('help')).toBe(false);
    expect((await again.store.flowVersions.publications('help'))[0]).toMatchObject({ version: shipped, actorId: 'admin-1' });
    // Now it is recorded, the same YAML again changes nothing.
    await expect(again.flowEditor.publish('help', read('help.yaml'), { actorId: 'admin-1', baseVersion: shipped })).resolves.toEqual({ status: 'unchanged', version: shipped });
  } finally {
    await again.close();
  }
  const third = await restart();
  try {
    expect(third.flowEditor.skipped.size).toBe(0);
    expect(live(third, 'help')).toBe(shipped);
  } finally {
    await third.close();
  }
});

it('lets an admin clear a skipped publication by rolling back to the shipped version, though it is the one running', async () => {
  const shipped = await publishBrokenHelp();

  const again = await restart();
  try {
    expect(again.flowEditor.skipped.has('help')).toBe(true);
    // The shipped version is live, but the store would skip to it only until the next start: recorded, not "unchanged".
    await expect(again.flowEditor.rollback('help', shipped, { actorId: 'admin-1', baseVersion: shipped })).resolves.toEqual({ status: 'published', version: shipped, previous: shipped });
    expect((await again.store.flowVersions.publications('help'))[0]).toMatchObject({ version: shipped, actorId: 'admin-1', note: 'default' });
    await expect(again.flowEditor.rollback('help', shipped, { actorId: 'admin-1', baseVersion: shipped })).resolves.toEqual({ status: 'unchanged', version: shipped });
  } finally {
    await again.close();
  }
});
