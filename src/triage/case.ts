/**
 * One triage case: what we know about a patient, in the vocabulary of issue #3.
 * The same shape is read by `sahay triage assess` from JSON, built from a
 * conversation's answers (answers.ts) and stored on the conversation as
 * `triage.answers`, so a case a doctor sees can be pasted back into the command.
 *
 * ```json
 * { "age": 64, "symptoms": ["fever", "cough"], "fever_days": 2, "spo2": 95,
 *   "comorbidities": ["diabetes"], "covid_positive": true }
 * ```
 * Every field is optional; `null` means "not known" (no oximeter, not asked).
 */
import { z } from 'zod';

export const SYMPTOMS = [
  'fever', 'cough', 'sore_throat', 'breathless', 'breathless_at_rest', 'chest_pain', 'confusion', 'bluish_lips',
  'neuro_deficit', 'loss_of_smell', 'loss_of_taste', 'fatigue', 'body_ache', 'headache', 'diarrhoea', 'cannot_eat_drink',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const COMORBIDITIES = [
  'diabetes', 'hypertension', 'heart_disease', 'lung_disease', 'kidney_disease', 'liver_disease', 'cerebrovascular',
  'obesity', 'tb', 'cancer', 'immunocompromised',
] as const;
export type Comorbidity = (typeof COMORBIDITIES)[number];

/** Most urgent first: the order in which the rule table is read. */
export const LEVELS = ['emergency', 'hospital', 'doctor', 'home_isolation', 'self_care'] as const;
export type Level = (typeof LEVELS)[number];

/** The numbers a case may hold, with the ranges the flow accepts (issue #3). */
export const RANGES = {
  age: { min: 0, max: 120 },
  fever_days: { min: 0, max: 60 },
  spo2: { min: 50, max: 100 },
  respiratory_rate: { min: 5, max: 80 },
} as const;

export interface TriageCase {
  age?: number | null;
  pregnant?: boolean | null;
  /** null: asked, and the answers could not be read (no reassurance); absent: not asked (none). */
  symptoms?: Symptom[] | null;
  fever_days?: number | null;
  spo2?: number | null;
  respiratory_rate?: number | null;
  comorbidities?: Comorbidity[];
  covid_positive?: boolean | null;
  close_contact?: boolean | null;
  /** Yes to "any of these danger signs?" without saying which one. */
  danger_signs?: boolean | null;
}

const inRange = (field: keyof typeof RANGES, integer: boolean) => {
  const { min, max } = RANGES[field];
  const n = z.number({ error: `must be a number from ${min} to ${max}, or null` }).min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`);
  return (integer ? n.int(`must be a whole number from ${min} to ${max}`) : n).nullable().optional();
};
const flag = z.boolean({ error: 'must be true, false or null' }).nullable().optional();
const listOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.array(z.enum(values, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)} (known: ${values.join(', ')})` }), {
    error: `must be a list of ${what}s`,
  }).optional();

const CASE_FIELDS = ['age', 'pregnant', 'symptoms', 'fever_days', 'spo2', 'respiratory_rate', 'comorbidities', 'covid_positive', 'close_contact', 'danger_signs'] as const;

export const caseSchema = z.strictObject(
  {
    age: inRange('age', true),
    pregnant: flag,
    symptoms: listOf(SYMPTOMS as unknown as readonly [Symptom, ...Symptom[]], 'symptom').nullable(),
    fever_days: inRange('fever_days', true),
    spo2: inRange('spo2', false),
    respiratory_rate: inRange('respiratory_rate', true),
    comorbidities: listOf(COMORBIDITIES as unknown as readonly [Comorbidity, ...Comorbidity[]], 'comorbidity'),
    covid_positive: flag,
    close_contact: flag,
    danger_signs: flag,
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown field (known: ${CASE_FIELDS.join(', ')})` : 'a case must be a JSON object') },
);

export type CaseResult = { ok: true; case: TriageCase } | { ok: false; problems: string[] };

/** Check a case from outside (JSON): every problem names its field, e.g. `symptoms[1]: unknown symptom "fevr"`. */
export function parseCase(data: unknown): CaseResult {
  const result = caseSchema.safeParse(data);
  if (result.success) return { ok: true, case: result.data as TriageCase };
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${fieldName([...issue.path, k])}: ${issue.message}`);
    return [`${issue.path.length ? fieldName(issue.path) : '(case)'}: ${issue.message}`];
  });
  return { ok: false, problems };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
