/**
 * Several processes on one store (the MongoDB setup runs several; here two
 * cores on one SQLite file): a flow published in one goes live in the others
 * once they look at the store's publications again — at once on `refresh()`,
 * soon after on the `follow()` timer — and a publish made from a version
 * another process replaced is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { flowsDir } from '../../src/paths';
import { createTestCore, type TestCore } from '../support/core';
import { until } from '../support/until';

const shippedFaq = readFileSync(join(flowsDir, 'faq.yaml'), 'utf8');
const editedFaq = shippedFaq.replace(/(  more:\n    ask: )faq\.ask_more/, '$1faq.ask');

let t: TestCore;
let other: Core;
beforeEach(async () => {
  t = await createTestCore();
  let seq = 0;
  other = await buildCore(loadConfig({ DATA_DIR: t.dir }), { log: silentLogger, metrics: createMetrics(), now: () => t.clock.now, newId: () => `other-${++seq}` });
});
afterEach(async () => {
  await other.close();
  await t.close();
});

it('applies what another process published on refresh, and nothing when nothing moved', async () => {
  const shipped = t.core.flows.latest('faq')!.version;
  await expect(other.flowEditor.refresh()).resolves.toBe(false);
  const r = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: shipped });
  if (r.status !== 'published') throw new Error('not published');
  expect(other.flows.latest('faq')?.version).toBe(shipped);

  await expect(other.flowEditor.refresh()).resolves.toBe(true);
  expect(other.flows.latest('faq')?.version).toBe(r.version);
  expect((await other.flowEditor.list()).find((f) => f.id === 'faq')).toMatchObject({ origin: 'store', publishedBy: 'admin-1' });
  await expect(other.flowEditor.refresh()).resolves.toBe(false);

  // Back to the default in the first process: the second follows the file again.
  await t.core.flowEditor.rollback('faq', shipped, { actorId: 'admin-1', baseVersion: r.version });
  await other.flowEditor.refresh();
  expect(other.flows.latest('faq')?.version).toBe(shipped);
});

it('picks up another process’s publication on its own, soon after', async () => {
  const following = other.flowEditor.follow(20);
  try {
    const r = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: t.core.flows.latest('faq')!.version });
    if (r.status !== 'published') throw new Error('not published');
    await until(() => other.flows.latest('faq')?.version === r.version);
    expect(other.flows.latest('faq')?.version).toBe(r.version);
  } finally {
    following.stop();
  }
});

it('refuses a publish from a version that another process replaced, even before its timer looked', async () => {
  const shipped = t.core.flows.latest('faq')!.version;
  const r = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: shipped });
  if (r.status !== 'published') throw new Error('not published');
  const stale = shippedFaq.replace(/(  more:\n    ask: )faq\.ask_more/, '$1faq.ask_pick');
  await expect(other.flowEditor.publish('faq', stale, { actorId: 'admin-2', baseVersion: shipped })).resolves.toEqual({ status: 'conflict', live: r.version });
  expect(await t.core.store.flowVersions.publications('faq')).toHaveLength(1);
});
