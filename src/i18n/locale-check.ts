/**
 * Bengali, Hindi and English are equal: a string that exists in one language
 * must exist in all three, with the same {{placeholders}}. This check runs in
 * the test suite (test/i18n/locale-completeness.test.ts) over every file in
 * locales/, and can run before an admin's edit is saved.
 */
import { LANGUAGES, type Language } from '../engine/flow';
import { placeholders } from './placeholders';
import { leafKeys, readLocales, type LocaleTree } from './translator';

export { placeholders };

/** Every problem in the locale files of a folder, one readable line each; [] when complete. */
export function checkLocales(localesDir: string): string[] {
  return checkLocaleTrees(readLocales(localesDir));
}

export function checkLocaleTrees(trees: Record<Language, LocaleTree>): string[] {
  const problems: string[] = [];
  const allKeys = new Set(LANGUAGES.flatMap((l) => leafKeys(trees[l])));
  for (const key of [...allKeys].sort()) {
    const values = LANGUAGES.map((l) => [l, valueAt(trees[l], key)] as const);
    for (const [lng, v] of values) {
      if (v === undefined) problems.push(`${lng}: ${key} is missing`);
      else if (!isNonEmpty(v)) problems.push(`${lng}: ${key} is empty or not text`);
    }
    const strings = values.filter((e): e is readonly [Language, string] => typeof e[1] === 'string');
    const lists = values.filter(([, v]) => Array.isArray(v));
    if (strings.length > 0 && lists.length > 0) {
      problems.push(`${key} is text in ${strings.map(([l]) => l).join(', ')} but a list in ${lists.map(([l]) => l).join(', ')}`);
    }
    // English is where new strings are written first: compare the others with it.
    const first = strings.find(([l]) => l === 'en') ?? strings[0];
    if (!first) continue;
    const expected = placeholders(first[1]).join(', ');
    for (const [lng, text] of strings) {
      if (lng === first[0]) continue;
      const got = placeholders(text).join(', ');
      if (got !== expected) {
        problems.push(`${key}: placeholders differ: ${first[0]} has {${expected}}, ${lng} has {${got}}`);
      }
    }
  }
  return problems;
}

function valueAt(tree: LocaleTree, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as LocaleTree)[part];
  }
  return node;
}

/** A non-empty string, or a non-empty list of non-empty strings (word lists). */
function isNonEmpty(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0 && v.every((w) => typeof w === 'string' && w.trim() !== '');
  return false;
}
