/**
 * A patient's way into the symptom check over a test core, in each language: the words that
 * get a new patient through the welcome to the main menu, and the check's first answers.
 * Shared by the tests that type something in the middle of the check and look at what it kept.
 */
import type { Language } from '../../src/engine/flow';
import { getPath } from '../../src/engine/paths';
import { existingConversation } from './conversation';
import type { TestCore } from './core';

/** Greeting and consent (and the language, where a greeting does not tell it), yes and no. */
export const WORDS: Record<Language, { hello: string[]; no: string; yes: string }> = {
  bn: { hello: ['নমস্কার', 'হ্যাঁ'], no: 'না', yes: 'হ্যাঁ' },
  hi: { hello: ['नमस्ते', 'हाँ'], no: 'नहीं', yes: 'हाँ' },
  en: { hello: ['hello', 'english', 'yes'], no: 'no', yes: 'yes' },
};

/** A new patient's messages to the danger-sign question: the welcome, then the menu's first option. */
export const toDangerSigns = (lng: Language): string[] => [...WORDS[lng].hello, '1'];

/** Sends the messages in turn; the texts of the bot's answers to the last one. */
export async function run(tc: TestCore, user: string, msgs: readonly string[]): Promise<string[]> {
  let last: string[] = [];
  for (const m of msgs) last = (await tc.send(user, m)).map((o) => o.text ?? '');
  return last;
}

/** A session value of the web chat patient `user`. */
export async function sessionValue(tc: TestCore, user: string, path: string): Promise<unknown> {
  return getPath((await existingConversation(tc.core.store, 'webchat', user)).session, path);
}
