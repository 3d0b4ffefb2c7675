/**
 * `followup.read_time`: an answer to the check-in time question that is none of its three
 * choices ("Which time of day suits you? 1. Morning 2. Afternoon 3. Evening"), read as the time
 * the patient gave in their own words (the words: time-words.ts). Three such answers in a row
 * were "Sorry, I did not understand" and the main menu: the yes to the check-ins was lost.
 *
 * - a clock time: a number with what makes it one ("10 am", "8 baje", "৭টায়", "10:30"), or next
 *   to a part of the day ("subah 10"). That part, am or pm, or a 24-hour number says which half of
 *   the day it is in; a bare hour from 1 to 4 is in the afternoon, 12 is noon, and one from 5 to 11
 *   may be either (slot-for-time.ts takes the reading nearer to a slot);
 * - the night ("at night", "raat ko", "রাতে", "after dinner"), with a clock time or not;
 * - one part of the day, in more words than the choice takes ("morning time is good",
 *   "shaam ko theek rahega"): that slot;
 * - any time ("any time is fine", "kabhi bhi", "যেকোনো সময়"), or several parts of the day with
 *   it ("morning or evening, whichever"); also "I don't know": the patient said yes to the
 *   check-ins, and does not mind when.
 *
 * A time turned down next to it ("not at night", "raat ko nahi", "রাতে না") reads nothing, nor do
 * the night and a daytime part together: asking again is safer than a guess the patient did not
 * make. A slot found is saved where the choice saves it (SLOT_VAR); another time goes to TIME_VAR,
 * for the service to place when it enrols (config/followup.yaml has the hours). Else the answer
 * is unclear (`followup.offer.read`: `unclear`, the flow asks again with what it can take), and
 * the third unclear one in a row is `given_up`: the flow tells the patient that no check-ins
 * were set, and how to ask for them, and goes on.
 */
import { wordsOf } from '../engine/input';
import { getPath } from '../engine/paths';
import type { Action, Interpreter } from '../engine/services';
import { normalizeText, toAsciiDigits } from '../i18n/normalize';
import type { CheckinSlot } from '../storage/repositories';
import { type TimeWish } from './slot-for-time';
import { SLOT_VAR } from './slots';
import { shippedTimeWords, type TimeWordKind, type TimeWords } from './time-words';

/** Where the flow (flows/followup_offer.yaml) keeps a time that is not a slot by name, for the request. */
export const TIME_VAR = 'followup.offer.time';
/** What the last answer read as: `found`, `unclear` or `given_up`. */
export const READ_VAR = 'followup.offer.read';
/** Unclear answers in a row at the time question (slot-in-answer.ts starts it again with each offer). */
export const UNCLEAR_VAR = 'followup.offer.unclear';

/** Unclear answers in a row before the flow gives up on the time: the engine's own count (retries 2, then fallback). */
const UNCLEAR_LIMIT = 3;

export type TimeAnswer = { slot: CheckinSlot } | { time: TimeWish };

export const readTimeAction: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  const answer = text === null ? null : readTime(text, shippedTimeWords(), ctx.services.interpret);
  if (answer) {
    ctx.set(SLOT_VAR, 'slot' in answer ? answer.slot : null);
    ctx.set(TIME_VAR, 'time' in answer ? answer.time : null);
    ctx.set(UNCLEAR_VAR, 0);
    ctx.set(READ_VAR, 'found');
    return;
  }
  const unclear = Number(getPath(ctx.session, UNCLEAR_VAR) ?? 0) + 1;
  ctx.set(UNCLEAR_VAR, unclear);
  ctx.set(READ_VAR, unclear >= UNCLEAR_LIMIT ? 'given_up' : 'unclear');
};

/** A clock number, or a word (loose, as time-words.ts has them). */
type Token = { hour: number; minute: number | null } | string;

/**
 * A number of one or two digits not glued to a letter or another number in front (not the "2"
 * of "spo2", nor the "6" of "98.6"), with minutes after ":" or "."; or a run of letters. Digits
 * glued after it are its words: "১০টায়" is 10 and "টায়", "8pm" is 8 and "pm".
 */
const TOKENS = /(?<![\p{L}\p{M}\p{N}.:])(\d{1,2})(?:[:.](\d{2}))?(?!\p{N})|([\p{L}\p{M}]+)/gu;
/** Stands for a number among the words: no phrase has it, so no phrase spans a number. */
const NUMBER = '\u0000';

