/**
 * The actions flows/beds.yaml runs (registered in src/core.ts):
 *
 * - `beds.resolve` (with: { by, text, location }): turns what the patient gave — a place
 *   name, a PIN code or a shared location — into `beds.target` (a BedTarget), and sets
 *   `beds.resolved` true; or false with a message saying what was not understood.
 *   `by: message` reads the patient's message itself (a location shared, a PIN code, else a
 *   place name): for a question they answered with the place instead of the choice asked.
 *   A place or PIN code the patient says they do not know ("জানি না", "pata nahi", "I don't
 *   know") is not searched for: `beds.dont_know` is set (false otherwise) and nothing is said,
 *   for the flow to offer the other ways to search. A place given with a hedge ("Howrah, not
 *   sure", "700020 pata nahi") is searched: the don't-know only when nothing in it resolves.
 *   A shared location is stored with its time (`beds.location_at`): it says where the patient
 *   is only for some hours (src/helplines/location-region.ts).
 *   A PIN code is read in a sentence too ("my pin is 700064"), and where a place was asked.
 *   Where the data has no beds — a shared location in Bangladesh, a place it does not cover
 *   ("Dhaka", "Delhi": places.yaml `elsewhere`), a PIN code of another area ("110001") — that is
 *   said with the helplines there, and `beds.no_data` is set for the flow to offer the helplines
 *   or another place; so it is after two answers in a row that name nothing it can place
 *   (counted in `beds.misses`), rather than "type it again" for ever.
 * - `beds.find` (with: { target, kind, sex, ward, region }): searches (for the sex of a ward the
 *   patient named, `ward`, else the sex a flow asked, `sex`) and says the answer in one message; sets `beds.found` (how many hospitals with free beds were listed; 0 when only
 *   the next nearest could be offered).
 *
 * - `beds.note_kind`, `beds.kind_in_message` read a ward named for one sex too ("महिला वार्ड",
 *   "mahila ward", "ladies ward": config/beds/words.yaml) into `beds.ward`; at the kind question
 *   a ward alone is the answer (any free bed, in that ward).
 * - `beds.near_me` (src/beds/near-me.ts): "near me" typed where only a location can answer.
 * - A name two districts share ("Dinajpur") is answered with a numbered list of them, kept as
 *   `beds.place_choices` for `beds.resolve` to read the next answer's number; a number alone
 *   of the wrong length for a PIN code sets `beds.pin_again`, for the flow to ask the PIN code.
 * - `beds.note_kind`: the kind of bed the message that started the search
 *   names ("I need an oxygen bed", "ICU bed lagbe", "আমার অক্সিজেন বেড লাগবে"), kept as
 *   `beds.kind_stated` so that the kind is not asked again; `beds.kind_told` takes it (sets
 *   `beds.kind` and `beds.kind_known`) where the kind would be asked.
 * - `beds.note_place`, `beds.place_told`: the place a bed request named
 *   ("I need a bed in Kolkata", "kolkata mein bed chahiye": src/beds/place-in-request.ts), kept as
 *   `beds.place_stated` and searched without asking where, as the kind is (and forgotten with the
 *   rest of the first message when consent is refused: `triage.forget_first_message`).
 * - `beds.kind_in_message`: an answer to the kind question that is no
 *   choice, read for the kind it names in passing ("महिला वार्ड में ऑक्सीजन बेड"); sets
 *   `beds.kind` and `beds.kind_known`. A "don't know", or the third answer in a row that
 *   names none, is searched as any free bed, and that is said: the place the patient gave is
 *   kept, not thrown away with the whole search.
 *
 * ```yaml
 * resolve:
 *   do: beds.resolve
 *   with: { by: $beds.how, text: $beds.query, location: $beds.location }
 * search:
 *   do: beds.find
 *   with: { target: $beds.target, kind: $beds.kind, sex: $profile.sex, region: $profile.region }
 * ```
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import { wordsOf, type Input } from '../engine/input';
import { getPath } from '../engine/paths';
import type { Action, ActionContext } from '../engine/services';
import type { ChoiceOption, Language, MessageRef } from '../engine/flow';
import { patientRegion, SHARED_LOCATION_AT_PATH } from '../helplines/location-region';
import { choicesNamed } from '../i18n/choices-in-text';
import { toAsciiDigits } from '../i18n/digits';
import { answerMessage, noDataMessage } from './answer';
import type { BedsService } from './service';
import type { BedTarget } from './lookup';
import { bedsNearMeAction } from './near-me';
import { saysPhrase } from './phrase-in-text';
import { inPatientDigits } from './patient-digits';
import { pincodeIn } from './pincode-in-text';
import type { MenuWords } from './menu-words';
import { bedRequestOf, bedRequestWords, isBedRequestOfKind, placeSpansOfBedRequest, type BedRequestWords, type StatedPlace } from './place-in-request';
import { wardIn } from './ward-in-text';
import type { Sex } from './vacancy';

/** Anything but `location` and `pincode` is read as a place name: a typo in `by` would be one too. */
const RESOLVE_ARGS = z
  .object({
    by: z.enum(['district', 'pincode', 'location', 'message']),
    text: z.string().optional(),
    location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.by === 'message') return;
    const needs = a.by === 'location' ? 'location' : 'text';
    if (a[needs] === undefined) ctx.addIssue({ code: 'custom', path: [needs], message: `"${needs}" is needed when "by" is ${a.by}` });
  });

