/** The case shape `sahay triage assess` reads and the conversation stores: errors name the field. */
import { parseCase } from '../../src/triage/case';

describe('parseCase', () => {
  it('accepts a full case and an empty one', () => {
    const full = {
      age: 64, pregnant: false, symptoms: ['fever', 'cough'], fever_days: 4, spo2: 93.5, respiratory_rate: 22,
      comorbidities: ['diabetes', 'immunocompromised'], covid_positive: true, close_contact: null, danger_signs: false,
    };
    expect(parseCase(full)).toEqual({ ok: true, case: full });
    expect(parseCase({})).toEqual({ ok: true, case: {} });
  });

  it('accepts null for "not known"', () => {
    expect(parseCase({ spo2: null, respiratory_rate: null, age: null })).toEqual({ ok: true, case: { spo2: null, respiratory_rate: null, age: null } });
  });

  it.each([
    [{ spo2: 101 }, 'spo2: must be from 50 to 100'],
    [{ spo2: 49 }, 'spo2: must be from 50 to 100'],
    [{ spo2: '92' }, 'spo2: must be a number from 50 to 100, or null'],
    [{ respiratory_rate: 4 }, 'respiratory_rate: must be from 5 to 80'],
    [{ respiratory_rate: 20.5 }, 'respiratory_rate: must be a whole number from 5 to 80'],
    [{ age: 121 }, 'age: must be from 0 to 120'],
    [{ age: -1 }, 'age: must be from 0 to 120'],
    [{ fever_days: 61 }, 'fever_days: must be from 0 to 60'],
    [{ pregnant: 'yes' }, 'pregnant: must be true, false or null'],
    [{ symptoms: 'fever' }, 'symptoms: must be a list of symptoms'],
    [{ symptoms: ['fever', 'fevr'] }, 'symptoms[1]: unknown symptom "fevr" (known: fever, cough, sore_throat, breathless, breathless_at_rest, chest_pain, confusion, bluish_lips, neuro_deficit, loss_of_smell, loss_of_taste, fatigue, body_ache, headache, diarrhoea, cannot_eat_drink)'],
    [{ comorbidities: ['asthma'] }, expect.stringMatching(/^comorbidities\[0\]: unknown comorbidity "asthma" \(known: diabetes, .*immunocompromised\)$/)],
    [{ oxygen: 92 }, 'oxygen: unknown field (known: age, pregnant, symptoms, fever_days, spo2, respiratory_rate, comorbidities, covid_positive, close_contact, danger_signs)'],
    [[1, 2], '(case): a case must be a JSON object'],
    [null, '(case): a case must be a JSON object'],
  ])('%j → %s', (data, problem) => {
    expect(parseCase(data)).toEqual({ ok: false, problems: [problem] });
  });

  it('lists every problem', () => {
    const r = parseCase({ spo2: 200, age: 'old', extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['age', 'extra', 'spo2']);
  });
});
