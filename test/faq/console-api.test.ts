/**
 * /api/admin/faq* on the real service: admins only, CSRF on every change,
 * every change a new version and an audit entry that names fields (never
 * their text), optimistic locking, the preview box using the bot's matcher on
 * the text being edited, and a published edit reaching the web chat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { PASSWORDS, testConfig } from '../console/harness';
import { signInToConsole, type ConsoleSession } from '../support/console-session';

let dir: string;
let service: RunningService;
let base: string;
let admin: ConsoleSession;
let operator: ConsoleSession;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-faq-api-'));
  service = await startService(testConfig(dir, { PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  base = `http://127.0.0.1:${service.port}`;
  for (const [username, role] of [['asha', 'admin'], ['ravi', 'operator']] as const) {
    await service.console.accounts.create({ username, displayName: username, roles: [role], languages: ['en'], queues: [], password: PASSWORDS[role] }, { cli: true });
  }
  admin = await signInToConsole(base, 'asha', PASSWORDS.admin);
  operator = await signInToConsole(base, 'ravi', PASSWORDS.operator);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown, who: ConsoleSession | null = admin, opts: { csrf?: boolean } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (who) headers.cookie = who.cookie;
  if (who && method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = who.csrf;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The web chat, as a patient: what the bot answers to each message. */
let msg = 0;
async function chat(user: string, text: string): Promise<string[]> {
  const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, user, channel: 'webhook', id: `m${++msg}` }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ text: string }>).map((m) => m.text);
}

async function askAsPatient(user: string, question: string): Promise<string[]> {
  await chat(user, 'Hello');
  await chat(user, 'English');
  await chat(user, 'yes');
  await chat(user, 'faq');
  return chat(user, question);
}

const lastAudit = async (action: string) => (await service.core.store.audit.list({ limit: 1, action }))[0];

it('answers only admins with a session; changes need the CSRF token', async () => {
  expect((await api('GET', '/api/admin/faq', undefined, null)).status).toBe(401);
  expect((await api('GET', '/api/admin/faq', undefined, operator)).status).toBe(403);
  expect((await api('POST', '/api/admin/faq/masks-why/withdraw', {}, admin, { csrf: false })).status).toBe(403);
  expect((await service.core.store.faq.get('masks-why'))?.published).not.toBeNull();
});

it('lists the entries with their status and the languages they lack, and searches them', async () => {
  const all = await api('GET', '/api/admin/faq');
  expect(all.status).toBe(200);
  expect(all.body.entries.length).toBeGreaterThanOrEqual(40);
  expect(all.body.entries[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), status: 'published', missing: [], latestVersion: 1 }));
  const found = await api('GET', '/api/admin/faq?q=oximeter');
  expect(found.body.entries.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['oximeter-how']));
  expect(found.body.entries.length).toBeLessThan(all.body.entries.length);
  // বয়স্ক (elderly) typed with য় as one code point (U+09DF), as some keyboards send it; stored as য + nukta.
  const composed = await api('GET', `/api/admin/faq?q=${encodeURIComponent('ব\u09DFস্ক')}`);
  const decomposed = await api('GET', `/api/admin/faq?q=${encodeURIComponent('ব\u09AF\u09BCস্ক')}`);
  expect(decomposed.body.entries.length).toBeGreaterThan(0);
  expect(composed.body.entries).toEqual(decomposed.body.entries);
});