export function bedsResolveAction(beds: BedsService): Action {
  return withArgs(RESOLVE_ARGS, async (ctx) => {
    await beds.directory.ensureFresh();
    const given = ctx.args.by === 'message' ? fromMessage(ctx.input) : { by: String(ctx.args.by ?? ''), text: ctx.args.text, location: ctx.args.location };
    const by = given?.by;
    const text = typeof given?.text === 'string' ? given.text : '';
    const dontKnow = (t: string) => ctx.services.interpret.dontKnow(t);
    const lang: Language = ctx.session.lang ?? 'en';
    ctx.set('beds.dont_know', false);
    ctx.set('beds.no_data', false);
    if (given === null) return ctx.set('beds.resolved', false);
    // The patient's region (chosen, or a recently shared location's) settles a name two states share.
    const region = patientRegion(ctx.session, ctx.services.now()) ?? undefined;
    // A place or PIN code given with a hedge ("Howrah, not sure", "700020 pata nahi") is searched:
    // the don't-know answer only when nothing in the text resolves and it says don't know.
    if (by !== 'location' && text !== '') {
      const hedged = resolveHedged(text, by === 'pincode', beds, region, dontKnow);
      if (hedged) {
        ctx.set('beds.resolved', true);
        return ctx.set('beds.target', hedged);
      }
      if (dontKnow(text)) {
        ctx.set('beds.dont_know', true);
        return ctx.set('beds.resolved', false);
      }
    }
    let target: BedTarget | null = null;
    let outcome: NotFound | null = null;
    if (by === 'location') {
      const loc = given.location as { lat?: unknown; lng?: unknown } | null | undefined;
      if (loc && typeof loc.lat === 'number' && typeof loc.lng === 'number') {
        // The newest pin and when it was shared: it says where the patient is only for some
        // hours (sharedLocation, src/helplines/location-region.ts).
        ctx.set('beds.location', { lat: loc.lat, lng: loc.lng });
        ctx.set(SHARED_LOCATION_AT_PATH, ctx.services.now());
        // In a country without bed data (Dhaka, Riyadh): said at once, with its helplines, before the kind is asked.
        const outside = beds.finder.outsideData({ lat: loc.lat, lng: loc.lng }, region);
        if (outside) outcome = { noData: noDataMessage(outside.noData.names ? nameIn(outside.noData.names, lang) : { key: 'beds.answer.where_you_are' }, outside.help) };
        else target = { by: 'location', lat: loc.lat, lng: loc.lng };
      }
    } else {
      const found = pickedPlace(ctx, text) ?? resolveText(text, by === 'pincode', beds, region, lang);
      if ('target' in found) target = found.target;
      else outcome = found;
    }
    // The places just offered by number, for the next answer ("2"); any other answer forgets them.
    ctx.set(PLACE_CHOICES, outcome && 'ask' in outcome ? outcome.places : null);
    ctx.set('beds.resolved', target !== null);
    if (target) ctx.set('beds.target', target);
    // Where the data has nothing, or after MISSES_BEFORE_CHOICE answers it could not place in a row,
    // the flow offers the helplines or another place (beds.no_data) rather than asking again and again.
    const misses = outcome && 'miss' in outcome ? Number(getPath(ctx.session, 'beds.misses') ?? 0) + 1 : 0;
    const giveUp = misses >= MISSES_BEFORE_CHOICE;
    ctx.set('beds.misses', giveUp ? 0 : misses);
    ctx.set('beds.no_data', outcome !== null && ('noData' in outcome || giveUp));
    // A number of the wrong length for a PIN code: asked for at the PIN code question.
    ctx.set('beds.pin_again', outcome !== null && 'pinAgain' in outcome && !giveUp);
    if (!outcome) return;
    const msg = 'noData' in outcome ? outcome.noData : 'ask' in outcome ? outcome.ask : giveUp ? { key: 'beds.resolve.not_found_again', params: { text: shown(text) } } : outcome.miss;
    ctx.emit({ type: 'msg_created', msg });
  });
}

