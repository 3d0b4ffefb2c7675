/**
 * Conversation tests on the real core and shipped flows: a fresh core for each test
 * (createTestCore), and what those tests say with it: a patient's messages and the texts of
 * the last replies, a message key in a language, the patient's stored session.
 *
 * ```ts
 * const chat = chatPerTest();
 * const r = await chat.run('u', [...consented('bn'), 'আমার জ্বর']);
 * expect(r).toContain(chat.t('triage.intro', 'bn'));
 * ```
 */
import type { Language } from '../../src/engine/flow';
import type { Session } from '../../src/engine/session';
import { existingConversation } from './conversation';
import { createTestCore, type TestCore } from './core';

/** The messages that take a new patient to the main menu in their language: greeting, (language,) consent. */
export const consented = (lang: Language): string[] => (lang === 'en' ? ['hello', 'english', 'yes'] : lang === 'hi' ? ['नमस्ते', 'हाँ'] : ['নমস্কার', 'হ্যাঁ']);

/**
 * What a new patient sends after a first message in that language, up to consent's yes: a
 * romanized or English one is a guess, so the language is chosen first (English by name, Hindi by
 * its number); a Bengali-script one is certain, so only the yes.
 */
export const toConsent: Readonly<Record<Language, readonly string[]>> = { en: ['english', 'yes'], hi: ['2', 'haan'], bn: ['হ্যাঁ'] };

export interface ChatPerTest {
  /** This test's core. */
  readonly tc: TestCore;
  /** `user` sends each message in turn: the texts of the replies to the last one. */
  run(user: string, msgs: string[]): Promise<string[]>;
  t(key: string, lang: Language): string;
  /** The stored session of `user`'s web chat conversation. */
  session(user: string): Promise<Session>;
}

/** Registers the core's making and closing around each test of the file (or describe block) that calls it. */
export function chatPerTest(): ChatPerTest {
  let current: TestCore | undefined;
  beforeEach(async () => {
    current = await createTestCore();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const tc = (): TestCore => {
    if (!current) throw new Error('chatPerTest: no core outside a test');
    return current;
  };
  return {
    get tc() {
      return tc();
    },
    async run(user, msgs) {
      let last: string[] = [];
      for (const m of msgs) last = (await tc().send(user, m)).map((o) => o.text);
      return last;
    },
    t: (key, lang) => tc().core.translator.t(key, lang),
    session: async (user) => (await existingConversation(tc().core.store, 'webchat', user)).session,
  };
}
