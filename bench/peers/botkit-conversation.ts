/**
 * Peer: the same symptom check as a Botkit `BotkitConversation` (a thread per
 * question, answers in the dialog's vars) with Botkit's in-memory dialog state
 * (botbuilder's MemoryStorage), driven through a minimal Botkit adapter: a
 * BotAdapter subclass that turns each patient message into an activity, runs
 * Botkit's turn (`controller.handleTurn`) and captures the activities Botkit
 * sends instead of posting them anywhere.
 *
 * Patients are returning ones, as for our path: their language is known (a
 * profile kept in memory) and they are at the main menu when the run starts.
 */
import { BotAdapter, MemoryStorage, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { Botkit, BotkitConversation, type BotWorker } from 'botkit';
import { loadConfig } from '../../src/config';
import type { Language } from '../../src/engine/flow';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { drive, type DriveOptions, type RunResult } from '../drive';
import { messageOf, scriptOf } from '../patients';
import { STEPS, TriageQuestions, type Reply, type TriageState } from './triage-questions';

/** The adapter: no transport at all. Sent activities are counted (and kept per user when asked). */
export class CaptureAdapter extends BotAdapter {
  sentCount = 0;
  readonly sent = new Map<string, string[]>();
  private ids = 0;

  constructor(private readonly record = false) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    this.sentCount += activities.length;
    if (this.record) {
      const user = context.activity.from.id;
      const list = this.sent.get(user) ?? [];
      for (const a of activities) if (a.type === 'message' && a.text) list.push(a.text);
      this.sent.set(user, list);
    }
    return activities.map(() => ({ id: String(++this.ids) }));
  }

  async updateActivity(): Promise<void> {}

  async deleteActivity(): Promise<void> {}

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }

  /** One incoming message from `userId`, through Botkit's whole turn. */
  async receive(userId: string, text: string, id: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      type: 'message',
      id,
      text,
      channelId: 'bench',
      serviceUrl: 'https://bench.invalid',
      timestamp: new Date(),
      from: { id: userId, name: 'P' },
      recipient: { id: 'sahay', name: 'Sahay' },
      conversation: { id: userId, name: 'P', isGroup: false, conversationType: 'personal' },
    };
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}

export interface BotkitBot {
  controller: Botkit;
  adapter: CaptureAdapter;
  /** Send one patient message and wait for Botkit's turn to finish. */
  send(userId: string, text: string): Promise<void>;
}

export const userIdOf = (k: number): string => `stored-${k}`;

export async function createBotkitBot(opts: { stored: number; record?: boolean }): Promise<BotkitBot> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const questions = new TriageQuestions(createTranslator(localesDir), config);
  const adapter = new CaptureAdapter(opts.record);
  const controller = new Botkit({ adapter, storage: new MemoryStorage(), disable_webserver: true, disable_console: true });
  await new Promise<void>((resolve) => controller.ready(() => resolve()));

  // The patients' profiles: the language each chose on an earlier day.
  const languages = new Map<string, Language>();
  for (let k = 0; k < opts.stored; k++) languages.set(userIdOf(k), scriptOf(k).lang);

  const message = (r: Reply) => (r.choices ? { text: r.text, quick_replies: r.choices } : { text: r.text });
  const sayAll = async (bot: BotWorker, replies: Reply[]) => {
    for (const r of replies) await bot.say(message(r));
  };

  const convo = new BotkitConversation('triage', controller);
  // The question of each thread is the last reply the previous answer produced (kept in vars.prompt).
  // A new object per question: addQuestion writes its handlers into the message it is given.
  const prompt = () => ({
    text: async (_line: unknown, vars: { prompt: Reply }) => vars.prompt.text,
    quick_replies: async (_line: unknown, vars: { prompt: Reply }) => vars.prompt.choices ?? [],
  });
  convo.before('default', async (c, bot) => {
    const result = questions.start(c.vars.lang as Language, c.vars.q as TriageState);
    await sayAll(bot, result.replies.slice(0, -1));
    c.setVar('prompt', result.replies.at(-1));
  });
  convo.addAction('danger_signs', 'default');
  for (const step of STEPS) {
    convo.addQuestion(
      prompt() as never,
      async (answer: string, c, bot) => {
        const result = questions.answer(step, String(answer), c.vars.lang as Language, c.vars.q as TriageState);
        if (result.next === 'menu') {
          await sayAll(bot, result.replies);
          return c.stop();
        }
        await sayAll(bot, result.replies.slice(0, -1));
        c.setVar('prompt', result.replies.at(-1));
        return c.gotoThread(result.next);
      },
      'answer',
      step,
    );
  }
  controller.addDialog(convo);

  // The global "menu" word leaves the check from any question: Botkit's interrupts run before dialogs.
  controller.interrupts(
    async (msg) => questions.isMenuWord(msg.text ?? ''),
    'message',
    async (bot, msg) => {
      await bot.cancelAllDialogs();
      await sayAll(bot, questions.menu(languages.get(msg.user) ?? 'en'));
    },
  );
  controller.on('message', async (bot, msg) => {
    const lang = languages.get(msg.user) ?? 'en';
    if (questions.picksTriage(msg.text ?? '')) return bot.beginDialog('triage', { lang, q: {} });
    return sayAll(bot, questions.menu(lang));
  });

  let n = 0;
  const logic = controller.handleTurn.bind(controller);
  return { controller, adapter, send: (userId, text) => adapter.receive(userId, text, String(++n), logic) };
}

export async function benchBotkitConversation(opts: DriveOptions & { stored: number; active: (p: number) => number }): Promise<RunResult> {
  const { send, controller } = await createBotkitBot({ stored: opts.stored });
  try {
    return await drive(opts, (p, i) => send(userIdOf(opts.active(p)), messageOf(scriptOf(p), i)));
  } finally {
    await controller.shutdown();
  }
}
