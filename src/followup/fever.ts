/**
 * Fever across the daily check-ins. MoHFW, home isolation (5 January 2022): a fever that lasts
 * more than 3 days needs a doctor (config/triage.yaml `fever_over_3_days`, which reads the
 * case's `fever_days`), and isolation ends only with no fever for 3 successive days
 * (config/followup.yaml `fever_free_days`). One check-in sees one day: the days are counted
 * here, from the readings stored before it and the fever the symptom check knew at enrolment.
 */
import type { FollowupReading } from '../storage/repositories';
import { RANGES } from '../triage/case';

/** Fever from 38 °C (100.4 °F), WHO clinical management of COVID-19. */
export const FEVER_C = 38;

/** °C, from a reading in °C or °F (a number above 45 can only be Fahrenheit). */
export function toCelsius(value: number): number {
  return value > 45 ? Math.round(((value - 32) * 5) / 9 * 10) / 10 : value;
}

/**
 * Did a reading show fever: yes (38 °C or more, or the patient named fever), no (measured
 * below 38 °C and not named), or not known (no answer, no thermometer).
 */
export function feverOf(r: Pick<FollowupReading, 'temperature' | 'symptoms'> | null | undefined): boolean | null {
  if (!r) return null;
  if (r.symptoms.includes('fever')) return true;
  return r.temperature !== null ? false : null;
}

/** The fever the symptom check knew when the patient enrolled: `days` days of it up to the local day `day`. */
export interface FeverBaseline {
  day: number;
  days: number;
}

/** One earlier check-in, on the patient's local day (schedule.ts `localDay`). */
interface FeverDay {
  day: number;
  fever: boolean | null;
}

/**
 * The days of fever a check-in on local day `today` counts if it finds fever: from the first day
 * of the present run of fever to today, both counted (capped at the 60 days a case may hold).
 * Earlier check-ins (oldest first) carry the run back while they had fever, and one without fever
 * ends it. A day with no answer or no thermometer says nothing either way: a fever on both sides
 * of it is taken to have lasted through it (so a missed day never makes a long fever look short).
 * A run that reaches back to the first check-in joins the fever known at enrolment, if any.
 */
export function feverDaysIfFever(earlier: readonly FeverDay[], baseline: FeverBaseline | null, today: number): number {
  let first = today;
  let broken = false;
  for (let i = earlier.length - 1; i >= 0 && !broken; i--) {
    const x = earlier[i]!;
    if (x.day > today) continue;
    if (x.fever === false) broken = true;
    else if (x.fever === true) first = Math.min(first, x.day);
  }
  if (!broken && baseline && baseline.days > 0) first = Math.min(first, baseline.day - baseline.days + 1);
  return Math.min(RANGES.fever_days.max, today - first + 1);
}

/**
 * What a fever found on the local day `day` asks of a follow-up whose last check-in is on the
 * local day `lastDay` and that has `count` check-ins: `needed`, the check-ins to add so that
 * `feverFreeDays` days follow the fever (0: the follow-up already runs that long), and `room`,
 * how many more `maxDays` allows. One decision for what a check-in tells the patient (its plan,
 * service.ts `checkinVars`) and for what its answer then does (service.ts `extendForFever`):
 * add min(needed, room) days, or, with no room left, a "see this patient" task.
 */
export function feverExtension(day: number, lastDay: number, count: number, rules: { feverFreeDays: number; maxDays: number }): { needed: number; room: number } {
  return { needed: Math.max(0, day + rules.feverFreeDays - lastDay), room: Math.max(0, rules.maxDays - count) };
}
