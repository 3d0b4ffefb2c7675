/**
 * Symptom words as chat spells them, with a letter doubled or dropped ("feverr", "bukharr",
 * "khashi", "coughh"): config/triage.yaml `spelling`. "feverr, coff" at the symptom question was
 * "I understood: • Cough", the fever lost with its days question and the "fever > 3 days" rule;
 * "amar জ্বর and khashi hai" kept the fever and dropped the cough. Words near them that are no
 * symptom stay unread.
 */
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { createTestCore, type TestCore } from '../support/core';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));

describe('misspelt symptom words', () => {
  it.each([
    ['feverr, coff', ['fever', 'cough']],
    ['feverrr and coughh', ['fever', 'cough']],
    ['fevver', ['fever']],
    ['feaver', ['fever']],
    ['bukharr hai', ['fever']],
    ['bukhaarr aur khasi', ['fever', 'cough']],
    ['jorr ar khashi', ['fever', 'cough']],
    ['jor ar kashi', ['fever', 'cough']],
    ['amar জ্বর and khashi hai', ['fever', 'cough']],
    ['khaashi hocche', ['cough']],
    ['koffing all night', ['cough']],
  ])('"%s" → %j', (text, codes) => {
    expect(triage.symptoms.extract(text).present).toEqual(codes);
  });

  it.each([
    ['no feverr', 'fever'],
    ['bukharr nahi hai', 'fever'],
    ['khashi nei', 'cough'],
  ])('"%s" denies %s, as the word spelt right does', (text, code) => {
    expect(triage.symptoms.extract(text)).toEqual({ present: [], denied: [code] });
  });

  it.each(['fear', 'I fear covid', 'forever', 'coffee', 'fiver', 'khassi ka gosht', 'sardi'])('"%s" names no symptom', (text) => {
    expect(triage.symptoms.extract(text)).toEqual({ present: [], denied: [] });
  });

  it.each([
    ['cough syrup price?', ['cough']],
    ['forever tired', ['fatigue']],
  ])('"%s" reads as before: %j', (text, codes) => {
    expect(triage.symptoms.extract(text).present).toEqual(codes);
  });
});

describe('in a conversation', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(async () => t.close());
  const texts = async (user: string, content: Parameters<TestCore['send']>[1]) => (await t.send(user, content)).map((m) => m.text);

  it('"feverr, coff" at the symptom question is fever and cough, and the days of fever are asked', async () => {
    const u = 'misspelt-fever';
    await t.send(u, 'hello');
    await t.send(u, 'english');
    await t.send(u, { kind: 'choice', payload: 'yes' });
    await t.send(u, '1');
    await t.send(u, { kind: 'choice', payload: 'no' });
    const understood = await texts(u, 'feverr, coff');
    expect(understood).toContain('I understood:\n• Fever\n• Cough');
    expect(await texts(u, { kind: 'choice', payload: 'yes' })).toContain(t.core.translator.t('triage.ask.fever_days', 'en'));
  });

  it('"amar জ্বর and khashi hai" as the first message says back the fever and the cough in Bengali', async () => {
    const u = 'mixed-script-cough';
    await t.send(u, 'amar জ্বর and khashi hai');
    await t.send(u, 'bangla');
    const replies = await texts(u, { kind: 'choice', payload: 'yes' });
    expect(replies[0]).toBe('আপনি জানিয়েছেন:\n• জ্বর\n• কাশি');
  });
});
