/**
 * Bengali, Hindi and English are equal: every key in any file of locales/ must
 * be in all three languages, non-empty, with the same {{placeholders}}.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/engine/flow';
import { checkLocales, placeholders } from '../../src/i18n/locale-check';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

describe('locales/', () => {
  it('has a folder for each language and the same files in each', () => {
    const files = LANGUAGES.map((l) => readdirSync(join(localesDir, l)).filter((f) => f.endsWith('.json')).sort());
    expect(files[0]?.length).toBeGreaterThan(0);
    for (const list of files) expect(list).toEqual(files[0]);
  });

  it('has every key in every language, non-empty, with the same placeholders', () => {
    expect(checkLocales(localesDir)).toEqual([]);
  });

  it('shows language names in their own script in every language', () => {
    const tr = createTranslator(localesDir);
    for (const lng of LANGUAGES) {
      expect(tr.texts('common.lang.bn')[lng]).toBe('বাংলা');
      expect(tr.texts('common.lang.hi')[lng]).toBe('हिन्दी');
      expect(tr.texts('common.lang.en')[lng]).toBe('English');
    }
  });

  it('names only words that work as commands where it tells patients what to send', () => {
    const tr = createTranslator(localesDir);
    const interp = createInterpreter(tr);
    for (const lng of LANGUAGES) {
      // "Send MENU ... or HELP" / “মেনু” … “সাহায্য”
      const hint = tr.t('common.menu_hint', lng);
      const named = [...hint.matchAll(/“([^”]+)”|"([^"]+)"|\b([A-Z]{2,})\b/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      expect(named.length).toBeGreaterThan(0);
      for (const w of named) expect([lng, w, interp.command(w)]).toEqual([lng, w, expect.any(String)]);
      // help.json lists "WORD – what it does", one a line.
      if (tr.has('help.text', lng)) {
        for (const line of tr.t('help.text', lng).split('\n')) {
          const m = /^(\S+) – /.exec(line);
          if (m?.[1]) expect([lng, m[1], interp.command(m[1])]).toEqual([lng, m[1], expect.any(String)]);
        }
      }
    }
  });

  it('maps no command word to two commands', () => {
    const tr = createTranslator(localesDir);
    const owner = new Map<string, string>();
    for (const lng of LANGUAGES) {
      for (const key of tr.keys(lng).filter((k) => k.startsWith('commands.'))) {
        for (const w of tr.words(key, lng)) {
          const form = w.toLowerCase();
          const prev = owner.get(form);
          if (prev && prev !== key) throw new Error(`"${w}" is both ${prev} and ${key}`);
          owner.set(form, key);
        }
      }
    }
  });
});

describe('checkLocales', () => {
  const problems = checkLocales(join(__dirname, 'fixtures', 'locales'));

  it('fails when a key is missing in any language', () => {
    expect(problems).toContain('bn: common.only_en is missing');
    expect(problems).toContain('hi: common.only_en is missing');
    expect(problems).toContain('bn: extra.thing is missing');
    expect(problems).toContain('hi: extra.thing is missing');
  });

  it('fails on an empty string', () => {
    expect(problems).toContain('hi: common.empty_in_hi is empty or not text');
  });

  it('fails when placeholders differ', () => {
    expect(problems).toContain('common.range: placeholders differ: en has {max, min}, hi has {maximum, min}');
  });

  it('fails when a list in one language is text in another', () => {
    expect(problems).toContain('common.list is text in bn but a list in hi, en');
  });

  it('does not complain about complete keys', () => {
    expect(problems.filter((p) => p.includes('common.yes') || p.includes('common.greet') || p.includes('beds'))).toEqual([]);
  });
});

describe('placeholders', () => {
  it('reads names, ignoring spaces and formats', () => {
    expect(placeholders('{{ min }} to {{max}}, {{count, number}} and {{min}}')).toEqual(['count', 'max', 'min']);
    expect(placeholders('none')).toEqual([]);
  });
});
