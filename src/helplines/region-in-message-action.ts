/**
 * `helplines.region_in_message`: a request for a person that says where the patient is ("Ami Dubai
 * te thaki, raat e doctor er sathe kotha bolte chai", "main Riyadh mein hoon, doctor chahiye",
 * "I am in Kuwait, I need a doctor", "আমি দুবাইতে থাকি, ডাক্তার দরকার") keeps that place as the
 * patient's region (`profile.region`, as the region question saves it), so the hand-off does not
 * ask "where are you now?" of a patient who has just said it (flows/handoff.yaml `check_region`).
 *
 * The message read is the one the request came in: the welcome's first message, where its
 * doctor or counsellor request is noted (flows/welcome.yaml), or the message the hand-off begins
 * on (the menu's). The names are the region question's own: each region's label in every
 * language (locales/<lng>/region.json) and its aliases (words.json `aliases.region.<id>`), for
 * the regions config/helplines.yaml serves; with a Bengali case ending glued on ("দুবাইতে",
 * "রিয়াদে") or its romanized form ("kuwaite", "dubaite"). Hindi's "में" and a romanized "te",
 * "mein" are words of their own, so "dubai te", "Riyadh mein" name the place as it is.
 *
 * Nothing changes when the region is already known (a region the patient chose stays theirs),
 * when no region is named (a place we do not serve: "Singapore"), or when two are ("from Dhaka,
 * working in Dubai": which one they are in now is theirs to say, and the question asks it).
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import { wordsOf } from '../engine/input';
import { looseText } from '../i18n/normalize';
import type { Translator } from '../i18n/translator';
import type { HelplineDirectory } from './directory';
import { chosenRegion } from './location-region';

/** Where the region is kept: what the region question saves (flows/handoff.yaml `region`). */
const REGION_PATH = 'profile.region';
/**
 * Set when the region was read before consent (the welcome's first message, `with: {
 * before_consent: true }`): a patient who then does not consent keeps nothing their first message
 * said (src/triage/first-message.ts `triage.forget_first_message` clears the region with it).
 */
export const REGION_BEFORE_CONSENT = 'helplines.region_before_consent';

/**
 * Bengali case endings after a place, longest first: -য়েতে, -য়ে (after a vowel: "দুবাইয়ে"),
 * -তে ("দুবাইতে"), -য় ("কলকাতায়"), -ের, -র, -ে ("রিয়াদে"), -এ; য় composed or as য and its nukta.
 */
const BENGALI_ENDINGS = ['\u09DF\u09C7\u09A4\u09C7', '\u09AF\u09BC\u09C7\u09A4\u09C7', '\u09DF\u09C7', '\u09AF\u09BC\u09C7', '\u09A4\u09C7', '\u09AF\u09BC', '\u09DF', '\u09C7\u09B0', '\u09B0', '\u09C7', '\u098F'];
/** The same endings typed in Latin letters: "kuwaite", "dubaite", "riyadhe", "dhakay", "dhakar". */
const LATIN_ENDINGS = ['te', 'ey', 'er', 'e', 'y', 'r'];
/** How many letters a name must keep without its ending: "bd" + "e" is no Bangladesh. */
const MIN_STEM = 4;

export function regionInMessageAction(directory: HelplineDirectory, translator: Translator): Action {
  const named = regionNames(Object.keys(directory.regions), translator);
  const longest = Math.max(1, ...[...named.keys()].map((form) => form.split(' ').length));
  return withArgs(z.object({ before_consent: z.boolean().optional() }), (ctx) => {
    if (chosenRegion(ctx.session) !== null) return;
    const text = wordsOf(ctx.input);
    if (text === null) return;
    const found = regionsIn(looseText(text).split(' ').filter((w) => w !== ''), named, longest);
    if (found.size !== 1) return;
    ctx.set(REGION_PATH, [...found][0]!);
    if (ctx.args.before_consent) ctx.set(REGION_BEFORE_CONSENT, true);
  });
}

/** Each loose form a region is named by → the region; a form two regions share names neither. */
function regionNames(regions: readonly string[], translator: Translator): Map<string, string | null> {
  const named = new Map<string, string | null>();
  const claim = (form: string, region: string): void => {
    if (form === '') return;
    const seen = named.get(form);
    named.set(form, seen === undefined || seen === region ? region : null);
  };
  for (const region of regions) {
    for (const label of Object.values(translator.texts(`region.${region}`))) if (label !== undefined) claim(looseText(label), region);
    for (const lng of translator.languages) for (const alias of translator.words(`words.aliases.region.${region}`, lng)) claim(looseText(alias), region);
  }
  return named;
}

/** The regions the words name: every run of up to `longest` words that is a form, as it is or less its case ending. */
function regionsIn(ws: readonly string[], named: ReadonlyMap<string, string | null>, longest: number): Set<string> {
  const found = new Set<string>();
  for (let n = Math.min(longest, ws.length); n >= 1; n--) {
    for (let i = 0; i + n <= ws.length; i++) {
      const gram = ws.slice(i, i + n).join(' ');
      for (const form of [gram, ...withoutEnding(gram)]) {
        const region = named.get(form);
        if (region) found.add(region);
      }
    }
  }
  return found;
}

/** The run less each case ending it may carry, where enough of the name is left. */
function withoutEnding(gram: string): string[] {
  const endings = /[\u0980-\u09FF]$/u.test(gram) ? BENGALI_ENDINGS : /[a-z]$/.test(gram) ? LATIN_ENDINGS : [];
  return endings.filter((end) => gram.endsWith(end) && [...gram].length - [...end].length >= MIN_STEM).map((end) => gram.slice(0, -end.length));
}
