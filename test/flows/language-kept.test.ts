/**
 * The language a patient already has is kept: coming back to the welcome flow before
 * consent (a global word, Telegram's /start, after declining) never swaps a known
 * Bengali or Hindi for a guess from Latin letters, nor asks again for a language the
 * patient chose. And the "language" word while the language question is open asks it once.
 */
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';
import { textWithNumbers } from '../support/emergency-numbers';

let tc: TestCore;
beforeEach(async () => {
  tc = await createTestCore();
});
afterEach(async () => {
  await tc.close();
});

const run = async (user: string, msgs: string[], channel: 'webchat' | 'telegram' = 'webchat') => {
  let last: string[] = [];
  for (const m of msgs) last = (await tc.send(user, m, { channel })).map((o) => o.text);
  return last;
};
const langOf = async (user: string, channel: 'webchat' | 'telegram' = 'webchat') => (await existingConversation(tc.core.store, channel, user)).session.lang;
const t = (key: string, lang: 'bn' | 'hi' | 'en') => tc.core.translator.t(key, lang);

describe('welcome before consent keeps a known language', () => {
  it('bn patient: emergency advice, then "menu" (the web chat\'s back-to-menu button) greets again in Bengali', async () => {
    const r = await run('b1', ['শ্বাস নিতে পারছি না', 'menu']);
    expect(r[0]).toBe(t('welcome.hello', 'bn'));
  });

  it.each<[string, string, string[], 'webchat' | 'telegram', 'bn' | 'hi' | 'en']>([
    ['a bn patient after emergency advice, "menu"', 'b1', ['শ্বাস নিতে পারছি না', 'menu'], 'webchat', 'bn'],
    ['a hi patient types "menu" at the consent question', 'b2', ['नमस्ते', 'menu'], 'webchat', 'hi'],
    ['Telegram /start before consent', 'b4', ['নমস্কার', 'start'], 'telegram', 'bn'],
    ['English chosen explicitly, declined, back', 'b3', ['hello', 'english', 'no', 'yes'], 'webchat', 'en'],
    ['Bengali chosen after a romanized guess, declined, back', 'b5', ['mujhe bukhar hai', 'bangla', 'na', 'menu'], 'webchat', 'bn'],
    ['a confident detection still changes the language', 'b6', ['নমস্কার', 'मेनू'], 'webchat', 'hi'],
  ])('%s: consent is asked in the right language, not the language', async (_, user, msgs, channel, lang) => {
    const r = await run(user, msgs, channel);
    expect(await langOf(user, channel)).toBe(lang);
    expect(r.at(-1)).toBe(t('welcome.ask.consent', lang));
  });

  it('a first message in Latin letters is still a guess, and the language is asked', async () => {
    const r = await run('b7', ['hello']);
    expect(r.at(-1)).toBe(t('welcome.ask.language', 'en'));
  });

  it.each<[string, string, string[], 'bn' | 'hi' | 'en']>([
    ['"menu" instead of answering the language question', 'g1', ['hello', 'menu'], 'en'],
    // A red flag leaves the welcome before its language question: the guess was never confirmed.
    ['romanized Hindi emergency advice, then "menu"', 'g2', ['saans nahi aa rahi', 'menu'], 'hi'],
  ])('a guessed language is asked again when the welcome comes back: %s', async (_, user, msgs, lang) => {
    const r = await run(user, msgs);
    expect(await langOf(user)).toBe(lang);
    expect(r.at(-1)).toBe(t('welcome.ask.language', lang));
  });
});

describe('the "language" word while the language question is open', () => {
  it('from the menu\'s "Change language": asks once, confirms once, then the menu', async () => {
    const r = await run('l1', ['নমস্কার', 'হ্যাঁ', '5', 'ভাষা', 'English']);
    expect(r).toEqual([t('language.changed', 'en'), t('menu.ask', 'en')]);
    const session = (await existingConversation(tc.core.store, 'webchat', 'l1')).session;
    expect(session.stack.map((f) => f.flow)).toEqual(['main_menu']);
  });

  it('at the welcome\'s language question: confirms once, then the consent question', async () => {
    const r = await run('l3', ['hello', 'language', 'English']);
    expect(r).toEqual([t('language.changed', 'en'), textWithNumbers(tc.core.translator, tc.core.config, 'welcome.notice_with_numbers', 'en'), t('welcome.ask.consent', 'en')]);
    expect(await run('l3', ['yes'])).toEqual([t('menu.ask', 'en')]);
  });

  it('the word typed twice still leaves one language question', async () => {
    const r = await run('l2', ['নমস্কার', 'হ্যাঁ', 'ভাষা', 'ভাষা', 'English']);
    expect(r).toEqual([t('language.changed', 'en'), t('menu.ask', 'en')]);
  });
});
