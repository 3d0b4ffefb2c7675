/**
 * A bed request that names its place: "hi, I need a bed in Kolkata", "kolkata mein bed chahiye",
 * "কলকাতায় বেড লাগবে", "need oxygen bed near Howrah", "bed chahiye raipur", "bed in 700020",
 * "I need a bed for my father in Kolkata", "can I get a bed in Kolkata?", "kolkata e bed pabo?".
 *
 * A span of the message (a few words, or six digits) is the place when what is left of the message
 * without it, and without the word that ties it to the request (config/beds/words.yaml
 * `place_ties` and the menu's `place_lead`: "in", "near", "mein", "কাছে"), is the bed request
 * itself (the interpreter's `command`: commands.json `beds`, with a greeting before it) — as it
 * is, or less the words a request says around it (the menu's `request_words` and
 * config/beds/words.yaml `request_words`: "can", "get", "for my father", "pabo", "milega", "kya";
 * src/beds/menu-words.ts). So a no stays a no ("I don't need a bed in Kolkata" leaves "I don't
 * need a bed"; a span with a no in it is never the place), a question that asks more than for a
 * bed stays a question ("how do I find a bed in hospital" leaves "how do bed"), and a word of the
 * request ("need", "my", "me" of "bed near me") is never searched for as a place. The place is
 * then what the place question's own readers find in the span: a PIN code
 * (src/beds/pincode-in-text.ts) or a place of the data (`resolvePlace`); else a place the data has
 * no beds for (Dhaka, Riyadh, Delhi, a PIN code of another area: said so, as the place question
 * says it); a span that is none of these leaves the request without a place (asked, as before).
 */
import type { Interpreter } from '../engine/services';
import { toAsciiDigits } from '../i18n/digits';
import { words } from '../i18n/normalize';
import type { BedTarget } from './lookup';
import type { BedsService } from './service';

/** Words in a message beyond which it is no short request: a story is not taken apart. */
const MAX_WORDS = 14;
/** The most words a place name takes ("uttar 24 parganas", "purba bardhaman"). */
const MAX_PLACE_WORDS = 3;

/**
 * A span that would be the place of a bed request; `tied` when a tie ("in", "mein") joined it to
 * the request; `named` unless a word of the request is in it ("me" of "bed near me"): only a
 * span that is named is searched for.
 */
export interface PlaceSpan {
  text: string;
  tied: boolean;
  named: boolean;
}

/**
 * The spans of `text` that would be the place of a bed request, longest first ("near Howrah" is
 * tried as "howrah"); null when no span leaves the request (no bed request with words around it:
 * "I need a bed" alone names no place, and the interpreter reads it already). `ties` and
 * `requestWords`: the beds config's `placeTies` and `requestWords` (src/beds/config.ts).
 */
export function placeSpansOfBedRequest(text: string, interpret: Pick<Interpreter, 'command' | 'yesNo'>, ties: readonly string[], requestWords: readonly string[]): PlaceSpan[] | null {
  const ws = words(text);
  if (ws.length < 2 || ws.length > MAX_WORDS) return null;
  const tieWords = tiesOf(ties);
  const sayings = wordSetOf(requestWords);
  const isBeds = (rest: readonly string[]) => rest.length > 0 && interpret.command(rest.join(' ')) === 'beds';
  // "can I get a bed" is no request the menu lists, but less "can", "I", "get", "a" it is "bed".
  const isRequest = (rest: string[]) => isBeds(rest) || isBeds(rest.filter((w) => !sayings.has(w)));
  // The place reader finds a place among other words ("nahi chahiye kolkata" is Kolkata): a span
  // with a "no" in it is none, or the no would be left out of the request unread ("bed nahi
  // chahiye kolkata mein"); one with a word of the request is tried as the request's place only
  // ("bed near me" asks where), never searched for.
  const isNo = (w: string) => interpret.yesNo(w) === false;
  const spans: PlaceSpan[] = [];
  for (let size = Math.min(MAX_PLACE_WORDS, ws.length - 1); size >= 1; size--) {
    for (let from = 0; from + size <= ws.length; from++) {
      const span = ws.slice(from, from + size);
      if (span.some(isNo)) continue;
      const [untied, ...tied] = restsOf(ws.slice(0, from), ws.slice(from + size), tieWords);
      const alone = isRequest(untied!);
      if (alone || tied.some(isRequest)) spans.push({ text: span.join(' '), tied: !alone, named: !span.some((w) => sayings.has(w)) });
    }
  }
  return spans.length > 0 ? spans : null;
}

