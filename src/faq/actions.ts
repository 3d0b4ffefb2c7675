/**
 * The FAQ's actions (flows/faq.yaml matches a question it asked for; the menu's, the
 * symptom check's and the check-in's typed questions are tried with `faq.try`; all call
 * flows/faq_answer.yaml to answer). Each sets `faq.outcome`, which the flows branch on:
 * - `answered`: the answer was said (in the conversation's language);
 * - `choose`: a close call — `faq.list` holds the numbered questions to offer and
 *   `faq.offer` their entry ids;
 * - `other_language`: the entry has no answer in the conversation's language —
 *   the bot said so and which languages it has (`faq.entry` is the entry, `faq.languages`
 *   whether it has each language, `{ bn: true, hi: false, en: true }`, for the flow to
 *   offer only those);
 * - `none`: nothing fits;
 * - `unanswered` (`faq.try` only): a question, but nothing fits; nothing was said;
 * - `not_listed` (`faq.pick` only): a number that is none of the list's; nothing was said.
 *   `faq.missed` is what was typed, `faq.offer_size` how many the list has, and
 *   `faq.misses` how many such numbers since the list was offered (for the flow to ask
 *   again, and to give up as after any other unclear answers).
 *
 * `faq.match` (with: { question } or { from_input: true }) — match a question;
 * `from_input` reads the turn's own text (a question typed where a button was expected).
 * `faq.try` — the turn's own words, typed where something else was asked (the main menu's
 * choices): when they read as a question ("how long should I isolate", "oxygen kitna hona
 * chahiye", "অক্সিজেন কত হলে হাসপাতালে যাব") and the FAQ answers it or has a close call, it does
 * what `faq.match` does. Otherwise nothing is said: a question the FAQ has nothing for ("should I
 * take steroids") is `unanswered` (the flow says the FAQ's "no answer yet": it is a question, not
 * nonsense); words that are no question, or a question none of whose words the FAQ knows ("কী
 * লিখব"), are `none`, for the flow to read them another way (the
 * menu counts them as not understood, as before: "please choose one of the options").
 * `faq.pick` (with: { reply }) — a number from `faq.offer`; a number that is none of them
 * (`not_listed`); or else a new question.
 * `faq.show` (with: { entry, lang }) — the entry's answer in that language.
 *
 * Answers are admin content from the store: they go to the patient as the
 * `answer` parameter of `faq.answer`, never as a message key. An answer's `{{emergency}}` is
 * filled with the patient's ambulance numbers as it is sent (src/faq/answer-placeholders.ts).
 */
import { LANGUAGES, type Language, type MessageRef, type ParamValue } from '../engine/flow';
import { wordsOf } from '../engine/input';
import { getPath } from '../engine/paths';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action, ActionContext } from '../engine/services';
import type { FaqContent } from '../storage/repositories';
import { READING_IN_MESSAGE, SYMPTOMS_IN_MESSAGE } from '../triage/answers';
import { emergencyNumbersInline, EVERY_SERVED_COUNTRY } from '../helplines/emergency-numbers';
import { filledAnswer, hasPlaceholders } from './answer-placeholders';
import { answerLanguages, titleOf } from './content';
import type { FaqMatch, FaqService } from './faq-service';

type Outcome = 'answered' | 'choose' | 'other_language' | 'none' | 'unanswered' | 'not_listed';

export function faqActions(faq: FaqService): Array<[string, Action]> {
  return [
    ['faq.match', withArgs(MATCH_ARGS, (ctx) => matchAction(faq, ctx))],
    ['faq.note_question', withArgs(z.object({ add: z.literal(true).optional() }), noteQuestionAction)],
    ['faq.try', withArgs(z.object({ question: z.string().optional() }), (ctx) => tryAction(faq, ctx))],
    ['faq.pick', withArgs(z.object({ reply: z.string() }), (ctx) => pickAction(faq, ctx))],
    ['faq.show', withArgs(z.object({ entry: z.string(), lang: z.enum(LANGUAGES) }), (ctx) => showAction(faq, ctx))],
  ];
}

const MATCH_ARGS = z
  .object({ question: z.string().optional(), from_input: z.literal(true).optional() })
  .refine((a) => a.question !== undefined || a.from_input === true, { path: ['question'], message: 'needs "question", or "from_input: true" to match the message itself' });

function languageOf(ctx: ActionContext): Language {
  return ctx.session.lang ?? 'en';
}

