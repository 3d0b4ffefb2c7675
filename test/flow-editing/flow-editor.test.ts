/**
 * Admin-edited flows: the same checks as `sahay flows check` with the line of
 * each error, publishing a version into the store, rolling back, start-up
 * picking up what was published — and a conversation in progress keeping the
 * version it started on, through the real router.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { flowsDir } from '../../src/paths';
import { createTestCore, type TestCore } from '../support/core';
import { RecordingChannel } from '../support/recording-channel';

const shippedFaq = readFileSync(join(flowsDir, 'faq.yaml'), 'utf8');
const shippedFaqAnswer = readFileSync(join(flowsDir, 'faq_answer.yaml'), 'utf8');
/** The FAQ flow with its "anything else?" question replaced by the first question again. */
const editedFaq = shippedFaq.replace(/(  more:\n    ask: )faq\.ask_more/, '$1faq.ask');

let dir: string;
let t: TestCore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-flow-edit-'));
  t = await createTestCore({ env: { DATA_DIR: dir } });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('accepts the shipped file and draws it', () => {
    const r = t.core.flowEditor.check('faq', shippedFaq);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.mermaid).toMatch(/^stateDiagram-v2\n {2}\[\*\] --> ask\n/);
  });

  it('refuses a number question asking for a reading that words.json does not name, at its line', () => {
    const triage = readFileSync(join(flowsDir, 'triage.yaml'), 'utf8');
    const broken = triage.replace('reading: spo2', 'reading: sp02');
    const r = t.core.flowEditor.check('triage', broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ line: broken.split('\n').findIndex((l) => l.includes('reading: sp02')) + 1, state: 'spo2', field: 'expect.number.reading', message: expect.stringContaining('unknown reading "sp02" (did you mean "spo2"?)') }),
    ]);
  });

  it('names the line, state and field of each error, as `sahay flows check` does', () => {
    const broken = shippedFaqAnswer.replace('    next: pick_courtesy\n', '    next: pick_courtsy\n').replace('key: faq.ask_pick', 'key: faq.ask_pik').replace('  pick:\n', '  pick:\n    colour: red\n');
    const r = t.core.flowEditor.check('faq_answer', broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lineIn = (yaml: string, text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;
    const lineOf = (text: string) => lineIn(broken, text);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineOf('colour: red'), state: 'pick', field: 'colour', message: expect.stringContaining('unknown field "colour"') }),
      ]),
    );
    const fixedSchema = broken.replace('    colour: red\n', '');
    const r2 = t.core.flowEditor.check('faq_answer', fixedSchema);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineIn(fixedSchema, 'next: pick_courtsy'), state: 'pick', field: 'next', message: 'unknown state "pick_courtsy" (did you mean "pick_courtesy"?)' }),
        expect.objectContaining({ line: lineIn(fixedSchema, 'key: faq.ask_pik'), state: 'pick', field: 'ask.key', message: 'message key "faq.ask_pik" is missing in bn' }),
      ]),
    );
  });

  it('reports YAML syntax errors with their line, and refuses to change the id', () => {
    const r = t.core.flowEditor.check('faq', 'id: faq\nspec: 1\nstates: [\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^YAML: /) });
    const renamed = t.core.flowEditor.check('faq', shippedFaq.replace('id: faq', 'id: faq2'));
    expect(renamed.ok).toBe(false);
    if (!renamed.ok) expect(renamed.errors).toEqual([expect.objectContaining({ field: 'id', message: expect.stringContaining('must stay "faq"') })]);
  });

  it('checks the edit with every other flow as it runs: a call to a flow that does not exist is refused', () => {
    const menu = readFileSync(join(flowsDir, 'main_menu.yaml'), 'utf8').replace('    call: faq\n', '    call: faqs\n');
    const r = t.core.flowEditor.check('main_menu', menu);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ state: 'faq', field: 'call', message: 'unknown flow "faqs" (did you mean "faq"?)' })]);
  });
});

