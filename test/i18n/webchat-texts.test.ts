/**
 * The web chat page's own texts (its status line, the 📍 button and its notes, the text field's
 * hint) are locale keys like every other text: locales/<lng>/webchat.json, which the locale
 * check covers, and which the page (src/http/public/chat/chat.js) asks for by key.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/engine/flow';
import { checkLocales } from '../../src/i18n/locale-check';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir, publicDir } from '../../src/paths';

const script = readFileSync(join(publicDir, 'chat', 'chat.js'), 'utf8');

/** The keys chat.js asks for: pageText('location.denied'), pageText('location.' + key) with its keys, setStatus('busy'). */
function keysOfPage(): string[] {
  const literal = [...script.matchAll(/pageText\('([a-z_.]+)'\)/g)].map((m) => m[1]!);
  const status = [...script.matchAll(/setStatus\('([a-z_]+)'\)/g)].map((m) => `status.${m[1]}`);
  const refusals = [...script.matchAll(/'(denied|timeout|unavailable)'/g)].map((m) => `location.${m[1]}`);
  return [...new Set([...literal, ...status, ...refusals])].sort();
}

describe('the web chat page texts', () => {
  it('every key the page asks for is a text of webchat.json in bn, hi and en', () => {
    const keys = keysOfPage();
    expect(keys).toEqual(
      expect.arrayContaining(['composer.placeholder', 'location.button', 'location.denied', 'location.shared', 'location.timeout', 'location.unavailable', 'status.busy', 'status.connecting', 'status.offline']),
    );
    const tr = createTranslator(localesDir);
    for (const lng of LANGUAGES) for (const key of keys) expect([lng, key, tr.has(`webchat.${key}`, lng)]).toEqual([lng, key, true]);
  });

  it('the locale check covers them: a text missing or empty in one language is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-webchat-texts-'));
    try {
      cpSync(localesDir, dir, { recursive: true });
      const file = join(dir, 'hi', 'webchat.json');
      const hi = JSON.parse(readFileSync(file, 'utf8')) as { location: Record<string, string>; status: Record<string, string> };
      delete hi.location.timeout;
      hi.status.busy = ' ';
      writeFileSync(file, JSON.stringify(hi));
      expect(checkLocales(dir)).toEqual(['hi: webchat.location.timeout is missing', 'hi: webchat.status.busy is empty or not text']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