/** Answers in a row that name no place or PIN code before the flow offers the helplines or another place. */
const MISSES_BEFORE_CHOICE = 2;

/**
 * Why a text found no target: the data has no beds there (said, with the helplines); a question
 * back ("which of these places?"); or a miss (a name or a PIN code not understood).
 */
type NotFound = { noData: MessageRef } | { ask: MessageRef; places: string[] } | { miss: MessageRef; pinAgain?: true };

/** The place ids of the last numbered "which of these places?" list, in its order. */
const PLACE_CHOICES = 'beds.place_choices';

/**
 * The place the answer picks by its number ("2", "number 2", "দুই নম্বর", "doosra") in the
 * "which of these places?" list just shown; null when none was shown or the answer is no pick.
 */
function pickedPlace(ctx: ActionContext, text: string): { target: BedTarget } | null {
  const offered = getPath(ctx.session, PLACE_CHOICES);
  if (!Array.isArray(offered) || offered.length === 0 || text === '') return null;
  const interpret = ctx.services.interpret;
  const n = interpret.listPick?.(text, offered.length) ?? (/^\s*\S{1,3}\s*$/.test(text) ? interpret.number(text) : null);
  const place = n !== null && Number.isInteger(n) ? offered[n - 1] : undefined;
  return typeof place === 'string' ? { target: { by: 'district', place } } : null;
}

/**
 * What a patient's text names, for the PIN code question (`pincodeOnly`) or a place question: a
 * place of the data; a PIN code, alone or in a sentence ("my pin is 700064", typed where a place
 * was asked too); a place or a PIN code the data does not cover (Dhaka, 110001); else not understood.
 */
function resolveText(text: string, pincodeOnly: boolean, beds: BedsService, region: string | undefined, lang: Language): { target: BedTarget } | NotFound {
  const wrongLength = wrongLengthCode(text, pincodeOnly, beds, region, lang);
  if (wrongLength) return wrongLength;
  const place = pincodeOnly ? null : beds.finder.resolvePlace(text, region);
  if (place) return { target: { by: 'district', place: place.place } };
  const typed = SIX_DIGITS.test(text.replace(/[\s-]+/g, '')) ? toAsciiDigits(text).replace(/[\s-]+/g, '') : pincodeIn(text);
  if (typed) {
    const pin = beds.finder.resolvePincode(typed);
    if (pin) return { target: { by: 'pincode', pincode: pin } };
    if (/^[1-9]/.test(typed)) return { noData: noDataMessage({ key: 'beds.answer.pin', params: { pincode: typed } }, beds.finder.countryHelp('IN', region)) };
  }
  if (pincodeOnly) return { miss: { key: 'beds.resolve.bad_pincode', params: { text: shown(text) } } };
  const elsewhere = beds.finder.elsewhere(text, region);
  if (elsewhere) return { noData: noDataMessage(nameIn(elsewhere.names, lang), elsewhere.help) };
  const choices = beds.finder.placeChoices(text, region);
  return choices.length >= 2 ? { ask: whichPlace(text, choices, lang), places: choices.slice(0, MAX_PLACE_CHOICES).map((c) => c.place) } : { miss: { key: 'beds.resolve.unknown_place', params: { text: shown(text, 60) } } };
}

