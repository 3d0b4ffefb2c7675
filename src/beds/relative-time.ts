/**
 * When a hospital's counts were true, as a patient should read it: "3 h ago" as a message (a
 * key of locales/<lng>/beds.json, beds.ago.*, with the count, so that each language words it
 * its own way) while the figures are fresh; the date itself ("3 May 2021", in the patient's
 * language) once they are old. Times in the future (a desk's clock running fast) read as
 * "just now".
 */
import type { Language, MessageRef } from '../engine/flow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * From this age a count is shown as its date, with a warning to phone first. Up to then "2 days
 * ago" is read at a glance and is still about this week's beds; past it a count in days ("9 days
 * ago", "2046 days ago" for the 2021 dashboards) makes the patient count back and hides that the
 * figure is from another week, month or year — and in a surge beds fill in hours, so a figure
 * that old says nothing about tonight: the date says so plainly.
 */
export const DATED_AFTER_MS = 3 * DAY;

/** Dates in the patient's language: Bengali digits for bn, Indian English, Hindi month names. */
const DATE_LOCALE: Record<Language, string> = { en: 'en-IN', bn: 'bn-IN', hi: 'hi-IN' };

/** The bed data is India's (its dashboards' clocks): a count of 11 pm on 2 May is of 2 May. */
const DATA_TIME_ZONE = 'Asia/Kolkata';

export type UpdatedWhen = { ago: MessageRef } | { date: string };

export function updatedWhen(now: number, at: number, lang: Language): UpdatedWhen {
  if (now - at >= DATED_AFTER_MS) return { date: new Intl.DateTimeFormat(DATE_LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: DATA_TIME_ZONE }).format(at) };
  return { ago: relativeTime(now, at) };
}

export function relativeTime(now: number, at: number): MessageRef {
  const age = now - at;
  if (age < MINUTE) return { key: 'beds.ago.just_now' };
  if (age < HOUR) return { key: 'beds.ago.minutes', params: { count: Math.floor(age / MINUTE) } };
  if (age < 2 * DAY) return { key: 'beds.ago.hours', params: { count: Math.floor(age / HOUR) } };
  return { key: 'beds.ago.days', params: { count: Math.floor(age / DAY) } };
}
