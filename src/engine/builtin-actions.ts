/**
 * Actions every deployment has. Domain actions (triage, beds, hand-off) are
 * registered by their own modules in the composition root.
 */
import type { Action } from './services';

/**
 * `language.detect`: set the conversation language from the script of the
 * message that started the flow. Bengali and Devanagari script are certain;
 * Latin script is a guess (English or romanized Hindi/Bengali), so
 * `language_confident` is false and the flow asks.
 */
const detectLanguage: Action = (ctx) => {
  const text = ctx.input?.kind === 'text' ? ctx.input.text : ctx.input?.kind === 'media' ? ctx.input.caption : undefined;
  // No letters ("2", "👍", a sticker): nothing to detect from — keep the language the
  // patient already has (e.g. back from emergency advice) rather than guessing English.
  if (!text || !/\p{L}/u.test(text)) {
    ctx.set('language_confident', ctx.session.lang !== null);
    if (ctx.session.lang === null) ctx.setLanguage('en', 'detected');
    return;
  }
  const { lang, confident } = ctx.services.interpret.detectLanguage(text);
  ctx.setLanguage(lang, 'detected');
  ctx.set('language_confident', confident);
};

export const builtinActions: ReadonlyMap<string, Action> = new Map([['language.detect', detectLanguage]]);
