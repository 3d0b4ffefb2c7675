/** Triage: rules, red flags, understanding symptoms in three languages, and the flow actions. */
export { COMORBIDITIES, LEVELS, SYMPTOMS, parseCase, type Comorbidity, type Level, type Symptom, type TriageCase } from './case';
export { assess, type Assessment, type Rule } from './rules';
export { loadTriageConfig, type TriageConfig } from './triage-config';
export { createTriage, type Triage } from './triage';
export { withRedFlags, EMERGENCY_COMMAND, type RedFlagDetector } from './red-flags';
export { triageActions } from './actions';