const PART_OF_DAY: ReadonlySet<TimeWordKind> = new Set(['morning', 'afternoon', 'evening']);
const TIMES: ReadonlySet<TimeWordKind> = new Set(['any', 'night', 'morning', 'afternoon', 'evening']);
const MARKERS: ReadonlySet<TimeWordKind> = new Set(['am', 'pm', 'clock']);

interface Found {
  kind: TimeWordKind;
  start: number;
  end: number;
}

/** The time a text gives, or null (see the file comment). */
export function readTime(text: string, words: TimeWords, interpret: Pick<Interpreter, 'dontKnow'>): TimeAnswer | null {
  const tokens: Token[] = [];
  for (const m of toAsciiDigits(normalizeText(text)).matchAll(TOKENS)) {
    if (m[1] !== undefined) tokens.push({ hour: Number(m[1]), minute: m[2] === undefined ? null : Number(m[2]) });
    else if (m[3] !== undefined) tokens.push(m[3]);
  }
  const ws = tokens.map((t) => (typeof t === 'string' ? t : NUMBER));
  const found: Found[] = [];
  for (let i = 0; i < ws.length; ) {
    const hit = ws[i] === NUMBER ? null : words.at(ws, i);
    if (hit) found.push({ kind: hit.value, start: i, end: i + hit.length });
    i += hit?.length ?? 1;
  }
  const at = (i: number) => found.find((f) => f.start === i);
  const endingAt = (i: number) => found.find((f) => f.end === i);

  // The first number that is a clock time, with the span of it and its marker.
  let clock: { hour: number; minute: number | null; marker: TimeWordKind | null; start: number; end: number } | null = null;
  for (let i = 0; i < tokens.length && !clock; i++) {
    const t = tokens[i]!;
    if (typeof t === 'string' || t.hour > 23 || (t.minute !== null && t.minute > 59)) continue;
    const after = at(i + 1);
    const marker = after && MARKERS.has(after.kind) ? after.kind : null;
    const beside = [endingAt(i), after].some((f) => f !== undefined && (PART_OF_DAY.has(f.kind) || f.kind === 'night'));
    if (marker || t.minute !== null || beside) clock = { ...t, marker, start: i, end: marker ? after!.end : i + 1 };
  }

  // "not at night", "raat ko nahi", "রাতে না": a time turned down, so none is taken.
  const spans = [...found.filter((f) => TIMES.has(f.kind)), ...(clock ? [clock] : [])];
  if (spans.some((s) => endingAt(s.start)?.kind === 'not' || at(s.end)?.kind === 'not')) return null;

  const kinds = new Set(found.map((f) => f.kind));
  const parts = [...PART_OF_DAY].filter((k) => kinds.has(k)) as CheckinSlot[];
  if (kinds.has('night')) return kinds.has('morning') || kinds.has('afternoon') ? null : { time: { kind: 'night' } };
  if (clock) return { time: { kind: 'clock', minutes: readings(clock, parts[0] ?? null) } };
  if (parts.length === 1) return { slot: parts[0]! };
  if (kinds.has('any')) return { time: { kind: 'any' } };
  if (parts.length === 0 && interpret.dontKnow(text)) return { time: { kind: 'any' } };
  return null;
}

/**
 * The minutes after midnight a clock time may mean: the half of the day its marker (am, pm), a
 * 24-hour number or the part of the day named with it says; else 1 to 4 in the afternoon (no one
 * asks for a message at 3 am), 12 at noon, and 5 to 11 either (slot-for-time.ts decides).
 */
function readings(clock: { hour: number; minute: number | null; marker: TimeWordKind | null }, part: CheckinSlot | null): number[] {
  const { hour } = clock;
  const minute = clock.minute ?? 0;
  const am = (hour === 12 ? 0 : hour) * 60 + minute;
  const pm = (hour === 12 ? 12 : hour + 12) * 60 + minute;
  if (hour === 0 || hour > 12) return [hour * 60 + minute];
  if (clock.marker === 'am') return [am];
  if (clock.marker === 'pm') return [pm];
  // "subah 12 baje" is noon, as a bare 12 is: only "12 am" is midnight.
  if (hour === 12) return [12 * 60 + minute];
  if (part === 'morning') return [am];
  if (part === 'afternoon' || part === 'evening') return [pm];
  if (hour <= 4) return [pm];
  return [am, pm];
}
