/**
 * The FAQ's answering is one sub-flow (flows/faq_answer.yaml), called from the FAQ, from the
 * main menu and the symptom check's "what next?" (a question typed there), and from the daily
 * check-in's "what next?". Through the real router, engine and shipped flows:
 * - a question whose answer is not written in the patient's language yet, typed at the main
 *   menu or at the symptom check's "what next?", says which languages it has and offers them
 *   (the FAQ's `other_language` branch), instead of going straight back to the menu;
 * - a question typed at the daily check-in's "what next?" is answered from the FAQ and
 *   "what next?" comes back, as at the symptom check (it was an unclear answer before), with the
 *   same branches (a close call, another language, "no answer yet", unclear words counted).
 */
import type { FaqContent } from '../../src/storage/repositories';
import type { OutboundMessage } from '../../src/router/message';
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

type Lang = 'bn' | 'hi' | 'en';

/** An answer written only in English so far; its question in all three languages. */
const englishOnly: FaqContent = {
  id: 'pets-test',
  topics: ['test'],
  questions: {
    en: ['Can my cat or dog catch the coronavirus?'],
    bn: ['আমার বিড়াল বা কুকুরের কি করোনা হতে পারে?'],
    hi: ['क्या मेरी बिल्ली या कुत्ते को कोरोना हो सकता है?'],
  },
  answers: { en: 'Test answer: pets rarely catch it. Keep a sick person away from pets.' },
  source: 'test',
  reviewed: '2021-05-01',
};
const ENGLISH_ANSWER = englishOnly.answers.en!;

let tc: TestCore;
beforeEach(async () => {
  tc = await createTestCore();
  await tc.core.store.faq.save([{ content: englishOnly, publish: true, note: 'test' }], { actorId: null, at: tc.clock.now });
});
afterEach(async () => {
  await tc.close();
});

const t = (key: string, lang: Lang, params?: Record<string, unknown>) => tc.core.translator.t(key, lang, params as never);
const texts = (ms: OutboundMessage[]) => ms.map((m) => m.text);
const choices = (ms: OutboundMessage[]) => ms.at(-1)?.choices?.map((c) => c.payload);
const say = (user: string, text: string | { choice: string }) =>
  tc.send(user, typeof text === 'string' ? text : { kind: 'choice', payload: text.choice });
const run = async (user: string, msgs: string[]) => {
  let last: OutboundMessage[] = [];
  for (const m of msgs) last = await say(user, m);
  return last;
};
const stackOf = async (user: string) => (await existingConversation(tc.core.store, 'webchat', user)).session.stack.map((f) => `${f.flow}:${f.state}`);

/** The entry has an answer in English only: English is the one language offered. */
const LANGUAGE_CHOICES = ['en', 'helplines', 'menu'];
const MENU_CHOICES = ['triage', 'beds', 'faq', 'helplines', 'language', 'about', 'doctor'];

/** Consent in Bengali: at the main menu. */
const bengaliAtMenu = (user: string) => run(user, ['নমস্কার', 'হ্যাঁ']);

/** A Bengali symptom check to quarantine advice: at its "what next?" (helplines, menu). */
async function bengaliAtTriageNext(user: string): Promise<void> {
  await bengaliAtMenu(user);
  const r = await run(user, ['১', 'না', 'কিছু না', 'হ্যাঁ', '৯৮', '৩৫', 'না', '০', 'পরীক্ষা করাইনি', 'হ্যাঁ']);
  expect(r.at(-1)?.text).toBe(t('triage.ask.next', 'bn'));
  expect(choices(r)).toEqual(['helplines', 'menu']);
}

/** The "not written in Bengali yet" notice and the question which language to show it in. */
function expectOtherLanguageOffer(r: OutboundMessage[]): void {
  expect(r).toHaveLength(2);
  expect(r[0]?.text).toContain(englishOnly.questions.bn![0]);
  expect(r[0]?.text).toContain(t('common.lang.bn', 'bn'));
  expect(r[0]?.text).toContain(t('common.lang.en', 'bn'));
  expect(r[1]?.text).toBe(t('faq.ask_other_language', 'bn'));
  expect(choices(r)).toEqual(LANGUAGE_CHOICES);
}

describe('a question answered only in another language, typed at the main menu', () => {
  it('offers the languages it has; the one chosen is shown, then the menu comes back', async () => {
    await bengaliAtMenu('m1');
    expectOtherLanguageOffer(await say('m1', englishOnly.questions.bn![0]!));

    const r = await say('m1', { choice: 'en' });
    expect(texts(r)).toEqual([ENGLISH_ANSWER, t('menu.ask', 'bn')]);
    expect(choices(r)).toEqual(MENU_CHOICES);
    expect(await stackOf('m1')).toEqual(['main_menu:menu']);
  });

  it('"back to the menu" there is the menu', async () => {
    await bengaliAtMenu('m2');
    await say('m2', englishOnly.questions.bn![0]!);
    expect(texts(await say('m2', { choice: 'menu' }))).toEqual([t('menu.ask', 'bn')]);
  });

  it('in Hindi too, only the languages it has are offered', async () => {
    await run('m3', ['नमस्ते', 'हाँ']);
    let r = await say('m3', englishOnly.questions.hi![0]!);
    expect(r.at(-1)?.text).toBe(t('faq.ask_other_language', 'hi'));
    expect(choices(r)).toEqual(LANGUAGE_CHOICES);
    r = await say('m3', { choice: 'en' });
    expect(texts(r)).toEqual([ENGLISH_ANSWER, t('menu.ask', 'hi')]);
  });
});

