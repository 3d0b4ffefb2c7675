/**
 * The console page's text: every key the page names (t('…') in its scripts,
 * data-t="…" in its HTML, the navigation labels) is in locales/<lng>/console.json.
 * That all three languages have every key is the locale completeness test's job.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { mountConsole } from '../../src/console/mount';
import { createTranslator } from '../../src/i18n/translator';
import { silentLogger } from '../../src/log';
import { localesDir, publicDir } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { testConfig } from './harness';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const pageDir = join(publicDir, 'console');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

it('has every string the page uses in console.json', () => {
  const used = new Set<string>();
  for (const file of files(pageDir)) {
    // Without comments: their examples name screens that other modules add.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/\bt\('([a-z_]+(?:\.[A-Za-z_]+)+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/data-t="([^"]+)"/g)) used.add(m[1]!);
    // Keys built from a prefix: roles.<role>, languages.<lng>, audit.<column>.
    for (const m of text.matchAll(/t\('((?:roles|languages|audit)\.)' \+/g)) used.add(`${m[1]}*`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sahay-strings-'));
  try {
    const consoleApp = mountConsole(express(), { store: createMemoryStore(), config: testConfig(dir), log: silentLogger });
    for (const s of consoleApp.nav.all()) used.add(s.label);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const tr = createTranslator(localesDir);
  const expanded = [...used].flatMap((k) =>
    k === 'roles.*' ? ['admin', 'doctor', 'operator'].map((r) => `roles.${r}`)
    : k === 'languages.*' ? ['bn', 'hi', 'en'].map((l) => `languages.${l}`)
    : k === 'audit.*' ? ['when', 'who', 'action', 'record', 'details', 'from'].map((c) => `audit.${c}`)
    : [k],
  );
  expect(expanded.length).toBeGreaterThan(60);
  expect(expanded.filter((k) => !tr.has(`console.${k}`, 'en'))).toEqual([]);
});

it('loads no script, style or font from anywhere but the console itself', () => {
  for (const file of files(pageDir)) {
    const text = readFileSync(file, 'utf8');
    expect([file, text.match(/(?:src|href)\s*=\s*["'](?:https?:)?\/\/[^"']+/g)]).toEqual([file, null]);
    expect([file, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(text)]).toEqual([file, false]);
  }
});
