/**
 * Every string a patient sees, in three languages, from locales/<lng>/<file>.json
 * through i18next. The key of a string is its file name, then its path inside
 * the file: `common.invalid.number` is `{ "invalid": { "number": ... } }` in
 * locales/<lng>/common.json.
 *
 * The engine never sees i18next: it gets message keys out of flows and the
 * router renders them with `t`. Files are read synchronously once, at start-up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { LANGUAGES, type Language } from '../engine/flow';
import { placeholders } from './placeholders';

export interface Translator {
  readonly languages: readonly Language[];
  /** The string in `lng` (else English, else the key itself) with {{placeholders}} filled. */
  t(key: string, lng: Language, params?: Record<string, string | number>): string;
  /** true when `lng` itself has a non-empty string at `key` (no fallback). */
  has(key: string, lng: Language): boolean;
  /**
   * The {{placeholders}} the string at `key` in `lng` needs filled, plural forms
   * (`key_one`, `key_other`) included; [] when it has none or is absent.
   */
  placeholders(key: string, lng: Language): string[];
  /** The raw string in every language that has it, for matching answers in any language. */
  texts(key: string): Partial<Record<Language, string>>;
  /** A list of strings at `key` in `lng` (word lists in commands.json, words.json); [] when absent. */
  words(key: string, lng: Language): string[];
  /** Every leaf key in `lng`: strings and lists (a list is one leaf). */
  keys(lng: Language): string[];
}

/** Everything goes in one namespace: the file name is the first part of the key instead. */
const NS = 'translation';

export type LocaleTree = { [key: string]: unknown };

/** locales/<lng>/*.json for each language, as one tree per language keyed by file name. */
export function readLocales(localesDir: string): Record<Language, LocaleTree> {
  if (!isDir(localesDir)) throw new Error(`Sahay: locales folder not found: ${localesDir}`);
  const out = { bn: {}, hi: {}, en: {} } as Record<Language, LocaleTree>;
  for (const lng of LANGUAGES) {
    const dir = join(localesDir, lng);
    if (!isDir(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const path = join(dir, file);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new Error(`Sahay: cannot read locale file ${path}: ${(err as Error).message}`);
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new Error(`Sahay: locale file ${path} must hold a JSON object`);
      }
      out[lng][basename(file, '.json')] = data;
    }
  }
  return out;
}

export function createTranslator(localesDir: string): Translator {
  const trees = readLocales(localesDir);
  const inst: i18n = i18next.createInstance();
  // With `resources` given and initAsync false, init finishes before it returns.
  void inst.init({
    initAsync: false,
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { [NS]: trees[l] }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: [NS],
    defaultNS: NS,
    keySeparator: '.',
    // Message keys never name a namespace; a ':' in a key is just a character.
    nsSeparator: false,
    // Chat text, not HTML: "<" and "&" must reach the patient as typed.
    interpolation: { escapeValue: false },
    // An empty string is a missing translation: fall back to English.
    returnEmptyString: false,
    returnNull: false,
    // A key that names an object or list is a mistake in a flow: show the key, as for a missing one.
    returnedObjectHandler: (key: string) => key,
  });

  const leaf = (key: string, lng: Language): unknown => inst.getResource(lng, NS, key);
  const has = (key: string, lng: Language): boolean => {
    const v = leaf(key, lng);
    return typeof v === 'string' && v !== '';
  };

  const render = (key: string, lng: Language, params: Record<string, string | number> | undefined): string => {
    const opts: Record<string, unknown> = { lng, replace: params ?? {} };
    // `count` also picks a plural form (key_one / key_other) when the file has them.
    if (typeof params?.count === 'number') opts.count = params.count;
    if (!inst.exists(key, opts)) return key;
    const out: unknown = inst.t(key, opts);
    return typeof out === 'string' ? out : key;
  };
  // Rendered strings, by language, key and parameters. The strings never change after
  // start-up, the same ones are rendered turn after turn (a numbered list is a dozen
  // calls), and i18next's look-up, fallback and interpolation were the largest cost of
  // a turn after the database (bench/README.md). Bounded: emptied when full.
  const rendered = new Map<string, string>();
  // Those without parameters (most), by language then key: no combined key to build, copy and hash.
  const plain = new Map<Language, Map<string, string>>(LANGUAGES.map((l) => [l, new Map()]));

  return {
    languages: LANGUAGES,
    t(key, lng, params) {
      const ofLanguage = params === undefined ? plain.get(lng) : undefined;
      if (ofLanguage) {
        let out = ofLanguage.get(key);
        if (out === undefined) {
          out = render(key, lng, undefined);
          if (ofLanguage.size >= MAX_RENDERED) ofLanguage.clear();
          ofLanguage.set(key, out);
        }
        return out;
      }
      const id = cacheKey(key, lng, params);
      if (id === null) return render(key, lng, params);
      let out = rendered.get(id);
      if (out === undefined) {
        out = render(key, lng, params);
        if (rendered.size >= MAX_RENDERED) rendered.clear();
        rendered.set(id, out);
      }
      return out;
    },
    has,
    placeholders(key, lng) {
      const forms = [key, ...PLURAL_SUFFIXES.map((s) => `${key}_${s}`)].map((k) => leaf(k, lng));
      return [...new Set(forms.flatMap((v) => (typeof v === 'string' ? placeholders(v) : [])))].sort();
    },
    texts(key) {
      const out: Partial<Record<Language, string>> = {};
      for (const l of LANGUAGES) {
        const v = leaf(key, l);
        if (typeof v === 'string' && v !== '') out[l] = v;
      }
      return out;
    },
    words(key, lng) {
      const v = leaf(key, lng);
      return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string' && w !== '') : [];
    },
    keys(lng) {
      return leafKeys(trees[lng]);
    },
  };
}

const MAX_RENDERED = 5000;

/** The plural forms i18next picks from with a number `count` (Intl.PluralRules categories). */
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * Numbers and strings apart (only a number `count` picks a plural form); null for a
 * parameter of another type (the types say it cannot happen; then it is not cached).
 */
function cacheKey(key: string, lng: Language, params: Record<string, string | number> | undefined): string | null {
  let id = `${lng}\u0000${key}`;
  if (params) {
    for (const k in params) {
      const v: unknown = params[k];
      if (typeof v !== 'string' && typeof v !== 'number') return null;
      id += `\u0000${k}\u0001${typeof v === 'number' ? 'n' : 's'}${v}`;
    }
  }
  return id;
}

/** Dotted paths to every string or list in a tree. */
export function leafKeys(tree: LocaleTree, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...leafKeys(v as LocaleTree, path));
    else out.push(path);
  }
  return out;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
