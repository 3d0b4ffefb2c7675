/**
 * The assessment: a pure function of a case and the rule table of
 * config/triage.yaml. Levels are read most urgent first; the first level with a
 * rule that holds is the result, and every rule of that level that holds is a
 * reason. A rule without a condition (the last one) holds when nothing else does. Rules are data (thresholds, lists); this file only knows how to read
 * their tests, so a clinician can change a threshold without touching code.
 *
 * ```ts
 * assess({ spo2: 92, symptoms: ['fever'] }, rules)
 * // → { level: 'hospital', reasons: ['spo2_90_to_93'] }
 * ```
 */
import { LEVELS, type Comorbidity, type Level, type Symptom, type TriageCase } from './case';

/** A known number that compares so; `null` tests that the number is not known. */
export type NumberTest = null | number | { lt?: number; lte?: number; gt?: number; gte?: number; eq?: number };

/** Every test given must hold; `any` holds when one of its conditions does. */
export interface RuleCondition {
  symptom?: Symptom;
  any_symptom?: boolean;
  /** false: the symptoms were asked for and could not be read (the case's `symptoms` is null). */
  symptoms_known?: boolean;
  comorbidity?: Comorbidity[];
  age?: NumberTest;
  spo2?: NumberTest;
  respiratory_rate?: NumberTest;
  fever_days?: NumberTest;
  pregnant?: boolean;
  covid_positive?: boolean;
  close_contact?: boolean;
  danger_signs?: boolean;
  any?: RuleCondition[];
}

export interface Rule {
  id: string;
  level: Level;
  /** No condition: the default of its level, a reason only when no other rule of the level holds (the last rule). */
  when?: RuleCondition;
  /** The guideline it comes from (short names explained in config/triage.yaml). */
  source: string;
}

export interface Assessment {
  level: Level;
  /** Ids of the rules of that level that hold, in table order. */
  reasons: string[];
}

export function assess(triageCase: TriageCase, rules: readonly Rule[]): Assessment {
  const facts = factsOf(triageCase);
  for (const { level, tested, fallback } of byLevel(rules)) {
    const reasons: string[] = [];
    for (const r of tested) if (holds(r.when, facts)) reasons.push(r.id);
    // A rule without a condition is its level's default: the reason only when no other rule of the level holds.
    if (!reasons.length && fallback) reasons.push(fallback.id);
    if (reasons.length) return { level, reasons };
  }
  // The shipped table ends with a rule without a condition; a table without one is refused at load.
  return { level: 'self_care', reasons: [] };
}

interface LevelRules {
  level: Level;
  /** The level's rules with a condition, in table order. */
  tested: ReadonlyArray<Rule & { when: RuleCondition }>;
  /** Its rule without a condition, if any. */
  fallback?: Rule;
}

/**
 * A table's rules grouped by level, most urgent first: made once per table (the table is
 * loaded once and never changed), not at each of the several assessments a symptom check makes.
 */
const grouped = new WeakMap<readonly Rule[], readonly LevelRules[]>();

function byLevel(rules: readonly Rule[]): readonly LevelRules[] {
  let out = grouped.get(rules);
  if (!out) {
    out = LEVELS.map((level) => {
      const ofLevel = rules.filter((r) => r.level === level);
      const fallback = ofLevel.find((r) => r.when === undefined);
      return { level, tested: ofLevel.filter((r): r is Rule & { when: RuleCondition } => r.when !== undefined), ...(fallback ? { fallback } : {}) };
    });
    grouped.set(rules, out);
  }
  return out;
}

interface Facts {
  symptoms: ReadonlySet<Symptom>;
  symptomsKnown: boolean;
  comorbidities: ReadonlySet<Comorbidity>;
  numbers: Record<'age' | 'spo2' | 'respiratory_rate' | 'fever_days', number | null>;
  flags: Record<'pregnant' | 'covid_positive' | 'close_contact' | 'danger_signs', boolean>;
}

function factsOf(c: TriageCase): Facts {
  const symptoms = new Set(c.symptoms ?? []);
  // A patient who reports days of fever has a fever, whether or not it was named.
  if ((c.fever_days ?? 0) > 0) symptoms.add('fever');
  return {
    symptoms,
    symptomsKnown: c.symptoms !== null,
    comorbidities: new Set(c.comorbidities ?? []),
    numbers: { age: c.age ?? null, spo2: c.spo2 ?? null, respiratory_rate: c.respiratory_rate ?? null, fever_days: c.fever_days ?? null },
    flags: { pregnant: c.pregnant === true, covid_positive: c.covid_positive === true, close_contact: c.close_contact === true, danger_signs: c.danger_signs === true },
  };
}

function holds(cond: RuleCondition | undefined, f: Facts): boolean {
  if (!cond) return true;
  if (cond.symptom !== undefined && !f.symptoms.has(cond.symptom)) return false;
  if (cond.any_symptom !== undefined && f.symptoms.size > 0 !== cond.any_symptom) return false;
  if (cond.symptoms_known !== undefined && f.symptomsKnown !== cond.symptoms_known) return false;
  if (cond.comorbidity !== undefined && !cond.comorbidity.some((c) => f.comorbidities.has(c))) return false;
  for (const key of ['age', 'spo2', 'respiratory_rate', 'fever_days'] as const) {
    const test = cond[key];
    if (test !== undefined && !compare(f.numbers[key], test)) return false;
  }
  for (const key of ['pregnant', 'covid_positive', 'close_contact', 'danger_signs'] as const) {
    const want = cond[key];
    if (want !== undefined && f.flags[key] !== want) return false;
  }
  if (cond.any !== undefined && !cond.any.some((c) => holds(c, f))) return false;
  return true;
}

function compare(value: number | null, test: NumberTest): boolean {
  if (test === null) return value === null;
  if (value === null) return false;
  if (typeof test === 'number') return value === test;
  if (test.eq !== undefined && value !== test.eq) return false;
  if (test.lt !== undefined && !(value < test.lt)) return false;
  if (test.lte !== undefined && !(value <= test.lte)) return false;
  if (test.gt !== undefined && !(value > test.gt)) return false;
  if (test.gte !== undefined && !(value >= test.gte)) return false;
  return true;
}
