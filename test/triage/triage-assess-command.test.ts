/** `sahay triage assess`: the command function, and the built command once as a user runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTriageAssess } from '../../src/cli/triage-assess';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const tr = createTranslator(localesDir);

function assessCase(input: string, lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = runTriageAssess(input, lang, { triage, translate: (k, l) => tr.t(k, l), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('runTriageAssess', () => {
  it('prints the level and the reasons with their English text', () => {
    const r = assessCase(JSON.stringify({ age: 64, symptoms: ['fever', 'cough'], fever_days: 5, spo2: 96 }));
    expect(r).toEqual({
      code: 0,
      err: [],
      out: [
        JSON.stringify({
          level: 'doctor',
          reasons: [
            { rule: 'age_over_60', text: 'Over 60 years old, with symptoms or a positive test.' },
            { rule: 'fever_over_3_days', text: 'Fever for more than 3 days.' },
          ],
        }),
      ],
    });
  });

  it('gives the reasons in Bengali or Hindi with --lang', () => {
    expect(JSON.parse(assessCase('{"spo2": 92}', 'bn').out[0]!)).toEqual({ level: 'hospital', reasons: [{ rule: 'spo2_90_to_93', text: 'অক্সিজেনের মাত্রা (SpO2) ৯০% থেকে ৯৩%-এর মধ্যে।' }] });
    expect(JSON.parse(assessCase('{"symptoms": ["chest_pain"]}', 'hi').out[0]!)).toEqual({ level: 'emergency', reasons: [{ rule: 'chest_pain', text: 'सीने में दर्द या दबाव।' }] });
  });

  it.each([
    ['{"spo2": 120}', 'sahay triage assess: spo2: must be from 50 to 100'],
    ['{"oxygen": 92}', expect.stringMatching(/^sahay triage assess: oxygen: unknown field \(known: age, /)],
    ['{"symptoms": ["cold"]}', expect.stringMatching(/^sahay triage assess: symptoms\[0\]: unknown symptom "cold"/)],
    ['{"age": "sixty"}', 'sahay triage assess: age: must be a number from 0 to 120, or null'],
    ['not json', expect.stringMatching(/^sahay triage assess: stdin: not a JSON case/)],
    ['', expect.stringMatching(/^sahay triage assess: stdin: not a JSON case/)],
  ])('exits 2 for %j, naming the field', (input, message) => {
    expect(assessCase(input)).toEqual({ code: 2, out: [], err: [message] });
  });

  it('exits 2 for an unknown --lang', () => {
    expect(assessCase('{}', 'fr')).toEqual({ code: 2, out: [], err: ['sahay triage assess: --lang: must be one of bn, hi, en (got "fr")'] });
  });
});

describe('the built `sahay triage assess`', () => {
  const root = join(__dirname, '..', '..');
  const sahay = (args: string[], input: string) =>
    spawnSync(process.execPath, [join(root, 'bin', 'sahay.js'), 'triage', 'assess', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 20000 });

  it('reads a case on stdin and prints JSON; a bad field exits 2 with the field on stderr', () => {
    const ok = sahay(['--lang', 'hi'], '{"symptoms": ["fever"], "spo2": 97, "covid_positive": true}\n');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      level: 'home_isolation',
      reasons: [
        { rule: 'mild_symptoms', text: 'ख़तरे के लक्षणों के बिना हल्के लक्षण।' },
        { rule: 'covid_positive', text: 'कोविड-19 टेस्ट पॉज़िटिव।' },
      ],
    });

    const bad = sahay([], '{"respiratory_rate": 100, "smoker": true}');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('respiratory_rate: must be from 5 to 80');
    expect(bad.stderr).toContain('smoker: unknown field');
  });
});