it('creates an entry lacking a language, finds it by the missing language, and audits it', async () => {
  const content = { id: 'shops-open', topics: ['help'], questions: { en: ['Are medicine shops open during lockdown?'] }, answers: { en: 'Yes, pharmacies stay open.' }, source: 'State order', reviewed: '2021-05-01' };
  const created = await api('POST', '/api/admin/faq', { content, publish: true });
  expect(created.status).toBe(201);
  expect(created.body.entry).toMatchObject({ id: 'shops-open', status: 'published', missing: ['bn', 'hi'] });
  expect((await api('POST', '/api/admin/faq', { content, publish: true })).status).toBe(409);
  const lacking = await api('GET', '/api/admin/faq?missing=hi');
  expect(lacking.body.entries.map((e: { id: string }) => e.id)).toEqual(['shops-open']);
  const audit = await lastAudit('faq.created');
  expect(audit).toMatchObject({ targetType: 'faq', targetId: 'shops-open', details: { version: 1, published: true, languages: 'en' } });
  expect((await api('POST', '/api/admin/faq', { content: { ...content, id: 'Bad Id', answers: {} } })).body.error.details).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'content.id' }), expect.objectContaining({ path: 'content.answers' })]),
  );
});

it('saves drafts and publishes them; the web chat answers with the published text only', async () => {
  const opened = await api('GET', '/api/admin/faq/isolation-how-long');
  const content = opened.body.entry.latest.content;
  const baseVersion = opened.body.entry.latestVersion;
  const edited = { ...content, answers: { ...content.answers, en: 'Console edit: stay in isolation for the days your doctor tells you.' } };

  const draft = await api('PUT', '/api/admin/faq/isolation-how-long', { content: edited, baseVersion, publish: false });
  expect(draft.status).toBe(200);
  expect(draft.body.entry).toMatchObject({ status: 'changed', latestVersion: baseVersion + 1, publishedVersion: baseVersion });
  expect((await askAsPatient('p1', 'How long should I isolate?'))[0]).toContain('at least 7 days');

  // Someone who opened the entry before the draft was saved cannot overwrite it.
  const stale = await api('PUT', '/api/admin/faq/isolation-how-long', { content, baseVersion, basePublishedVersion: baseVersion, publish: true });
  expect(stale.status).toBe(409);
  expect(stale.body.error.details).toEqual({ latestVersion: baseVersion + 1, publishedVersion: baseVersion });
  const staleDraft = await api('PUT', '/api/admin/faq/isolation-how-long', { content, baseVersion, publish: false });
  expect(staleDraft.status).toBe(409);
  expect(staleDraft.body.error.details).toEqual({ latestVersion: baseVersion + 1 });

  const published = await api('POST', '/api/admin/faq/isolation-how-long/publish', { baseVersion: baseVersion + 1, basePublishedVersion: baseVersion });
  expect(published.body.entry).toMatchObject({ status: 'published', publishedVersion: baseVersion + 1 });
  expect((await askAsPatient('p2', 'How long should I isolate?'))[0]).toBe('Console edit: stay in isolation for the days your doctor tells you.');

  const updated = await lastAudit('faq.updated');
  expect(updated).toMatchObject({ targetId: 'isolation-how-long', details: { version: baseVersion + 1, published: false, fields: 'answers.en' } });
  expect(JSON.stringify(await service.core.store.audit.list({ limit: 50 }))).not.toContain('Console edit');
  expect(await lastAudit('faq.published')).toMatchObject({ targetId: 'isolation-how-long', details: { version: baseVersion + 1 } });
});

it('rolls back to an earlier version as a new published version, with the history kept', async () => {
  const rolled = await api('POST', '/api/admin/faq/isolation-how-long/rollback', { version: 1, baseVersion: 2, basePublishedVersion: 2 });
  expect(rolled.status).toBe(200);
  const v = rolled.body.entry.latestVersion;
  expect(rolled.body.entry).toMatchObject({ status: 'published', publishedVersion: v });
  expect(rolled.body.entry.latest).toMatchObject({ note: 'rollback:1' });
  const detail = await api('GET', '/api/admin/faq/isolation-how-long');
  // Newest first, nothing overwritten: the rollback, the console edit, the starter text.
  expect(detail.body.versions.map((x: { version: number; note: string }) => [x.version, x.note])).toEqual([
    [3, 'rollback:1'],
    [2, 'edit'],
    [1, 'starter'],
  ]);
  expect(v).toBe(3);
  expect((await askAsPatient('p3', 'How long should I isolate?'))[0]).toContain('at least 7 days');
  expect(await lastAudit('faq.rolled_back')).toMatchObject({ targetId: 'isolation-how-long', details: { to_version: 1, version: v } });
  expect((await api('GET', `/api/admin/faq/isolation-how-long/versions/1`)).body.version.content.answers.en).toContain('at least 7 days');
  expect((await api('POST', '/api/admin/faq/isolation-how-long/rollback', { version: 99, baseVersion: v, basePublishedVersion: v })).status).toBe(404);
});

