/**
 * Where the triage flow keeps its answers in the session, and how they become a
 * case. The flow saves each answer under `triage.q.*` (flows/triage.yaml); the
 * assessment writes its outcome next to them:
 *
 * | path              | what                                                         |
 * |-------------------|--------------------------------------------------------------|
 * | `triage.q.*`      | the answers of the check in progress (cleared when one starts)|
 * | `triage.level`    | the level of the last assessment                             |
 * | `triage.reasons`  | ids of the rules that fired (config/triage.yaml)              |
 * | `triage.answers`  | the case assessed, in the JSON shape `sahay triage assess` reads |
 * | `triage.at`       | when (ms since epoch, from the engine's clock)               |
 * | `triage.noted_symptoms` | symptoms of the first message, for the next check (then null) |
 * | `triage.noted_readings` | readings stated with them ("3 days", "oxygen 96"), the same way (stated-readings.ts) |
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';
import type { ActionContext } from '../engine/services';
import { COMORBIDITIES, RANGES, SYMPTOMS, type Comorbidity, type Symptom, type TriageCase } from './case';
import { statedVitalsOf } from './stated-readings';

export const Q = 'triage.q';

/** Symptoms named in the first message and said back after consent, for the check that follows (first-message.ts). */
export const NOTED_SYMPTOMS = 'triage.noted_symptoms';

/** Readings stated in that message, said back with those symptoms, for the same check (stated-readings.ts). */
export const NOTED_READINGS = 'triage.noted_readings';

/** Whether a first message (or one at the menu) named symptoms, for the flows to start the check with them (first-message.ts). */
export const SYMPTOMS_IN_MESSAGE = 'triage.symptoms_in_message';

/** Whether it named an oxygen or breathing reading and no symptom: the check starts too (first-message.ts). */
export const READING_IN_MESSAGE = 'triage.reading_in_message';

/** The known symptom codes of a stored list (the session is plain JSON an older version may have written). */
export function knownSymptoms(value: unknown): Symptom[] {
  return listOf(value, SYMPTOMS) ?? [];
}

/** The symptoms of the check in progress, with the flags flows/triage.yaml branches on. */
export function setSymptoms(ctx: Pick<ActionContext, 'set'>, codes: readonly Symptom[]): void {
  ctx.set(`${Q}.symptoms`, codes);
  ctx.set(`${Q}.has_symptoms`, codes.length > 0);
  ctx.set(`${Q}.has_fever`, codes.includes('fever'));
  ctx.set(`${Q}.has_breathless`, codes.includes('breathless') || codes.includes('breathless_at_rest'));
}

/** The answers of the check in progress, as stored (unknown: sessions are plain JSON). */
export function answersOf(session: Session): Record<string, unknown> {
  const q = getPath(session, Q);
  return q !== null && typeof q === 'object' && !Array.isArray(q) ? (q as Record<string, unknown>) : {};
}

/** The case the answers describe. Values that do not fit (an edited flow, an old session) are left out. */
export function caseFromAnswers(q: Record<string, unknown>): TriageCase {
  const out: TriageCase = {};
  const num = (key: keyof typeof RANGES): number | null | undefined => {
    const v = q[key];
    if (v === null) return null;
    return typeof v === 'number' && v >= RANGES[key].min && v <= RANGES[key].max ? v : undefined;
  };
  const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

  const age = num('age');
  if (age !== undefined) out.age = age;
  const pregnant = bool(q.pregnant);
  if (pregnant !== undefined) out.pregnant = pregnant;
  const symptoms = listOf(q.symptoms, SYMPTOMS);
  if (symptoms) out.symptoms = symptoms;
  // Asked, and given up on (answer-actions.ts): not known, which is not "none".
  else if (q.symptoms === null) out.symptoms = null;
  const feverDays = num('fever_days');
  if (feverDays !== undefined) out.fever_days = feverDays;
  // A reading skipped at its question ("I don't have an oximeter") but named in the message the
  // check started from ("my oxygen is 91") is that one: not known would read as no concern. Given
  // both, the worse counts, as when one message gives two: the stated one was already said to need
  // care at the check's start (answer-actions.ts `sayStatedOxygen`), and a reading of minutes ago
  // that needed a hospital is not undone by a better one now.
  const stated = statedVitalsOf(q.stated_vitals);
  const spo2 = orStated(num('spo2'), stated.spo2, Math.min);
  if (spo2 !== undefined) out.spo2 = spo2;
  const rr = orStated(num('respiratory_rate'), stated.respiratory_rate, Math.max);
  if (rr !== undefined) out.respiratory_rate = rr;
  const comorbidities = listOf(q.comorbidities, COMORBIDITIES);
  if (comorbidities) out.comorbidities = comorbidities;
  // The flow asks for the test result as a choice; the case has a yes/no.
  if (q.test_result === 'positive') out.covid_positive = true;
  else if (q.test_result === 'negative') out.covid_positive = false;
  const contact = bool(q.close_contact);
  if (contact !== undefined) out.close_contact = contact;
  const danger = bool(q.danger_signs);
  if (danger !== undefined) out.danger_signs = danger;
  return out;
}

/**
 * The answer, or the stated value when the answer is skipped (null) or not given (a skip stays null
 * without one); with both, the worse of the two (`worse`: the lower oxygen, the faster breathing).
 */
function orStated(answer: number | null | undefined, stated: number | undefined, worse: (a: number, b: number) => number): number | null | undefined {
  if (answer === null || answer === undefined) return stated ?? answer;
  return stated === undefined ? answer : worse(answer, stated);
}

function listOf<T extends Symptom | Comorbidity>(value: unknown, known: readonly T[]): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.filter((v): v is T => (known as readonly unknown[]).includes(v)))];
}
