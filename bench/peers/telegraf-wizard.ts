/**
 * Peer: the same symptom check as a Telegraf `WizardScene` (one step per
 * question, answers in the wizard's state) with Telegraf's in-memory session,
 * driven through `bot.handleUpdate` as a webhook would. The Telegram API is
 * stubbed at `telegram.callApi`: each reply is built as Telegraf builds it
 * (inline keyboards for choices) and answered at once, without a network.
 *
 * Patients are returning ones, as for our path: their sessions (language known,
 * at the main menu) are in the session store before the run.
 */
import { Context, Markup, Scenes, session, Telegraf, Telegram } from 'telegraf';
import { MemorySessionStore } from 'telegraf/session';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { loadConfig } from '../../src/config';
import type { Language } from '../../src/engine/flow';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { drive, type DriveOptions, type RunResult } from '../drive';
import { messageOf, scriptOf } from '../patients';
import { STEPS, TriageQuestions, type Reply, type Step, type TriageState } from './triage-questions';

interface PatientSession extends Scenes.WizardSession<Scenes.WizardSessionData> {
  lang?: Language;
}

interface BotContext extends Context {
  session: PatientSession;
  scene: Scenes.SceneContextScene<BotContext, Scenes.WizardSessionData>;
  wizard: Scenes.WizardContextWizard<BotContext>;
}

/** The bot and how many API calls it made (every reply is one sendMessage). */
export interface WizardBot {
  bot: Telegraf<BotContext>;
  apiCalls: () => number;
  /** The texts sent to a chat, when `record` was asked for (tests). */
  sent: Map<number, string[]>;
}

const TOKEN = '123456:bench-token-never-sent';

/** Chat ids of the bench's patients; the stored ones are 10_000 + k. */
export const chatIdOf = (k: number): number => 10_000 + k;

export function createWizardBot(opts: { stored: number; record?: boolean }): WizardBot {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const questions = new TriageQuestions(createTranslator(localesDir), config);

  const sendAll = async (ctx: BotContext, replies: Reply[]) => {
    for (const r of replies) {
      await ctx.reply(r.text, r.choices ? Markup.inlineKeyboard(r.choices.map((c) => [Markup.button.callback(c.title, c.payload)])) : undefined);
    }
  };
  const textOf = (ctx: BotContext): string => (ctx.message && 'text' in ctx.message ? ctx.message.text : ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '');
  const stepIndex = (step: Step) => 1 + STEPS.indexOf(step);

  // Step 0 runs on entering the scene and asks the first question; step i+1 handles the answer to STEPS[i].
  const answerStep = (step: Step) => async (ctx: BotContext) => {
    const lang = ctx.session.lang ?? 'en';
    const result = questions.answer(step, textOf(ctx), lang, ctx.wizard.state as TriageState);
    await sendAll(ctx, result.replies);
    if (result.next === 'menu') return ctx.scene.leave();
    ctx.wizard.selectStep(stepIndex(result.next));
  };
  const triage = new Scenes.WizardScene<BotContext>(
    'triage',
    async (ctx) => {
      const result = questions.start(ctx.session.lang ?? 'en', ctx.wizard.state as TriageState);
      await sendAll(ctx, result.replies);
      ctx.wizard.selectStep(stepIndex(result.next as Step));
    },
    ...STEPS.map(answerStep),
  );

  let calls = 0;
  let messageId = 0;
  const sent = new Map<number, string[]>();
  // No network: every Bot API call is answered here, as Telegram would answer sendMessage.
  const telegram = new Telegram(TOKEN, {});
  telegram.callApi = (async (method: string, payload: { chat_id?: number; text?: string }) => {
    calls++;
    if (opts.record && payload.chat_id !== undefined && payload.text !== undefined) {
      const list = sent.get(payload.chat_id) ?? [];
      list.push(payload.text);
      sent.set(payload.chat_id, list);
    }
    if (method !== 'sendMessage') return true;
    return { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: payload.chat_id, type: 'private', first_name: 'P' }, text: payload.text };
  }) as unknown as typeof telegram.callApi;
  // handleUpdate makes a Telegram client per update; the context swaps in the stubbed one.
  class BenchContext extends Context {
    constructor(update: Update, _perUpdate: Telegram, botInfo: UserFromGetMe) {
      super(update, telegram, botInfo);
    }
  }
  const bot = new Telegraf<BotContext>(TOKEN, { contextType: BenchContext as unknown as new (...args: ConstructorParameters<typeof Context>) => BotContext });
  bot.botInfo = { id: 1, is_bot: true, first_name: 'Sahay', username: 'sahay_bench_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };

  const store = new MemorySessionStore<PatientSession>();
  for (let k = 0; k < opts.stored; k++) void store.set(`${chatIdOf(k)}:${chatIdOf(k)}`, { lang: scriptOf(k).lang });
  bot.use(session({ store, defaultSession: () => ({}) }));
  const stage = new Scenes.Stage<BotContext>([triage]);
  // The global "menu" word leaves the check from any question (handlers on the stage run before the scene's).
  stage.on('text', async (ctx, next) => {
    if (!questions.isMenuWord(ctx.message.text)) return next();
    await ctx.scene.leave();
    return sendAll(ctx, questions.menu(ctx.session.lang ?? 'en'));
  });
  bot.use(stage.middleware());
  bot.on('text', async (ctx) => {
    const lang = ctx.session.lang ?? 'en';
    if (questions.picksTriage(ctx.message.text)) return ctx.scene.enter('triage');
    return sendAll(ctx, questions.menu(lang));
  });
  return { bot, apiCalls: () => calls, sent };
}

/** A private text message from chat `chatId`, as Telegram posts it to a webhook. */
export function textUpdate(updateId: number, chatId: number, text: string): Update {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'P' }, from: { id: chatId, is_bot: false, first_name: 'P' }, text },
  };
}

export async function benchTelegrafWizard(opts: DriveOptions & { stored: number; active: (p: number) => number }): Promise<RunResult> {
  const { bot } = createWizardBot({ stored: opts.stored });
  let updateId = 0;
  return drive(opts, (p, i) => bot.handleUpdate(textUpdate(++updateId, chatIdOf(opts.active(p)), messageOf(scriptOf(p), i))));
}