function inputText(ctx: ActionContext): string {
  const input = ctx.input;
  if (!input) return '';
  if (input.kind === 'text') return input.text;
  if (input.kind === 'choice') return input.text ?? input.payload;
  if (input.kind === 'media') return input.caption ?? '';
  return '';
}

async function matchAction(faq: FaqService, ctx: ActionContext): Promise<void> {
  const question = ctx.args.from_input === true ? inputText(ctx) : String(ctx.args.question ?? '');
  if (ctx.args.from_input === true) ctx.set('faq.question', question);
  await answerQuestion(faq, ctx, question);
}

/**
 * The least confidence of the FAQ's nearest entry (the share of the question's words it covers,
 * src/faq/faq-index.ts) for `faq.try` to read a question it cannot answer as one about what the
 * FAQ covers (`unanswered`) rather than as words to read another way (`none`).
 */
const ABOUT_THE_FAQ = 0.05;

async function tryAction(faq: FaqService, ctx: ActionContext): Promise<void> {
  // The turn's own words, or a question kept from an earlier message (`question`: the welcome's
  // first one, taken once: its words are not kept past it).
  const kept = typeof ctx.args.question === 'string' ? ctx.args.question : undefined;
  if (kept !== undefined && getPath(ctx.session, FIRST_QUESTION) != null) ctx.set(FIRST_QUESTION, null);
  const text = kept ?? wordsOf(ctx.input);
  if (text === null || !ctx.services.interpret.isQuestion(text)) return outcome(ctx, 'none');
  const match = await faq.match(text);
  if (match.outcome === 'none' || match.candidates.length === 0) {
    // A question about what the FAQ is about ("should I take steroids": words its entries use)
    // has no answer yet; one with none of its words ("কী লিখব", "কেউ আছেন?") is no health
    // question the FAQ could answer, and is left to be read another way (counted as unclear).
    if (!match.candidates.some((c) => c.confidence >= ABOUT_THE_FAQ)) return outcome(ctx, 'none');
    ctx.set('faq.question', text);
    return outcome(ctx, 'unanswered');
  }
  ctx.set('faq.question', text);
  respond(faq, ctx, match);
}

/** Where `faq.note_question` keeps a first message that reads as a question, until consent is given. */
export const FIRST_QUESTION = 'first_question';

/**
 * `faq.note_question`: the welcome's first message, when it reads as a question ("Should children
 * wear masks?", "vaccine kahan lagega?"), is kept for after consent, when the welcome answers it
 * from the FAQ (flows/welcome.yaml): it was dropped, and the patient got the menu.
 *
 * `with: { add: true }`: a later message of the welcome, before consent (a question typed at the
 * language question instead of a choice: "mask pora ki dorkar?" after "hello"), is kept the same
 * way when no question is kept yet; it never erases one, so an unclear answer ("?", "what") leaves
 * the first message's question as it was.
 */
const noteQuestionAction: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  // Not when the message starts a symptom check (symptoms or a reading named): that comes first.
  const check = getPath(ctx.session, SYMPTOMS_IN_MESSAGE) === true || getPath(ctx.session, READING_IN_MESSAGE) === true;
  const question = text !== null && !check && ctx.services.interpret.isQuestion(text) ? text : null;
  if (ctx.args['add'] === true) {
    // Words, not a "?" alone: that is an answer not understood, no question to look up.
    if (question !== null && /\p{L}/u.test(question) && getPath(ctx.session, FIRST_QUESTION) == null) ctx.set(FIRST_QUESTION, question);
    return;
  }
  if (question !== null || getPath(ctx.session, FIRST_QUESTION) != null) ctx.set(FIRST_QUESTION, question);
};

async function answerQuestion(faq: FaqService, ctx: ActionContext, question: string): Promise<void> {
  respond(faq, ctx, await faq.match(question));
}

/** Say the answer, or set up the close call, or say nothing fits. */
function respond(faq: FaqService, ctx: ActionContext, match: FaqMatch): void {
  const lang = languageOf(ctx);
  const [top] = match.candidates;
  if (match.outcome === 'answer' && top) return say(faq, ctx, top.content, lang);
  if (match.outcome === 'choose' && match.candidates.length > 0) {
    // A numbered list in the message itself: it reads the same on every channel.
    const list = match.candidates.map((c, i) => `${i + 1}. ${titleOf(c.content, lang)}`).join('\n');
    ctx.set('faq.offer', match.candidates.map((c) => c.content.id));
    ctx.set('faq.list', list);
    ctx.set('faq.misses', 0);
    return outcome(ctx, 'choose');
  }
  ctx.emit({ type: 'msg_created', msg: { key: 'faq.no_match' } });
  outcome(ctx, 'none');
}

