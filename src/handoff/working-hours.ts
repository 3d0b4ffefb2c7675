/**
 * Working hours of a queue, in its own IANA time zone, with nothing but Intl: the
 * local weekday and minute of a moment, whether the desk is open, when it opens
 * next, and how to say that to a patient in their language.
 *
 * ```ts
 * isOpen(probash, Date.UTC(2021, 4, 1, 5, 30)) // 08:30 in Riyadh → false
 * nextOpening(probash, Date.UTC(2021, 4, 1, 5, 30)) // → Date.UTC(2021, 4, 1, 6, 0): 09:00 Riyadh
 * ```
 */
import type { Language, MessageRef } from '../engine/flow';
import { WEEKDAYS, type QueueConfig, type Weekday } from './config';

export interface LocalTime {
  weekday: Weekday;
  /** Minutes after local midnight. */
  minutes: number;
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormats.set(timeZone, f);
  }
  return f;
}

function wall(at: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: string } {
  const p: Record<string, string> = {};
  for (const part of partsFormat(timeZone).formatToParts(at)) p[part.type] = part.value;
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second), wd: (p.weekday ?? '').toLowerCase() };
}

export function localTime(at: number, timeZone: string): LocalTime {
  const w = wall(at, timeZone);
  return {
    weekday: w.wd.slice(0, 3) as Weekday,
    minutes: w.h * 60 + w.mi,
    date: `${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`,
  };
}

/** The moment a local wall-clock time happens in a time zone (the later one in a DST gap). */
function instantOf(y: number, mo: number, d: number, minutes: number, timeZone: string): number {
  const target = Date.UTC(y, mo - 1, d, 0, minutes);
  let guess = target;
  // Two rounds settle the offset, DST changes included.
  for (let i = 0; i < 2; i++) {
    const w = wall(guess, timeZone);
    const seen = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
    guess += target - seen;
  }
  return guess;
}

export function isOpen(queue: Pick<QueueConfig, 'hours' | 'timeZone'>, at: number): boolean {
  const local = localTime(at, queue.timeZone);
  return queue.hours.some((w) => w.days.includes(local.weekday) && local.minutes >= w.open && local.minutes < w.close);
}

/** When the desk opens next, after `at` (ms); `at` itself when it is open now. */
export function nextOpening(queue: Pick<QueueConfig, 'hours' | 'timeZone'>, at: number): number {
  if (isOpen(queue, at)) return at;
  const today = localTime(at, queue.timeZone);
  const [y, mo, d] = today.date.split('-').map(Number) as [number, number, number];
  let best = Infinity;
  // Eight local days ahead always contain a window: every queue has one day at least.
  for (let offset = 0; offset <= 7 && best === Infinity; offset++) {
    const day = new Date(Date.UTC(y, mo - 1, d + offset));
    const weekday = WEEKDAYS[day.getUTCDay()]!;
    for (const w of queue.hours) {
      if (!w.days.includes(weekday)) continue;
      const opens = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), w.open, queue.timeZone);
      if (opens > at && opens < best) best = opens;
    }
  }
  return best;
}

/** Locales for dates and times in the patient's language. */
const LOCALES: Record<Language, string> = { bn: 'bn-BD', hi: 'hi-IN', en: 'en-IN' };

/**
 * "today at 09:00", "tomorrow at ০৯:০০", "on Friday at 12:00" — in the patient's language,
 * with "today" and "tomorrow" counted on the clock given (the patient's when the caller knows
 * it, else the desk's; the caller's message names the zone). The 24-hour clock: the
 * 12-hour one left English "AM"/"PM" in Bengali ("৯:০০ AM") and Hindi ("9:00 am") messages.
 */
export function openingWhen(clock: Pick<QueueConfig, 'timeZone'>, at: number, opens: number, lang: Language): MessageRef {
  const locale = LOCALES[lang];
  const time = new Intl.DateTimeFormat(locale, { timeZone: clock.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opens);
  const days = dayNumber(localTime(opens, clock.timeZone).date) - dayNumber(localTime(at, clock.timeZone).date);
  if (days <= 0) return { key: 'handoff.opens.today', params: { time } };
  if (days === 1) return { key: 'handoff.opens.tomorrow', params: { time } };
  const day = new Intl.DateTimeFormat(locale, { timeZone: clock.timeZone, weekday: 'long' }).format(opens);
  return { key: 'handoff.opens.later', params: { day, time } };
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}
