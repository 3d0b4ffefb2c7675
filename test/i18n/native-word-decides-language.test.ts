/**
 * A word in Bengali or Devanagari script among Latin ones decides the language of a message
 * (src/i18n/detect-language.ts, src/i18n/script.ts `nativeScriptOf`): "amar জ্বর and khashi hai"
 * has 16 Latin letters against 4 Bengali, and its romanized words tie ("amar" Bengali, "hai"
 * Hindi), so it was greeted in English and asked the language, though the patient typed Bengali
 * letters on purpose. Letters of both scripts leave the majority to decide; digits, the taka sign,
 * the danda and emoji are no word, so an English message with them stays English.
 */
import { detectLanguage } from '../../src/i18n/detect-language';
import { nativeScriptOf } from '../../src/i18n/script';
import { chatPerTest } from '../support/chat-per-test';

describe('a native-script word decides the language of a mixed message', () => {
  it.each([
    ['amar জ্বর and khashi hai', 'bn'],
    ['I have জ্বর', 'bn'],
    ['I have fever and কাশি since 3 days', 'bn'],
    ['mujhe fever hai aur सांस lene mein problem', 'hi'],
    ['my mother has बुखार', 'hi'],
    ['mujhe bahut tez bukhar hai, सांस', 'hi'],
  ] as const)('%s → %s, for certain', (text, lang) => {
    expect(detectLanguage(text)).toEqual({ lang, confident: true });
  });

  it('letters of both native scripts: the script of most letters decides, as before', () => {
    expect(nativeScriptOf('আমার জ্বর, मुझे')).toBeNull();
    expect(detectLanguage('আমার জ্বর আছে, मुझे')).toEqual({ lang: 'bn', confident: true });
    expect(detectLanguage('मुझे बुखार है, জ্বর')).toEqual({ lang: 'hi', confident: true });
  });

  it.each([
    ['my SpO2 is ৯২', { lang: 'en', confident: false, byWords: true }],
    ['I paid ৳500 for the test', { lang: 'en', confident: false, byWords: true }],
    ['I have fever। please help', { lang: 'en', confident: false, byWords: true }],
    ['I have fever 🤒😷', { lang: 'en', confident: false, byWords: true }],
    ['ami hai', { lang: 'en', confident: false, byWords: false }],
  ] as const)('"%s": no native word, so the Latin guess stands', (text, expected) => {
    expect(detectLanguage(text)).toEqual(expected);
  });
});

describe('a first message in mixed script is answered in the language of its native word', () => {
  const chat = chatPerTest();
  const { run, t } = chat;

  it('"amar জ্বর and khashi hai": greeted in Bengali, the language not asked, the consent asked in Bengali', async () => {
    const r = await run('u', ['amar জ্বর and khashi hai']);
    expect(r[0]).toBe(t('welcome.hello', 'bn'));
    expect(r).not.toContain(t('welcome.ask.language', 'en'));
    expect(r).not.toContain(t('welcome.ask.language', 'bn'));
    expect(r.at(-1)).toBe(t('welcome.ask.consent', 'bn'));
    expect((await chat.session('u')).lang).toBe('bn');
  });

  it('"I have fever 🤒" stays a Latin guess: the language is asked', async () => {
    const r = await run('u', ['I have fever 🤒']);
    expect(r.at(-1)).toBe(t('welcome.ask.language', 'en'));
  });
});
