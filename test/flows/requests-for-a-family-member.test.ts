/**
 * A request at the main menu that says who it is for is that request: "bed for my father please",
 * "papa ke liye bed chahiye", "বাবার জন্য একটা বেড লাগবে", "mere pati ke liye doctor chahiye",
 * "check symptoms for my son" (words.json `request_for`, src/i18n/request-words.ts). Patients very
 * often write for a family member. A no stays a no, and a question about that person stays a
 * question for the FAQ. Through the real core and shipped flows, as a patient types them.
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

describe('at the main menu, a request for a family member', () => {
  it.each<[string, Lang]>([
    ['bed for my father please', 'en'],
    ['I need a bed for my mother', 'en'],
    ['can I get a bed for the patient', 'en'],
    ['বাবার জন্য একটা বেড লাগবে', 'bn'],
    ['আমার মায়ের জন্য বেড দরকার', 'bn'],
    ['amar babar jonno bed lagbe', 'bn'],
    ['papa ke liye bed chahiye', 'hi'],
    ['meri maa ke liye oxygen bed chahiye', 'hi'],
    ['मेरे पिता के लिए बेड चाहिए', 'hi'],
  ])('"%s" starts the bed search', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.how', lang)]);
  });

  it.each<[string, Lang]>([
    ['doctor for my father', 'en'],
    ['I need a doctor for my wife', 'en'],
    ['mere pati ke liye doctor chahiye', 'hi'],
    ['मेरी बेटी के लिए डॉक्टर चाहिए', 'hi'],
    ['স্বামীর জন্য ডাক্তার দরকার', 'bn'],
    ['amar chheler jonno doctor lagbe', 'bn'],
  ])('"%s" is the doctor entry, which asks where the patient is', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('helplines.ask.region', lang)]);
  });

  it.each<[string, Lang]>([
    ['check symptoms for my son', 'en'],
    ['I want to check symptoms for my grandmother', 'en'],
  ])('"%s" starts the symptom check', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).toEqual([t('triage.intro', lang), t('triage.ask.danger_signs', lang)]);
  });

  it.each<[string, string]>([
    ['beta ke liye lakshan check karne hain', 'triage'],
    ['ছেলের জন্য লক্ষণ পরীক্ষা করতে চাই', 'triage'],
    ['for my father a bed please', 'beds'],
  ])('"%s" is the %s entry', (text, entry) => {
    expect(interpret.choice(text, menu)).toBe(entry);
  });
});

describe('what stays as it was', () => {
  it.each<[string, Lang]>([
    ['no doctor for my father', 'en'],
    ["I don't need a bed for my mother", 'en'],
    ['bed nahi chahiye papa ke liye', 'hi'],
    ['বাবার জন্য বেড লাগবে না', 'bn'],
  ])('a no ("%s") is no request: please choose', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('common.invalid.choice', lang), t('menu.ask', lang)]);
  });

  it('a question about a family member ("is oxygen bed safe for my father?") is for the FAQ', async () => {
    const r = await run('u', [...consented('en'), 'is oxygen bed safe for my father?']);
    expect(r).toHaveLength(1);
    expect(r[0]).toContain(t('faq.ask_pick', 'en').split('\n')[0]);
  });

  it.each([
    // A family word without its tie names no one the request is for.
    'bed father',
    'father',
    // A tie without a family word is no "for whom".
    'bed for kolkata',
    'for my bed',
  ])('"%s" names no entry', (text) => {
    expect(interpret.choice(text, menu)).toBeNull();
  });
});
