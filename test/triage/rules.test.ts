/**
 * The shipped rule table (config/triage.yaml), case by case: every rule fires in
 * at least one case below, and every threshold is tested on both sides
 * (SpO2 89/90/93/94/95, breathing rate 23/24/30/31, age 60/61, fever 3/4 days).
 */
import { join } from 'node:path';
import { COMORBIDITIES, type Level, type TriageCase } from '../../src/triage/case';
import { assess, type Rule } from '../../src/triage/rules';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { configDir } from '../../src/paths';

const { rules } = loadTriageConfig(join(configDir, 'triage.yaml'));

type Row = [string, TriageCase, Level, string[]];

const table: Row[] = [
  // emergency
  ['yes to the danger-signs question', { danger_signs: true }, 'emergency', ['danger_signs']],
  ['breathless at rest', { symptoms: ['breathless_at_rest'] }, 'emergency', ['breathless_at_rest']],
  ['SpO2 89', { spo2: 89 }, 'emergency', ['spo2_below_90']],
  ['SpO2 50 (lowest accepted)', { spo2: 50 }, 'emergency', ['spo2_below_90']],
  ['SpO2 89.9', { spo2: 89.9, symptoms: ['cough'] }, 'emergency', ['spo2_below_90']],
  ['breathing rate 31', { respiratory_rate: 31 }, 'emergency', ['rr_above_30']],
  ['chest pain', { symptoms: ['chest_pain'] }, 'emergency', ['chest_pain']],
  ['confusion', { symptoms: ['confusion'] }, 'emergency', ['confusion']],
  ['bluish lips', { symptoms: ['bluish_lips'] }, 'emergency', ['bluish_lips']],
  ['slurred speech, fits, sudden weakness', { symptoms: ['neuro_deficit'] }, 'emergency', ['neuro_deficit']],
  ['several emergency rules: all are reasons, in table order', { symptoms: ['chest_pain', 'fever'], spo2: 85, respiratory_rate: 35, age: 70 }, 'emergency', ['spo2_below_90', 'rr_above_30', 'chest_pain']],

  // hospital
  ['SpO2 90', { spo2: 90 }, 'hospital', ['spo2_90_to_93']],
  ['SpO2 93', { spo2: 93, symptoms: ['fever'] }, 'hospital', ['spo2_90_to_93']],
  ['SpO2 93.5', { spo2: 93.5 }, 'hospital', ['spo2_90_to_93']],
  ['breathing rate 24', { respiratory_rate: 24 }, 'hospital', ['rr_24_or_more']],
  ['breathing rate 30', { respiratory_rate: 30, spo2: 97 }, 'hospital', ['rr_24_or_more']],
  ['breathless, no oximeter', { symptoms: ['breathless'], spo2: null }, 'hospital', ['breathless_spo2_low_or_unknown']],
  ['breathless, SpO2 not given', { symptoms: ['breathless', 'fever'] }, 'hospital', ['breathless_spo2_low_or_unknown']],
  ['breathless with SpO2 93', { symptoms: ['breathless'], spo2: 93 }, 'hospital', ['spo2_90_to_93', 'breathless_spo2_low_or_unknown']],
  ['unable to eat or drink', { symptoms: ['cannot_eat_drink'], spo2: 98 }, 'hospital', ['cannot_eat_drink']],
  ['hospital wins over doctor rules', { symptoms: ['fever'], spo2: 92, age: 75, comorbidities: ['diabetes'], fever_days: 6 }, 'hospital', ['spo2_90_to_93']],

  // doctor
  ['age 61 with a symptom', { age: 61, symptoms: ['cough'], spo2: 97 }, 'doctor', ['age_over_60']],
  ['age 61, positive test, no symptoms', { age: 61, covid_positive: true }, 'doctor', ['age_over_60']],
  ['diabetes with a symptom', { comorbidities: ['diabetes'], symptoms: ['fever'] }, 'doctor', ['comorbidity']],
  ['TB with a positive test', { comorbidities: ['tb'], covid_positive: true }, 'doctor', ['comorbidity']],
  ['pregnant with a symptom', { pregnant: true, symptoms: ['sore_throat'] }, 'doctor', ['pregnant']],
  ['pregnant with a positive test', { pregnant: true, covid_positive: true }, 'doctor', ['pregnant']],
  ['immunocompromised with a symptom', { comorbidities: ['immunocompromised'], symptoms: ['headache'] }, 'doctor', ['immunocompromised']],
  ['fever for 4 days', { symptoms: ['fever'], fever_days: 4, spo2: 98 }, 'doctor', ['fever_over_3_days']],
  ['4 days of fever count as fever even when not listed', { fever_days: 4 }, 'doctor', ['fever_over_3_days']],
  ['SpO2 exactly 94', { spo2: 94 }, 'doctor', ['spo2_94']],
  ['SpO2 94.5', { spo2: 94.5, symptoms: ['cough'] }, 'doctor', ['spo2_94']],
  ['breathless with SpO2 94', { symptoms: ['breathless'], spo2: 94 }, 'doctor', ['spo2_94', 'breathless']],
  ['breathless with SpO2 97', { symptoms: ['breathless'], spo2: 97 }, 'doctor', ['breathless']],
  ['every doctor rule at once', { age: 80, pregnant: true, symptoms: ['fever'], fever_days: 5, spo2: 94, comorbidities: ['heart_disease', 'immunocompromised'] }, 'doctor',
    ['age_over_60', 'comorbidity', 'pregnant', 'immunocompromised', 'fever_over_3_days', 'spo2_94']],

  ['symptoms asked for and not read, at 70', { symptoms: null, age: 70, spo2: null, respiratory_rate: 18 }, 'doctor', ['symptoms_unknown']],
  ['symptoms not read, young, normal readings: still no reassurance', { symptoms: null, age: 25, spo2: 98 }, 'doctor', ['symptoms_unknown']],
  ['symptoms not read, a low reading still sends to hospital', { symptoms: null, spo2: 92 }, 'hospital', ['spo2_90_to_93']],
  ['symptoms not asked (absent), a close contact: quarantine as before', { close_contact: true }, 'self_care', ['close_contact']],

  // home isolation
  ['age 60 with a symptom', { age: 60, symptoms: ['cough'], spo2: 97 }, 'home_isolation', ['mild_symptoms']],
  ['fever for 3 days', { symptoms: ['fever'], fever_days: 3, spo2: 96 }, 'home_isolation', ['mild_symptoms']],
  ['1 day of fever, nothing else', { fever_days: 1 }, 'home_isolation', ['mild_symptoms']],
  ['SpO2 95 with a symptom', { spo2: 95, symptoms: ['loss_of_smell'] }, 'home_isolation', ['mild_symptoms']],
  ['breathing rate 23 with a symptom', { respiratory_rate: 23, symptoms: ['fatigue'], spo2: 96 }, 'home_isolation', ['mild_symptoms']],
  ['positive test, no symptoms', { covid_positive: true, spo2: 98 }, 'home_isolation', ['covid_positive']],
  ['positive test with symptoms', { covid_positive: true, symptoms: ['body_ache', 'diarrhoea'] }, 'home_isolation', ['mild_symptoms', 'covid_positive']],
  ['a close contact with symptoms is treated by the symptoms', { close_contact: true, symptoms: ['cough'] }, 'home_isolation', ['mild_symptoms']],
  ['no oximeter, mild symptoms', { symptoms: ['headache'], spo2: null, respiratory_rate: null }, 'home_isolation', ['mild_symptoms']],

  // self care
  ['nothing at all', {}, 'self_care', ['no_symptoms']],
  ['SpO2 95, no symptoms', { spo2: 95 }, 'self_care', ['no_symptoms']],
  ['a close contact without symptoms', { close_contact: true }, 'self_care', ['close_contact']],
  ['age 61 with high blood pressure, no symptoms, no positive test', { age: 61, comorbidities: ['hypertension'] }, 'self_care', ['no_symptoms']],
  ['pregnant without symptoms, negative test', { pregnant: true, covid_positive: false }, 'self_care', ['no_symptoms']],
  ['age 80 with diabetes after a close contact, no symptoms', { age: 80, comorbidities: ['diabetes'], close_contact: true }, 'self_care', ['close_contact']],
];

