/**
 * A bed request that names its place: "hi, I need a bed in Kolkata", "kolkata mein bed chahiye",
 * "কলকাতায় বেড লাগবে", "need oxygen bed near Howrah", "bed chahiye raipur", "bed in 700020".
 *
 * A span of the message (a few words, or six digits) is the place when what is left of the message
 * without it, and without the word that ties it to the request (config/beds/words.yaml
 * `place_ties`: "in", "near", "mein", "কাছে"), is the bed request itself (the interpreter's
 * `command`: commands.json `beds`, with a greeting before it). So a no stays a no ("I don't need
 * a bed in Kolkata" leaves "I don't need a bed"), and a word of the request ("bed", "need") is
 * never searched for as a place. The place is then what the place question's own readers find in
 * the span: a PIN code (src/beds/pincode-in-text.ts) or a place of the data (`resolvePlace`);
 * a span that resolves to neither leaves the request without a place (asked, as before).
 */
import type { Interpreter } from '../engine/services';
import { words } from '../i18n/normalize';
import type { BedTarget } from './lookup';
import type { BedsService } from './service';

/** Words in a message beyond which it is no short request: a story is not taken apart. */
const MAX_WORDS = 14;
/** The most words a place name takes ("uttar 24 parganas", "purba bardhaman"). */
const MAX_PLACE_WORDS = 3;

/** A span that would be the place of a bed request; `tied` when a tie ("in", "mein") joined it to the request. */
export interface PlaceSpan {
  text: string;
  tied: boolean;
}

/**
 * The spans of `text` that would be the place of a bed request, longest first ("near Howrah" is
 * tried as "howrah"); null when no span leaves the request (no bed request with words around it:
 * "I need a bed" alone names no place, and the interpreter reads it already). `ties`: words.yaml
 * `place_ties`.
 */
export function placeSpansOfBedRequest(text: string, interpret: Pick<Interpreter, 'command'>, ties: readonly string[]): PlaceSpan[] | null {
  const ws = words(text);
  if (ws.length < 2 || ws.length > MAX_WORDS) return null;
  const tieWords = tiesOf(ties);
  const isRequest = (rest: string[]) => rest.length > 0 && interpret.command(rest.join(' ')) === 'beds';
  const spans: PlaceSpan[] = [];
  for (let size = Math.min(MAX_PLACE_WORDS, ws.length - 1); size >= 1; size--) {
    for (let from = 0; from + size <= ws.length; from++) {
      const [untied, ...tied] = restsOf(ws.slice(0, from), ws.slice(from + size), tieWords);
      const alone = isRequest(untied!);
      if (alone || tied.some(isRequest)) spans.push({ text: ws.slice(from, from + size).join(' '), tied: !alone });
    }
  }
  return spans.length > 0 ? spans : null;
}

/**
 * The bed request the spans make: the place of the first one the place question's readers know
 * (a PIN code, or a place of the data) as `target`; else, when a tie joined a span to the request
 * ("need a bed in Atlantis"), a request whose place is not known (`target` null, asked as before);
 * else none: a word left out that is no place and was tied by nothing ("আমার অক্সিজেন বেড দরকার"
 * less "অক্সিজেন") does not make the rest a request.
 */
export function bedRequestOf(spans: readonly PlaceSpan[], beds: BedsService, region: string | undefined): { target: BedTarget | null } | null {
  for (const span of spans) {
    const target = placeOf(span.text, beds, region);
    if (target) return { target };
  }
  return spans.some((s) => s.tied) ? { target: null } : null;
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
  if (!/\p{L}{2}/u.test(span)) return null;
  const place = beds.finder.resolvePlace(span, region);
  return place ? { by: 'district', place: place.place } : null;
}

const tiesByList = new WeakMap<readonly string[], string[][]>();

function tiesOf(list: readonly string[]): string[][] {
  let ties = tiesByList.get(list);
  if (!ties) tiesByList.set(list, (ties = list.map((t) => words(t)).filter((t) => t.length > 0)));
  return ties;
}

const startsWith = (ws: readonly string[], part: readonly string[]) => part.length <= ws.length && part.every((w, i) => ws[i] === w);
const endsWith = (ws: readonly string[], part: readonly string[]) => startsWith(ws.slice(ws.length - part.length), part);
