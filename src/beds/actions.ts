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
 *   for the flow to offer the other ways to search.
 * - `beds.find` (with: { target, kind, sex, region }): searches and says the answer in one
 *   message; sets `beds.found` (how many hospitals with free beds were listed; 0 when only
 *   the next nearest could be offered).
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
import type { Action } from '../engine/services';
import type { Language, MessageRef } from '../engine/flow';
import { patientRegion } from '../helplines/location-region';
import { answerMessage } from './answer';
import type { BedsService } from './service';
import type { BedTarget } from './lookup';
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
    const dontKnow = by !== 'location' && text !== '' && ctx.services.interpret.dontKnow(text);
    ctx.set('beds.dont_know', dontKnow);
    if (given === null || dontKnow) return ctx.set('beds.resolved', false);
    let target: BedTarget | null = null;
    if (by === 'location') {
      const loc = given.location as { lat?: unknown; lng?: unknown } | null | undefined;
      if (loc && typeof loc.lat === 'number' && typeof loc.lng === 'number') target = { by: 'location', lat: loc.lat, lng: loc.lng };
    } else if (by === 'pincode') {
      const pin = beds.finder.resolvePincode(text);
      if (pin) target = { by: 'pincode', pincode: pin };
      else ctx.emit({ type: 'msg_created', msg: { key: /^\s*[\d০-৯०-९]{6}\s*$/.test(text) ? 'beds.resolve.unknown_pincode' : 'beds.resolve.bad_pincode', params: { text: text.slice(0, 40) } } });
    } else {
      // The patient's region (chosen, or a shared location's) settles a name two states share.
      const region = patientRegion(ctx.session) ?? undefined;
      const place = beds.finder.resolvePlace(text, region);
      if (place) target = { by: 'district', place: place.place };
      else ctx.emit({ type: 'msg_created', msg: unknownPlace(text, beds.finder.placeChoices(text, region), ctx.session.lang ?? 'en') });
    }
    ctx.set('beds.resolved', target !== null);
    if (target) ctx.set('beds.target', target);
  });
}

/**
 * A name the gazetteer cannot place: as unknown, or, when it is as close to two or more
 * places (no guess: "Barampur" is Barrackpore in West Bengal and Balrampur in Chhattisgarh),
 * with those places named in the patient's language, so the next answer can be one of them.
 */
function unknownPlace(text: string, choices: ReturnType<BedsService['finder']['placeChoices']>, lang: Language): MessageRef {
  const shown = text.slice(0, 60);
  if (choices.length < 2) return { key: 'beds.resolve.unknown_place', params: { text: shown } };
  const places = choices.slice(0, 4).map((c) => `• ${c.names[lang] || c.names.en} (${c.district[lang] || c.district.en})`);
  return { key: 'beds.resolve.which_place', params: { text: shown, places: places.join('\n') } };
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
    region: z.string().optional(),
  });
  return withArgs(args, async (ctx) => {
    await beds.directory.ensureFresh();
    const target = ctx.args.target as BedTarget | undefined;
    if (!target || typeof target !== 'object' || !('by' in target)) throw new Error('beds.find needs a target (run beds.resolve first)');
    const sex = readSex(ctx.args.sex);
    const region = typeof ctx.args.region === 'string' ? ctx.args.region : undefined;
    const answer = beds.finder.find({ target, kind: String(ctx.args.kind ?? 'any'), ...(sex ? { sex } : {}), ...(region ? { helplineRegion: region } : {}) });
    const lang: Language = ctx.session.lang ?? 'en';
    ctx.emit({ type: 'msg_created', msg: answerMessage(answer, { now: ctx.services.now(), kindLabel: beds.kindLabel, lang }) });
    ctx.set('beds.found', answer.results.length);
  });
}

/** Male/female when a flow knows it ("male", "female", "m", "f"); anything else is unknown. */
function readSex(value: unknown): Sex | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v === 'male' || v === 'm') return 'male';
  if (v === 'female' || v === 'f') return 'female';
  return undefined;
}

/** Every beds action, for registerActions (src/core.ts). */
export function bedsActions(beds: BedsService): Array<[string, Action]> {
  return [
    ['beds.resolve', bedsResolveAction(beds)],
    ['beds.find', bedsFindAction(beds)],
  ];
}