describe('the shipped rule table', () => {
  it.each(table)('%s', (_name, triageCase, level, reasons) => {
    expect(assess(triageCase, rules)).toEqual({ level, reasons });
  });

  it('has a case above for every rule', () => {
    const covered = new Set(table.flatMap(([, , , reasons]) => reasons));
    expect(rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(COMORBIDITIES.filter((c) => c !== 'immunocompromised'))('%s with a symptom → doctor (comorbidity)', (c) => {
    expect(assess({ comorbidities: [c], symptoms: ['cough'], spo2: 97 }, rules)).toEqual({ level: 'doctor', reasons: ['comorbidity'] });
  });

  it('walks the SpO2 boundaries 89 / 90 / 93 / 94 / 95 for a patient with a cough', () => {
    const levelAt = (spo2: number) => assess({ spo2, symptoms: ['cough'] }, rules).level;
    expect([89, 90, 93, 94, 95].map(levelAt)).toEqual(['emergency', 'hospital', 'hospital', 'doctor', 'home_isolation']);
  });

  it('walks the breathing-rate boundaries 23 / 24 / 30 / 31', () => {
    const levelAt = (rr: number) => assess({ respiratory_rate: rr, symptoms: ['cough'], spo2: 97 }, rules).level;
    expect([23, 24, 30, 31].map(levelAt)).toEqual(['home_isolation', 'hospital', 'hospital', 'emergency']);
  });

  it('walks the age boundary 60 / 61', () => {
    const levelAt = (age: number) => assess({ age, symptoms: ['fever'], spo2: 97 }, rules).level;
    expect([60, 61].map(levelAt)).toEqual(['home_isolation', 'doctor']);
  });

  it('cites a source for every rule', () => {
    for (const r of rules) expect(r.source.trim()).not.toBe('');
  });
});

describe('assess (the evaluator)', () => {
  const r = (id: string, level: Level, when?: Rule['when']): Rule => ({ id, level, source: 'test', ...(when ? { when } : {}) });

  it('reads number tests: eq, lte, gte, lt, gt, and null for "not known"', () => {
    const table: Rule[] = [r('eq', 'emergency', { age: { eq: 7 } }), r('lte', 'hospital', { age: { lte: 5 } }), r('unknown', 'doctor', { age: null }), r('plain', 'home_isolation', { age: 50 }), r('rest', 'self_care')];
    expect(assess({ age: 7 }, table).reasons).toEqual(['eq']);
    expect(assess({ age: 5 }, table).reasons).toEqual(['lte']);
    expect(assess({}, table).reasons).toEqual(['unknown']);
    expect(assess({ age: null }, table).reasons).toEqual(['unknown']);
    expect(assess({ age: 50 }, table).reasons).toEqual(['plain']);
    expect(assess({ age: 51 }, table).reasons).toEqual(['rest']);
  });

  it('needs every test of a condition (AND) and one of `any` (OR)', () => {
    const table: Rule[] = [r('both', 'doctor', { symptom: 'cough', any: [{ pregnant: true }, { age: { gt: 60 } }] }), r('rest', 'self_care')];
    expect(assess({ symptoms: ['cough'], pregnant: true }, table).reasons).toEqual(['both']);
    expect(assess({ symptoms: ['cough'], age: 61 }, table).reasons).toEqual(['both']);
    expect(assess({ symptoms: ['cough'], age: 60 }, table).reasons).toEqual(['rest']);
    expect(assess({ pregnant: true, age: 70 }, table).reasons).toEqual(['rest']);
  });

  it('a false flag test holds for a missing or false value, never for true', () => {
    const table: Rule[] = [r('not_positive', 'doctor', { covid_positive: false }), r('rest', 'self_care')];
    expect(assess({}, table).level).toBe('doctor');
    expect(assess({ covid_positive: false }, table).level).toBe('doctor');
    expect(assess({ covid_positive: true }, table).level).toBe('self_care');
  });

  it('the rule without a condition is a reason only when nothing else of its level holds', () => {
    const table: Rule[] = [r('contact', 'self_care', { close_contact: true }), r('default', 'self_care')];
    expect(assess({ close_contact: true }, table).reasons).toEqual(['contact']);
    expect(assess({}, table).reasons).toEqual(['default']);
  });
});