async function pickAction(faq: FaqService, ctx: ActionContext): Promise<void> {
  const reply = String(ctx.args.reply ?? '');
  const offer = getPath(ctx.session, 'faq.offer');
  const ids = Array.isArray(offer) ? offer.filter((x): x is string => typeof x === 'string') : [];
  // A place in the list, also with words around it ("number 2", "2 please", "the second one",
  // "দুই নম্বর"); else a number alone, which may be none of the list's ("7" when three are listed).
  const n = ctx.services.interpret.listPick?.(reply, ids.length) ?? (/^\s*\S{1,3}\s*$/.test(reply) ? ctx.services.interpret.number(reply) : null);
  const id = n !== null && Number.isInteger(n) && n >= 1 && n <= ids.length ? ids[n - 1] : ids.find((x) => x === reply.trim());
  // A number alone is an answer to the list, never a question ("7" when three are listed).
  if (id === undefined && n !== null) return notListed(ctx, reply.trim(), ids.length);
  if (id === undefined) {
    // Not a number: the patient asked again in other words.
    ctx.set('faq.question', reply);
    return answerQuestion(faq, ctx, reply);
  }
  const content = await faq.published(id);
  if (!content) return gone(ctx);
  say(faq, ctx, content, languageOf(ctx));
}

/** A number that is none of the list's: counted, for the flow to say so and ask again. */
function notListed(ctx: ActionContext, typed: string, offered: number): void {
  const misses = getPath(ctx.session, 'faq.misses');
  ctx.set('faq.misses', (typeof misses === 'number' ? misses : 0) + 1);
  ctx.set('faq.missed', typed);
  ctx.set('faq.offer_size', offered);
  outcome(ctx, 'not_listed');
}

async function showAction(faq: FaqService, ctx: ActionContext): Promise<void> {
  const id = String(ctx.args.entry ?? '');
  const lang = String(ctx.args.lang ?? '');
  const content = await faq.published(id);
  if (!content) return gone(ctx);
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw new Error(`faq.show: "${lang}" is not a language`);
  say(faq, ctx, content, lang as Language);
}

/** The answer with its placeholders filled for this patient: `{{emergency}}`, their region's ambulance numbers (src/faq/answer-placeholders.ts). */
function filledFor(faq: FaqService, ctx: ActionContext, answer: string): ParamValue {
  const helplines = faq.helplines;
  const emergency: MessageRef = helplines ? emergencyNumbersInline(helplines, ctx.session, ctx.services.now(), EVERY_SERVED_COUNTRY) : { key: 'emergency.numbers_none' };
  return filledAnswer(answer, { emergency });
}

/** The answer in `lang`, or say which languages the entry has. */
function say(faq: FaqService, ctx: ActionContext, content: FaqContent, lang: Language): void {
  ctx.set('faq.entry', content.id);
  const answer = content.answers[lang];
  if (answer !== undefined) {
    ctx.emit({ type: 'msg_created', msg: { key: 'faq.answer', params: { answer: hasPlaceholders(answer) ? filledFor(faq, ctx, answer) : answer } } });
    return outcome(ctx, 'answered');
  }
  const languages = answerLanguages(content);
  const available: MessageRef[] = languages.map((l) => ({ key: `common.lang.${l}` }));
  // The flow offers these as choices, and only these (`when: { faq.languages.bn: true }`).
  ctx.set('faq.languages', Object.fromEntries(LANGUAGES.map((l) => [l, languages.includes(l)])));
  ctx.emit({
    type: 'msg_created',
    msg: { key: 'faq.not_in_language', params: { question: titleOf(content, lang), language: { key: `common.lang.${lang}` }, available } },
  });
  outcome(ctx, 'other_language');
}

/** The entry was withdrawn between the offer and the pick. */
function gone(ctx: ActionContext): void {
  ctx.emit({ type: 'msg_created', msg: { key: 'faq.withdrawn' } });
  outcome(ctx, 'none');
}

function outcome(ctx: ActionContext, value: Outcome): void {
  ctx.set('faq.outcome', value);
}
