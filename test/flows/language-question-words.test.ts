/**
 * Words typed at the welcome's language question that are none of its choices, in Latin
 * letters: a patient who greeted in English ("hello") and then wrote their problem in romanized
 * Bengali or Hindi ("amar jor hoyeche 3 din dhore", "mujhe bukhar hai") was told, in English, to
 * pick an option, and what they wrote was lost: after consent they got the plain menu. Now the
 * question is asked again in the language their words point to, and the symptoms they named are
 * kept, said back after consent, and the symptom check starts from them, as for a first message.
 */
import { chatPerTest } from '../support/chat-per-test';

const { run, t } = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';
/** The texts of the replies to one message. */
const say = (user: string, text: string) => run(user, [text]);
/** What the symptom check says first: the noted symptoms, its introduction, its danger-sign question. */
const checkStarts = (replies: string[], lang: Lang) => {
  expect(replies.some((r) => r.startsWith(t('welcome.symptoms_mentioned', lang).split('\n')[0]!))).toBe(true);
  expect(replies.at(-1)).toContain(t('triage.ask.danger_signs', lang).split('\n')[0]!);
};

describe('words at the language question', () => {
  it.each<[string, Lang, string, string, string, string]>([
    ['romanized Bengali', 'bn', 'amar jor hoyeche 3 din dhore', '1', 'ha', 'triage.symptom.fever'],
    ['romanized Hindi', 'hi', 'mujhe bukhar hai', '2', 'haan', 'triage.symptom.fever'],
  ])('%s after "hello": asked again in that language, and the symptom is kept for after consent', async (_, lang, words, pick, yes, symptom) => {
    const user = `w-${lang}`;
    expect((await say(user, 'hello')).at(-1)).toBe(t('welcome.ask.language', 'en'));
    const again = await say(user, words);
    expect(again[0]).toBe(t('common.invalid.choice', lang));
    expect(again.at(-1)).toBe(t('welcome.ask.language', lang));
    expect((await say(user, pick)).at(-1)).toBe(t('welcome.ask.consent', lang));
    const after = await say(user, yes);
    expect(after.join('\n')).toContain(t(symptom, lang));
    checkStarts(after, lang);
  });

  it('symptoms at the question join those of the first message', async () => {
    expect((await say('w-join', 'mujhe khansi hai')).at(-1)).toBe(t('welcome.ask.language', 'hi'));
    await say('w-join', 'aur bukhar bhi hai');
    await say('w-join', '2');
    const after = (await say('w-join', 'haan')).join('\n');
    expect(after).toContain(t('triage.symptom.cough', 'hi'));
    expect(after).toContain(t('triage.symptom.fever', 'hi'));
  });

  it('an unclear answer naming no symptom keeps the first message\'s', async () => {
    await say('w-keep', 'I have a cough');
    const again = await say('w-keep', 'what?');
    expect(again.at(-1)).toBe(t('welcome.ask.language', 'en'));
    await say('w-keep', '3');
    const after = await say('w-keep', 'yes');
    expect(after.join('\n')).toContain(t('triage.symptom.cough', 'en'));
    checkStarts(after, 'en');
  });

  it('words that name no language and no symptom: asked again as before, then the menu after consent', async () => {
    await say('w-none', 'hello');
    const again = await say('w-none', 'ok');
    expect(again[0]).toBe(t('common.invalid.choice', 'en'));
    expect(again.at(-1)).toBe(t('welcome.ask.language', 'en'));
    await say('w-none', '3');
    expect((await say('w-none', 'yes')).at(-1)).toBe(t('menu.ask', 'en'));
  });
});
