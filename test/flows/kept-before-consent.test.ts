/**
 * What a patient writes before consent is not lost (flows/welcome.yaml):
 *
 * - a question or a request typed at the language question instead of a choice ("mask pora ki
 *   dorkar?", "bed chahiye", "amar ekta bed lagbe kolkata te" after "hello") is kept as the first
 *   message's would be, and after consent the patient gets the FAQ answer or that entry of the
 *   menu, not the plain menu; an unclear answer there ("?", "what") erases nothing the first
 *   message noted;
 * - a first message (or one at the language question) that asks for something for a family member
 *   ("bed for my father please", "papa ke liye bed chahiye", "বাবার জন্য একটা বেড লাগবে", "mere
 *   pati ke liye doctor chahiye", "check symptoms for my son") is that request, with its place
 *   ("bed for my father in Kolkata"); a no stays a no, a question a question.
 *
 * Each is checked against the path that already worked: the same words as the first message
 * alone, or the request without the family member.
 */
import { chatPerTest } from '../support/chat-per-test';

const { run, t } = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';
/** The language choice (its number, as shown: বাংলা, हिन्दी, English) and consent's yes. */
const pickAndYes: Record<Lang, string[]> = { bn: ['1', 'ha'], hi: ['2', 'haan'], en: ['3', 'yes'] };
/** Consent's yes alone: words in Bengali or Devanagari script chose the language. */
const yesIn: Record<Lang, string> = { bn: 'হ্যাঁ', hi: 'हाँ', en: 'yes' };

let users = 0;
/** A new patient sends `msgs`: the replies to the last one. */
const chat = (msgs: string[]) => run(`p${++users}`, msgs);

describe('a question typed at the language question', () => {
  it.each<[string, Lang, string, string[]]>([
    ['English', 'en', 'Should children wear masks?', pickAndYes.en],
    ['romanized Bengali', 'bn', 'mask pora ki dorkar?', pickAndYes.bn],
    ['Bengali script', 'bn', 'মাস্ক পরা কি দরকার?', [yesIn.bn]],
    ['romanized Hindi', 'hi', 'mask pehenna zaroori hai?', pickAndYes.hi],
    ['Devanagari', 'hi', 'क्या बच्चों को मास्क पहनना चाहिए?', [yesIn.hi]],
  ])('%s: answered from the FAQ after consent, as the same first message is', async (_, lang, question, toYes) => {
    const asFirst = await chat([question, ...toYes]);
    // The answer, or the FAQ's close call (a numbered list of its questions): not the plain menu.
    expect(asFirst[0]).not.toBe(t('menu.ask', lang));
    expect(await chat(['hello', question, ...toYes])).toEqual(asFirst);
  });
});

describe('a request typed at the language question', () => {
  it.each<[string, Lang, string, string[]]>([
    ['romanized Hindi', 'hi', 'bed chahiye', pickAndYes.hi],
    ['Devanagari', 'hi', 'बेड चाहिए', [yesIn.hi]],
    ['romanized Bengali', 'bn', 'ekta bed lagbe', pickAndYes.bn],
    ['Bengali script', 'bn', 'আমার একটা বেড লাগবে', [yesIn.bn]],
    ['English', 'en', 'I need a bed', pickAndYes.en],
  ])('%s ("%s"): the bed search after consent', async (_, lang, request, toYes) => {
    expect(await chat(['hello', request, ...toYes])).toEqual([t('beds.ask.how', lang)]);
  });

  it.each<[string, Lang, string]>([
    ['English', 'en', 'I want to check my symptoms'],
    ['romanized Bengali', 'bn', 'amar lokkhon check korte chai'],
  ])('%s ("%s"): the symptom check after consent', async (_, lang, request) => {
    const r = await chat(['hello', request, ...pickAndYes[lang]]);
    expect(r).toEqual([t('triage.intro', lang), t('triage.ask.danger_signs', lang)]);
  });

  it.each<[string, string, string[]]>([
    ['romanized Bengali', 'amar ekta bed lagbe kolkata te', pickAndYes.bn],
    ['Bengali script', 'কলকাতায় বেড লাগবে', [yesIn.bn]],
    ['romanized Hindi', 'kolkata mein bed chahiye', pickAndYes.hi],
    ['English', 'I need a bed in Kolkata', pickAndYes.en],
  ])('%s, with its place ("%s"): the place is kept too, as for the same first message', async (_, request, toYes) => {
    const asFirst = await chat([request, ...toYes]);
    expect(await chat(['hello', request, ...toYes])).toEqual(asFirst);
    // Not the question of how to search (by place, PIN code or location): the place is known.
    expect(asFirst[0]).not.toBe(t('beds.ask.how', 'en'));
  });
});

