/**
 * config/triage.yaml: the rule table, the red flags and the words for symptoms
 * and long-term conditions. Checked here once, at start-up, with a line per
 * problem naming the field; what passes is plain data for rules.ts and the
 * phrase matcher.
 *
 * The names of the SpO2 reading a low reading is found after ("oxygen 85") are not
 * in it: they are locales/<lng>/words.json `number_labels.spo2`, the names the answers
 * to number questions are read by, so one list serves both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';
import { LANGUAGES } from '../engine/flow';
import { localesDir as shippedLocales } from '../paths';
import { COMORBIDITIES, LEVELS, SYMPTOMS, type Comorbidity, type Symptom } from './case';
import type { Rule, RuleCondition } from './rules';

const symptom = z.enum(SYMPTOMS);
const comorbidity = z.enum(COMORBIDITIES);
const words = z.array(z.string().trim().min(1));
const messageKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key such as emergency.country.in');

const numberTest = z.union([
  z.null(),
  z.number(),
  z
    .strictObject({ lt: z.number().optional(), lte: z.number().optional(), gt: z.number().optional(), gte: z.number().optional(), eq: z.number().optional() })
    .refine((t) => Object.keys(t).length > 0, 'a number test needs lt, lte, gt, gte or eq'),
]);

const condition: z.ZodType<RuleCondition> = z.lazy(() =>
  z
    .strictObject({
      symptom: symptom.optional(),
      any_symptom: z.boolean().optional(),
      symptoms_known: z.boolean().optional(),
      comorbidity: z.array(comorbidity).min(1).optional(),
      age: numberTest.optional(),
      spo2: numberTest.optional(),
      respiratory_rate: numberTest.optional(),
      fever_days: numberTest.optional(),
      pregnant: z.boolean().optional(),
      covid_positive: z.boolean().optional(),
      close_contact: z.boolean().optional(),
      danger_signs: z.boolean().optional(),
      any: z.array(condition).min(1).optional(),
    })
    .refine((c) => Object.keys(c).length > 0, 'an empty condition always holds: leave `when` out instead'),
) as z.ZodType<RuleCondition>;

const rule = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id: lowercase letters, digits and _'),
  level: z.enum(LEVELS),
  when: condition.optional(),
  source: z.string().min(1),
});

/** Phrases per language: the split is for reviewers; matching looks at all of them. */
const phrases = z.strictObject({ en: words.min(1), bn: words.min(1), hi: words.min(1) });

const everyKey = <K extends string>(keys: readonly K[], what: string) => (rec: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const k of keys) if (!(k in rec)) ctx.addIssue({ code: 'custom', path: [k], message: `phrases for ${what} "${k}" are missing` });
};

const schema = z
  .strictObject({
    in_progress_minutes: z.number().int().min(1).max(24 * 60),
    rules: z.array(rule).min(1),
    red_flags: z.array(symptom).min(1),
    // `words`: where the names of the reading were kept before words.json (a config copied from
    // an earlier release still loads): added to words.json's.
    low_spo2: z.strictObject({ below: z.number().min(51).max(100), words: words.optional(), between: words, not_before: words, newer: words.optional() }),
    emergency_regions_when_unknown: z.array(z.strictObject({ region: z.string().min(1), name: messageKey })).min(1),
    symptom_list: z.array(symptom).min(1).max(20),
    condition_list: z.array(comorbidity).min(1).max(20),
    spelling: z.record(z.string().min(1), words),
    suffixes: words,
    fillers: words,
    negation: z.strictObject({
      before: words,
      before_at_clause_start: words,
      after: words,
      skip: words,
      or_words: words,
      clause_breaks: words,
    }),
    none_answers: words.min(1),
    symptoms: z.partialRecord(symptom, phrases).superRefine(everyKey(SYMPTOMS, 'symptom')),
    conditions: z.partialRecord(comorbidity, phrases).superRefine(everyKey(COMORBIDITIES, 'condition')),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
    });
    cfg.rules.slice(0, -1).forEach((r, i) => {
      if (r.when === undefined) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `rule "${r.id}" has no \`when\`: only the last rule (the default) may have none` });
    });
    const last = cfg.rules.at(-1);
    if (last?.when !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', cfg.rules.length - 1], message: 'the last rule must have no `when`: it is the default' });
    const levels = cfg.rules.map((r) => LEVELS.indexOf(r.level));
    levels.forEach((l, i) => {
      if (i > 0 && l < (levels[i - 1] ?? 0)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'level'], message: `rules must be listed most urgent level first (${LEVELS.join(', ')})` });
    });
    // A red flag jumps to the emergency flow: the assessment must agree that it is an emergency.
    for (const flag of cfg.red_flags) {
      if (!cfg.rules.some((r) => r.level === 'emergency' && r.when?.symptom === flag)) {
        ctx.addIssue({ code: 'custom', path: ['red_flags'], message: `red flag "${flag}" has no emergency rule testing { symptom: ${flag} }` });
      }
    }
    // A stated low reading is an emergency only when the rule table says so, with the reason it gives.
    const below = cfg.low_spo2.below;
    if (!cfg.rules.some((r) => r.level === 'emergency' && typeof r.when?.spo2 === 'object' && r.when.spo2 !== null && r.when.spo2.lt === below && Object.keys(r.when).length === 1)) {
      ctx.addIssue({ code: 'custom', path: ['low_spo2', 'below'], message: `no emergency rule tests { spo2: { lt: ${below} } } alone` });
    }
    for (const [field, list] of [['symptom_list', cfg.symptom_list as readonly string[]], ['condition_list', cfg.condition_list as readonly string[]]] as const) {
      const dup = list.find((v, i) => list.indexOf(v) !== i);
      if (dup) ctx.addIssue({ code: 'custom', path: [field], message: `"${dup}" is listed twice` });
    }
  });

