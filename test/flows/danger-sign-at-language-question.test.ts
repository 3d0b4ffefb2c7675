/**
 * A danger sign typed at the welcome's language question, after a greeting in Latin letters
 * ("hello", then "saans nahi aa rahi"): the engine acts on it at once, as anywhere, and now in the
 * language its words point to (src/engine/engine.ts `languageOfWord`), as when it is the first
 * message: Bengali or Devanagari script settles the language, romanized words change the guess and
 * the language is asked again after the advice.
 */
import { chatPerTest } from '../support/chat-per-test';

const { run, t } = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';
let users = 0;
const chat = (msgs: string[]) => run(`d${++users}`, msgs);

describe('"hello", then a danger sign at the language question', () => {
  it.each<[string, Lang]>([
    ['saans nahi aa rahi', 'hi'],
    ['seene mein dard', 'hi'],
    ['shash nite parchi na', 'bn'],
    ['buke betha', 'bn'],
    ['सांस नहीं आ रही', 'hi'],
    ['শ্বাস নিতে পারছি না', 'bn'],
    ["I can't breathe", 'en'],
  ])('"%s": the emergency advice in %s, as for the same first message', async (sign, lang) => {
    const asFirst = await chat([sign]);
    const r = await chat(['hello', sign]);
    expect(r).toEqual(asFirst);
    expect(r.join('\n')).toContain(t('emergency.while_waiting', lang).split('\n')[0]!);
  });

  it.each<[string, Lang, string[]]>([
    ['saans nahi aa rahi', 'hi', ['2']],
    ['shash nite parchi na', 'bn', ['2']],
  ])('"%s" (romanized): after the advice the menu button asks the language again, in that language', async (sign, lang, back) => {
    const r = await chat(['hello', sign, ...back]);
    expect(r.at(-1)).toBe(t('welcome.ask.language', lang));
  });

  it.each<[string, Lang]>([
    ['শ্বাস নিতে পারছি না', 'bn'],
    ['सांस नहीं आ रही', 'hi'],
  ])('"%s" (native script): the language is known, and after the advice the menu button goes to consent in it', async (sign, lang) => {
    const r = await chat(['hello', sign, '2']);
    expect(r.at(-1)).toBe(t('welcome.ask.consent', lang));
  });
});
