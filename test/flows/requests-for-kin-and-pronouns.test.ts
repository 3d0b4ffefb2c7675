/**
 * A request for someone else, named by a family word the lists lacked ("बाबा के लिए बेड चाहिए",
 * "dadi ke liye doctor", "দাদির জন্য বেড লাগবে") or by a pronoun ("I need a bed for her in
 * Kolkata", "uske liye bed chahiye", "তার জন্য একটা বেড লাগবে"): the menu reads it as the request
 * (words.json `request_for` kin and pronoun, src/i18n/request-words.ts). A no stays a no, and a
 * question a question. Through the real core and shipped flows, as a patient types them.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { chatPerTest, consented } from '../support/chat-per-test';
import { shippedOptionsOf } from '../support/shipped-options';

const { run, t } = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';
const interpret = createInterpreter(createTranslator(localesDir));
const menu = shippedOptionsOf('main_menu', 'menu');

describe('family words', () => {
  it.each<[string, Lang]>([
    ['बाबा के लिए बेड चाहिए', 'hi'],
    ['अब्बू के लिए बेड चाहिए', 'hi'],
    ['abbu ke liye bed chahiye', 'hi'],
    ['দাদির জন্য একটা বেড লাগবে', 'bn'],
    ['নানীর জন্য বেড দরকার', 'bn'],
    ['ammir jonno bed lagbe', 'bn'],
  ])('"%s" starts the bed search', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.how', lang)]);
  });

  it.each([
    'baba ke liye bed chahiye', 'पिताजी के लिए बेड चाहिए', 'pitaji ke liye bed chahiye', 'अम्मी के लिए बेड चाहिए',
    'ammi ke liye bed chahiye', 'abba ke liye bed chahiye', 'আব্বার জন্য বেড লাগবে', 'আম্মার জন্য বেড লাগবে',
    'nana ke liye bed chahiye', 'nani ke liye bed chahiye', 'dadi ke liye bed chahiye', 'dada ke liye bed chahiye',
    'bed for my baba', 'dadir jonno bed lagbe',
  ])('"%s" is the bed search', (text) => {
    expect(interpret.choice(text, menu)).toBe('beds');
  });
});

describe('pronouns', () => {
  it.each<[string, Lang]>([
    ['bed for him', 'en'],
    ['I need a bed for them', 'en'],
    ['uske liye bed chahiye', 'hi'],
    ['उसके लिए बेड चाहिए', 'hi'],
    ['তার জন্য একটা বেড লাগবে', 'bn'],
    ['onar jonno bed lagbe', 'bn'],
  ])('"%s" starts the bed search', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.how', lang)]);
  });

  it.each<[string, Lang]>([
    ['unke liye doctor chahiye', 'hi'],
    ['ওনার জন্য ডাক্তার দরকার', 'bn'],
    ['I need a doctor for her', 'en'],
  ])('"%s" is the doctor entry, which asks where the patient is', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('helplines.ask.region', lang)]);
  });

  it.each<[string, Lang]>([
    ['I need a bed for her in Kolkata', 'en'],
    ['uske liye Kolkata mein bed chahiye', 'hi'],
  ])('"%s" searches there: the place is read, only the kind of bed is asked', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.kind', lang)]);
  });

  it.each<[string, Lang]>([
    ['no bed for her', 'en'],
    ['uske liye bed nahi chahiye', 'hi'],
    ['তার জন্য বেড লাগবে না', 'bn'],
  ])('a no ("%s") is no request: please choose', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('common.invalid.choice', lang), t('menu.ask', lang)]);
  });

  it('a question ("is there a bed for her?") names no entry', () => {
    expect(interpret.choice('is there a bed for her?', menu)).toBeNull();
    expect(interpret.choice('is oxygen bed safe for him?', menu)).toBeNull();
  });

  it('a pronoun that is a possessive still takes its family word: "for her son", "uske papa ke liye"', () => {
    expect(interpret.choice('doctor for her son', menu)).toBe('doctor');
    expect(interpret.choice('uske papa ke liye bed chahiye', menu)).toBe('beds');
  });
});
