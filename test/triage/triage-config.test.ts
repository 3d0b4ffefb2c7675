/** config/triage.yaml: the shipped file loads, every text it names exists in three languages, and mistakes are refused. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { LANGUAGES } from '../../src/engine/flow';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { COMORBIDITIES, LEVELS, SYMPTOMS } from '../../src/triage/case';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { loadHelplines } from '../../src/helplines/directory';

const shipped = join(configDir, 'triage.yaml');
const tr = createTranslator(localesDir);

describe('the shipped config/triage.yaml', () => {
  const config = loadTriageConfig(shipped, new Set(Object.keys(loadHelplines(join(configDir, 'helplines.yaml')).regions)));

  it('compiles into matchers without conflicting phrases or spellings', () => {
    expect(() => createTriage(config)).not.toThrow();
  });

  it('has a reason text for every rule, and a result text for every level, in bn, hi and en', () => {
    const keys = [...config.rules.map((r) => `triage.reason.${r.id}`), ...LEVELS.map((l) => `triage.result.${l}`)];
    const missing = keys.flatMap((k) => LANGUAGES.filter((l) => !tr.has(k, l)).map((l) => `${l}: ${k}`));
    expect(missing).toEqual([]);
  });

  it('has a label for every symptom and condition, and a name for every emergency region', () => {
    const keys = [
      ...SYMPTOMS.map((s) => `triage.symptom.${s}`),
      ...COMORBIDITIES.map((c) => `triage.condition.${c}`),
      ...config.emergencyRegionsWhenUnknown.map((r) => r.name),
    ];
    expect(keys.flatMap((k) => LANGUAGES.filter((l) => !tr.has(k, l)).map((l) => `${l}: ${k}`))).toEqual([]);
  });

  it('lists every condition in the numbered list, and only symptoms that are not red flags', () => {
    expect([...config.conditionList].sort()).toEqual([...COMORBIDITIES].sort());
    expect(config.symptomList.filter((s) => config.redFlags.includes(s))).toEqual([]);
  });
});

describe('loadTriageConfig refuses mistakes, naming the field', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-triage-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withChange = (change: (data: Record<string, any>) => void): string => {
    const data = parse(readFileSync(shipped, 'utf8'));
    change(data);
    const file = join(dir, `case-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(data));
    return file;
  };
  const problems = (file: string, regions?: Set<string>) => {
    try {
      loadTriageConfig(file, regions);
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('a threshold that is not a number', () => {
    const file = withChange((d) => (d.rules[2].when.spo2.lt = 'ninety'));
    expect(problems(file)).toMatch(/rules\.2\.when/);
  });

  it('an unknown symptom in a rule', () => {
    expect(problems(withChange((d) => (d.rules[1].when.symptom = 'sneezing')))).toMatch(/rules\.1\.when\.symptom/);
  });

  it('a duplicate rule id', () => {
    expect(problems(withChange((d) => (d.rules[3].id = d.rules[2].id)))).toMatch(/rules\.3\.id: duplicate rule id "spo2_below_90"/);
  });

  it('a table whose last rule has a condition (no default)', () => {
    expect(problems(withChange((d) => (d.rules.at(-1).when = { close_contact: false })))).toMatch(/the last rule must have no `when`/);
  });

  it('a rule without a condition before the end', () => {
    expect(problems(withChange((d) => delete d.rules[9].when))).toMatch(/only the last rule \(the default\) may have none/);
  });

  it('levels out of order', () => {
    expect(problems(withChange((d) => d.rules.unshift({ id: 'late', level: 'doctor', when: { age: { gt: 100 } }, source: 'x' })))).toMatch(/most urgent level first/);
  });

  it('a red flag the rules do not treat as an emergency', () => {
    const file = withChange((d) => (d.rules = d.rules.filter((r: { id: string }) => r.id !== 'chest_pain')));
    expect(problems(file)).toMatch(/red flag "chest_pain" has no emergency rule/);
  });

  it('a symptom without phrases', () => {
    expect(problems(withChange((d) => delete d.symptoms.cough))).toMatch(/symptoms\.cough: phrases for symptom "cough" are missing/);
  });

  it('an emergency region that the helpline directory does not have', () => {
    expect(problems(shipped, new Set(['in_wb', 'bd']))).toMatch(/region "in_other" is not in config\/helplines\.yaml/);
  });

  it('a config from an earlier release, with the SpO2 names in low_spo2.words, still loads: its names are added to words.json\'s', () => {
    const config = loadTriageConfig(withChange((d) => (d.low_spo2.words = ['oxygen', 'pulse ox'])));
    expect(config.lowSpo2.words).toContain('pulse ox');
    expect(config.lowSpo2.words.filter((w) => w === 'oxygen')).toHaveLength(1);
  });

  it('a phrase listed for two symptoms (found when compiling)', () => {
    const config = loadTriageConfig(withChange((d) => d.symptoms.cough.en.push('fever')));
    expect(() => createTriage(config)).toThrow(/phrase "fever" is listed for both fever and cough/);
  });
});
