/**
 * Actions every deployment has. Domain actions (triage, beds, hand-off) are
 * registered by their own modules in the composition root.
 */
import { z } from 'zod';
import { withArgs } from './action-args';
import { wordsOf } from './input';
import type { Action, ActionContext, Interpreter } from './services';

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
  const detected = languageOfWords(ctx);
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

/** The language of the turn's words, by the interpreter; null with no letters ("2", "👍", a sticker): nothing to detect from. */
function languageOfWords(ctx: ActionContext): ReturnType<Interpreter['detectLanguage']> | null {
  const text = wordsOf(ctx.input);
  return text !== null && /\p{L}/u.test(text) ? ctx.services.interpret.detectLanguage(text) : null;
}

/** The session value `language.script` writes: the language the message's script names, or null. */
const LANGUAGE_SCRIPT = 'language_script';

/**
 * `language.script`: sets `language_script` to the language the script of the message that
 * started the flow names for certain (Bengali or Devanagari letters), else to null (Latin letters,
 * which are only a guess; digits; no words). Unlike `language.detect` it changes nothing: the
 * language offer reads it to see whether the patient already said no to that language
 * (`language.declined`) before it switches to it.
 */
const languageScript: Action = (ctx) => {
  const detected = languageOfWords(ctx);
  ctx.set(LANGUAGE_SCRIPT, detected?.confident ? detected.lang : null);
};

/** Where `language.declined` keeps each language offered and refused: `language_declined.bn`. */
const LANGUAGE_DECLINED = 'language_declined';

/**
 * `language.declined` (`with: { lang }`): notes that the patient answered no when offered that
 * language (flows/language_offer.yaml): `language_declined.<lang>` is true for the rest of the
 * conversation. A Bengali reader who keeps English for a reason (a helper who reads for them) and
 * goes on typing Bengali would otherwise be asked again at every message.
 */
const languageDeclined: Action = (ctx) => {
  const lang = ctx.args['lang'];
  if (typeof lang === 'string') ctx.set(`${LANGUAGE_DECLINED}.${lang}`, true);
};

/** The session value `command.note` writes: the global word a flow's first message was, or null. */
const FIRST_COMMAND = 'first_command';

/**
 * `command.note`: sets `first_command` to the global word (config/engine.yaml `commands`:
 * doctor, help, menu…) the message that started the flow is — "I want to talk to a doctor",
 * "ডাক্তারের সাথে কথা বলতে চাই", "doctor se baat karni hai" → `doctor` — or null. A new
 * conversation's first message starts the welcome rather than the word's flow (the greeting
 * and consent come first), so the welcome notes the word and acts on it after consent
 * (flows/welcome.yaml), as it does with symptoms named in that message. `with: { add: true }`:
 * see below.
 */
const noteCommand: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  const command = text === null ? null : ctx.services.interpret.command(text);
  // `with: { add: true }`: a later message of the welcome, before consent (a request typed at the
  // language question instead of a choice: "bed chahiye", "amar ekta bed lagbe kolkata te" after
  // "hello"), adds its request to what the first message noted: it was refused as no language and
  // lost, and the patient got the plain menu after consent. It never erases one: a message that is
  // no request ("?", "what") changes nothing, and the first message's request, noted first, stays.
  if (ctx.args['add'] === true && (command === null || typeof ctx.session.vars[FIRST_COMMAND] === 'string')) return;
  ctx.set(FIRST_COMMAND, command);
};

/**
 * `command.received`: the global word `command.note` noted (`first_command`) is acted on now, as
 * the engine acts on one typed later: a `command_received` event, which the turn's hooks read (the
 * emergency word opens a flagged ticket: src/handoff/turn-hooks.ts). The welcome runs it for
 * "ambulance", "জরুরি" or "emergency" as the very first message, which then goes straight to the
 * emergency advice, before the greeting and consent, as a danger sign there does. Nothing when no
 * word was noted.
 */
