/**
 * Two admins edit the same flow: the second publish (or rollback), made from
 * the version the first one replaced, is refused as a conflict naming what is
 * live now, and stores nothing — it never silently overwrites the first change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowsDir } from '../../src/paths';
import { createTestCore, type TestCore } from '../support/core';

const shippedHelp = readFileSync(join(flowsDir, 'help.yaml'), 'utf8');
const asha = shippedHelp.replace('    end: true', '    say: common.menu_hint\n    end: true');
const bimal = shippedHelp.replace('    end: true', '    say:\n      - help.text\n      - common.menu_hint\n    end: true');

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore();
});
afterEach(() => t.close());

it('refuses a publish made from a version someone replaced meanwhile, storing nothing', async () => {
  const opened = t.core.flows.latest('help')!.version; // both admins open the flow here
  const first = await t.core.flowEditor.publish('help', asha, { actorId: 'asha', baseVersion: opened });
  if (first.status !== 'published') throw new Error('not published');

  await expect(t.core.flowEditor.publish('help', bimal, { actorId: 'bimal', baseVersion: opened })).resolves.toEqual({ status: 'conflict', live: first.version });
  expect(t.core.flows.latest('help')?.version).toBe(first.version);
  expect((await t.core.store.flowVersions.publications('help')).map((p) => p.actorId)).toEqual(['asha']);

  // Reloaded, Bimal edits from what is live now.
  await expect(t.core.flowEditor.publish('help', bimal, { actorId: 'bimal', baseVersion: first.version })).resolves.toMatchObject({ status: 'published', previous: first.version });
});

it('refuses a rollback made from a version someone replaced meanwhile', async () => {
  const shipped = t.core.flows.latest('help')!.version;
  const first = await t.core.flowEditor.publish('help', asha, { actorId: 'asha', baseVersion: shipped });
  if (first.status !== 'published') throw new Error('not published');
  const second = await t.core.flowEditor.publish('help', bimal, { actorId: 'bimal', baseVersion: first.version });
  if (second.status !== 'published') throw new Error('not published');

  // Asha still sees her version live and rolls back to the shipped one.
  await expect(t.core.flowEditor.rollback('help', shipped, { actorId: 'asha', baseVersion: first.version })).resolves.toEqual({ status: 'conflict', live: second.version });
  expect(t.core.flows.latest('help')?.version).toBe(second.version);
  expect(await t.core.store.flowVersions.publications('help')).toHaveLength(2);
});

it('refuses a new flow when one of that id was made meanwhile', async () => {
  const zeta = 'id: zeta\nspec: 1\nstart: show\nstates:\n  show:\n    say: help.text\n    end: true\n';
  const made = await t.core.flowEditor.publish('zeta', zeta, { actorId: 'asha', baseVersion: null });
  expect(made).toMatchObject({ status: 'published', previous: null });
  await expect(t.core.flowEditor.publish('zeta', zeta.replace('help.text', 'common.menu_hint'), { actorId: 'bimal', baseVersion: null })).resolves.toEqual({
    status: 'conflict',
    live: t.core.flows.latest('zeta')!.version,
  });
});

it('lets only one of two simultaneous publishes from the same version through', async () => {
  const opened = t.core.flows.latest('help')!.version;
  const results = await Promise.all([
    t.core.flowEditor.publish('help', asha, { actorId: 'asha', baseVersion: opened }),
    t.core.flowEditor.publish('help', bimal, { actorId: 'bimal', baseVersion: opened }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'published']);
  expect(await t.core.store.flowVersions.publications('help')).toHaveLength(1);
});