it('withdraws an entry: the bot stops answering with it', async () => {
  const res = await api('POST', '/api/admin/faq/spread-myths/withdraw', { baseVersion: 1, basePublishedVersion: 1 });
  expect(res.body.entry).toMatchObject({ status: 'draft', publishedVersion: null });
  expect(await lastAudit('faq.withdrawn')).toMatchObject({ targetId: 'spread-myths', details: { was_version: 1 } });
  const answers = await askAsPatient('p4', 'Can mosquitoes spread covid?');
  expect(answers[0]).not.toContain('Mosquitoes do not spread');
});

describe('a publish, withdrawal or rollback from a page a colleague changed since', () => {
  const id = 'masks-why';
  const entryNow = async () => {
    const r = await service.core.store.faq.get(id);
    return { latestVersion: r!.latest.version, publishedVersion: r!.published?.version ?? null };
  };
  const audited = async () => (await service.core.store.audit.list({ limit: 200 })).filter((a) => a.targetId === id).length;

  it('is refused with 409 and where the entry is now, and changes nothing', async () => {
    // Asha opens the entry: version 1, published.
    const opened = (await api('GET', `/api/admin/faq/${id}`)).body.entry;
    const seen = { baseVersion: opened.latestVersion, basePublishedVersion: opened.publishedVersion };
    expect(seen).toEqual({ baseVersion: 1, basePublishedVersion: 1 });

    // A colleague corrects the answer and publishes it.
    const fixed = { ...opened.latest.content, answers: { ...opened.latest.content.answers, en: 'Corrected by a colleague: wear a well-fitting mask indoors.' } };
    expect((await api('PUT', `/api/admin/faq/${id}`, { content: fixed, baseVersion: 1, basePublishedVersion: 1, publish: true })).status).toBe(200);
    const before = await entryNow();
    const auditBefore = await audited();

    // Asha's stale page: stopping the entry would take the colleague's correction down unseen.
    const withdraw = await api('POST', `/api/admin/faq/${id}/withdraw`, seen);
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error).toMatchObject({ code: 'conflict', details: { latestVersion: 2, publishedVersion: 2 }, message: expect.stringContaining('latest version is 2, and the bot answers with version 2') });
    // Publishing version 1 (the latest she saw) would silently put the old text back.
    const publish = await api('POST', `/api/admin/faq/${id}/publish`, seen);
    expect(publish.status).toBe(409);
    expect(publish.body.error.details).toEqual({ latestVersion: 2, publishedVersion: 2 });
    const rollback = await api('POST', `/api/admin/faq/${id}/rollback`, { ...seen, version: 1 });
    expect(rollback.status).toBe(409);
    expect(rollback.body.error.details).toEqual({ latestVersion: 2, publishedVersion: 2 });

    expect(await entryNow()).toEqual(before);
    expect(await audited()).toBe(auditBefore);
    expect((await askAsPatient('p-stale', 'Why should I wear a mask?'))[0]).toBe(fixed.answers.en);
  });

  it('is refused when only the published version moved (a colleague withdrew the entry), though no version was saved', async () => {
    const opened = (await api('GET', `/api/admin/faq/${id}`)).body.entry;
    const seen = { baseVersion: opened.latestVersion, basePublishedVersion: opened.publishedVersion };
    // The colleague stops the entry: the latest version stays as it was.
    expect((await api('POST', `/api/admin/faq/${id}/withdraw`, seen)).status).toBe(200);

    const republish = await api('POST', `/api/admin/faq/${id}/publish`, seen);
    expect(republish.status).toBe(409);
    expect(republish.body.error.details).toEqual({ latestVersion: seen.baseVersion, publishedVersion: null });
    expect(await entryNow()).toEqual({ latestVersion: seen.baseVersion, publishedVersion: null });

    // From the page as it is now, the same publish goes through.
    const fresh = await api('POST', `/api/admin/faq/${id}/publish`, { baseVersion: seen.baseVersion, basePublishedVersion: null });
    expect(fresh.status).toBe(200);
    expect(fresh.body.entry).toMatchObject({ status: 'published', publishedVersion: seen.baseVersion });
  });

  it('requires the entry as the admin saw it: without it nothing can tell a stale page', async () => {
    const before = await entryNow();
    for (const [action, body] of [
      ['publish', {}],
      ['withdraw', {}],
      ['withdraw', { baseVersion: before.latestVersion }],
      ['rollback', { version: 1 }],
    ] as const) {
      expect([action, (await api('POST', `/api/admin/faq/${id}/${action}`, body)).status]).toEqual([action, 400]);
    }
    expect(await entryNow()).toEqual(before);
  });
});

