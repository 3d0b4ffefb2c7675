/**
 * Follow-up fixes (review), through the real router and the runner's tick:
 * - days of fever while a ticket is open: the open ticket stands (one ticket), and the follow-up
 *   screen gets at most one open "see this patient" task, not one a day;
 * - a follow-up whose last check-in goes unanswered ends with a closing message, in waking hours;
 * - a fever at the hospital level says that the check-ins go on, as it does at the lower levels.
 */
import type { Checkin, Enrolment } from '../../src/storage/repositories';
import { coreForEachTest, enrolledByChat, type RestartableCore } from './harness';
import { existingConversation } from '../support/conversation';

const HOUR = 3_600_000;

describe('follow-up review fixes', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  const enrolled = (userId: string) => enrolledByChat(h, userId);
  const checkins = (e: Enrolment) => h.core.store.followups.checkins(e.id);
  const ticketsOf = async (conversationId: string) => (await h.core.store.tickets.list({})).filter((x) => x.conversationId === conversationId);
  /** The check-in of `day` starts, the patient answers `replies`, and the runner settles it an hour later. */
  const day = async (e: Enrolment, index: number, userId: string, replies: string[]): Promise<string[]> => {
    h.clock.now = (await checkins(e))[index]!.dueAt + 60_000;
    expect((await h.core.followup.tick()).started).toBe(1);
    h.channel.take();
    const said: string[] = [];
    for (const r of replies) said.push(...(await h.send(userId, r)).map((m) => m.text));
    h.clock.now += HOUR;
    await h.core.followup.tick();
    return said;
  };

  describe('days of fever with a ticket open', () => {
    it('the ticket a fever over 3 days opened stands: later days of fever add no ticket and no task', async () => {
      // The symptom check at enrolment knew 2 days of fever: the 2nd check-in counts its 4th day (doctor).
      const { e } = await enrolled('t1');
      for (let i = 0; i < 5; i++) await day(e, i, 't1', ['97', '38.6', 'no', '2']);
      const levels = (await checkins(e)).slice(0, 5).map((c) => c.reading?.level);
      expect(levels).toEqual(['home_isolation', 'doctor', 'doctor', 'doctor', 'doctor']);
      expect(await ticketsOf(e.conversationId)).toHaveLength(1);
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ state: 'waiting', priority: 2, emergency: false });
      expect(await h.core.store.followups.tasks()).toEqual([]);
    });

    it('a ticket the patient opened themselves: one "see this patient" task, not one a day', async () => {
      const { e, plan } = await enrolled('t2');
      // The patient asked for a doctor the evening before the first check-in, and is still waiting.
      h.clock.now = plan[0]!.dueAt - 12 * HOUR;
      await h.send('t2', 'doctor');
      const waiting = (await h.core.store.tickets.openFor(e.conversationId))!;
      for (let i = 0; i < 4; i++) await day(e, i, 't2', ['97', '38.6', 'no', '2']);
      expect((await checkins(e)).slice(0, 4).map((c) => c.reading?.level)).toEqual(['home_isolation', 'doctor', 'doctor', 'doctor']);
      expect(await ticketsOf(e.conversationId)).toEqual([expect.objectContaining({ id: waiting.id, emergency: false })]);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([expect.objectContaining({ kind: 'escalation', causeId: plan[1]!.id })]);
    });

    it('once that task is done, a further day of fever makes a new one', async () => {
      const { e, plan } = await enrolled('t3');
      h.clock.now = plan[0]!.dueAt - 12 * HOUR;
      await h.send('t3', 'doctor');
      for (let i = 0; i < 2; i++) await day(e, i, 't3', ['97', '38.6', 'no', '2']);
      const [task] = await h.core.store.followups.tasks({ open: true });
      expect(await h.core.store.followups.completeTask(task!.id, 'op-1', h.clock.now)).toBe(true);
      await day(e, 2, 't3', ['97', '38.6', 'no', '2']);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([expect.objectContaining({ kind: 'escalation', causeId: plan[2]!.id })]);
    });
  });

  describe('the last check-in unanswered', () => {
    const t = (key: string) => h.core.translator.t(key, 'en');
    /** Six days answered without fever; the 7th (last) check-in sent at 09:01 and left unanswered. */
    const lastSentUnanswered = async (userId: string): Promise<{ e: Enrolment; last: Checkin }> => {
      const { e } = await enrolled(userId);
      for (let i = 0; i < 6; i++) await day(e, i, userId, ['97', '37', 'no', '1']);
      const last = (await checkins(e))[6]!;
      h.clock.now = last.dueAt + 60_000;
      expect((await h.core.followup.tick()).started).toBe(1);
      expect(h.channel.take()[0]!.text).toBe(t('followup.checkin.intro_last'));
      return { e, last };
    };

    it('the follow-up ends with a closing message, sent in waking hours: the next morning, not at 21:01', async () => {
      const { e, last } = await lastSentUnanswered('u1');
      // 21:01 in Kolkata: counted missed for any other check-in; the last waits for the morning, as a check-in would.
      h.clock.now = last.dueAt + 12 * HOUR + 60_000;
      expect((await h.core.followup.tick()).missed).toBe(0);
      expect(h.channel.take()).toEqual([]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
      // 08:01 the next morning: missed, ended, and the patient is told the daily check-ins are over.
      h.clock.now = last.dueAt + 23 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(1);
      expect(h.channel.take().map((m) => m.text)).toEqual([t('followup.end.last')]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'ended', endReason: 'completed', missedInARow: 1 });
      expect((await checkins(e))[6]!.state).toBe('missed');
      // Once.
      h.clock.now += HOUR;
      expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });
      expect(h.channel.take()).toEqual([]);
    });

    it('not while the patient is in the middle of something: it waits until they walk away from it', async () => {
      const { e, last } = await lastSentUnanswered('u2');
      // 07:55 the next morning the patient starts a symptom check from the menu.
      h.clock.now = last.dueAt + 22 * HOUR + 55 * 60_000;
      for (const text of ['menu', '1']) await h.send('u2', text);
      h.channel.take();
      h.clock.now = last.dueAt + 23 * HOUR;
      await h.core.followup.tick();
      expect(h.channel.take()).toEqual([]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
      // Walked away from it for half an hour: the closing message goes.
      h.clock.now += 31 * 60_000;
      expect((await h.core.followup.tick()).missed).toBe(1);
      expect(h.channel.take().map((m) => m.text)).toEqual([t('followup.end.last')]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
    });

    it('not while the patient waits in a queue for a person, however long: the message would leave the queue\'s flow', async () => {
      const { e, last } = await lastSentUnanswered('u4');
      // 07:00 the next morning the patient asks for a doctor and waits (the desk is open, nobody takes it).
      h.clock.now = last.dueAt + 22 * HOUR;
      await h.send('u4', 'doctor');
      h.channel.take();
      const conv = await existingConversation(h.core.store, 'webchat', 'u4');
      expect(await h.core.store.tickets.openFor(conv.id)).toMatchObject({ state: 'waiting' });
      // Two hours on, still waiting: no closing message, and the queue's flow stays.
      h.clock.now = last.dueAt + 24 * HOUR;
      await h.core.followup.tick();
      expect(h.channel.take()).toEqual([]);
      expect((await existingConversation(h.core.store, 'webchat', 'u4')).session.stack.at(-1)?.flow).toBe('handoff');
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
    });

    it('a check-in that is not the last is counted missed at 21:01 as before, with no message', async () => {
      const { e, plan } = await enrolled('u3');
      h.clock.now = plan[0]!.dueAt + 60_000;
      await h.core.followup.tick();
      h.channel.take();
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(1);
      expect(h.channel.take()).toEqual([]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
    });
  });

  describe('answers the check-in cannot read', () => {
    it('a check-in goes on past a "not sure" and unclear answers, so the readings given are recorded, not lost with it', async () => {
      const { e } = await enrolled('r1');
      // SpO2 94 (a doctor's level) and fever; "not sure" at new symptoms; three unreadable feelings.
      const said = await day(e, 0, 'r1', ['94', '38.6', 'not sure', 'hmm', 'hmm', 'hmm']);
      expect(said).toContain(h.core.translator.t('common.going_on_without', 'en'));
      const first = (await checkins(e))[0]!;
      expect(first.state).toBe('answered');
      expect(first.reading).toMatchObject({ spo2: 94, temperature: 38.6, feeling: null, level: 'doctor' });
    });
  });

  describe('a fever at the hospital level', () => {
    it('on the last check-in: the check-ins go on, and the check-in says so (followup.closing), as at the lower levels', async () => {
      const { e, plan } = await enrolled('h1');
      for (let i = 0; i < 6; i++) await day(e, i, 'h1', ['97', '37', 'no', '1']);
      // SpO2 92 is a hospital's level (config/triage.yaml spo2_90_to_93); 38.6 °C is fever.
      const said = await day(e, 6, 'h1', ['92', '38.6', 'no', '2']);
      expect((await checkins(e))[6]!.reading).toMatchObject({ level: 'hospital', temperature: 38.6 });
      const conv = await existingConversation(h.core.store, 'webchat', 'h1');
      expect((conv.session.vars as { followup: { closing: unknown } }).followup.closing).toBe('continues');
      // The patient is told (flows/followup_checkin.yaml), then sent on to the bed search.
      const t = (key: string) => h.core.translator.t(key, conv.session.lang!);
      const told = said.indexOf(t('followup.end.continues'));
      expect(told).toBeGreaterThan(-1);
      expect(said.indexOf(t('followup.checkin.find_bed'))).toBeGreaterThan(told);
      const all = await checkins(e);
      expect(all).toHaveLength(10);
      expect(all.at(-1)!.dueAt - plan.at(-1)!.dueAt).toBe(3 * 24 * HOUR);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
    });
  });
});
