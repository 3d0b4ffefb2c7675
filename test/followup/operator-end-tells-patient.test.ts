/**
 * Problem 3: an operator who ended a patient's daily check-ins from the console ended them in
 * silence: the patient waited for tomorrow's check-in, which never came. Now the patient is told,
 * in their language, through the outbox like any message the bot sends them (flows/followup_end.yaml,
 * `operator`): at once when they are free, and when they are in the middle of something (a
 * hand-off, another flow), once that is over — never over it, and only once.
 */
import { buildCore, type Core } from '../../src/core';
import type { Language } from '../../src/engine/flow';
import { getPath } from '../../src/engine/paths';
import { mountFollowupConsole } from '../../src/followup/console-routes';
import { END_OWED_VAR } from '../../src/followup/service';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { PASSWORDS, startConsole, type Harness } from '../console/harness';
import { existingConversation } from '../support/conversation';
import { RecordingChannel } from '../support/recording-channel';
import { coreForEachTest, type RestartableCore } from './harness';

const TO_OFFER: Record<Language, string[]> = {
  en: ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes'],
  hi: ['नमस्ते जी', 'हाँ', '1', 'नहीं', 'बुखार और खाँसी', 'हाँ', '३', '97', '58', 'कोई बीमारी नहीं', '1'],
  bn: ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২', '৯৮', '৩৪', 'না', '০', '৪', 'হ্যাঁ'],
};
const YES: Record<Language, string> = { en: 'yes', hi: 'हाँ', bn: 'হ্যাঁ' };

describe('an operator ends the check-ins: the patient is told', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));
  const t = (key: string, lang: Language) => h.core.translator.t(key, lang);
  const texts = async (user: string, text: string) => (await h.send(user, text)).map((m) => m.text);

  /** Enrolled by chat (morning, West Bengal); then "2" at "what next?": at the main menu's question, free. */
  const enrolled = async (lang: Language, user: string): Promise<{ conversationId: string; enrolmentId: string }> => {
    for (const text of [...TO_OFFER[lang], YES[lang], '1', '1', '2']) await h.send(user, text);
    const conversationId = (await existingConversation(h.core.store, 'webchat', user)).id;
    const e = await h.core.store.followups.currentFor(conversationId);
    expect(e).toMatchObject({ state: 'active' });
    // A minute on: the flood guard counts a minute's messages.
    h.clock.now += 60_000;
    return { conversationId, enrolmentId: e!.id };
  };

  it.each<Language>(['en', 'hi', 'bn'])('%s: free (at the main menu): told at once, in their language, once', async (lang) => {
    const { conversationId, enrolmentId } = await enrolled(lang, 'p1');
    expect(await h.core.followup.endByOperator(enrolmentId)).toEqual({ ended: true, patient: 'told' });
    // Then the menu's question again, which the notice left: their answer to it is read.
    expect(h.channel.take().map((m) => m.text)).toEqual([t('followup.end.operator', lang), t('menu.ask', lang)]);
    const out = (await h.core.store.messages.list(conversationId)).filter((m) => m.direction === 'out');
    expect(out.at(-2)?.content).toMatchObject({ text: t('followup.end.operator', lang) });
    expect(await h.core.store.followups.getEnrolment(enrolmentId)).toMatchObject({ state: 'ended', endReason: 'operator' });
    // Told once: nothing more after later turns, and none of the check-ins comes.
    expect(await texts('p1', '1')).toContain(t('triage.intro', lang));
    expect(await texts('p1', 'menu')).toEqual([t('menu.ask', lang)]);
    h.clock.now += 24 * 3_600_000;
    await h.core.followup.tick();
    expect(h.channel.take()).toEqual([]);
  });

  it('in the middle of a symptom check: not told over it; told once they are free, after it', async () => {
    const { enrolmentId } = await enrolled('en', 'p2');
    expect(await texts('p2', '1')).toContain(t('triage.ask.danger_signs', 'en'));
    expect(await h.core.followup.endByOperator(enrolmentId)).toEqual({ ended: true, patient: 'when_free' });
    expect(h.channel.take()).toEqual([]);
    // The check goes on where it was: "no" answers its question.
    expect(await texts('p2', 'no')).toContain(t('triage.ask.symptoms', 'en'));
    // Leaving it for the menu: free, and told; then the menu, whose answer is read.
    expect(await texts('p2', 'menu')).toEqual([t('menu.ask', 'en'), t('followup.end.operator', 'en'), t('menu.ask', 'en')]);
    const conv = await existingConversation(h.core.store, 'webchat', 'p2');
    expect(getPath(conv.session, END_OWED_VAR)).toBeNull();
    expect(await texts('p2', '1')).toContain(t('triage.intro', 'en'));
    expect(await texts('p2', 'menu')).toEqual([t('menu.ask', 'en')]);
  });

  it('waiting for a doctor (a hand-off): not told over it; told once the patient leaves the queue', async () => {
    const { conversationId, enrolmentId } = await enrolled('bn', 'p3');
    await h.send('p3', 'ডাক্তার');
    expect(await h.core.store.tickets.openFor(conversationId)).toMatchObject({ state: 'waiting' });
    expect(await h.core.followup.endByOperator(enrolmentId)).toEqual({ ended: true, patient: 'when_free' });
    expect(h.channel.take()).toEqual([]);
    const said = await texts('p3', 'cancel');
    expect(await h.core.store.tickets.openFor(conversationId)).toBeUndefined();
    expect(said.slice(-2)).toEqual([t('followup.end.operator', 'bn'), t('menu.ask', 'bn')]);
    expect(said.filter((s) => s === t('followup.end.operator', 'bn'))).toHaveLength(1);
  });

  it('a new follow-up before the notice was said: the old end is not told over the new one', async () => {
    const { enrolmentId } = await enrolled('en', 'p4');
    await h.send('p4', '1');
    await h.core.followup.endByOperator(enrolmentId);
    // The same check, on to home isolation and a yes again.
    for (const text of ['no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes', 'yes']) await h.send('p4', text);
    h.clock.now += 60_000;
    const said = await texts('p4', '3');
    expect(said).toEqual([expect.stringContaining('every day at 7 pm, India time.'), t('triage.ask.next', 'en')]);
    expect(await texts('p4', '2')).toEqual([t('menu.ask', 'en')]);
  });

  it('a patient who cannot be reached is not written to', async () => {
    const { conversationId, enrolmentId } = await enrolled('en', 'p5');
    await h.core.store.conversations.setReachable(conversationId, false, h.clock.now);
    expect(await h.core.followup.endByOperator(enrolmentId)).toEqual({ ended: true, patient: 'not_told' });
    expect(h.channel.take()).toEqual([]);
  });
});

