/**
 * English contractions with whatever apostrophe the keyboard gives: "can‘t breathe" and
 * "can`t breathe" are the same red flag as "can’t breathe" and "cant breathe".
 */
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { plainWords } from '../../src/triage/words';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));

/** ASCII ', ’ (U+2019), ‘ (U+2018), ` (backtick), ´ (acute accent), ʼ (U+02BC), ′ (prime). */
const APOSTROPHES = ["'", '\u2019', '\u2018', '`', '\u00b4', '\u02bc', '\u2032'];

describe('contractions with any apostrophe', () => {
  it.each(APOSTROPHES)('can%st → can not', (a) => {
    expect(plainWords(`I can${a}t breathe`)).toEqual(['i', 'can', 'not', 'breathe']);
    expect(plainWords(`he won${a}t wake up`)).toEqual(['he', 'will', 'not', 'wake', 'up']);
    expect(plainWords(`I don${a}t have fever`)).toEqual(['i', 'do', 'not', 'have', 'fever']);
  });

  it.each([...APOSTROPHES.map((a) => `can${a}t breathe`), 'cant breathe', 'cannot breathe', 'I CAN‘T BREATHE'])('%s is a red flag', (text) => {
    expect(triage.redFlags.find(text)).toEqual(['breathless_at_rest']);
  });

  it.each(APOSTROPHES)('a denial with %s is still a denial', (a) => {
    expect(triage.symptoms.extract(`I don${a}t have any chest pain`)).toEqual({ present: [], denied: ['chest_pain'] });
  });

  it('a quoted word is not a contraction', () => {
    expect(plainWords('‘fever’')).toEqual(['fever']);
    expect(triage.symptoms.extract('`fever` and ‘cough’').present).toEqual(['fever', 'cough']);
  });
});