/**
 * A number alone that is no PIN code for its length. Four digits is a Bangladesh postcode (Dhaka's
 * are 1000–1361): the data has no beds in Bangladesh, so that is said with its helplines, as for
 * "Dhaka". Any other length but six (a PIN code with a digit left out, "70001") is said to be one:
 * an Indian PIN code has 6 digits, and it is asked for again (`pinAgain`: the flow's PIN code
 * question), where "I don't know the place “70001”" sent the patient looking for a place name.
 * Null for six digits, for fewer than three (a list's number), and for anything with letters.
 */
function wrongLengthCode(text: string, pincodeOnly: boolean, beds: BedsService, region: string | undefined, lang: Language): NotFound | null {
  if (!DIGITS_ONLY.test(text)) return null;
  const digits = toAsciiDigits(text).replace(/[\s-]+/g, '');
  if (digits.length === BD_POSTCODE_DIGITS) {
    const bangladesh = beds.gazetteer.countryNames('BD');
    const where: MessageRef = { key: 'beds.answer.postcode_bd', params: { country: bangladesh ? nameIn(bangladesh, lang) : 'Bangladesh', postcode: digits } };
    return { noData: noDataMessage(where, beds.finder.countryHelp('BD', region)) };
  }
  if (digits.length < 3 || digits.length === 6) return null;
  // The PIN code question keeps its own words ("A PIN code has 6 digits"), and asks again itself.
  if (pincodeOnly) return { miss: { key: 'beds.resolve.bad_pincode', params: { text: shown(text) } } };
  // Its count and example in the digits the patient typed, where their language writes its own ("৫টি অঙ্ক").
  const said = (n: number | string) => inPatientDigits(n, text, lang);
  return { miss: { key: 'beds.resolve.pin_length', params: { text: shown(text.trim()), count: said(digits.length), example: said(PIN_EXAMPLE) } }, pinAgain: true };
}

/** The PIN code a message about PIN codes gives as its example (Kolkata's). */
const PIN_EXAMPLE = '700020';

const DIGITS_ONLY = /^\s*[\d০-৯०-९][\d০-৯०-९\s-]*\s*$/;
const BD_POSTCODE_DIGITS = 4;

/** The patient's own words said back, shortened. */
const shown = (text: string, max = 40): string => text.slice(0, max);

const nameIn = (names: { en: string; bn: string; hi: string }, lang: Language): string => names[lang] || names.en;

const SIX_DIGITS = /^[\d০-৯०-९]{6}$/;

/**
 * What a text with a don't-know in it still names: the whole text first (a place whose name has
 * such words stays itself); else, when the text begins or ends with a don't-know ("not sure",
 * "pata nahi", "জানি না", the interpreter's words.dont_know), the words before or after it,
 * from the most of them to the one nearest the place ("Kolkata but" → "Kolkata"), each a PIN
 * code when it is six digits, else a place name (PIN codes only, for the PIN code question).
 * Null when the text has no don't-know, or when nothing in it resolves.
 */
function resolveHedged(text: string, pincodeOnly: boolean, beds: BedsService, region: string | undefined, dontKnow: (t: string) => boolean): BedTarget | null {
  const words = text.split(/\s+/).map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')).filter((w) => w !== '');
  const resolve = (t: string): BedTarget | null => {
    if (dontKnow(t)) return null;
    if (pincodeOnly || SIX_DIGITS.test(t.replace(/[\s-]+/g, ''))) {
      const pin = beds.finder.resolvePincode(t);
      return pin ? { by: 'pincode', pincode: pin } : null;
    }
    if (!/\p{L}{2}/u.test(t)) return null;
    const place = beds.finder.resolvePlace(t, region);
    return place ? { by: 'district', place: place.place } : null;
  };
  // Only a text with a don't-know is taken apart; the whole of it is the flow's usual search.
  const spans: string[][] = [];
  for (let i = words.length - 1; i >= 1; i--) {
    if (!dontKnow(words.slice(i).join(' '))) continue;
    for (let n = i; n >= 1; n--) spans.push(words.slice(0, n));
    break;
  }
  for (let j = 1; j < words.length; j++) {
    if (!dontKnow(words.slice(0, j).join(' '))) continue;
    for (let from = j; from < words.length; from++) spans.push(words.slice(from));
    break;
  }
  if (spans.length === 0) return null;
  const whole = resolve(text);
  if (whole) return whole;
  for (const span of spans) {
    const found = resolve(span.join(' '));
    if (found) return found;
  }
  return null;
}

const MAX_PLACE_CHOICES = 4;