describe('publishing the version the bot already answers with', () => {
  const id = 'vaccine-safety';
  const audited = async () => (await service.core.store.audit.list({ limit: 500 })).filter((a) => a.targetId === id).length;
  const stored = async () => ({ record: await service.core.store.faq.get(id), revision: await service.core.store.faq.revision() });

  it('answers "unchanged" and stores and audits nothing', async () => {
    const opened = (await api('GET', `/api/admin/faq/${id}`)).body.entry;
    expect(opened).toMatchObject({ latestVersion: 1, publishedVersion: 1 });
    const before = await stored();
    const auditBefore = await audited();

    const again = await api('POST', `/api/admin/faq/${id}/publish`, { baseVersion: 1, basePublishedVersion: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'unchanged', entry: { id, status: 'published', latestVersion: 1, publishedVersion: 1 } });
    // Named explicitly, while a newer draft waits: the live version is still the live version.
    const draft = await api('PUT', `/api/admin/faq/${id}`, { content: { ...opened.latest.content, source: 'A newer source' }, baseVersion: 1, publish: false });
    expect(draft.status).toBe(200);
    const afterDraft = await stored();
    const explicit = await api('POST', `/api/admin/faq/${id}/publish`, { baseVersion: 2, basePublishedVersion: 1, version: 1 });
    expect(explicit.body).toMatchObject({ status: 'unchanged', entry: { latestVersion: 2, publishedVersion: 1 } });

    expect(await stored()).toEqual(afterDraft);
    expect(afterDraft.record?.published).toEqual(before.record?.published);
    expect(await audited()).toBe(auditBefore + 1); // the draft's faq.updated, no faq.published

    // Publishing the draft is a change, and says so.
    const publish = await api('POST', `/api/admin/faq/${id}/publish`, { baseVersion: 2, basePublishedVersion: 1 });
    expect(publish.body).toMatchObject({ status: 'published', entry: { publishedVersion: 2 } });
    expect(await lastAudit('faq.published')).toMatchObject({ targetId: id, details: { version: 2 } });
  });
});

