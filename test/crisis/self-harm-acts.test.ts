/**
 * Self-harm told of as done or under way (an overdose, a cut wrist, a noose, poison drunk), the
 * patient's own or a relative's: a crisis, and an act (`detector.act`), which flows/crisis.yaml
 * answers with the ambulance first. Also wishes to die the lists missed ("morte ichche korche",
 * "mujhe mar jana hai"). And the other side: doses, questions about pills, kitchen cuts and
 * veins that ache stay what they are.
 */
import { join } from 'node:path';
import { CRISIS_COMMAND, crisisDetector, withCrisis } from '../../src/crisis';
import { foldedWords, PhraseList } from '../../src/crisis/phrases';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const translator = createTranslator(localesDir);
const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const detector = crisisDetector(translator);
const interp = withCrisis(withRedFlags(createInterpreter(translator), triage.redFlags), detector);

describe('a wish to die the lists missed', () => {
  it.each(['amar morte ichche korche', 'morte ichche korche', 'morte ichhe korche', 'mujhe mar jana hai', 'muje marna hai', 'मुझे मर जाना है', 'মরতে ইচ্ছে করছে'])(
    '%s → crisis, no act',
    (text) => {
      expect(interp.command(text)).toBe(CRISIS_COMMAND);
      expect(detector.act(text)).toBe(false);
    },
  );
});

describe('self-harm done or under way', () => {
  it.each([
    // English
    'I took 30 sleeping pills',
    'i took 10 sleeping tablets',
    'I have taken 15 sleeping pills',
    'I swallowed 40 tablets',
    'my mother took 20 paracetamol',
    'I took too many pills',
    'I took all my sleeping pills',
    'took a whole bottle of pills',
    'I overdosed',
    'he drank poison',
    'she drank pesticide',
    'my brother cut his wrist',
    'I cut my wrists',
    'my sister slit her wrist',
    'he tried to hang himself',
    'my son attempted suicide',
    'he is hanging from the fan',
    // Bengali, romanized and native script
    'ghumer oshudh kheye felechi',
    'ami 30ta ghumer oshudh kheyechi',
    'onek oshudh kheye felechi',
    'bish kheyechi',
    'poison kheye felechi',
    'hath kete felechi',
    'bhai shira kete feleche',
    'ঘুমের ওষুধ খেয়ে ফেলেছি',
    '৩০টা ট্যাবলেট খেয়েছি',
    'বিষ খেয়েছি',
    'হাত কেটে ফেলেছি',
    'বাবা গলায় দড়ি দিয়েছে',
    // Hindi, romanized and Devanagari
    'neend ki goliyan kha li',
    'maine neend ki goliyaan kha li hai',
    '20 goliyan kha li',
    'poison kha liya',
    'zeher pi liya',
    'bhai ne haath ki nas kaat li',
    'kalai kaat li',
    'fan se latakne wala hoon',
    'phanda laga liya',
    'नींद की गोलियां खा ली',
    'ज़हर खा लिया',
    'भाई ने नस काट ली',
  ])('%s → crisis, and an act', (text) => {
    expect(interp.command(text)).toBe(CRISIS_COMMAND);
    expect(detector.act(text)).toBe(true);
  });

  it('keeps wishes without an act no act: the crisis reply without the ambulance first', () => {
    for (const text of ['I want to kill myself', 'ami ar bachte chai na', 'mar jana chahta hoon', 'bish kheye morbo']) {
      expect([text, detector.act(text)]).toEqual([text, false]);
      expect(interp.command(text)).toBe(CRISIS_COMMAND);
    }
  });
});

describe('pills, cuts and veins that are no self-harm', () => {
  it.each([
    'I took 2 paracetamol',
    'I took 2 paracetamol for fever',
    'i took 1 sleeping pill last night',
    'did you take your pills?',
    'can I take sleeping pills with covid?',
    'how many paracetamol can I take in a day?',
    'I cut vegetables',
    'I cut my finger while cutting vegetables',
    'nas mein dard hai',
    'haath ki nas mein dard',
    'kya neend ki goli kha sakta hu?',
    'ghumer oshudh khabo?',
    'sobji katte giye hath kete felechi',
    'সবজি কাটতে গিয়ে হাত কেটে ফেলেছি',
    'dawai kha li',
    'maine 2 goli kha li',
    'oshudh kheyechi',
    'ওষুধ খেয়েছি',
    'this cough is killing me',
    'I am afraid I will die of covid',
  ])('%j → no crisis', (text) => {
    expect(interp.command(text)).not.toBe(CRISIS_COMMAND);
    expect(detector.act(text)).toBe(false);
  });
});

describe('a count in a phrase (`#n`)', () => {
  const list = new PhraseList(['took #10 pill*'], 'test');
  const found = (text: string) => list.spans(foldedWords(text)).length > 0;

  it('is a number at least n, in any digits, with a counting word joined to it or not', () => {
    expect([found('took 30 pills'), found('took ৩০ pills'), found('took ३० pills'), found('took 30ta pills'), found('took ৩০টা pills')]).toEqual([true, true, true, true, true]);
    expect([found('took 9 pills'), found('took many pills'), found('took pills')]).toEqual([false, false, false]);
  });

  it('may be the first word of a phrase, as Bengali and Hindi put it', () => {
    const first = new PhraseList(['#10 goli*'], 'test');
    expect([first.spans(foldedWords('20 goliyan')).length, first.spans(foldedWords('2 goliyan')).length, first.spans(foldedWords('goliyan')).length]).toEqual([1, 0, 0]);
  });
});
