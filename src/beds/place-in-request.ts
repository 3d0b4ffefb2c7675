/**
 * A bed request that names its place: "hi, I need a bed in Kolkata", "kolkata mein bed chahiye",
 * "কলকাতায় বেড লাগবে", "need oxygen bed near Howrah", "bed chahiye raipur", "bed in 700020",
 * "I need a bed for my father in Kolkata", "can I get a bed in Kolkata?", "kolkata e bed pabo?".
 *
 * A span of the message (a few words, or six digits) is the place when what is left of the message
 * without it, and without the word that ties it to the request (config/beds/words.yaml
 * `place_ties` and the menu's `place_lead`: "in", "near", "mein", "কাছে"), is the bed request
 * itself (the interpreter's `command`: commands.json `beds`, with a greeting before it) — as it
 * is, or as the menu's request reader reads it (src/i18n/request-words.ts `requestReader`): less
 * the words a request says around it (the menu's `request_words` with config/beds/words.yaml
 * `request_words`: "can", "get", "pabo", "milega", "kya") and who it is for, as a whole phrase
 * only (the menu's `request_for`: "for my father", "papa ke liye", "মায়ের জন্য";
 * src/beds/menu-words.ts). So a no stays a no ("I don't need a bed in Kolkata" leaves "I don't
 * need a bed", "no bed for my father in Kolkata" leaves "no bed"; a span with a no in it is never
 * the place), a question that asks more than for a bed stays a question ("how do I find a bed in
 * hospital" leaves "how do bed"), a family word alone is no part of a request ("bed father in
 * Kolkata", as at the menu), and a word the reader leaves out ("need", "my", "me" of "bed near
 * me", "for my father") is never searched for as a place. A kind of bed the request names is
 * left out too where the rest is then the request ("free oxygen bed in Howrah" is "free bed in
 * Howrah", "খালি আইসিইউ বেড" is "খালি বেড": src/beds/kind-in-request.ts), and is never searched
 * for as a place either; a request that names its kind and no place ("free oxygen bed", "khali
 * oxygen bed chahiye", which no menu word reads) is a request whose place is asked. The place is
 * then what the place question's own readers find in the span: a PIN code
 * (src/beds/pincode-in-text.ts) or a place of the data (`resolvePlace`); else a place the data has
 * no beds for (Dhaka, Riyadh, Delhi, a PIN code of another area: said so, as the place question
 * says it); a span that is none of these leaves the request without a place (asked, as before).
 */
import type { ChoiceOption } from '../engine/flow';
import type { Interpreter } from '../engine/services';
import { toAsciiDigits } from '../i18n/digits';
import { words } from '../i18n/normalize';
import { requestReader, type RequestReader } from '../i18n/request-words';
import type { BedsConfig } from './config';
import { isKindPhrase, kindPhrasesIn, withoutKind } from './kind-in-request';
import type { BedTarget } from './lookup';
import type { MenuWords } from './menu-words';
import type { BedsService } from './service';

/** Words in a message beyond which it is no short request: a story is not taken apart. */
const MAX_WORDS = 14;
/** The most words a place name takes ("uttar 24 parganas", "purba bardhaman"). */
const MAX_PLACE_WORDS = 3;

/**
 * What a bed request is read with: the ties of a place to it (the menu's `place_lead` and
 * words.yaml `place_ties`), each as its words; the menu's request reader, with words.yaml
 * `request_words` among its request words; and the words that say who it is for (`request_for`:
 * ties, possessives, family words), which no place is searched for by ("bed chahiye papa":
 * "papa" is a typo away from Patna); and the kind question's choices, whose kind a request
 * names in passing (src/beds/kind-in-request.ts; none given: no kind is left out).
 */
export interface BedRequestWords {
  ties: readonly (readonly string[])[];
  request: RequestReader;
  forWhom: ReadonlySet<string>;
  kinds: readonly ChoiceOption[];
}

export function bedRequestWords(menu: MenuWords, own: Pick<BedsConfig, 'placeTies' | 'requestWords'>, kinds: readonly ChoiceOption[] = []): BedRequestWords {
  const ties = [...new Set([...menu.placeLeads, ...own.placeTies])].map((t) => words(t)).filter((t) => t.length > 0);
  const requestWords = new Set([...menu.requestWords, ...own.requestWords].flatMap((w) => words(w)));
  const { ties: forTies, possessive, kin } = menu.forWhom;
  return { ties, request: requestReader(requestWords, menu.forWhom), forWhom: new Set([...forTies.flat(), ...possessive, ...kin]), kinds };
}

/** What reads a bed request: the interpreter's command and no, and its choice for the kind named. */
export type RequestInterpreter = Pick<Interpreter, 'command' | 'yesNo' | 'choice' | 'listPick'>;

/**
 * Whether words are the bed request (the interpreter's `command`: commands.json `beds`) as they
 * are, or as the menu's request reader reads them; each also less a kind of `kinds` they name
 * ("free oxygen bed" as "free bed"). `kindOnly`: only less a kind.
 */
function requestTest(interpret: RequestInterpreter, read: BedRequestWords, kinds: readonly (readonly string[])[], kindOnly = false): (ws: readonly string[]) => boolean {
  const isBeds = (rest: string) => rest !== '' && interpret.command(rest) === 'beds';
  // "can I get a bed for my father" is no request the menu lists, but read as the menu reads a
  // request (less "can", "I", "get", "a", and "for my father" whole) it is "bed".
  const asRequest = (rest: readonly string[]) => isBeds(rest.join(' ')) || isBeds(read.request(rest.join(' ')));
  return (ws) => (!kindOnly && asRequest(ws)) || withoutKind(ws, kinds).some(asRequest);
}

