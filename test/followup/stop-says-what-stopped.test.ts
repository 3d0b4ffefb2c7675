/**
 * Problem 3 (patient tester): "stop" typed during a symptom check left it and ended the daily
 * check-ins too (flows/stop.yaml, `followup.stop`), and the patient was told only "Okay, I have
 * stopped": nothing said the check-ins had ended. Now a stop that ends them says so, in the
 * patient's language; a stop with no check-ins running says no more than before.
 */
import type { Language } from '../../src/engine/flow';
import { existingConversation } from '../support/conversation';
import { coreForEachTest, enrolByChat, type RestartableCore } from './harness';

describe('stop says what stopped', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  const t = (key: string, lang: Language = 'en') => h.core.translator.t(key, lang);
  const texts = async (user: string, text: string) => (await h.send(user, text)).map((m) => m.text);
  const enrolment = async (user: string) => {
    const conversation = await existingConversation(h.core.store, 'webchat', user);
    return (await h.core.store.followups.listEnrolments()).find((e) => e.conversationId === conversation.id);
  };
  /** A new symptom check from the menu, a minute later (the flood guard counts a minute's messages). */
  const startSymptomCheck = async (user: string, menu = 'menu', lang: Language = 'en') => {
    h.clock.now += 5 * 60_000;
    await h.send(user, menu);
    expect((await h.send(user, '1')).at(-1)!.text).toBe(t('triage.ask.danger_signs', lang));
  };

  it('stop in a symptom check with daily check-ins running: the check-ins ended, and the patient is told', async () => {
    await enrolByChat(h, 'p1');
    await startSymptomCheck('p1');
    expect(await texts('p1', 'stop')).toEqual([t('stop.bye'), t('followup.end.stopped')]);
    expect(await enrolment('p1')).toMatchObject({ state: 'ended', endReason: 'stopped' });
    // Told once: a second stop has nothing more to end.
    expect(await texts('p1', 'stop')).toEqual([t('stop.bye')]);
  });

  it('Hindi: "रुको" in a symptom check says, in Hindi, that the check-ins ended', async () => {
    for (const text of ['नमस्ते जी', 'हाँ', '1', 'नहीं', 'बुखार और खाँसी', 'हाँ', '३', '97', '58', 'कोई बीमारी नहीं', '1']) await h.send('p2', text);
    await h.send('p2', 'हाँ');
    await h.send('p2', '3');
    expect((await texts('p2', '2'))[0]).toContain('रोज़ शाम 7 बजे');
    await startSymptomCheck('p2', 'मेनू', 'hi');
    expect(await texts('p2', 'रुको')).toEqual([t('stop.bye', 'hi'), t('followup.end.stopped', 'hi')]);
  });

  it('stop at a check-in question: the check-in is left and the patient is told the check-ins ended', async () => {
    await enrolByChat(h, 'p3');
    const e = (await enrolment('p3'))!;
    const [first] = await h.core.store.followups.checkins(e.id);
    h.clock.now = first!.dueAt + 60_000;
    expect((await h.core.followup.tick()).started).toBe(1);
    h.channel.take();
    expect(await texts('p3', 'stop')).toEqual([t('stop.bye'), t('followup.end.stopped')]);
    expect(await enrolment('p3')).toMatchObject({ state: 'ended', endReason: 'stopped' });
  });

  it('stop in a symptom check with no check-ins: only that it stopped, nothing about check-ins', async () => {
    for (const text of ['I need help', 'English', 'yes']) await h.send('p4', text);
    await startSymptomCheck('p4');
    expect(await texts('p4', 'stop')).toEqual([t('stop.bye')]);
    expect(t('stop.bye')).not.toMatch(/check-in/i);
  });
});
