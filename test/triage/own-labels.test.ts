/**
 * Every label the symptom check shows is understood when a patient types it back.
 *
 * A patient who answers "which symptoms?" by copying items of the list the bot just showed,
 * in the bot's own words, must be read exactly as one who sends their numbers; a danger sign
 * typed back in the words of the danger-sign question is a red flag. These tests read the
 * labels from locales/<lng>/triage.json, so a label edited later cannot drift away from
 * config/triage.yaml unnoticed:
 *
 * - `triage.symptom.<code>`: the numbered symptom list (config `symptom_list`) and what is said
 *   back ("I understood: • …", which names red-flag symptoms too);
 * - `triage.condition.<code>`: the numbered list of long-term illnesses (config `condition_list`);
 * - `triage.list.none`: the list's "0. None of these";
 * - the bullets of `triage.ask.danger_signs`, in the order of DANGER_SIGN_BULLETS.
 */
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../src/engine/flow';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { SYMPTOMS, type Symptom } from '../../src/triage/case';
import { readListAnswer } from '../../src/triage/list-answer';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const translator = createTranslator(localesDir);
const inner = createInterpreter(translator);
const interp = withRedFlags(inner, triage.redFlags);
const isNo = (t: string) => inner.yesNo(t) === false;
const readSymptoms = (text: string) => readListAnswer(text, triage.config.symptomList, triage.symptoms, isNo);
const readConditions = (text: string) => readListAnswer(text, triage.config.conditionList, triage.conditions, isNo);

/** What each bullet of `triage.ask.danger_signs` names, in order (the same in every language). */
const DANGER_SIGN_BULLETS: readonly Symptom[] = ['breathless_at_rest', 'chest_pain', 'bluish_lips', 'confusion', 'neuro_deficit'];

const t = (key: string, lng: Language) => {
  expect(translator.has(key, lng)).toBe(true);
  return translator.t(key, lng);
};
/** A line of a numbered list as the patient sees it ("3. Sore throat"). */
const line = (n: number, label: string, lng: Language) => translator.t('triage.list.line', lng, { n, label });
const bullets = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trimStart().startsWith('•'))
    .map((l) => l.replace(/^\s*•\s*/, ''));

const cases = <T extends string>(codes: readonly T[]) => LANGUAGES.flatMap((lng) => codes.map((code, i) => [lng, code, i + 1] as const));

describe('the labels the symptom check shows are read back as what they label', () => {
  it.each(cases(triage.config.symptomList))('%s symptom list item: %s', (lng, code, n) => {
    const label = t(`triage.symptom.${code}`, lng);
    expect(readSymptoms(label)).toEqual({ status: 'found', codes: [code] });
    expect(readSymptoms(line(n, label, lng))).toEqual({ status: 'found', codes: [code] });
  });

  it('every symptom label, wherever it is said back (red flags included), names its code and only it', () => {
    const wrong: string[] = [];
    for (const lng of LANGUAGES) {
      for (const code of SYMPTOMS) {
        if (!translator.has(`triage.symptom.${code}`, lng)) continue;
        const label = translator.t(`triage.symptom.${code}`, lng);
        const got = triage.symptoms.extract(label).present;
        const flags = triage.redFlags.find(label);
        const wantFlags = triage.config.redFlags.includes(code) ? [code] : [];
        if (got.join() !== code || flags.join() !== wantFlags.join()) wrong.push(`${lng} ${code} "${label}" → [${got.join()}], red flags [${flags.join()}]`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(cases(triage.config.conditionList))('%s condition list item: %s', (lng, code, n) => {
    const label = t(`triage.condition.${code}`, lng);
    expect(readConditions(label)).toEqual({ status: 'found', codes: [code] });
    expect(readConditions(line(n, label, lng))).toEqual({ status: 'found', codes: [code] });
  });

  it.each(LANGUAGES)('%s "none of these", with and without its number, is none in both lists', (lng) => {
    const shown = t('triage.list.none', lng);
    const words = shown.replace(/^\s*0\s*[.)]?\s*/, '');
    expect(words).not.toBe(shown);
    for (const text of [shown, words]) {
      expect(readSymptoms(text)).toEqual({ status: 'none' });
      expect(readConditions(text)).toEqual({ status: 'none' });
    }
  });

  it.each(LANGUAGES)('%s danger-sign question: each bullet is its red flag', (lng) => {
    const shown = bullets(t('triage.ask.danger_signs', lng));
    expect(shown).toHaveLength(DANGER_SIGN_BULLETS.length);
    const got = shown.map((b) => [b, triage.symptoms.extract(b).present, triage.redFlags.find(b), interp.command(b)]);
    expect(got).toEqual(shown.map((b, i) => [b, [DANGER_SIGN_BULLETS[i]], [DANGER_SIGN_BULLETS[i]], 'emergency']));
  });
});