const commandReceived: Action = (ctx) => {
  const command = ctx.session.vars[FIRST_COMMAND];
  if (typeof command === 'string' && command !== '') ctx.emit({ type: 'command_received', command });
};

/** The session value `language.by_script` writes: whether the words' script named the language. */
const LANGUAGE_BY_SCRIPT = 'language_by_script';

/**
 * `language.by_script`: words typed at a language question that are none of its choices, in
 * Bengali or Devanagari script ("ঠিক আছে", "क्या"): the script says which language the patient
 * reads, so that language is the answer — saved as `lang`, as a choice would be (chosen, known,
 * and the question counts as answered). Sets `language_by_script` to true then, else to false
 * (Latin script, digits, no words): the flow gives the answer back (`answer.not_understood`),
 * worded in the language Latin words point to, when they point to one.
 */
const languageByScript: Action = (ctx) => {
  const detected = languageOfWords(ctx);
  const found = detected !== null && detected.confident && detected.lang !== 'en';
  if (found) ctx.set('lang', detected.lang);
  // Latin words that say which language they are ("amar jor hoyeche 3 din dhore", "mujhe bukhar
  // hai"), typed at the question after a greeting that said nothing ("hello"): still a guess, so
  // the question stays open, but it is asked again in that guess (the retry's words, and that
  // language's choice first), not in the greeting's English.
  else if (detected?.byWords && ctx.session.vars[LANGUAGE_KNOWN] !== true) ctx.setLanguage(detected.lang, 'detected');
  ctx.set(LANGUAGE_BY_SCRIPT, found);
};

/** The language choices, as the language questions offer them (flows/language.yaml). */
const LANGUAGE_CHOICES = [
  { value: 'bn', label: 'common.lang.bn' },
  { value: 'hi', label: 'common.lang.hi' },
  { value: 'en', label: 'common.lang.en' },
] as const;

/** The session value `language.requested` writes: whether the request named the language. */
const LANGUAGE_REQUESTED = 'language_requested';

/**
 * `language.requested`: the language word that started the flow may name the language itself
 * ("english please", "hindi me baat karo", "switch to english"): a word of it that is one of the
 * language choices is the answer, saved as `lang` as a choice would be. Only a message that is
 * the language word (commands.json `language`) is read so: a menu's number or button is not.
 * Sets `language_requested` to true then, else to false (the flow asks which language).
 */
const languageRequested: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  const interpret = ctx.services.interpret;
  let found: string | null = null;
  if (text !== null && interpret.command(text) === 'language') {
    for (const word of text.split(/[\s\p{P}\p{S}]+/u)) {
      if (word === '' || /^\d+$/.test(word)) continue;
      found = interpret.choice(word, LANGUAGE_CHOICES);
      if (found !== null) break;
    }
  }
  if (found !== null) ctx.set('lang', found);
  ctx.set(LANGUAGE_REQUESTED, found !== null);
};

/** The session value `answer.courtesy` writes: whether the message was thanks or an "ok" alone. */
const COURTESY = 'courtesy';

/**
 * `answer.courtesy`: a message that is only thanks or an acknowledgement ("thank you", "ok",
 * "ধন্যবাদ", "ঠিক আছে", "शुक्रिया", "theek hai": the interpreter's `courtesy`, words.json) where a
 * choice was asked: sets `courtesy` to true, else false. The menu answers it kindly instead of
 * counting it as unclear (flows/main_menu.yaml); it is never read as "yes".
 */
const courtesy: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  ctx.set(COURTESY, text !== null && ctx.services.interpret.courtesy(text));
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
  ['language.script', languageScript],
  ['language.declined', withArgs(z.object({ lang: z.enum(['bn', 'hi', 'en']) }), languageDeclined)],
  ['command.note', withArgs(z.object({ add: z.literal(true).optional() }), noteCommand)],
  ['command.received', commandReceived],
  ['language.by_script', languageByScript],
  ['language.requested', languageRequested],
  ['answer.courtesy', courtesy],
  [NOT_UNDERSTOOD_ACTION, notUnderstood],
]);
