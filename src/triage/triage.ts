/**
 * The triage service: config/triage.yaml compiled once into what the actions,
 * the interpreter and `sahay triage assess` use.
 */
import type { Comorbidity, Symptom, TriageCase } from './case';
import { PhraseMatcher, WordModel } from './phrase-matcher';
import { redFlagDetector, type RedFlagDetector } from './red-flags';
import { assess, type Assessment } from './rules';
import type { TriageConfig } from './triage-config';

export interface Triage {
  config: TriageConfig;
  symptoms: PhraseMatcher<Symptom>;
  conditions: PhraseMatcher<Comorbidity>;
  redFlags: RedFlagDetector;
  assess(c: TriageCase): Assessment;
}

export function createTriage(config: TriageConfig): Triage {
  const model = new WordModel(config.language);
  const symptoms = new PhraseMatcher<Symptom>(config.symptoms, model);
  return {
    config,
    symptoms,
    conditions: new PhraseMatcher<Comorbidity>(config.conditions, model),
    redFlags: redFlagDetector(symptoms, config.redFlags, config.lowSpo2),
    assess: (c) => assess(c, config.rules),
  };
}
