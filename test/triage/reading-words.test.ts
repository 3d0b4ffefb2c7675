/**
 * Review findings on how triage answers are read, each a regression test:
 *
 * - "breathlessness" (and its misspellings) reads as "breathless", so every phrase written with
 *   one holds for the other: "breathlessness at rest" is the danger sign "breathless at rest";
 * - the names of the SpO2 reading are one list, words.json `number_labels.spo2`: the number
 *   reader names readings by it and the low-oxygen red flag ("oxygen 85") reads it too;
 * - a week in Hindi's formal word ("ek saptah", "दो सप्ताह") is 7 or 14 days, not the "ek" (1)
 *   in front of it.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/engine/flow';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const shipped = join(configDir, 'triage.yaml');
const triage = createTriage(loadTriageConfig(shipped));
const interp = withRedFlags(createInterpreter(createTranslator(localesDir)), triage.redFlags);

type Words = { number_labels: { spo2: string[] } };
const wordsOf = (dir: string, lng: string): Words => JSON.parse(readFileSync(join(dir, lng, 'words.json'), 'utf8')) as Words;

describe('"breathlessness" reads as "breathless", misspelt or not', () => {
  it.each(['breathlessness at rest', 'breathlesness at rest', 'breathlessness even at rest', 'breathlesnes even at rest', 'breathlessness while resting', 'brethlessness while resting', 'severe breathless', 'severe breathlesness'])(
    '%s is the danger sign breathless_at_rest, an emergency',
    (text) => {
      expect(triage.symptoms.extract(text).present).toEqual(['breathless_at_rest']);
      expect(interp.command(text)).toBe('emergency');
    },
  );

  it.each(['X', 'X at rest', 'X even at rest', 'severe X', 'very X', 'no X', 'X since 2 days', 'X and chest pain', 'X bahut', 'khub X'])(
    'the misspellings of "breathlessness" read as the word itself: %s',
    (context) => {
      const as = (w: string) => ({ symptoms: triage.symptoms.extract(context.replace('X', w)), command: interp.command(context.replace('X', w)) });
      const correct = as('breathlessness');
      for (const w of ['breathlesness', 'breathlessnes', 'breathlesnes', 'brethlessness', 'breathless', 'breathles', 'brethless']) expect(as(w)).toEqual(correct);
    },
  );

  it('plain breathlessness is still the symptom, not the danger sign', () => {
    expect(triage.symptoms.extract('breathlesness').present).toEqual(['breathless']);
    expect(interp.command('breathlesness')).toBeNull();
  });
});

describe('the names of the SpO2 reading: words.json number_labels.spo2, read by the low-oxygen red flag', () => {
  const names = LANGUAGES.flatMap((lng) => wordsOf(localesDir, lng).number_labels.spo2.map((w) => [lng, w] as const));

  it('are the red flag\'s names, every one of them and no other', () => {
    expect(new Set(loadTriageConfig(shipped).lowSpo2.words)).toEqual(new Set(names.map(([, w]) => w)));
  });

  it.each(names)('%s "%s" 85 is a red flag', (_lng, name) => {
    expect(triage.redFlags.lowSpo2(`${name} 85`)).toBe(85);
    expect(interp.command(`${name} 85`)).toBe('emergency');
  });

  describe('a name added to words.json alone', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sahay-spo2-names-'));
      for (const lng of LANGUAGES) {
        mkdirSync(join(dir, lng));
        const words = wordsOf(localesDir, lng);
        if (lng === 'hi') words.number_labels.spo2.push('ऑक्सीजन सैचुरेशन');
        writeFileSync(join(dir, lng, 'words.json'), JSON.stringify(words));
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is a name of the red flag too', () => {
      const config = loadTriageConfig(shipped, undefined, dir);
      expect(config.lowSpo2.words).toContain('ऑक्सीजन सैचुरेशन');
      expect(createTriage(config).redFlags.lowSpo2('मेरी माँ का ऑक्सीजन सैचुरेशन 84 है')).toBe(84);
    });

    it('a words.json without the list stops start-up, naming the file and the field', () => {
      writeFileSync(join(dir, 'bn', 'words.json'), JSON.stringify({ number_labels: {} }));
      expect(() => loadTriageConfig(shipped, undefined, dir)).toThrow(/bn\/words\.json: number_labels\.spo2: must be a list of words/);
    });
  });
});

describe('weeks in Hindi\'s formal word, at a question for a number of days', () => {
  it.each([
    ['ek saptah', 7],
    ['ek saptah se', 7],
    ['एक सप्ताह', 7],
    ['एक सप्ताह से बुखार है', 7],
    ['do saptah', 14],
    ['दो सप्ताह', 14],
    ['dui soptah', 14],
    ['du soptaho', 14],
  ])('%s → %d', (text, days) => {
    expect(interp.number(text)).toBe(days);
  });
});
