/**
 * Words patients type where the bot did not expect them, through the real core and shipped flows:
 * the emergency word as the very first message (advice at once, a flagged ticket), symptoms and
 * questions typed at the main menu and at the symptom check's "what next?", requests for a doctor
 * or another language in common forms, and native script at the welcome's language question.
 */
import { getPath } from '../../src/engine/paths';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { chatPerTest, consented } from '../support/chat-per-test';
import { textWithNumbers } from '../support/emergency-numbers';

const chat = chatPerTest();
const { run, session, t } = chat;
type Lang = 'bn' | 'hi' | 'en';
const interpret = createInterpreter(createTranslator(localesDir));

describe('the emergency word as the very first message', () => {
  it.each<[string, Lang]>([
    ['ambulance', 'en'],
    ['emergency', 'en'],
    ['জরুরি', 'bn'],
    ['এম্বুলেন্স দরকার', 'bn'],
    ['एम्बुलेंस', 'hi'],
  ])('"%s": emergency advice at once in the language detected, and a flagged ticket', async (word, lang) => {
    const r = await run('u', [word]);
    expect(r).not.toContain(t('welcome.hello', lang));
    expect(r).toContain(t('emergency.while_waiting', lang));
    expect(r.at(-1)).toBe(t('emergency.ask.next', lang));
    const s = await session('u');
    expect(s.lang).toBe(lang);
    expect(getPath(s, 'handoff.state')).toBe('open');
  });
});


describe('at the main menu', () => {
  it.each<[string, Lang]>([
    ['I have fever and cough, what should I do?', 'en'],
    ['mujhe bukhar hai aur khansi ki problem hai', 'hi'],
    ['আমার জ্বর আর কাশি, কী করব?', 'bn'],
  ])('symptoms in a question ("%s") start the symptom check with them, not the FAQ', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).toContain(t('triage.intro', lang));
    expect(r.at(-1)).toBe(t('triage.ask.danger_signs', lang));
    expect(getPath(await session('u'), 'triage.first_symptoms')).toEqual(['fever', 'cough']);
  });

  it.each<[string, Lang]>([
    ['should I sell my car', 'en'],
    ['train ka ticket kaise book karein', 'hi'],
  ])('a question the FAQ has no answer for ("%s") gets its "no answer yet" and the menu, and is not counted', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).toEqual([t('faq.no_match', lang), t('menu.ask', lang)]);
    // Not counted: two unclear answers after it are still only "please choose".
    const again = await run('u', ['xyz', 'qqq']);
    expect(again[0]).toBe(t('common.invalid.choice', lang));
  });
});

describe('requests in common forms', () => {
  it.each<[string]>([
    ['can i talk to a doctor'],
    ['please connect me to a doctor'],
    ['connect me to a doctor'],
    ['i need to speak with a doctor'],
    ['i want to talk to a doctor please'],
    ['doctor se baat karao'],
    ['doctor se baat karwa do'],
    ['doctor chai'],
    ['ডাক্তার দরকার'],
    ['ডাক্তারের সাথে কথা বলতে চাই ভাই'],
  ])('"%s" is the doctor word', (text) => {
    expect(interpret.command(text)).toBe('doctor');
  });

  it.each<[string]>([['bhasha badlo'], ['ভাষা পরিবর্তন'], ['भाषा बदलो'], ['hindi me baat karo'], ['বাংলায় বলুন'], ['english please']])('"%s" is the language word', (text) => {
    expect(interpret.command(text)).toBe('language');
  });

  it.each<[string, Lang]>([
    ['hindi me baat karo', 'hi'],
    ['বাংলায় বলুন', 'bn'],
    ['english please', 'en'],
  ])('"%s" at the menu changes to that language at once', async (text, lang) => {
    const r = await run('u', [...consented('bn'), text]);
    expect(r).toEqual([t('language.changed', lang), t('menu.ask', lang)]);
    expect((await session('u')).lang).toBe(lang);
  });

  it('"bhasha badlo" asks which language', async () => {
    const r = await run('u', [...consented('hi'), 'bhasha badlo']);
    expect(r.at(-1)).toBe(t('language.ask', 'hi'));
  });
});

describe("native script at the welcome's language question", () => {
  it.each<[string, Lang]>([
    ['क्या', 'hi'],
    ['ঠিক আছে', 'bn'],
  ])('"%s" chooses that language', async (text, lang) => {
    const r = await run('u', ['hello', text]);
    expect(r).toEqual([textWithNumbers(chat.tc.core.translator, chat.tc.core.config, 'welcome.notice_with_numbers', lang), t('welcome.ask.consent', lang)]);
    expect((await session('u')).lang).toBe(lang);
  });

  it('Latin nonsense is still an unclear answer', async () => {
    const r = await run('u', ['hello', 'xyz']);
    expect(r[0]).toBe(t('common.invalid.choice', 'en'));
    expect(r.at(-1)).toBe(t('welcome.ask.language', 'en'));
  });
});