export interface PhraseLists {
  en: string[];
  bn: string[];
  hi: string[];
}

export interface TriageConfig {
  inProgressMinutes: number;
  rules: Rule[];
  redFlags: Symptom[];
  /** A reading below `below` named with one of `words` (words.json `number_labels.spo2`) is a red flag (red-flags.ts). */
  lowSpo2: LowSpo2Words;
  emergencyRegionsWhenUnknown: Array<{ region: string; name: string }>;
  symptomList: Symptom[];
  conditionList: Comorbidity[];
  /** The words of free-text answers: one lexicon per kind of answer, sharing the rest. */
  language: LanguageData;
  symptoms: Record<Symptom, PhraseLists>;
  conditions: Record<Comorbidity, PhraseLists>;
}

export interface LowSpo2Words {
  below: number;
  words: string[];
  between: string[];
  notBefore: string[];
  /** Words that bring a newer reading after the named one ("oxygen 96 yesterday, now 89"). */
  newer?: string[];
}

/** What the phrase matcher needs besides the phrases themselves. */
export interface LanguageData {
  spelling: Record<string, string[]>;
  suffixes: string[];
  fillers: string[];
  negation: { before: string[]; beforeAtClauseStart: string[]; after: string[]; skip: string[]; orWords: string[]; clauseBreaks: string[] };
  noneAnswers: string[];
}

/**
 * Read and check config/triage.yaml. `regions` (from config/helplines.yaml) lets the
 * emergency numbers for an unknown region be checked against the helpline directory;
 * `locales` is where words.json gives the names of the SpO2 reading (the shipped locales).
 */
export function loadTriageConfig(file: string, regions?: ReadonlySet<string>, locales: string = shippedLocales): TriageConfig {
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(result.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n'));
  }
  const c = result.data;
  const spo2Words = spo2Names(locales);
  if (regions) {
    const unknown = c.emergency_regions_when_unknown.filter((r) => !regions.has(r.region));
    if (unknown.length) {
      throw new Error(unknown.map((r) => `${file}: emergency_regions_when_unknown: region "${r.region}" is not in config/helplines.yaml`).join('\n'));
    }
  }
  return {
    inProgressMinutes: c.in_progress_minutes,
    rules: c.rules,
    redFlags: c.red_flags,
    lowSpo2: { below: c.low_spo2.below, words: [...new Set([...spo2Words, ...(c.low_spo2.words ?? [])])], between: c.low_spo2.between, notBefore: c.low_spo2.not_before, newer: c.low_spo2.newer ?? [] },
    emergencyRegionsWhenUnknown: c.emergency_regions_when_unknown,
    symptomList: c.symptom_list,
    conditionList: c.condition_list,
    language: {
      spelling: c.spelling,
      suffixes: c.suffixes,
      fillers: c.fillers,
      negation: {
        before: c.negation.before,
        beforeAtClauseStart: c.negation.before_at_clause_start,
        after: c.negation.after,
        skip: c.negation.skip,
        orWords: c.negation.or_words,
        clauseBreaks: c.negation.clause_breaks,
      },
      noneAnswers: c.none_answers,
    },
    symptoms: c.symptoms as Record<Symptom, PhraseLists>,
    conditions: c.conditions as Record<Comorbidity, PhraseLists>,
  };
}

/**
 * The names of the SpO2 reading in every language: locales/<lng>/words.json
 * `number_labels.spo2`, the list the interpreter names readings by (src/i18n/interpreter.ts).
 */
export function spo2Names(locales: string): string[] {
  const out = new Set<string>();
  const problems: string[] = [];
  for (const lng of LANGUAGES) {
    const file = join(locales, lng, 'words.json');
    let list: unknown;
    try {
      list = (JSON.parse(readFileSync(file, 'utf8')) as { number_labels?: { spo2?: unknown } }).number_labels?.spo2;
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!Array.isArray(list) || !list.every((w): w is string => typeof w === 'string' && w.trim() !== '')) {
      problems.push(`${file}: number_labels.spo2: must be a list of words (the names of the SpO2 reading; config/triage.yaml low_spo2 reads them)`);
      continue;
    }
    for (const w of list) out.add(w.trim());
  }
  if (problems.length) throw new Error(problems.join('\n'));
  if (!out.size) throw new Error(`${locales}: words.json number_labels.spo2 is empty in every language: a low oxygen reading could never be a red flag`);
  return [...out];
}
