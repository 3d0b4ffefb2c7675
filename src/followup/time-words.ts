/**
 * The words a patient names a time of day in, beyond the check-in time question's three choices
 * (time-in-answer.ts reads them): any time ("kabhi bhi", "যেকোনো সময়"), the night ("raat ko",
 * "রাতে"), the parts of the day that say which half a clock time is in ("subah 10 baje",
 * "সকাল ১০টায়"), what makes a number a clock time ("am", "pm", "baje", "টায়", "o'clock"), and
 * the words that turn a time down ("not", "nahi", "না").
 *
 * Word lists are data: locales/<lng>/followup.json `time_words`, in the three languages. A word
 * of any language is read in every conversation (patients mix them: "subah 10 am"), in the loose
 * form the interpreter compares words in (src/i18n/normalize.ts).
 */
import { LANGUAGES, type Language } from '../engine/flow';
import { looseText } from '../i18n/normalize';
import { PhraseTable } from '../i18n/phrase-table';
import { readLocales, type LocaleTree } from '../i18n/translator';
import { localesDir } from '../paths';

export const TIME_WORD_KINDS = ['any', 'night', 'morning', 'afternoon', 'evening', 'am', 'pm', 'clock', 'not'] as const;
export type TimeWordKind = (typeof TIME_WORD_KINDS)[number];

/** Every time word, as a phrase of loose words standing for its kind. */
export type TimeWords = PhraseTable<TimeWordKind>;

/** Where the lists are in a language's locale tree: followup.json `time_words.<kind>`. */
const FILE = 'followup';
const LISTS = 'time_words';

/** The phrases of every language, each with its kind; `conflicts` lists a phrase given two kinds (a test keeps it empty). */
export function timeWordsFrom(trees: Record<Language, LocaleTree>): { words: TimeWords; conflicts: string[] } {
  const phrases = new Map<string, TimeWordKind>();
  const conflicts: string[] = [];
  for (const lng of LANGUAGES) {
    const lists = (trees[lng][FILE] as LocaleTree | undefined)?.[LISTS] as Record<string, unknown> | undefined;
    for (const kind of TIME_WORD_KINDS) {
      const list = lists?.[kind];
      for (const w of Array.isArray(list) ? list : []) {
        const form = typeof w === 'string' ? looseText(w) : '';
        if (form === '') continue;
        const seen = phrases.get(form);
        if (seen !== undefined && seen !== kind) conflicts.push(`"${form}" is both ${seen} and ${kind}`);
        phrases.set(form, kind);
      }
    }
  }
  return { words: new PhraseTable(phrases), conflicts };
}

let shipped: TimeWords | undefined;

/** The shipped lists (locales/, the folder the translator reads), read once, on first use. */
export function shippedTimeWords(): TimeWords {
  shipped ??= timeWordsFrom(readLocales(localesDir)).words;
  return shipped;
}
