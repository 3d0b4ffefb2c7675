/**
 * Actions every deployment has. Domain actions (triage, beds, hand-off) are
 * registered by their own modules in the composition root.
 */
import { wordsOf } from './input';
import type { Action } from './services';

/**
 * `language.detect`: set the conversation language from the script of the
 * message that started the flow. Bengali and Devanagari script are certain and
 * may change the language; Latin script is a guess (English or romanized
 * Hindi/Bengali), taken only while no language is known, with
 * `language_confident` false so that the flow asks. A language the
 * conversation already has is never replaced by a guess, and counts as known:
 * a patient sent back to the welcome before consent (the
 * "menu" button after emergency advice, Telegram's /start, coming back after
 * declining) is not switched to English nor asked again.
 */
const detectLanguage: Action = (ctx) => {
  // A button's payload is ours, not the patient's words: nothing to detect from.
  const text = wordsOf(ctx.input);
  // No letters ("2", "👍", a sticker): nothing to detect from either.
  const detected = text !== null && /\p{L}/u.test(text) ? ctx.services.interpret.detectLanguage(text) : null;
  if (detected?.confident) {
    ctx.setLanguage(detected.lang, 'detected');
    ctx.set('language_confident', true);
  } else if (ctx.session.lang !== null) {
    ctx.set('language_confident', true);
  } else {
    ctx.setLanguage(detected?.lang ?? 'en', 'detected');
    ctx.set('language_confident', false);
  }
};

export const builtinActions: ReadonlyMap<string, Action> = new Map([['language.detect', detectLanguage]]);
