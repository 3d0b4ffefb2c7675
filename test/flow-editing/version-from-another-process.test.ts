/**
 * Two processes on one store (two cores on one SQLite file, as in the MongoDB setup):
 * an admin publishes a flow in one, a patient starts it there, and their next message
 * reaches the other process before its timer has looked at the publications. That
 * process must go on on the version the conversation started on (read from the store),
 * not on its own latest, where the state the patient is at does not exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { createLogger, silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { flowsDir } from '../../src/paths';
import { RecordingChannel } from '../support/recording-channel';
import { createTestCore, type TestCore } from '../support/core';

// The shipped FAQ flow with its first state renamed: `ask` is `ask_q` in the published version.
const shippedFaq = readFileSync(join(flowsDir, 'faq.yaml'), 'utf8');
const renamed = shippedFaq
  .replace(/^start: ask$/m, 'start: ask_q')
  .replace(/^ {2}ask:$/m, '  ask_q:')
  .replace(/^(\s+(?:goto|next): )ask$/gm, '$1ask_q');

let t: TestCore;
let other: Core;
let otherChat: RecordingChannel;
beforeEach(async () => {
  t = await createTestCore();
  let seq = 0;
  other = await buildCore(loadConfig({ DATA_DIR: t.dir, FLOOD_MAX_MESSAGES_PER_MINUTE: '0' }), { log: silentLogger, metrics: createMetrics(), now: () => t.clock.now, newId: () => `other-${++seq}` });
  otherChat = new RecordingChannel('webchat');
  other.channels.set('webchat', otherChat);
});
afterEach(async () => {
  await other.close();
  await t.close();
});

it('goes on on the version a conversation started on in another process, before it has seen the publication', async () => {
  expect(renamed).not.toBe(shippedFaq);
  const shipped = t.core.flows.latest('faq')!.version;
  const published = await t.core.flowEditor.publish('faq', renamed, { actorId: 'admin-1', baseVersion: shipped });
  if (published.status !== 'published') throw new Error(`not published: ${JSON.stringify(published)}`);

  // The patient enters the new version in the first process (a turn the bot begins, so that the
  // path through the menu does not matter here).
  await t.send('p1', 'Hello');
  const conversation = (await t.core.store.conversations.findByUser('webchat', 'p1'))!;
  await t.core.router.startFlow(conversation.id, { id: 'enter-faq', kind: 'test', flowId: 'faq' });
  t.channels.webchat.take();
  const before = (await t.core.store.conversations.findByUser('webchat', 'p1'))!.session.stack.at(-1);
  expect(before).toMatchObject({ flow: 'faq', version: published.version, state: 'ask_q', waiting: { retries: 0 } });

  // The next message reaches the other process, which still runs the shipped version.
  expect(other.flows.latest('faq')?.version).toBe(shipped);
  expect(other.flows.get('faq', published.version)).toBeUndefined();
  t.clock.now += 1000;
  await other.router.handle({ channel: 'webchat', userId: 'p1', platformMessageId: 'o1', sentAt: t.clock.now, content: { kind: 'text', text: 'How long should I isolate?' } });

  const replies = otherChat.take().map((m) => m.text);
  expect(replies).not.toContain(t.core.translator.t('common.error', 'en'));
  const after = (await other.store.conversations.findByUser('webchat', 'p1'))!.session.stack;
  // Still in the FAQ, on its own version, past the question (the answer was read there).
  expect(after.map((f) => f.flow)).toContain('faq');
  const faqFrame = after.find((f) => f.flow === 'faq')!;
  expect(faqFrame.version).toBe(published.version);
  expect(faqFrame.state).not.toBe('ask_q');
  // Kept for the conversation only: what new conversations get changes with the publications (refresh).
  expect(other.flows.latest('faq')?.version).toBe(shipped);
});

it('reads nothing from the store for a turn whose versions are in memory', async () => {
  await other.router.handle({ channel: 'webchat', userId: 'p2', platformMessageId: 'o1', sentAt: t.clock.now, content: { kind: 'text', text: 'Hello' } });
  const get = jest.spyOn(other.store.flowVersions, 'get');
  t.clock.now += 1000;
  await other.router.handle({ channel: 'webchat', userId: 'p2', platformMessageId: 'o2', sentAt: t.clock.now, content: { kind: 'text', text: 'English' } });
  expect(otherChat.take().length).toBeGreaterThan(0);
  expect(get).not.toHaveBeenCalled();
});

it('logs a version stored nowhere (flow and version, nothing of the conversation), once, and then runs the latest', async () => {
  const lines: string[] = [];
  const logged = await createTestCore({ log: createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }) });
  try {
    await expect(logged.core.flows.load('faq', '0123456789ab')).resolves.toBe(false);
    await expect(logged.core.flows.load('faq', '0123456789ab')).resolves.toBe(false);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.flow === 'faq');
    expect(warnings).toEqual([expect.objectContaining({ flow: 'faq', version: '0123456789ab', msg: expect.stringContaining('stored nowhere') })]);
    // A version that is stored is found, and kept without becoming the latest.
    const shipped = logged.core.flows.latest('faq')!.version;
    const published = await t.core.flowEditor.publish('faq', renamed, { actorId: 'admin-1', baseVersion: t.core.flows.latest('faq')!.version });
    if (published.status !== 'published') throw new Error('not published');
    await expect(other.flows.load('faq', published.version)).resolves.toBe(true);
    expect(other.flows.get('faq', published.version)?.start).toBe('ask_q');
    expect(other.flows.latest('faq')?.version).toBe(shipped);
  } finally {
    await logged.close();
  }
});