describe('publish and roll back', () => {
  const atFaq = async (user: string) => {
    await t.send(user, 'Hello');
    await t.send(user, 'English');
    await t.send(user, 'yes');
    await t.send(user, { kind: 'choice', payload: 'faq' });
  };
  const lastText = (ms: Array<{ text: string }>) => ms.at(-1)?.text;
  const askMore = () => t.core.translator.t('faq.ask_more', 'en');
  const askFirst = () => t.core.translator.t('faq.ask', 'en');

  it('keeps a conversation in progress on its version; new conversations get the published one; rollback brings the old one back', async () => {
    const shippedVersion = t.core.flows.latest('faq')!.version;
    await atFaq('before'); // waiting at "ask" on the shipped version

    const res = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: shippedVersion });
    expect(res).toEqual({ status: 'published', version: expect.any(String), previous: shippedVersion });
    if (res.status !== 'published') return;
    expect(t.core.flows.latest('faq')?.version).toBe(res.version);
    await expect(t.core.store.flowVersions.publications('faq')).resolves.toEqual([
      { flowId: 'faq', version: res.version, source: editedFaq, publishedAt: t.clock.now, actorId: 'admin-1', note: 'edit' },
    ]);

    // Started before: finishes on the shipped version.
    expect(lastText(await t.send('before', 'How long should I isolate?'))).toBe(askMore());
    // Started after: the published version.
    await atFaq('after');
    expect(lastText(await t.send('after', 'How long should I isolate?'))).toBe(askFirst());

    // The same YAML again changes nothing.
    await expect(t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: res.version })).resolves.toEqual({ status: 'unchanged', version: res.version });

    await atFaq('mid-rollback'); // on the edited version
    await expect(t.core.flowEditor.rollback('faq', shippedVersion, { actorId: 'admin-2', baseVersion: res.version })).resolves.toEqual({ status: 'published', version: shippedVersion, previous: res.version });
    expect((await t.core.store.flowVersions.publications('faq'))[0]).toMatchObject({ version: shippedVersion, note: 'default', actorId: 'admin-2', source: shippedFaq });
    await atFaq('after-rollback');
    expect(lastText(await t.send('after-rollback', 'How long should I isolate?'))).toBe(askMore());
    expect(lastText(await t.send('mid-rollback', 'How long should I isolate?'))).toBe(askFirst());
    await expect(t.core.flowEditor.rollback('faq', 'nope', { actorId: null, baseVersion: shippedVersion })).resolves.toEqual({ status: 'unknown_version' });
  });

  it('stores nothing when rolled back to the version already live, and says so', async () => {
    const shippedVersion = t.core.flows.latest('faq')!.version;
    const res = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: shippedVersion });
    if (res.status !== 'published') throw new Error(`not published: ${res.status}`);
    const before = await t.core.store.flowVersions.publications('faq');
    t.clock.now += 60_000;

    await expect(t.core.flowEditor.rollback('faq', res.version, { actorId: 'admin-2', baseVersion: res.version })).resolves.toEqual({ status: 'unchanged', version: res.version });
    await expect(t.core.store.flowVersions.publications('faq')).resolves.toEqual(before);
    expect(t.core.flows.latest('faq')?.version).toBe(res.version);
  });

  it('refuses an invalid edit and stores nothing', async () => {
    const before = await t.core.store.flowVersions.list('faq');
    const res = await t.core.flowEditor.publish('faq', editedFaq.replace('    next: match\n', '    next: nowhere\n'), { actorId: 'admin-1', baseVersion: t.core.flows.latest('faq')!.version });
    expect(res.status).toBe('invalid');
    await expect(t.core.store.flowVersions.list('faq')).resolves.toEqual(before);
    await expect(t.core.store.flowVersions.publications('faq')).resolves.toEqual([]);
  });

  it('lists flows with where their live version comes from, and shows a version with its YAML and diagram', async () => {
    const res = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: t.core.flows.latest('faq')!.version });
    const list = await t.core.flowEditor.list();
    expect(list.find((f) => f.id === 'faq')).toMatchObject({ origin: 'store', publishedBy: 'admin-1' });
    expect(list.find((f) => f.id === 'help')).toMatchObject({ origin: 'file', publishedAt: null });
    const detail = await t.core.flowEditor.detail('faq');
    expect(detail?.yaml).toBe(editedFaq);
    expect(detail?.mermaid).toContain('more : ask faq.ask\n');
    expect(detail?.versions.map((v) => [v.live, v.shipped])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(res.status).toBe('published');
  });
});

/** The service started again on the same data folder (fresh ids, so nothing collides with the first run's). */
async function restart(): Promise<{ core: Core; send(user: string, text: string): Promise<Array<{ text: string }>> }> {
  let seq = 0;
  const core = await buildCore(loadConfig({ DATA_DIR: dir }), { log: silentLogger, metrics: createMetrics(), now: () => t.clock.now, newId: () => `restart-${++seq}` });
  const channel = new RecordingChannel('webchat');
  core.channels.set('webchat', channel);
  return {
    core,
    async send(user, text) {
      t.clock.now += 1000;
      await core.router.handle({ channel: 'webchat', userId: user, platformMessageId: `restart-m${++seq}`, sentAt: t.clock.now, content: { kind: 'text', text } });
      return channel.take();
    },
  };
}

describe('start-up', () => {
  it('makes the published version live again after a restart, and running conversations keep theirs', async () => {
    await t.send('u', 'Hello');
    await t.send('u', 'English');
    await t.send('u', 'yes');
    await t.send('u', { kind: 'choice', payload: 'faq' });
    const res = await t.core.flowEditor.publish('faq', editedFaq, { actorId: 'admin-1', baseVersion: t.core.flows.latest('faq')!.version });
    if (res.status !== 'published') throw new Error('not published');
    await t.core.close();

    const again = await restart();
    try {
      expect(again.core.flows.latest('faq')?.version).toBe(res.version);
      expect(again.core.flowEditor.skipped.size).toBe(0);
      // The conversation started on the shipped version before the restart still finishes on it.
      expect((await again.send('u', 'How long should I isolate?')).at(-1)?.text).toBe(again.core.translator.t('faq.ask_more', 'en'));
    } finally {
      await again.core.close();
    }
  });

  it('keeps the shipped file live when a published version no longer passes the checks', async () => {
    const def = { ...t.core.flows.latest('help')!, states: { ...t.core.flows.latest('help')!.states } };
    const broken = { ...def, version: 'broken-1', states: { ...def.states, [def.start]: { say: 'help.no_such_key', end: true } } };
    await t.core.store.flowVersions.save({ flowId: 'help', version: 'broken-1', definition: broken, createdAt: t.clock.now });
    await t.core.store.flowVersions.publish({ flowId: 'help', version: 'broken-1', source: null, publishedAt: t.clock.now, actorId: null, note: 'edit' });
    const shipped = t.core.flows.latest('help')!.version;
    await t.core.close();

    const again = await restart();
    await again.core.close();
    expect(again.core.flows.latest('help')?.version).toBe(shipped);
    expect(again.core.flowEditor.skipped.get('help')).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('"help.no_such_key" is missing') })]));
  });
});
