/**
 * The FAQ and flow editors in a real browser (Debian's Chromium, headless, via
 * playwright-core, launched as the console's own browser test launches it)
 * against the real service: an admin edits an answer, publishes it, and the
 * web chat (POST /api/webchat on the same server) answers with the new text;
 * the flow screen draws its diagram and shows a checked error at its line.
 */
import type { Page } from 'playwright-core';
import type { RunningService } from '../../src/main';
import { closeConsoleBrowser, startConsoleBrowser, type ConsoleBrowser } from '../support/console-browser';

let running: ConsoleBrowser | undefined;
let service: RunningService;
let page: Page;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  // Desktop screen; ignores the expected 401 of "who is signed in?" before signing in.
  running = await startConsoleBrowser({
    tmpPrefix: 'sahay-faq-browser-',
    account: { username: 'asha', displayName: 'Asha Admin', roles: ['admin'], languages: ['bn', 'en'], queues: [], password: 'first admin password' },
    signIn: true,
    // The 409 of a change refused as made from a stale page is expected too.
    ignoreConsole: /status of (401|409)/,
  });
  ({ service, page, base, problems } = running);
}, 60_000);

afterAll(() => closeConsoleBrowser(running));

let msg = 0;
async function chat(user: string, text: string): Promise<string[]> {
  const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, user, channel: 'webhook', id: `b${++msg}` }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ text: string }>).map((m) => m.text);
}

it('an admin edits an answer and publishes it; the web chat answers with the new text', async () => {
  const newText = 'Edited in the browser: isolate until your doctor says you may stop.';

  await page.getByRole('link', { name: 'FAQ' }).click();
  await page.locator('li[data-id="isolation-how-long"]').waitFor();
  expect(await page.locator('p.muted').first().textContent()).toMatch(/^\d+ entries; 0 lack a language$/);
  await page.locator('li[data-id="isolation-how-long"] a').click();

  const english = page.locator('textarea[name=answer_en]');
  await english.waitFor();
  expect(await english.inputValue()).toContain('at least 7 days');
  // The preview box answers with the text being edited, before anything is saved.
  await english.fill(newText);
  await page.getByRole('textbox', { name: 'What would the bot answer to…' }).fill('how long should I isolate');
  await page.locator('select[name=preview_lang]').selectOption('en');
  await page.locator('.preview-out blockquote.bot-answer', { hasText: newText }).waitFor();

  await page.getByRole('button', { name: 'Save and publish' }).click();
  await page.locator('.notice', { hasText: 'Saved and published as version 2.' }).waitFor();
  await page.locator('li[data-version="2"] .badge.on').waitFor();

  // A patient on the web chat of the same server.
  await chat('patient-1', 'Hello');
  await chat('patient-1', 'English');
  await chat('patient-1', 'yes');
  expect(await chat('patient-1', 'Ask a question about COVID')).toEqual([service.core.translator.t('faq.ask', 'en')]);
  const answer = await chat('patient-1', 'How long should I isolate?');
  expect(answer[0]).toBe(newText);

  const audit = await service.core.store.audit.list({ limit: 5, action: 'faq.updated' });
  expect(audit[0]).toMatchObject({ targetId: 'isolation-how-long', details: { fields: 'answers.en', published: true } });
  expect(problems).toEqual([]);
}, 60_000);

it('tells the admin a colleague changed the entry meanwhile, changes nothing, and keeps the text typed', async () => {
  await page.getByRole('link', { name: 'FAQ' }).click();
  await page.locator('li[data-id="masks-why"] a').click();
  const english = page.locator('textarea[name=answer_en]');
  await english.waitFor();
  await english.fill('Typed here, not saved yet.');

  // While the screen is open (version 1, published), a colleague saves and publishes a correction.
  const opened = (await service.core.store.faq.get('masks-why'))!;
  const corrected = { ...opened.latest.content, answers: { ...opened.latest.content.answers, en: 'A colleague’s correction.' } };
  const saved = await service.core.store.faq.save([{ content: corrected, publish: true, note: 'edit', baseVersion: 1 }], { actorId: null, at: Date.now() });
  expect(saved.status).toBe('saved');

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Stop answering with this entry' }).click();
  await page.locator('form.faq-edit p.error', { hasText: 'Someone saved this entry after you opened it' }).waitFor();
  expect(await page.locator('form.faq-edit p.error').textContent()).toContain('Version 2 · Bot answers with version 2.');
  expect(await english.inputValue()).toBe('Typed here, not saved yet.');
  expect((await service.core.store.faq.get('masks-why'))?.published?.version).toBe(2);
  expect(await service.core.store.audit.list({ limit: 5, action: 'faq.withdrawn' })).toEqual([]);
  expect(problems).toEqual([]);
}, 60_000);

it('will not put back, with "Save and publish", an entry a colleague stopped meanwhile', async () => {
  await page.getByRole('link', { name: 'FAQ' }).click();
  await page.locator('li[data-id="hand-washing"] a').click();
  const english = page.locator('textarea[name=answer_en]');
  await english.waitFor();
  await english.fill('Typed on a page a colleague has since stopped.');

  // While the screen is open (version 1, published), a colleague stops answering with the entry.
  expect(await service.core.store.faq.setPublished('hand-washing', null, Date.now())).toMatchObject({ published: null });

  await page.getByRole('button', { name: 'Save and publish' }).click();
  await page.locator('form.faq-edit p.error', { hasText: 'Someone saved this entry after you opened it' }).waitFor();
  expect(await page.locator('form.faq-edit p.error').textContent()).toContain('Version 1 · The bot does not answer with this entry.');
  expect(await english.inputValue()).toBe('Typed on a page a colleague has since stopped.');
  const now = (await service.core.store.faq.get('hand-washing'))!;
  expect({ latest: now.latest.version, published: now.published }).toEqual({ latest: 1, published: null });
  expect(problems).toEqual([]);
}, 60_000);

it('draws a flow and shows a checked error at its line', async () => {
  await page.getByRole('link', { name: 'Flows' }).click();
  await page.locator('li[data-flow="faq"] a').click();
  await page.locator('svg.flow-svg g[data-state="more"]').waitFor();
  // Every state of flows/faq.yaml is drawn.
  expect(await page.locator('svg.flow-svg g.state').count()).toBeGreaterThanOrEqual(8);

  const yaml = page.locator('textarea[name=yaml]');
  const text = await yaml.inputValue();
  const broken = text.replace('    next: match\n', '    next: matsh\n');
  await yaml.fill(broken);
  await page.getByRole('button', { name: 'Check' }).click();
  const line = broken.split('\n').findIndex((l) => l.includes('next: matsh')) + 1;
  await page.locator(`.flow-errors li[data-line="${line}"]`, { hasText: 'unknown state "matsh"' }).waitFor();
  expect(problems).toEqual([]);
}, 60_000);
