/**
 * The bench compares like with like: the simulated patients complete the real
 * symptom check through our router, and the peers (Telegraf's WizardScene,
 * Botkit's BotkitConversation) ask the same questions and answer with the same
 * texts. Correctness only; nothing here is timed.
 */
import { createBotkitBot, userIdOf } from '../../bench/peers/botkit-conversation';
import { chatIdOf, createWizardBot, textUpdate } from '../../bench/peers/telegraf-wizard';
import { SCRIPTS } from '../../bench/patients';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

describe('the simulated patients', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(() => t.close());

  it.each(SCRIPTS.map((s) => [s.lang, s] as const))('complete the symptom check in %s, reach the expected level and return to the menu, twice', async (_lang, script) => {
    const user = `patient-${script.lang}`;
    for (const text of script.opening) await t.send(user, text);
    for (let round = 0; round < 2; round++) {
      let last: string[] = [];
      for (const text of script.loop) last = (await t.send(user, text)).map((m) => m.text);
      const conv = await existingConversation(t.core.store, 'webchat', user);
      expect(conv.session.vars).toMatchObject({ triage: { level: script.level } });
      expect(conv.session.stack.at(-1)).toMatchObject({ flow: 'main_menu', state: 'menu', waiting: { retries: 0 } });
      expect(last).toEqual([t.core.translator.t('menu.ask', script.lang)]);
    }
  });
});

describe('the peers ask the same questions with the same texts', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(() => t.close());

  /** What our router says to one symptom check of `script`, turn by turn. */
  async function ours(script: (typeof SCRIPTS)[number]): Promise<string[][]> {
    const user = `ours-${script.lang}`;
    for (const text of script.opening) await t.send(user, text);
    const turns: string[][] = [];
    for (const text of script.loop) turns.push((await t.send(user, text)).map((m) => m.text));
    return turns;
  }

  /**
   * Every turn up to the assessment's advice says the same; the last question may
   * differ (our flows offer follow-ups and a doctor there, which the peers leave out);
   * and all end back at the main menu.
   */
  function expectSameCheck(peer: string[][], reference: string[][]): void {
    expect(peer).toHaveLength(reference.length);
    const lastTurn = reference.length - 2;
    for (let i = 0; i < lastTurn; i++) expect(peer[i]).toEqual(reference[i]);
    const advice = reference[lastTurn]!;
    expect(peer[lastTurn]!.slice(0, -1)).toEqual(advice.slice(0, -1));
    expect(peer.at(-1)).toEqual(reference.at(-1));
  }

  it.each(SCRIPTS.map((s, k) => [s.lang, s, k] as const))('Telegraf WizardScene (%s)', async (_lang, script, k) => {
    const reference = await ours(script);
    const { bot, sent, apiCalls } = createWizardBot({ stored: SCRIPTS.length, record: true });
    const chat = chatIdOf(k);
    const turns: string[][] = [];
    let update = 0;
    for (const text of script.loop) {
      const before = sent.get(chat)?.length ?? 0;
      await bot.handleUpdate(textUpdate(++update, chat, text));
      turns.push((sent.get(chat) ?? []).slice(before));
    }
    expectSameCheck(turns, reference);
    expect(apiCalls()).toBe(turns.flat().length);
  });

  it.each(SCRIPTS.map((s, k) => [s.lang, s, k] as const))('Botkit BotkitConversation (%s)', async (_lang, script, k) => {
    const reference = await ours(script);
    const { send, adapter, controller } = await createBotkitBot({ stored: SCRIPTS.length, record: true });
    try {
      const user = userIdOf(k);
      const turns: string[][] = [];
      for (const text of script.loop) {
        const before = adapter.sent.get(user)?.length ?? 0;
        await send(user, text);
        turns.push((adapter.sent.get(user) ?? []).slice(before));
      }
      expectSameCheck(turns, reference);
    } finally {
      await controller.shutdown();
    }
  });
});
