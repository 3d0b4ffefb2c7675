/**
 * Actions every deployment has. Domain actions (triage, beds, hand-off) are
 * registered by their own modules in the composition root.
 */
import { wordsOf } from './input';
import type { Action } from './services';

/** The session value that says the language is known, not guessed (flows read it: welcome.yaml). */
export const LANGUAGE_KNOWN = 'language_confident';

/**
 * `language.detect`: set the conversation language from the script of the
 * message that started the flow. Bengali and Devanagari script are certain and
 * may change the language; Latin script is a guess (English or romanized
 * Hindi/Bengali), so `language_confident` is false and the flow asks. A language
 * the conversation already knows (certain from its script, or chosen by the
 * patient: the engine marks it known when an answer is saved as `lang`) is never replaced by a guess: a patient sent back
 * to the welcome before consent (the "menu" button after emergency advice,
 * Telegram's /start, coming back after declining) is not switched to English
 * nor asked again. A language that was itself only a guess is still asked.
 */
const detectLanguage: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  // No letters ("2", "👍", a sticker): nothing to detect from.
  const detected = text !== null && /\p{L}/u.test(text) ? ctx.services.interpret.detectLanguage(text) : null;
  if (detected?.confident) {
    ctx.setLanguage(detected.lang, 'detected');
    ctx.set(LANGUAGE_KNOWN, true);
  } else if (ctx.session.lang !== null && ctx.session.vars[LANGUAGE_KNOWN] === true) {
    // Known already: kept.
  } else {
    // A guess, to word the question in: the one made before (from an earlier, maybe longer message) stands.
    ctx.setLanguage(ctx.session.lang ?? detected?.lang ?? 'en', 'detected');
    ctx.set(LANGUAGE_KNOWN, false);
  }
};

export const builtinActions: ReadonlyMap<string, Action> = new Map([['language.detect', detectLanguage]]);