describe('the console\'s end (POST /api/operator/followups/:id/end)', () => {
  let h: Harness;
  let core: Core;
  let seq = 0;
  const channel = new RecordingChannel('webchat');
  beforeAll(async () => {
    const deps = { get store() { return core.store; }, get followup() { return core.followup; }, now: () => h.clock.now };
    h = await startConsole({ beforeFinish: ({ consoleApp }) => mountFollowupConsole(consoleApp, deps) });
    core = await buildCore(h.config, { log: silentLogger, metrics: createMetrics(), store: h.store, now: () => h.clock.now, newId: () => `e-${++seq}` });
    core.channels.set('webchat', channel);
    await h.account('op1', ['operator']);
  });
  afterAll(async () => {
    await core.close();
    await h.close();
  });

  it('tells the patient through the outbox, says so in the answer, audits it; strangers are refused', async () => {
    const conv = await core.store.conversations.findOrCreate('webchat', 'u-end', { id: 'conv-end', session: { stack: [], lang: 'hi', vars: { profile: { region: 'in_ct', consent: true } }, turns: 0 }, now: h.clock.now });
    const enrolled = await core.followup.enrol(conv.id, 'evening', 'op1');
    const id = enrolled.status === 'enrolled' ? enrolled.enrolment.id : '';

    expect((await h.client().req('POST', `/api/operator/followups/${id}/end`)).status).toBe(401);
    expect(channel.take()).toEqual([]);
    expect(await core.store.followups.getEnrolment(id)).toMatchObject({ state: 'active' });

    const c = h.client();
    await c.signIn('op1', PASSWORDS.operator);
    const ended = await c.req('POST', `/api/operator/followups/${id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ enrolment: { state: 'ended', endReason: 'operator' }, patient: 'told' });
    expect(channel.take().map((m) => m.text)).toEqual([core.translator.t('followup.end.operator', 'hi'), core.translator.t('menu.ask', 'hi')]);
    expect((await h.store.audit.list({ limit: 1, action: 'followup.ended' }))[0]).toMatchObject({ targetType: 'followup', targetId: id, details: { patient: 'told' } });
    // Ended already: a conflict, and nothing said again.
    expect((await c.req('POST', `/api/operator/followups/${id}/end`)).status).toBe(409);
    expect(channel.take()).toEqual([]);
  });
});