/**
 * A name as close to two or more places (no guess: "Barampur" is Barrackpore in West Bengal and
 * Balrampur in Chhattisgarh; "Dinajpur" is Uttar and Dakshin Dinajpur), with those places named
 * in the patient's language and numbered, so the next answer can be one of them or its number.
 */
function whichPlace(text: string, choices: ReturnType<BedsService['finder']['placeChoices']>, lang: Language): MessageRef {
  // Numbered, to be answered by its number; a district is named alone, a town with its district.
  const places = choices.slice(0, MAX_PLACE_CHOICES).map((c, i) => {
    const name = c.names[lang] || c.names.en;
    const district = c.district[lang] || c.district.en;
    return `${i + 1}. ${name === district ? name : `${name} (${district})`}`;
  });
  return { key: 'beds.resolve.which_place', params: { text: shown(text, 60), places: places.join('\n') } };
}

/**
 * What the patient's own message gives: a shared location; six digits (any script), a PIN
 * code; any other words, a place name. A message of neither (a sticker) gives nothing to
 * resolve, and nothing is said: the flow asks for the place next.
 */
function fromMessage(input: Input | null): { by: string; text?: string; location?: { lat: number; lng: number } } | null {
  if (input?.kind === 'location') return { by: 'location', location: { lat: input.lat, lng: input.lng } };
  const text = wordsOf(input);
  if (text === null || text.trim() === '') return null;
  return { by: /^\s*[\d০-৯०-९][\d০-৯०-९\s-]{4,}[\d০-৯०-९]\s*$/.test(text) ? 'pincode' : 'district', text };
}

export function bedsFindAction(beds: BedsService): Action {
  // An unknown kind or sex written into the flow would be searched as "any" without a word.
  const args = z.object({
    target: z.object({ by: z.enum(['district', 'pincode', 'location']) }).loose(),
    kind: z.enum(['any', ...beds.config.kinds.map((k) => k.id)]).optional(),
    sex: z.enum(['male', 'female', 'm', 'f']).optional(),
    ward: z.enum(['male', 'female']).optional(),
    region: z.string().optional(),
  });
  return withArgs(args, async (ctx) => {
    await beds.directory.ensureFresh();
    const target = ctx.args.target as BedTarget | undefined;
    if (!target || typeof target !== 'object' || !('by' in target)) throw new Error('beds.find needs a target (run beds.resolve first)');
    // A ward the patient named for this search ("mahila ward") is the sex searched for.
    const sex = readSex(ctx.args.ward) ?? readSex(ctx.args.sex);
    const region = typeof ctx.args.region === 'string' ? ctx.args.region : undefined;
    const answer = beds.finder.find({ target, kind: String(ctx.args.kind ?? 'any'), ...(sex ? { sex } : {}), ...(region ? { helplineRegion: region } : {}) });
    const lang: Language = ctx.session.lang ?? 'en';
    ctx.emit({ type: 'msg_created', msg: answerMessage(answer, { now: ctx.services.now(), kindLabel: beds.kindLabel, lang }) });
    ctx.set('beds.found', answer.results.length);
  });
}

/**
 * The kinds the kind question offers (flows/beds.yaml `kind`), in its order: what a kind named in
 * a sentence is read against. Kept in step with the flow (test/beds/kind-words.test.ts).
 */
export const OFFERED_KINDS = ['any', 'oxygen', 'icu', 'ventilator'] as const;

/** Answers at the kind question that name no kind before any free bed is searched: the engine's retries (2) and one. */
const KIND_TRIES = 3;

/** The kind question's choices for `kinds`: labels `beds.option.kind_<id>` (and their aliases in words.json). */
function kindOptions(kinds: readonly string[]): ChoiceOption[] {
  return kinds.map((id) => ({ value: id, label: `beds.option.kind_${id}` }));
}

/**
 * The one kind a message names, or null: a kind named besides "any" is the kind ("any bed
 * with oxygen" is oxygen); two kinds named are no answer. `any` only when `orAny` and nothing
 * else is named.
 */
function kindNamed(ctx: ActionContext, kinds: readonly string[], orAny: boolean): string | null {
  const text = wordsOf(ctx.input);
  if (text === null) return null;
  const named = [...choicesNamed(text, kindOptions(kinds), ctx.services.interpret)];
  const specific = named.filter((k) => k !== 'any');
  if (specific.length === 1) return specific[0]!;
  return orAny && specific.length === 0 && named.includes('any') ? 'any' : null;
}

