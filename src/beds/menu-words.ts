/**
 * Words of the menu's (locales/<lng>/words.json, read by src/i18n/interpreter.ts) that the bed
 * search reads too, so that it keeps no copy of them: `place_lead`, the words that lead a place
 * after a request ("need a bed in Kolkata", "at", "near"), which are ties of a place to a bed
 * request (src/beds/place-in-request.ts) with the bed search's own of config/beds/words.yaml;
 * `request_words`, the words that only make a message a request ("I", "want", "can", "mujhe",
 * "chahiye", "আমার", "লাগবে"), which a bed request with its place carries too ("can I get a bed
 * in Kolkata"); and `request_for`, who the request is for ("for my father", "papa ke liye",
 * "বাবার জন্য"), left out as a whole phrase only, by the menu's own reader
 * (src/i18n/request-words.ts). Every language's, as the interpreter reads them: a patient mixes them.
 *
 * They are taken from the translator the interpreter is built on (src/core.ts), not read from
 * the locale files here: a service built on other locales reads a bed request with its own words.
 */
import { forWhomWords, type ForWhomWords } from '../i18n/request-words';
import type { Translator } from '../i18n/translator';

export interface MenuWords {
  placeLeads: string[];
  requestWords: string[];
  forWhom: ForWhomWords;
}

export function menuWordsOf(translator: Translator): MenuWords {
  const every = (key: string) => translator.languages.flatMap((lng) => translator.words(key, lng)).filter((w) => w !== '');
  return { placeLeads: every('words.place_lead'), requestWords: every('words.request_words'), forWhom: forWhomWords(translator) };
}