describe('a save that publishes, from a page a colleague changed since', () => {
  const id = 'distance';

  it('is refused with 409 when a colleague withdrew the entry, though no version was saved', async () => {
    const opened = (await api('GET', `/api/admin/faq/${id}`)).body.entry;
    const seen = { baseVersion: opened.latestVersion, basePublishedVersion: opened.publishedVersion };
    expect(seen).toEqual({ baseVersion: 1, basePublishedVersion: 1 });
    const edited = { ...opened.latest.content, answers: { ...opened.latest.content.answers, en: 'Edited on a stale page.' } };

    // A colleague stops the entry (a wrong answer, say): the latest version stays as it was.
    expect((await api('POST', `/api/admin/faq/${id}/withdraw`, seen)).status).toBe(200);
    const updatedBefore = (await service.core.store.audit.list({ limit: 500, action: 'faq.updated' })).filter((a) => a.targetId === id).length;

    const stale = await api('PUT', `/api/admin/faq/${id}`, { content: edited, ...seen, publish: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', details: { latestVersion: 1, publishedVersion: null } });
    // Without the published version it saw, a publishing save cannot tell a stale page.
    expect((await api('PUT', `/api/admin/faq/${id}`, { content: edited, baseVersion: 1, publish: true })).status).toBe(400);
    const now = await service.core.store.faq.get(id);
    expect({ latest: now!.latest.version, published: now!.published }).toEqual({ latest: 1, published: null });
    expect((await service.core.store.audit.list({ limit: 500, action: 'faq.updated' })).filter((a) => a.targetId === id).length).toBe(updatedBefore);

    // From the page as it is now, the same save goes through; a draft save needs only the latest version.
    const fresh = await api('PUT', `/api/admin/faq/${id}`, { content: edited, baseVersion: 1, basePublishedVersion: null, publish: true });
    expect(fresh.status).toBe(200);
    expect(fresh.body.entry).toMatchObject({ status: 'published', latestVersion: 2, publishedVersion: 2 });
    expect((await api('PUT', `/api/admin/faq/${id}`, { content: opened.latest.content, baseVersion: 2, publish: false })).status).toBe(200);
  });
});

it('previews what the bot would answer, with the text being edited in place of the published one', async () => {
  const opened = await api('GET', '/api/admin/faq/oximeter-how');
  const draft = { ...opened.body.entry.latest.content, answers: { ...opened.body.entry.latest.content.answers, hi: undefined, en: 'Draft oximeter text.' } };
  delete draft.answers.hi;
  const en = await api('POST', '/api/admin/faq-preview', { question: 'How do I use a pulse oximeter?', lang: 'en', draft });
  expect(en.body).toMatchObject({ outcome: 'answer', answer: { id: 'oximeter-how', lang: 'en', text: 'Draft oximeter text.' } });
  const hi = await api('POST', '/api/admin/faq-preview', { question: 'How do I use a pulse oximeter?', lang: 'hi', draft });
  expect(hi.body.answer).toEqual({ id: 'oximeter-how', lang: 'hi', text: null, available: ['bn', 'en'] });
  const none = await api('POST', '/api/admin/faq-preview', { question: 'book a train ticket', lang: 'en' });
  expect(none.body).toEqual({ outcome: 'none', candidates: expect.any(Array) });
  // Nothing was stored by previewing.
  expect((await service.core.store.faq.get('oximeter-how'))?.latest.version).toBe(1);
});

it('an answer may name the ambulance numbers as {{emergency}}, filled per patient; a misspelt placeholder is refused, named', async () => {
  const content = { id: 'snake-bite', topics: ['help'], questions: { en: ['What do I do after a snake bite?'] }, answers: { en: 'Keep still and call an ambulance ({{emergncy}}).' }, source: 'WHO', reviewed: '2026-12-07' };
  const refused = await api('POST', '/api/admin/faq', { content, publish: true });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'content.answers.en', message: expect.stringContaining('unknown placeholder {{emergncy}}') })]);
  const saved = await api('POST', '/api/admin/faq', { content: { ...content, answers: { en: 'Keep still and call an ambulance ({{emergency}}).' } }, publish: true });
  expect(saved.status).toBe(201);
  // Before a region is known: every country's numbers, never the placeholder itself.
  const said = (await askAsPatient('snake-1', 'What do I do after a snake bite?')).join('\n');
  expect(said).toContain('Keep still and call an ambulance (India: 108 (ambulance) or 112; Bangladesh, Qatar, Bahrain: 999;');
  expect(said).not.toContain('{{');
});