/** The kind of bed named in the message that started the search (or a first message), until it is searched for. */
export const STATED_KIND = 'beds.kind_stated';
const KIND_MISSES = 'beds.kind_misses';

/**
 * The ward of one sex the patient names ("mahila ward", "महिला वार्ड", "ladies ward"), kept as
 * `beds.ward` for the search (it counts that sex's free beds where a hospital keeps them apart);
 * a message that names none leaves a ward named earlier as it was.
 */
const WARD = 'beds.ward';

function noteWard(ctx: ActionContext, beds: BedsService): Sex | null {
  const text = wordsOf(ctx.input);
  const ward = text === null ? null : wardIn(text, beds.config.wards);
  if (ward) ctx.set(WARD, ward);
  return ward;
}

export function bedsNoteKindAction(beds: BedsService): Action {
  return (ctx) => {
    noteWard(ctx, beds);
    // Only a kind named: a message that names none (a menu's "2", a consent's "yes") leaves a
    // kind stated earlier in the conversation (the welcome's first message) as it was.
    const kind = kindNamed(ctx, OFFERED_KINDS, false);
    if (kind !== null) ctx.set(STATED_KIND, kind);
  };
}

export const bedsKindToldAction: Action = (ctx) => {
  const stated = getPath(ctx.session, STATED_KIND);
  ctx.set(KIND_MISSES, 0);
  ctx.set('beds.kind_known', typeof stated === 'string');
  if (typeof stated !== 'string') return;
  ctx.set('beds.kind', stated);
  // Taken once: "search again" asks the kind, which may be another this time.
  ctx.set(STATED_KIND, null);
};

export function bedsKindInMessageAction(beds: BedsService): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    // "মহিলা ওয়ার্ড" alone answers the kind question: any free bed, in a women's ward.
    const ward = noteWard(ctx, beds);
    const kind = kindNamed(ctx, OFFERED_KINDS, true) ?? (ward ? 'any' : null);
    if (kind !== null) {
      ctx.set('beds.kind', kind);
      return ctx.set('beds.kind_known', true);
    }
    const dontKnow = text !== null && ctx.services.interpret.dontKnow(text);
    const misses = Number(getPath(ctx.session, KIND_MISSES) ?? 0) + 1;
    const giveUp = dontKnow || misses >= KIND_TRIES;
    ctx.set(KIND_MISSES, giveUp ? 0 : misses);
    ctx.set('beds.kind_known', giveUp);
    if (!giveUp) return;
    ctx.emit({ type: 'msg_created', msg: { key: dontKnow ? 'beds.any_instead.dont_know' : 'beds.any_instead.unclear' } });
    ctx.set('beds.kind', 'any');
  };
}

/** The place a bed request named (src/beds/place-in-request.ts), until it is searched for. */
export const STATED_PLACE = 'beds.place_stated';
/** The turn (Session `turns`) whose message `beds.note_place` read. */
const READ_TURN = 'beds.place_read_turn';

/**
 * `beds.note_place`: whether the message is a bed request that names its place ("hi, I need a
 * bed in Kolkata", "kolkata mein bed chahiye", "কলকাতায় বেড লাগবে", "bed chahiye 700020"): sets
 * `beds.requested`, and keeps the place when the data knows it as `beds.place_stated`, so that the
 * search does not ask where again (`beds.place_told`); or one that names its kind and no place
 * ("free oxygen bed", "খালি আইসিইউ বেড": `isBedRequestOfKind`), whose place is asked. The menu
 * and the welcome run it on words that are none of their choices (a first message is answered
 * after consent: the place waits in the session, as the kind does). A message that is no such request (a menu's "2", a consent's
 * "yes", "I need a bed" alone) leaves a place stated earlier as it was; one that names a place
 * the data does not know forgets it (this request's place is asked).
 *
 * A message is read once: the main menu reads it to choose the bed search (flows/main_menu.yaml
 * `bed_request`), whose first step reads the message that started it (flows/beds.yaml
 * `place_stated`, for the callers that read nothing: a menu choice typed in a sentence, the
 * check's hospital level). So the turn read is kept (`beds.place_read_turn`), and a second
 * reading in the same turn leaves what the first noted.
 */
