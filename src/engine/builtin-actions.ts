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

/** The session value `command.note` writes: the global word a flow's first message was, or null. */
export const FIRST_COMMAND = 'first_command';

/**
 * `command.note`: sets `first_command` to the global word (config/engine.yaml `commands`:
 * doctor, help, menu…) the message that started the flow is — "I want to talk to a doctor",
 * "ডাক্তারের সাথে কথা বলতে চাই", "doctor se baat karni hai" → `doctor` — or null. A new
 * conversation's first message starts the welcome rather than the word's flow (the greeting
 * and consent come first), so the welcome notes the word and acts on it after consent
 * (flows/welcome.yaml), as it does with symptoms named in that message.
 */
const noteCommand: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  ctx.set(FIRST_COMMAND, text === null ? null : ctx.services.interpret.command(text));
};

/**
 * `answer.not_understood`: on the way a question's `fallback` takes, gives the answer back to
 * the question as not understood, counted with its other unclear answers (the engine's
 * `retries`): "please choose one of the options" and the question again, or, once they have
 * run out, "Sorry, I did not understand" and the engine's fallback flow. It lets a question try
 * an answer another way first and keep its count when that fails too:
 *
 * ```yaml
 * menu:
 *   ask: menu.ask
 *   expect: { choice: [...] }
 *   retries: 0            # every answer that is none of the choices is tried as a question first
 *   fallback: question
 * question:
 *   do: faq.try
 *   next:
 *     - { when: { faq.outcome: answered }, goto: menu }
 *     - goto: unclear
 * unclear:
 *   do: answer.not_understood
 *   next: menu            # not taken: the engine asks the question again itself
 * ```
 *
 * The engine runs it itself (engine.ts, notUnderstood): it changes where the turn goes, which an
 * action cannot. Registered here so that flows may name it.
 */
export const NOT_UNDERSTOOD_ACTION = 'answer.not_understood';

const notUnderstood: Action = () => {
  throw new Error(`"${NOT_UNDERSTOOD_ACTION}" is run by the engine itself`);
};

export const builtinActions: ReadonlyMap<string, Action> = new Map([
  ['language.detect', detectLanguage],
  ['command.note', noteCommand],
  [NOT_UNDERSTOOD_ACTION, notUnderstood],
]);
