/**
 * Readings stated in the message that started the symptom check ("fever 102 for 3 days",
 * "bukhar 102 hai 3 din se", "৩ দিন ধরে জ্বর, অক্সিজেন ৯৬") are not asked again. They travel
 * with that message's symptoms (first-message.ts, answer-actions.ts): said back after consent,
 * shown again with the first reading of the symptoms for the patient to confirm ("I understood:
 * • Fever • Days of fever: 3 — Is that right?"), and on a "yes" the check skips their questions
 * (flows/triage.yaml). On a "no" they are forgotten and asked, as the symptoms are.
 *
 * Only readings that do not change while the patient types: the days of fever and the age.
 * Oxygen and breathing rate are always asked: they change by the hour, a message often gives two
 * ("oxygen was 96, now 88", "rr 20 then 32", whose question reads the worst), and a later answer
 * may give a newer one ("cough, and my oxygen dropped to 91 now") that a skipped question would
 * lose. A low oxygen stated anywhere is a red flag at once (red-flags.ts).
 *
 * A reading is taken only when the message names it plainly and once: "3 days" / "3 din se"
 * (a number of weeks or months in days), "age 62". Not "102" (a temperature the check does not
 * ask for), not an age named only by a unit ("diabetes for 10 years" is no age of 10), and not a
 * value out of the question's range. The days of fever only when fever is the one symptom named:
 * in "cough 2 days, fever for a week" the 2 days are the cough's, and the question is asked.
 */
import type { MessageRef } from '../engine/flow';
import type { Interpreter, NamedReading } from '../engine/services';
import { RANGES, type Symptom } from './case';

/** The questions of the check a stated reading answers (their `triage.q.*` names). */
export const STATED_FIELDS = ['fever_days', 'age'] as const;
export type StatedField = (typeof STATED_FIELDS)[number];
export type StatedReadings = Partial<Record<StatedField, number>>;

/** What the interpreter names a reading (words.json `number_labels` / `number_units`), for each field. */
export const READING_OF: Readonly<Record<StatedField, string>> = { fever_days: 'days', age: 'age' };

/** The fields whose questions take whole numbers only (flows/triage.yaml `integer: true`). */
const WHOLE: ReadonlySet<StatedField> = new Set(['fever_days', 'age']);

/** The readings `text` states plainly, once and in range, beside the symptoms it names. */
export function statedReadings(interpret: Interpreter, text: string, symptoms: readonly Symptom[]): StatedReadings {
  const named = interpret.namedReadings?.(text) ?? [];
  const out: StatedReadings = {};
  for (const field of STATED_FIELDS) {
    if (field === 'fever_days' && (symptoms.length !== 1 || symptoms[0] !== 'fever')) continue;
    // An age only after its name: a number of years is as often how long an illness has lasted.
    const values = new Set(named.filter((r) => r.reading === READING_OF[field] && (field !== 'age' || r.by === 'name')).map((r) => r.value));
    if (values.size !== 1) continue;
    const [value] = values;
    if (value !== undefined && fits(field, value)) out[field] = value;
  }
  return out;
}

/** The stated readings kept in the session, as far as they still fit (sessions are plain JSON an older version may have written). */
export function statedReadingsOf(value: unknown): StatedReadings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: StatedReadings = {};
  for (const field of STATED_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'number' && fits(field, v)) out[field] = v;
  }
  return out;
}

/** The readings as lines of a bulleted list ("• Days of fever: 3"), in the order of the questions. */
export function statedLines(readings: StatedReadings): MessageRef[] {
  return STATED_FIELDS.flatMap((field) => {
    const n = readings[field];
    return n === undefined ? [] : [{ key: 'triage.list.item', params: { label: { key: `triage.stated.${field}`, params: { n } } } }];
  });
}

export function hasStated(readings: StatedReadings): boolean {
  return STATED_FIELDS.some((field) => readings[field] !== undefined);
}

function fits(field: StatedField, value: number): boolean {
  const { min, max } = RANGES[field];
  return value >= min && value <= max && (!WHOLE.has(field) || Number.isInteger(value));
}

/**
 * Oxygen and breathing rate named in the message that started the check ("my oxygen is 91",
 * "oxygen 96 yesterday, now 89", "rr 30"), read as their questions read them (the lowest oxygen,
 * the highest rate). Their questions are still asked; these stand in when a question is skipped
 * ("I don't have an oximeter" now, but the patient told us 91): `triage.q.stated_vitals`, read by
 * caseFromAnswers (answers.ts).
 */
export type StatedVitals = Partial<Record<'spo2' | 'respiratory_rate', number>>;

const VITALS = [
  { field: 'spo2', pick: 'lowest' },
  { field: 'respiratory_rate', pick: 'highest' },
] as const;

/**
 * An oxygen or breathing reading the message states plainly: named by its name ("oxygen 91", "rr
 * 30"), or a breathing rate by its unit ("30 breaths per minute", "saans 30 per minute"), which
 * names nothing else ("92%" or "92" after "saans" may be an oxygen reading; a rate "per minute" is
 * the breathing's: the pulse's units are its own, "bpm", "beats per minute").
 */
export function statesVital(r: NamedReading): boolean {
  return (r.reading === 'spo2' && r.by === 'name') || (r.reading === 'respiratory_rate' && (r.by === 'name' || r.by === 'unit'));
}

export function statedVitals(interpret: Interpreter, text: string): StatedVitals {
  const named = interpret.namedReadings?.(text) ?? [];
  const out: StatedVitals = {};
  for (const { field, pick } of VITALS) {
    if (!named.some((r) => r.reading === field && statesVital(r))) continue;
    const value = interpret.number(text, field, { pick, ...RANGES[field] });
    if (value !== null && value >= RANGES[field].min && value <= RANGES[field].max) out[field] = value;
  }
  return out;
}

/** Stated vitals as kept in the session, as far as they still fit. */
export function statedVitalsOf(value: unknown): StatedVitals {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: StatedVitals = {};
  for (const { field } of VITALS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'number' && v >= RANGES[field].min && v <= RANGES[field].max) out[field] = v;
  }
  return out;
}
