/**
 * Thoughts of suicide or self-harm are a global word (`crisis`), and so is a request for a
 * counsellor (`counsellor`): withCrisis on the interpreter the engine uses (core.ts: with red
 * flags), read from locales/<lng>/crisis.json. Both sides are tested: what a patient in crisis
 * types, in three languages and chat spelling, and what patients ask about death, grief and
 * fear of COVID, which must stay questions.
 */
import { join } from 'node:path';
import { COUNSELLOR_COMMAND, CRISIS_COMMAND, crisisDetector, withCrisis } from '../../src/crisis';
import { PhraseList } from '../../src/crisis/phrases';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const translator = createTranslator(localesDir);
const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const interp = withCrisis(withRedFlags(createInterpreter(translator), triage.redFlags), crisisDetector(translator));

describe('a crisis typed anywhere', () => {
  it.each([
    // English, as typed on a phone
    'I feel like killing myself',
    'I want to kill myself',
    'i wanna kill myself tonight',
    "I don't want to live anymore",
    'dont want to live',
    'I want to end my life',
    'thinking of ending my life',
    'I just want to end it all',
    'suicide',
    'I am having suicidal thoughts',
    'I want to die',
    'i wish i was dead',
    'everyone would be better off dead without me',
    'there is nothing to live for',
    'I keep hurting myself',
    'I am thinking of harming myself',
    'self-harm',
    // Bengali, native script and romanized
    'আমি আর বাঁচতে চাই না',
    'আর বাচতে চাই না', // without the chandrabindu, as many keyboards leave it
    'নিজেকে শেষ করে দিতে চাই',
    'আত্মহত্যা করব',
    'আমি আত্মহত্যার কথা ভাবছি',
    'মরে যেতে ইচ্ছে করছে',
    'আমি মরতে চাই',
    'নিজের ক্ষতি করার কথা ভাবছি',
    'marte chai',
    'ami r bachte chai na',
    'bhai ami r parchi na, morte chai',
    'nijeke shesh kore dite chai',
    'atmohotta korbo',
    // Hindi, native script and romanized
    'मैं आत्महत्या करना चाहता हूँ',
    'मैं आत्महत्या करना चाहता हूं',
    'मैं मर जाना चाहती हूँ',
    'जीने का मन नहीं करता',
    'ख़ुद को ख़त्म कर लूँगा',
    'खुद को खत्म कर लूंगा',
    'mar jana chahta hoon',
    'marna chahti hu',
    'jeene ka mann nahi karta',
    'jine ka man nhi hai',
    'khud ko khatam kar dunga',
    'zindagi khatam karna chahta hun',
    'suicide kar lunga',
    'khudkushi',
  ])('%s → crisis', (text) => {
    expect(interp.command(text)).toBe(CRISIS_COMMAND);
  });
});

describe('talk of death, grief and fear that is no crisis', () => {
  it.each([
    'What is the death rate of covid?',
    'death rate of covid',
    'My father died of covid last year, can I get vaccinated?',
    'my mother passed away from corona',
    "I don't want to die of covid, what should I do?",
    'I do not want to die',
    'will I die?',
    'can covid kill a healthy person?',
    'this cough is killing me',
    'does alcohol kill the virus?',
    'how long should I isolate',
    'আমি মরতে চাই না, কী করব?',
    'মৃত্যুর হার কত?',
    'আমার বাবা গত বছর কোভিডে মারা গেছেন, আমি কি টিকা নিতে পারি?',
    'morte chai na',
    'मेरे पिता की कोविड से मृत्यु हो गई, क्या मैं टीका लगवा सकता हूँ?',
    'मैं नहीं मरना चाहता',
    'kya main mar jaunga?',
    'papa ki death covid se hui, kya mujhe vaccine lagwani chahiye?',
    'I have fever and cough',
    'Is there a helpline to talk to a counsellor?',
    'counselling helpline number',
    'I want to talk to a doctor, I am anxious about my oxygen',
    'I feel lonely',
    'মন খারাপ',
  ])('%j → no crisis and no request for a counsellor', (text) => {
    expect(interp.command(text)).toBeNull();
  });

  it('keeps a danger sign first: a person is brought at once by the emergency, and reads the whole message', () => {
    expect(interp.command("can't breathe, I want to die")).toBe('emergency');
  });

  it('keeps the exact command words', () => {
    expect(interp.command('menu')).toBe('menu');
    expect(interp.command('ডাক্তার')).toBe('doctor');
    expect(interp.command('डॉक्टर से बात करनी है')).toBe('doctor');
  });
});

describe('asking for a counsellor', () => {
  it.each([
    'I want to talk to a counsellor',
    'talk to a counsellor',
    'counsellor',
    'Counselor please',
    'can I speak to a counselor?',
    'I need someone to talk to',
    'I am feeling very low, I want to talk to someone',
    'counsellor se baat karni hai',
    'काउंसलर से बात करनी है',
    'मन उदास है, किसी से बात करनी है',
    'mann udaas hai, baat karni hai',
    'কাউন্সেলরের সাথে কথা',
    'কাউন্সেলরের সাথে কথা বলতে চাই',
    'আমি একজন কাউন্সেলরের সঙ্গে কথা বলতে চাই',
    'mon kharap, kotha bolte chai',
    'amar khub mon kharap, karo sathe kotha bolte chai',
  ])('%s → counsellor', (text) => {
    expect(interp.command(text)).toBe(COUNSELLOR_COMMAND);
  });

  it('reads a crisis before a request', () => {
    expect(interp.command('I want to die, can I talk to a counsellor')).toBe(CRISIS_COMMAND);
  });
});

describe('the word lists', () => {
  it('load in every language and each of them finds something', () => {
    for (const lng of translator.languages) {
      for (const list of ['self_harm', 'self_harm_act', 'not_self_harm', 'counsellor', 'low_mood', 'want_to_talk', 'filler']) {
        expect([lng, list, translator.words(`crisis.words.${list}`, lng).length > 0]).toEqual([lng, list, true]);
      }
    }
  });

  it('refuses an entry it could not match as written', () => {
    expect(() => new PhraseList(['self-harm*'], 'test')).toThrow('“self-harm*” must be one word');
    expect(() => new PhraseList(['ki* myself'], 'test')).toThrow('at least 3 characters');
  });
});