describe("a question answered only in another language, typed at the symptom check's \"what next?\"", () => {
  it('offers the languages it has; the one chosen is shown, then the same "what next?" comes back', async () => {
    await bengaliAtTriageNext('t1');
    expectOtherLanguageOffer(await say('t1', englishOnly.questions.bn![0]!));

    const r = await say('t1', { choice: 'en' });
    expect(texts(r)).toEqual([ENGLISH_ANSWER, t('triage.ask.next', 'bn')]);
    expect(choices(r)).toEqual(['helplines', 'menu']);
  });

  it('"back to the menu" there ends the symptom check at the main menu, as "menu" at "what next?" does', async () => {
    await bengaliAtTriageNext('t2');
    await say('t2', englishOnly.questions.bn![0]!);
    expect(texts(await say('t2', { choice: 'menu' }))).toEqual([t('menu.ask', 'bn')]);
    expect(await stackOf('t2')).toEqual(['main_menu:menu']);
  });
});

describe('a question typed at the daily check-in\'s "what next?"', () => {
  /** A Bengali patient in Bangladesh, enrolled, at the first check-in's "what next?" after a doctor's-level reading. */
  async function bengaliAtCheckinNext(user: string): Promise<void> {
    const conv = await tc.core.store.conversations.findOrCreate('webchat', user, {
      id: `conv-${user}`,
      session: { stack: [], lang: 'bn', vars: { profile: { region: 'bd', consent: true } }, turns: 0 },
      now: tc.clock.now,
    });
    expect((await tc.core.followup.enrol(conv.id, 'morning', 'op-1')).status).toBe('enrolled');
    const [first] = await tc.core.store.followups.checkins((await tc.core.store.followups.currentFor(conv.id))!.id);
    tc.clock.now = first!.dueAt + 60_000;
    expect((await tc.core.followup.tick()).started).toBe(1);
    tc.channels.webchat.take();
    const r = await run(user, ['৯৪', '৩৭', 'না', '২']);
    expect(texts(r)).toContain(t('followup.checkin.doctor', 'bn'));
    expect(r.at(-1)?.text).toBe(t('triage.ask.next', 'bn'));
    expect(choices(r)).toEqual(['helplines', 'menu', 'doctor']);
    expect(await stackOf(user)).toEqual(['followup_checkin:next_steps_doctor']);
  }

  it('is answered from the FAQ, and the same "what next?" comes back', async () => {
    await bengaliAtCheckinNext('f1');
    const r = await say('f1', 'আইসোলেশন কত দিন থাকতে হবে?');
    expect(r).toHaveLength(2);
    expect(r[0]?.text).toContain('৭ দিন');
    expect(r[1]?.text).toBe(t('triage.ask.next', 'bn'));
    expect(choices(r)).toEqual(['helplines', 'menu', 'doctor']);
    const s = (await existingConversation(tc.core.store, 'webchat', 'f1')).session;
    expect(s.vars.faq).toMatchObject({ outcome: 'answered', entry: 'isolation-how-long' });
  });

  it('one answered only in another language offers the languages it has, as everywhere else', async () => {
    await bengaliAtCheckinNext('f2');
    expectOtherLanguageOffer(await say('f2', englishOnly.questions.bn![0]!));
    const r = await say('f2', { choice: 'en' });
    expect(texts(r)).toEqual([ENGLISH_ANSWER, t('triage.ask.next', 'bn')]);
    expect(choices(r)).toEqual(['helplines', 'menu', 'doctor']);
  });

  it('one the FAQ has nothing for gets its "no answer yet"; words that are no question are unclear answers, counted as before', async () => {
    await bengaliAtCheckinNext('f3');
    expect(texts(await say('f3', 'can I sell my car'))).toEqual([t('faq.no_match', 'bn'), t('triage.ask.next', 'bn')]);
    expect(texts(await say('f3', 'xyz'))).toEqual([t('common.invalid.choice', 'bn'), t('triage.ask.next', 'bn')]);
    expect(texts(await say('f3', 'qqq'))).toEqual([t('common.invalid.choice', 'bn'), t('triage.ask.next', 'bn')]);
    expect(texts(await say('f3', 'abc'))[0]).toBe(t('common.not_understood', 'bn'));
  });

  it('the choices keep working: "3" is a doctor of ours', async () => {
    await bengaliAtCheckinNext('f4');
    expect(texts(await say('f4', '৩')).join('\n')).toContain(t('handoff.already_waiting', 'bn'));
  });
});