/**
 * A place a bed request named that the data has no beds for: a place of places.yaml `elsewhere`
 * ("bed in Dhaka", "ঢাকায় বেড", "bed in Riyadh") or a PIN code of another area ("bed in
 * 110001"), kept as the patient wrote it for the bed search to say so, with the helplines there,
 * as the place question does (src/beds/actions.ts `beds.place_told`).
 */
export interface PlaceWithoutData {
  by: 'no_data';
  text: string;
}

/** The place of a bed request: one to search, or one the data has no beds for. */
export type StatedPlace = BedTarget | PlaceWithoutData;

/**
 * The bed request the spans make: the place of the first one the place question's readers know
 * (a PIN code, or a place of the data); else the first that names a place the data has no beds
 * for (Dhaka, 110001); else, when a tie joined a span to the request ("need a bed in Atlantis"),
 * a request whose place is not known (`place` null, asked as before); else none: a word left out
 * that is no place and was tied by nothing ("আমার অক্সিজেন বেড দরকার" less "অক্সিজেন") does not
 * make the rest a request.
 */
export function bedRequestOf(spans: readonly PlaceSpan[], beds: BedsService, region: string | undefined): { place: StatedPlace | null } | null {
  const named = spans.filter((span) => span.named);
  for (const span of named) {
    const target = placeOf(span.text, beds, region);
    if (target) return { place: target };
  }
  const outside = named.find((span) => withoutData(span.text, beds, region));
  if (outside) return { place: { by: 'no_data', text: outside.text } };
  return spans.some((s) => s.tied) ? { place: null } : null;
}

/** The message less the span: as it is, less the tie just before the span, or the one just after it. */
function restsOf(before: string[], after: string[], ties: string[][]): string[][] {
  const rests = [[...before, ...after]];
  for (const tie of ties) {
    if (endsWith(before, tie)) rests.push([...before.slice(0, before.length - tie.length), ...after]);
    if (startsWith(after, tie)) rests.push([...before, ...after.slice(tie.length)]);
  }
  return rests;
}

function placeOf(span: string, beds: BedsService, region: string | undefined): BedTarget | null {
  const digits = span.replace(/[\s-]+/g, '');
  if (/^[\d০-৯०-९]{6}$/.test(digits)) {
    const pin = beds.finder.resolvePincode(digits);
    return pin ? { by: 'pincode', pincode: pin } : null;
  }
  if (!NAME.test(span)) return null;
  const place = beds.finder.resolvePlace(span, region);
  return place ? { by: 'district', place: place.place } : null;
}

/** Six digits of a PIN code of another area, or a place of places.yaml `elsewhere`. */
function withoutData(span: string, beds: BedsService, region: string | undefined): boolean {
  const digits = toAsciiDigits(span.replace(/[\s-]+/g, ''));
  if (/^\d{6}$/.test(digits)) return /^[1-9]/.test(digits) && !beds.finder.resolvePincode(digits);
  return NAME.test(span) && beds.finder.elsewhere(span, region) !== null;
}

/** Letters enough for a name: two, or one with its vowel sign (Bengali "ঢাকা" has no two letters in a row). */
const NAME = /\p{L}[\p{L}\p{M}]/u;

const tiesByList = new WeakMap<readonly string[], string[][]>();

function tiesOf(list: readonly string[]): string[][] {
  let ties = tiesByList.get(list);
  if (!ties) tiesByList.set(list, (ties = list.map((t) => words(t)).filter((t) => t.length > 0)));
  return ties;
}

const startsWith = (ws: readonly string[], part: readonly string[]) => part.length <= ws.length && part.every((w, i) => ws[i] === w);
const endsWith = (ws: readonly string[], part: readonly string[]) => startsWith(ws.slice(ws.length - part.length), part);

const wordSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The words of a list's entries, in the normalised form `words` gives the message's. */
function wordSetOf(list: readonly string[]): ReadonlySet<string> {
  let set = wordSets.get(list);
  if (!set) wordSets.set(list, (set = new Set(list.flatMap((w) => words(w)))));
  return set;
}
