/**
 * A Bengali word with a case ending is read without it even when the word with its ending is
 * itself a word of some phrase: "কিডনির" is in "কিডনির সমস্যা", and "কিডনির অসুখ" must still
 * find "কিডনি" (it was read as nothing at all).
 */
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import { PhraseMatcher, WordModel } from '../../src/triage/phrase-matcher';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const config = loadTriageConfig(join(configDir, 'triage.yaml'));
const triage = createTriage(config);
const model = new WordModel(config.language);
const lexicon = (bn: string[]) => new PhraseMatcher<'kidney'>({ kidney: { en: [], bn, hi: [] } }, model);

describe('case endings on a word the lexicon also knows with its ending', () => {
  it('"কিডনির অসুখ" finds "কিডনি" though "কিডনির" is in "কিডনির সমস্যা"', () => {
    const matcher = lexicon(['কিডনি', 'কিডনির সমস্যা']);
    expect(matcher.extract('কিডনির অসুখ').present).toEqual(['kidney']);
    expect(matcher.extract('আমার কিডনির অসুখ আছে').present).toEqual(['kidney']);
    expect(matcher.extract('কিডনির সমস্যা').present).toEqual(['kidney']);
    expect(matcher.extract('কিডনি').present).toEqual(['kidney']);
  });

  it('the longer reading wins, and the word inside a phrase is read by its stem too', () => {
    const matcher = new PhraseMatcher<'a' | 'b'>({ a: { en: [], bn: ['বুক ব্যথা'], hi: [] }, b: { en: [], bn: ['বুকে'], hi: [] } }, model);
    expect(matcher.extract('বুকে ব্যথা').present).toEqual(['a']);
    expect(matcher.extract('বুকে').present).toEqual(['b']);
    expect(lexicon(['ডান কিডনি', 'কিডনির সমস্যা']).extract('ডান কিডনির').present).toEqual(['kidney']);
  });

  it('a denial after the stemmed word is still a denial', () => {
    expect(lexicon(['কিডনি', 'কিডনির সমস্যা']).extract('কিডনির নেই')).toEqual({ present: [], denied: ['kidney'] });
    expect(triage.conditions.extract('কিডনির অসুখ নেই')).toEqual({ present: [], denied: ['kidney_disease'] });
  });

  it.each([
    ['কিডনির অসুখ', 'kidney_disease'],
    ['লিভারের অসুখ', 'liver_disease'],
    ['ক্যান্সারের রোগী', 'cancer'],
  ])('the shipped lexicon: %s → %s', (text, code) => {
    expect(triage.conditions.extract(text).present).toEqual([code]);
  });

  it('the shipped lexicon: "গলা খুসখুসে" is a sore throat ("খুসখুসে" is in "খুসখুসে কাশি")', () => {
    expect(triage.symptoms.extract('গলা খুসখুসে').present).toEqual(['sore_throat']);
  });
});
