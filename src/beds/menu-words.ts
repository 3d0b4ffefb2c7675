/**
 * Words of the menu's (locales/<lng>/words.json, read by src/i18n/interpreter.ts) that the bed
 * search reads too, so that it keeps no copy of them: `place_lead`, the words that lead a place
 * after a request ("need a bed in Kolkata", "at", "near"), which are ties of a place to a bed
 * request (src/beds/place-in-request.ts) with the bed search's own of config/beds/words.yaml; and
 * `request_words`, the words that only make a message a request ("I", "want", "can", "mujhe",
 * "chahiye", "আমার", "লাগবে"), which a bed request with its place carries too ("can I get a bed
 * in Kolkata"). Every language's, as the interpreter reads them: a patient mixes them.
 */
import { LANGUAGES } from '../engine/flow';
import { readLocales } from '../i18n/translator';

export interface MenuWords {
  placeLeads: string[];
  requestWords: string[];
}

export function readMenuWords(localesDir: string): MenuWords {
  const locales = readLocales(localesDir);
  const out: MenuWords = { placeLeads: [], requestWords: [] };
  for (const lng of LANGUAGES) {
    const words = (locales[lng].words ?? {}) as Record<string, unknown>;
    out.placeLeads.push(...stringsOf(words.place_lead));
    out.requestWords.push(...stringsOf(words.request_words));
  }
  return out;
}

const stringsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string' && w !== '') : []);