/**
 * A bed request that names its kind and no place: the whole message, less the kind, is the request
 * ("free oxygen bed", "फ्री ऑक्सीजन बेड चाहिए", "খালি আইসিইউ বেড", "khali oxygen bed chahiye"),
 * which the menu's words do not read ("oxygen bed" and "free bed" are its requests, not both in
 * one). Its words are read as those of a request with its place are, so a no stays a no ("oxygen
 * bed lagbe na") and a question that asks more stays a question ("how do I find an oxygen bed").
 */
export function isBedRequestOfKind(text: string, interpret: RequestInterpreter, read: BedRequestWords): boolean {
  const ws = words(text);
  if (ws.length < 2 || ws.length > MAX_WORDS) return false;
  return requestTest(interpret, read, kindPhrasesIn(ws, interpret, read.kinds), true)(ws);
}

/**
 * A span that would be the place of a bed request; `tied` when a tie ("in", "mein") joined it to
 * the request; `named` when the request reader leaves it whole and it says nobody's name for
 * whom (no "me" of "bed near me", no "father"): only a span that is named is searched for.
 */
export interface PlaceSpan {
  text: string;
  tied: boolean;
  named: boolean;
}

/**
 * The spans of `text` that would be the place of a bed request, longest first ("near Howrah" is
 * tried as "howrah"); null when no span leaves the request (no bed request with words around it:
 * "I need a bed" alone names no place, and the interpreter reads it already).
 */
export function placeSpansOfBedRequest(text: string, interpret: RequestInterpreter, read: BedRequestWords): PlaceSpan[] | null {
  const ws = words(text);
  if (ws.length < 2 || ws.length > MAX_WORDS) return null;
  const kinds = kindPhrasesIn(ws, interpret, read.kinds);
  const isRequest = requestTest(interpret, read, kinds);
  // The place reader finds a place among other words ("nahi chahiye kolkata" is Kolkata): a span
  // with a "no" in it is none, or the no would be left out of the request unread ("bed nahi
  // chahiye kolkata mein"); one with a word the request reader leaves out is tried as the
  // request's place only ("bed near me" asks where), never searched for.
  const isNo = (w: string) => interpret.yesNo(w) === false;
  const spans: PlaceSpan[] = [];
  for (let size = Math.min(MAX_PLACE_WORDS, ws.length - 1); size >= 1; size--) {
    for (let from = 0; from + size <= ws.length; from++) {
      const span = ws.slice(from, from + size);
      if (span.some(isNo)) continue;
      const [untied, ...tied] = restsOf(ws.slice(0, from), ws.slice(from + size), read.ties);
      const alone = isRequest(untied!);
      const spanText = span.join(' ');
      const named = read.request(spanText) === spanText && !span.some((w) => read.forWhom.has(w)) && !isKindPhrase(span, kinds);
      if (alone || tied.some(isRequest)) spans.push({ text: spanText, tied: !alone, named });
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

/**
 * A bed request that asks for hospitals near the patient and names no place ("bed near me",
 * "oxygen bed nearby", "paas mein bed chahiye", "কাছাকাছি বেড লাগবে": config/beds/words.yaml
 * `near_me`): only a shared location answers it, so the bed search asks for one, as the place
 * question does for "near me" (flows/beds.yaml `share_how`), not how to search.
 */
export interface PlaceNearMe {
  by: 'near_me';
}

/** The place of a bed request: one to search, one the data has no beds for, or where the patient is. */
export type StatedPlace = BedTarget | PlaceWithoutData | PlaceNearMe;

/**
 * The bed request the spans make: the place of the first one the place question's readers know
 * (a PIN code, or a place of the data); else the first that names a place the data has no beds
 * for (Dhaka, 110001); else, when a tie joined a span to the request ("need a bed in Atlantis"),
 * or the message is a request as a whole (`whole`: `isBedRequestOfKind`, "free oxygen bed"), a
 * request whose place is not known (`place` null, asked as before); else none: a word left out
 * that is no place and was tied by nothing ("bed chahiye jaldi" less "jaldi") does not make the
 * rest a request. A request that names no place but says "near me" (`nearMe`) asks for where the
 * patient is.
 */
export function bedRequestOf(spans: readonly PlaceSpan[], beds: BedsService, region: string | undefined, nearMe = false, whole = false): { place: StatedPlace | null } | null {
  const named = spans.filter((span) => span.named);
  for (const span of named) {
    const target = placeOf(span.text, beds, region);
    if (target) return { place: target };
  }
  const outside = named.find((span) => withoutData(span.text, beds, region));
  if (outside) return { place: { by: 'no_data', text: outside.text } };
  if (nearMe) return { place: { by: 'near_me' } };
  return whole || spans.some((s) => s.tied) ? { place: null } : null;
}

/** The message less the span: as it is, less the tie just before the span, or the one just after it. */
function restsOf(before: string[], after: string[], ties: BedRequestWords['ties']): string[][] {
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

const startsWith = (ws: readonly string[], part: readonly string[]) => part.length <= ws.length && part.every((w, i) => ws[i] === w);
const endsWith = (ws: readonly string[], part: readonly string[]) => startsWith(ws.slice(ws.length - part.length), part);
