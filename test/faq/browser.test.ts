/**
 * The FAQ and flow editors in a real browser (Debian's Chromium, headless, via
 * playwright-core, launched as the console's own browser test launches it)
 * against the real service: an admin edits an answer, publishes it, and the
 * web chat (POST /api/webchat on the same server) answers with the new text;
 * the flow screen draws its diagram and shows a checked error at its line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { testConfig } from '../console/harness';
import { assertChromium, launchBrowser } from '../support/browser';

let dir: string;
let service: RunningService;
let browser: BrowserContext;
let page: Page;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  assertChromium();
  dir = mkdtempSync(join(tmpdir(), 'sahay-faq-browser-'));
  service = await startService(testConfig(join(dir, 'data'), { PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  base = `http://127.0.0.1:${service.port}`;
  await service.console.accounts.create(
    { username: 'asha', displayName: 'Asha Admin', roles: ['admin'], languages: ['bn', 'en'], queues: [], password: 'first admin password' },
    { cli: true },
  );
  // Desktop screen; ignores the expected 401 of "who is signed in?" before signing in.
  ({ browser, page, problems } = await launchBrowser(join(dir, 'profile')));
  await page.goto(`${base}/console`);
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

it('draws a flow and shows a checked error at its line', async () => {
  await page.getByRole('link', { name: 'Flows' }).click();
  await page.locator('li[data-flow="faq"] a').click();
  await page.locator('svg.flow-svg g[data-state="pick"]').waitFor();
  expect(await page.locator('svg.flow-svg g.state').count()).toBeGreaterThan(10);

  const yaml = page.locator('textarea[name=yaml]');
  const text = await yaml.inputValue();
  const broken = text.replace('    next: match\n', '    next: matsh\n');
  await yaml.fill(broken);
  await page.getByRole('button', { name: 'Check' }).click();
  const line = broken.split('\n').findIndex((l) => l.includes('next: matsh')) + 1;
  await page.locator(`.flow-errors li[data-line="${line}"]`, { hasText: 'unknown state "matsh"' }).waitFor();
  expect(problems).toEqual([]);
}, 60_000);
