import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const fixtures = join(__dirname, 'fixtures', 'locales');

describe('createTranslator (fixture locales)', () => {
  const tr = createTranslator(fixtures);

  it('is ready as soon as it returns (synchronous init)', () => {
    expect(tr.t('common.yes', 'hi')).toBe('हाँ');
  });

  it('prefixes keys with the file name', () => {
    expect(tr.t('common.nested.deep', 'bn')).toBe('গভীর');
    expect(tr.t('extra.thing', 'en')).toBe('A thing');
  });

  it('interpolates without HTML escaping', () => {
    expect(tr.t('common.greet', 'en', { name: 'Rahim & Co' })).toBe('Hello Rahim & Co <3 & welcome');
    expect(tr.t('common.range', 'bn', { min: 50, max: 100 })).toBe('50 থেকে 100');
  });

  it('picks the plural form from count', () => {
    expect(tr.t('common.beds', 'en', { count: 1 })).toBe('1 bed');
    expect(tr.t('common.beds', 'en', { count: 3 })).toBe('3 beds');
  });

  it('keeps each rendered text apart by language and parameters, in whatever order they are asked for', () => {
    const calls: Array<[string, 'en' | 'bn' | 'hi', Record<string, string | number>?]> = [
      ['common.yes', 'en'],
      ['common.yes', 'bn'],
      ['common.yes', 'hi'],
      ['common.greet', 'en', { name: 'Asha' }],
      ['common.greet', 'en', { name: 'Rahim' }],
      ['common.range', 'bn', { min: 50, max: 100 }],
      ['common.range', 'en', { min: 50, max: 100 }],
      ['common.beds', 'en', { count: 1 }],
      ['common.beds', 'en', { count: 2 }],
    ];
    const once = createTranslator(fixtures);
    const expected = calls.map(([key, lng, params]) => once.t(key, lng, params));
    expect(expected.slice(0, 5)).toEqual(['Yes', 'হ্যাঁ', 'हाँ', 'Hello Asha <3 & welcome', 'Hello Rahim <3 & welcome']);
    const again = createTranslator(fixtures);
    const indices = calls.map((_, i) => i);
    for (const order of [[...indices].reverse(), indices, indices]) {
      for (const i of order) expect(again.t(...calls[i]!)).toBe(expected[i]);
    }
  });

  it('falls back to English, then to the key', () => {
    expect(tr.t('common.only_en', 'bn')).toBe('Only in English');
    expect(tr.t('extra.thing', 'hi')).toBe('A thing');
    expect(tr.t('common.empty_in_hi', 'hi')).toBe('Not empty in English');
    expect(tr.t('common.nope', 'hi')).toBe('common.nope');
    expect(tr.t('nofile.key', 'en')).toBe('nofile.key');
  });

  it('returns the key for a key that names an object or a list', () => {
    expect(tr.t('common.nested', 'en')).toBe('common.nested');
    expect(tr.t('common.list', 'en')).toBe('common.list');
  });

  it('has: only a non-empty string in that very language', () => {
    expect(tr.has('common.yes', 'bn')).toBe(true);
    expect(tr.has('common.only_en', 'bn')).toBe(false);
    expect(tr.has('common.empty_in_hi', 'hi')).toBe(false);
    expect(tr.has('common.nested', 'en')).toBe(false);
    expect(tr.has('common.list', 'en')).toBe(false);
  });

  it('texts: the raw string in every language that has it', () => {
    expect(tr.texts('common.yes')).toEqual({ bn: 'হ্যাঁ', hi: 'हाँ', en: 'Yes' });
    expect(tr.texts('common.only_en')).toEqual({ en: 'Only in English' });
    expect(tr.texts('common.missing')).toEqual({});
  });

  it('words: a list of strings, [] when absent or not a list', () => {
    expect(tr.words('common.list', 'hi')).toEqual(['एक', 'दो']);
    expect(tr.words('common.list', 'bn')).toEqual([]);
    expect(tr.words('common.nothing', 'en')).toEqual([]);
  });

  it('keys: every leaf, lists included', () => {
    expect(tr.keys('en').sort()).toEqual(
      [
        'common.yes', 'common.greet', 'common.only_en', 'common.empty_in_hi', 'common.range',
        'common.beds_one', 'common.beds_other', 'common.nested.deep', 'common.list', 'extra.thing',
      ].sort(),
    );
  });

  it('lists the three languages', () => {
    expect(tr.languages).toEqual(['bn', 'hi', 'en']);
  });
});

describe('createTranslator (shipped locales)', () => {
  const tr = createTranslator(localesDir);

  it('serves the common strings in all three languages', () => {
    expect(tr.t('common.invalid.out_of_range', 'en', { min: 50, max: 100 })).toBe('Please send a number between 50 and 100.');
    expect(tr.t('common.invalid.out_of_range', 'hi', { min: 50, max: 100 })).toContain('50 से 100');
    expect(tr.t('common.invalid.out_of_range', 'bn', { min: 50, max: 100 })).toContain('50 থেকে 100');
    for (const lng of tr.languages) {
      expect(tr.t('common.lang.bn', lng)).toBe('বাংলা');
      expect(tr.t('common.lang.hi', lng)).toBe('हिन्दी');
      expect(tr.t('common.lang.en', lng)).toBe('English');
    }
  });

  it('reports a clear error for a missing folder or a broken file', () => {
    expect(() => createTranslator(join(fixtures, 'nowhere'))).toThrow(/locales folder not found/);
    const dir = mkdtempSync(join(tmpdir(), 'sahay-locales-'));
    try {
      mkdirSync(join(dir, 'en'));
      writeFileSync(join(dir, 'en', 'common.json'), '{ "yes": "Yes", }');
      expect(() => createTranslator(dir)).toThrow(/en[\\/]common\.json/);
      writeFileSync(join(dir, 'en', 'common.json'), '["a list"]');
      expect(() => createTranslator(dir)).toThrow(/must hold a JSON object/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
