/**
 * Whether a text says one of a list of phrases (config/beds/words.yaml) as whole words, compared
 * in the normalised form every reader uses (any case, script variant, punctuation): "mahila
 * ward" is in "Mahila ward mein bed", "near me" is not in "nearmedical". The list is looked up
 * as the interpreter's word lists are (src/i18n/phrase-table.ts), made once per list.
 */
import { words } from '../i18n/normalize';
import { PhraseTable } from '../i18n/phrase-table';

const tables = new WeakMap<readonly string[], PhraseTable<true>>();

export function saysPhrase(text: string, phrases: readonly string[]): boolean {
  const table = tableOf(phrases);
  const said = words(text);
  for (let from = 0; from < said.length; from++) if (table.at(said, from)) return true;
  return false;
}

function tableOf(phrases: readonly string[]): PhraseTable<true> {
  let table = tables.get(phrases);
  if (!table) {
    const keys = phrases.map((p) => words(p).join(' ')).filter((k) => k !== '');
    tables.set(phrases, (table = new PhraseTable(new Map(keys.map((k) => [k, true] as const)))));
  }
  return table;
}