export function bedsNotePlaceAction(beds: BedsService, read: BedRequestWords): Action {
  return async (ctx) => {
    if (getPath(ctx.session, READ_TURN) === ctx.session.turns) return;
    ctx.set(READ_TURN, ctx.session.turns);
    const text = wordsOf(ctx.input) ?? '';
    const spans = text === '' ? null : placeSpansOfBedRequest(text, ctx.services.interpret, read);
    // "free oxygen bed", "খালি আইসিইউ বেড": a request with its kind and no place, which the menu's words do not read.
    const ofKind = text !== '' && isBedRequestOfKind(text, ctx.services.interpret, read);
    if (spans === null && !ofKind) return ctx.set('beds.requested', false);
    await beds.directory.ensureFresh();
    const region = patientRegion(ctx.session, ctx.services.now()) ?? undefined;
    // "bed near me", "কাছাকাছি বেড লাগবে": where the patient is, when the request names no place.
    const request = bedRequestOf(spans ?? [], beds, region, saysPhrase(text, beds.config.nearMe), ofKind);
    ctx.set('beds.requested', request !== null);
    if (request) ctx.set(STATED_PLACE, request.place);
  };
}

/**
 * `beds.place_told`: a place stated (`beds.note_place`) is the search's target: sets `beds.target`,
 * `beds.resolved` and `beds.place_known` (false, and nothing else, when none was stated). A place
 * stated that the data has no beds for ("bed in Dhaka") is said so, with the helplines there, as
 * the place question says it (in the language of now, not of a first message before consent),
 * and sets `beds.no_data` for the flow to offer the helplines or another place. A request for
 * beds near the patient ("bed near me") sets `beds.near_me`, for the flow to ask the location.
 * Taken once: "search again" asks the place, which may be another this time.
 */
export function bedsPlaceToldAction(beds: BedsService): Action {
  return (ctx) => {
    const stated = getPath(ctx.session, STATED_PLACE) as StatedPlace | null | undefined;
    const known = stated !== null && typeof stated === 'object' && 'by' in stated;
    if (known) ctx.set(STATED_PLACE, null);
    // "bed near me": the location is asked (flows/beds.yaml `share_how`), as for "near me" typed at the place question.
    const nearMe = known && stated.by === 'near_me';
    ctx.set('beds.near_me', nearMe);
    if (nearMe) {
      ctx.set('beds.place_known', false);
      return ctx.set('beds.no_data', false);
    }
    if (known && stated.by === 'no_data') {
      const region = patientRegion(ctx.session, ctx.services.now()) ?? undefined;
      const found = resolveText(stated.text, false, beds, region, ctx.session.lang ?? 'en');
      // Read again as the place question reads it: should the data cover it by now, "where?" is asked.
      const outside = 'noData' in found;
      if (outside) ctx.emit({ type: 'msg_created', msg: found.noData });
      ctx.set('beds.place_known', false);
      return ctx.set('beds.no_data', outside);
    }
    ctx.set('beds.place_known', known);
    ctx.set('beds.no_data', false);
    if (!known) return;
    ctx.set('beds.target', stated);
    ctx.set('beds.resolved', true);
  };
}

/** Male/female when a flow knows it ("male", "female", "m", "f"); anything else is unknown. */
function readSex(value: unknown): Sex | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v === 'male' || v === 'm') return 'male';
  if (v === 'female' || v === 'f') return 'female';
  return undefined;
}

/**
 * Every beds action, for registerActions (src/core.ts). `menu`: the interpreter's words a bed
 * request is read with (src/beds/menu-words.ts), from the translator the interpreter is built on.
 */
export function bedsActions(beds: BedsService, menu: MenuWords): Array<[string, Action]> {
  return [
    ['beds.resolve', bedsResolveAction(beds)],
    ['beds.find', bedsFindAction(beds)],
    ['beds.note_kind', bedsNoteKindAction(beds)],
    ['beds.kind_told', bedsKindToldAction],
    ['beds.note_place', bedsNotePlaceAction(beds, bedRequestWords(menu, beds.config, kindOptions(OFFERED_KINDS)))],
    ['beds.place_told', bedsPlaceToldAction(beds)],
    ['beds.kind_in_message', bedsKindInMessageAction(beds)],
    ['beds.near_me', bedsNearMeAction(beds)],
  ];
}