describe('a first message asking for a family member', () => {
  it.each<[string, Lang, string[]]>([
    ['bed for my father please', 'en', ['english', 'yes']],
    ['I need a bed for my mother', 'en', ['english', 'yes']],
    ['papa ke liye bed chahiye', 'hi', ['2', 'haan']],
    ['मेरे पिता के लिए बेड चाहिए', 'hi', [yesIn.hi]],
    ['বাবার জন্য একটা বেড লাগবে', 'bn', [yesIn.bn]],
    ['amar babar jonno bed lagbe', 'bn', ['1', 'ha']],
  ])('"%s": the bed search after consent', async (text, lang, toYes) => {
    expect(await chat([text, ...toYes])).toEqual([t('beds.ask.how', lang)]);
  });

  it.each<[string, string, Lang, string[]]>([
    ['mere pati ke liye doctor chahiye', 'doctor chahiye', 'hi', ['2', 'haan']],
    ['मेरी बेटी के लिए डॉक्टर चाहिए', 'डॉक्टर चाहिए', 'hi', [yesIn.hi]],
    ['স্বামীর জন্য ডাক্তার দরকার', 'ডাক্তার দরকার', 'bn', [yesIn.bn]],
    ['amar chheler jonno doctor lagbe', 'doctor lagbe', 'bn', ['1', 'ha']],
    ['doctor for my father', 'I need a doctor', 'en', ['english', 'yes']],
  ])('"%s": the doctor after consent, as "%s" is', async (text, plain, lang, toYes) => {
    const asPlain = await chat([plain, ...toYes]);
    expect(asPlain[0]).toBe(t('welcome.doctor_requested', lang));
    expect(await chat([text, ...toYes])).toEqual(asPlain);
  });

  it.each<[string, Lang, string[]]>([
    ['check symptoms for my son', 'en', ['english', 'yes']],
    ['I want to check symptoms for my grandmother', 'en', ['english', 'yes']],
  ])('"%s": the symptom check after consent', async (text, lang, toYes) => {
    expect(await chat([text, ...toYes])).toEqual([t('triage.intro', lang), t('triage.ask.danger_signs', lang)]);
  });

  it.each<[string, string, string[]]>([
    ['bed for my father in Kolkata', 'I need a bed in Kolkata', ['english', 'yes']],
    ['papa ke liye kolkata mein bed chahiye', 'kolkata mein bed chahiye', ['2', 'haan']],
    ['বাবার জন্য কলকাতায় বেড লাগবে', 'কলকাতায় বেড লাগবে', [yesIn.bn]],
  ])('with its place ("%s"): the place is kept, as for "%s"', async (text, plain, toYes) => {
    const asPlain = await chat([plain, ...toYes]);
    expect(asPlain[0]).not.toBe(t('beds.ask.how', 'en'));
    expect(await chat([text, ...toYes])).toEqual(asPlain);
  });

  it.each<[string, Lang, string[]]>([
    ['papa ke liye bed chahiye', 'hi', pickAndYes.hi],
    ['বাবার জন্য একটা বেড লাগবে', 'bn', [yesIn.bn]],
    ['bed for my father please', 'en', pickAndYes.en],
  ])('typed at the language question ("%s"): the bed search after consent', async (text, lang, toYes) => {
    expect(await chat(['hello', text, ...toYes])).toEqual([t('beds.ask.how', lang)]);
  });
});

describe('what stays as it was', () => {
  it.each<[string, Lang, string[]]>([
    ['no doctor for my father', 'en', ['english', 'yes']],
    ["I don't need a bed for my mother", 'en', ['english', 'yes']],
    ['bed nahi chahiye papa ke liye', 'hi', ['2', 'haan']],
    ['বাবার জন্য বেড লাগবে না', 'bn', [yesIn.bn]],
  ])('a no ("%s") is no request: the menu after consent', async (text, lang, toYes) => {
    expect(await chat([text, ...toYes])).toEqual([t('menu.ask', lang)]);
  });

  it('a question about a family member ("is oxygen bed safe for my father?") is for the FAQ', async () => {
    const r = await chat(['is oxygen bed safe for my father?', 'english', 'yes']);
    expect(r[0]).toContain(t('faq.ask_pick', 'en').split('\n')[0]);
  });

  it.each<[string, string[]]>([
    ['a question', ['Should children wear masks?', 'english', 'yes']],
    ['a request', ['bed chahiye', '2', 'haan']],
    ['a bed request with its place', ['kolkata mein bed chahiye', '2', 'haan']],
    ['a request for a family member', ['papa ke liye bed chahiye', '2', 'haan']],
  ])('an unclear answer at the language question ("?", "what") keeps %s of the first message', async (_, [first, ...rest]) => {
    const kept = await chat([first!, ...rest]);
    expect(await chat([first!, '?', ...rest])).toEqual(kept);
    expect(await chat([first!, 'what', ...rest])).toEqual(kept);
  });

  it('a question at the language question does not replace the first message\'s', async () => {
    const kept = await chat(['Should children wear masks?', 'english', 'yes']);
    expect(await chat(['Should children wear masks?', 'how long should I isolate?', 'english', 'yes'])).toEqual(kept);
  });

  it.each<[string, Lang]>([
    ['?', 'en'],
    ['what', 'en'],
    ['ok', 'en'],
  ])('"hello", then "%s": the plain menu after consent', async (text, lang) => {
    expect(await chat(['hello', text, ...pickAndYes[lang]])).toEqual([t('menu.ask', lang)]);
  });

  it.each<[string, Lang]>([
    ['1', 'bn'],
    ['2', 'hi'],
    ['3', 'en'],
    ['english', 'en'],
  ])('"hello", then "%s" still picks that language', async (pick, lang) => {
    expect((await chat(['hello', pick])).at(-1)).toBe(t('welcome.ask.consent', lang));
  });
});
