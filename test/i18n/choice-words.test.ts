/**
 * Typed answers to choice questions are read by the words patients see (labels in every
 * language, their key words, aliases), never by the payload names flows give choices:
 * "Hi" at the language question is a greeting, not Hindi (`hi`); "পজিটিভ" at the test
 * question is "হ্যাঁ – পজিটিভ". Options are the shipped flows' own, read from flows/*.yaml.
 */
import { readAnswer } from '../../src/engine/expectations';
import type { StateDef } from '../../src/engine/flow';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { shippedOptionsOf } from '../support/shipped-options';

const translator = createTranslator(localesDir);
const interp = createInterpreter(translator);

const optionsOf = shippedOptionsOf;

const welcomeLanguage = optionsOf('welcome', 'choose_language');
const menuLanguage = optionsOf('language', 'choose');
const faqLanguage = optionsOf('faq_answer', 'other_language');
const test = optionsOf('triage', 'test');
const bedKind = optionsOf('beds', 'kind');
const bedHow = optionsOf('beds', 'how');
const slot = optionsOf('followup_offer', 'slot');
const spo2 = optionsOf('triage', 'spo2');
const checkinSpo2 = optionsOf('followup_checkin', 'spo2');

describe('a language is picked by its name, never by typing its ISO code', () => {
  const questions = [
    ['welcome', welcomeLanguage],
    ['language', menuLanguage],
    ['faq', faqLanguage],
  ] as const;

  it.each(questions)('%s: greetings and codes typed are no language', (_name, options) => {
    for (const text of ['hi', 'Hi', 'HI', 'hi!', 'Hi 👋', 'hi hi', 'bn', 'Bn', 'EN', 'En.']) expect(interp.choice(text, options)).toBeNull();
  });

  const names = [
    ['Hindi', 'hi'], ['हिंदी', 'hi'], ['হিন্দি', 'hi'], ['bangla', 'bn'], ['বাংলা', 'bn'],
    ['English', 'en'], ['angrezi', 'en'], ['2', 'hi'],
  ] as const;
  it.each(questions)('%s: names and aliases in every script still pick', (_name, options) => {
    for (const [text, value] of names) expect([text, interp.choice(text, options)]).toEqual([text, value]);
  });

  it('a button still picks by its payload (Telegram callback data, a web chat quick reply): the engine reads it', () => {
    const state = { ask: 'welcome.ask.language', expect: { choice: welcomeLanguage } } as unknown as StateDef;
    expect(readAnswer(state, { kind: 'choice', payload: 'hi' }, interp)).toEqual({ ok: true, value: 'hi' });
    // The same two letters typed are a greeting.
    expect(readAnswer(state, { kind: 'text', text: 'hi' }, interp)).toMatchObject({ ok: false });
  });
});

describe('a word of the labels picks its choice, in the patient\'s own script', () => {
  it.each([
    // A typed payload counts where it is a word of its own label ("Oxygen bed", "Yes – positive").
    ['Oxygen', bedKind, 'oxygen'],
    ['ICU', bedKind, 'icu'],
    ['Any', bedKind, 'any'],
    ['Positive', test, 'positive'],
    ['NEGATIVE', test, 'negative'],
    ['Waiting', test, 'waiting'],
    ['Morning', slot, 'morning'],
    ['District', bedHow, 'district'],
    ['Pincode', bedHow, 'pincode'],
    // A key word: "হ্যাঁ – পজিটিভ" / "हाँ – पॉज़िटिव" less the yes they share.
    ['পজিটিভ', test, 'positive'],
    ['নেগেটিভ', test, 'negative'],
    ['পজিটিভ।', test, 'positive'],
    ['पॉज़िटिव', test, 'positive'],
    ['पॉजिटिव', test, 'positive'],
    ['नेगेटिव', test, 'negative'],
    // "অক্সিজেন বেড" / "ऑक्सीजन बेड" less the bed they share.
    ['অক্সিজেন', bedKind, 'oxygen'],
    ['ऑक्सीजन', bedKind, 'oxygen'],
    ['আইসিইউ', bedKind, 'icu'],
    ['आईसीयू', bedKind, 'icu'],
    // "সকাল (৯টা)": the time in brackets is an aside; romanized spellings are aliases.
    ['সকাল', slot, 'morning'],
    ['দুপুর', slot, 'afternoon'],
    ['সন্ধ্যা', slot, 'evening'],
    ['सुबह', slot, 'morning'],
    ['शाम', slot, 'evening'],
    ['sokal', slot, 'morning'],
    ['subah', slot, 'morning'],
    ['9 am', slot, 'morning'],
  ])('%s', (text, options, value) => {
    expect(interp.choice(text, options)).toBe(value);
  });

  it('a payload that is only a name for code is not read from typing', () => {
    const region = optionsOf('helplines', 'region');
    expect(interp.choice('In_WB', region)).toBeNull();
    expect(interp.choice('SA', region)).toBeNull();
    expect(interp.choice('Saudi Arabia', region)).toBe('sa');
  });

  it.each([
    // shared by two labels: ambiguity is never resolved by guessing
    ['হ্যাঁ', test],
    ['हाँ', test],
    ['yes', test],
    ['বেড', bedKind],
    ['बेड', bedKind],
    ['bed', bedKind],
    // one word of a label with more words of its own: not enough, and "tested" / "हुआ" would read "Not tested" backwards
    ['tested', test],
    ['हुआ', test],
    ['टेस्ट', test],
    ['পরীক্ষা', test],
    ['result', test],
    ['the', test],
  ])('%s names no choice', (text, options) => {
    expect(interp.choice(text, options)).toBeNull();
  });

  it('a "no" a label shares with another choice is never dropped: "জানি" alone is not "জানি না"', () => {
    const yesNoSkip = [...optionsOf('triage', 'pregnant'), { value: 'skip', label: 'common.skip' }];
    expect(interp.choice('জানি', yesNoSkip)).toBeNull();
    expect(interp.choice('पता', yesNoSkip)).toBeNull();
    expect(interp.choice('জানি না', yesNoSkip)).toBe('skip');
    expect(interp.choice('না', yesNoSkip)).toBe('no');
  });
});

describe('"no" answers the questions it fits', () => {
  it.each(['no', 'No.', 'না', 'নেই', 'नहीं', 'nahi', 'no oximeter', 'No oximeter', 'অক্সিমিটার নেই', 'ऑक्सीमीटर नहीं है', 'oximeter nei'])(
    'SpO2 "%s" is the no-oximeter option',
    (text) => {
      expect(interp.choice(text, spo2)).toBe('skip');
      expect(interp.choice(text, checkinSpo2)).toBe('skip');
    },
  );

  it.each(['92', 'oximeter 92', 'my oximeter says ৯২', 'oximeter', 'spo2'])('SpO2 "%s" is no option (a reading is read as a number)', (text) => {
    expect(interp.choice(text, spo2)).toBeNull();
  });

  it.each(['no', 'না', 'नहीं', 'nahi', 'না, করাইনি', 'not yet'])('test "%s" is "not tested"', (text) => {
    expect(interp.choice(text, test)).toBe('not_tested');
  });
});
