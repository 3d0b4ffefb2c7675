/**
 * Follow-up fixes (second bug hunt), through the real router and the runner's tick:
 * - a reading at the doctor level tells the patient to see a doctor, offers one of ours, and
 *   opens a ticket in the doctors' queue of their region (never "no hospital needed");
 * - fever is counted across check-ins (from the days known at enrolment), so that a fever over
 *   3 days goes to a doctor; a fever keeps the follow-up going until 3 days without it; the
 *   patient is told when the follow-up ends;
 * - an answer after the check-in was counted missed is stored, and one cut short by an
 *   emergency is kept with what was said, not counted as a miss.
 */
import type { Enrolment } from '../../src/storage/repositories';
import { coreForEachTest, enrolledByChat, type RestartableCore } from './harness';
import { existingConversation } from '../support/conversation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('follow-up escalation, fever and late answers', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  const t = (key: string, params?: Record<string, unknown>) => h.core.translator.t(key, 'en', params as never);
  const enrolled = (userId: string) => enrolledByChat(h, userId);
  const checkins = (e: Enrolment) => h.core.store.followups.checkins(e.id);
  /** The check-in due at `dueAt` starts (the tick a minute later); what it said is dropped. */
  const start = async (dueAt: number) => {
    h.clock.now = dueAt + 60_000;
    const counts = await h.core.followup.tick();
    h.channel.take();
    return counts;
  };
  /** The patient's replies, and every message the bot sent back. */
  const answer = async (userId: string, replies: string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const r of replies) out.push(...(await h.send(userId, r)).map((m) => m.text));
    return out;
  };
  const ticketsOf = async (conversationId: string) => (await h.core.store.tickets.list({})).filter((x) => x.conversationId === conversationId);

  describe('a reading at the doctor level', () => {
    it('SpO2 94: the patient is told to see a doctor within 24 hours and offered one; the doctors of the region get a ticket', async () => {
      const { e, plan } = await enrolled('d1');
      await start(plan[0]!.dueAt);
      await answer('d1', ['94', '37', 'no']);
      const replies = await h.send('d1', '2');
      const all = replies.map((m) => m.text).join('\n');
      expect(all).toContain('Please talk to a doctor within 24 hours');
      expect(all).toContain(t('triage.reason.spo2_94'));
      expect(all).toContain(t('followup.checkin.doctor'));
      expect(all).not.toContain(t('followup.checkin.thanks'));
      // The choices the symptom check gives at the doctor level: helplines, the menu, a doctor of ours.
      expect(replies.at(-1)).toMatchObject({ text: t('triage.ask.next') });
      expect(replies.at(-1)!.choices?.map((c) => c.payload)).toEqual(['helplines', 'menu', 'doctor']);
      // The ticket is open before the replies went out, in the Kolkata doctors' queue, not flagged as an emergency.
      const ticket = await h.core.store.tickets.openFor(e.conversationId);
      expect(ticket).toMatchObject({ queue: 'kolkata-doctor', priority: 2, emergency: false, state: 'waiting', language: 'en' });
      expect(ticket!.triage).toMatchObject({ level: 'doctor', reasons: ['spo2_94'] });
      // "Talk to a doctor": they are already in the queue; no second ticket.
      const asked = await answer('d1', ['3']);
      expect(asked.join('\n')).toContain(t('handoff.already_waiting'));
      h.clock.now += 60_000;
      expect((await h.core.followup.tick()).answered).toBe(1);
      expect(await ticketsOf(e.conversationId)).toHaveLength(1);
      expect(await h.core.store.followups.tasks()).toEqual([]);
      expect((await checkins(e))[0]).toMatchObject({ state: 'answered', reading: { spo2: 94, level: 'doctor' } });
    });

    it('in Bengali, for a patient in Bangladesh: the doctor\'s level and the ticket in the Probash doctors\' queue', async () => {
      const conv = await h.core.store.conversations.findOrCreate('webchat', 'd5', {
        id: 'conv-d5', session: { stack: [], lang: 'bn', vars: { profile: { region: 'bd' } }, turns: 0 }, now: h.clock.now,
      });
      expect((await h.core.followup.enrol(conv.id, 'morning', 'op-1')).status).toBe('enrolled');
      const [first] = await checkins((await h.core.store.followups.currentFor(conv.id))!);
      await start(first!.dueAt);
      const said = (await answer('d5', ['৯৪', '৩৭', 'না', '২'])).join('\n');
      const bn = (key: string) => h.core.translator.t(key, 'bn');
      expect(said).toContain('২৪ ঘণ্টার মধ্যে একজন ডাক্তারের সঙ্গে কথা বলুন');
      expect(said).toContain(bn('followup.checkin.doctor'));
      expect(said).not.toContain(bn('followup.checkin.worse'));
      expect(await h.core.store.tickets.openFor(conv.id)).toMatchObject({ queue: 'probash-doctor', priority: 2, emergency: false, language: 'bn' });
    });

    it('new breathlessness, feeling worse: never "your answers do not need a hospital"', async () => {
      const { e, plan } = await enrolled('d2');
      await start(plan[0]!.dueAt);
      // 4 is "Breathlessness" in the list of symptoms.
      const said = (await answer('d2', ['97', '37', 'yes', '4', '3'])).join('\n');
      expect(said).not.toContain('do not need a hospital');
      expect(said).toContain('Please talk to a doctor within 24 hours');
      expect(said).toContain(t('triage.reason.breathless'));
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ priority: 2, triage: { level: 'doctor', reasons: ['breathless'] } });
    });

    it('new symptoms that cannot be read: the reading is a doctor\'s, and the doctors get a ticket', async () => {
      const { e, plan } = await enrolled('d3');
      await start(plan[0]!.dueAt);
      const said = (await answer('d3', ['97', '98.6', 'yes', 'hmm', 'what', 'eh', 'same'])).join('\n');
      expect(said).toContain(t('followup.checkin.doctor'));
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ priority: 2, triage: { level: 'doctor', reasons: ['symptoms_unknown'] } });
    });

    it('with a ticket already open: the ticket is not flagged as an emergency; the follow-up screen gets a "see this patient" task', async () => {
      const { e, plan } = await enrolled('d4');
      // The patient asked for a doctor the evening before, and is still waiting.
      h.clock.now = plan[0]!.dueAt - 12 * HOUR;
      await answer('d4', ['doctor']);
      const waiting = (await h.core.store.tickets.openFor(e.conversationId))!;
      expect(waiting.state).toBe('waiting');
      await start(plan[0]!.dueAt);
      await answer('d4', ['94', '37', 'no', '2']);
      h.clock.now += 60_000;
      await h.core.followup.tick();
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ id: waiting.id, emergency: false });
      expect(await ticketsOf(e.conversationId)).toHaveLength(1);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([expect.objectContaining({ kind: 'escalation', causeId: plan[0]!.id, conversationId: e.conversationId })]);
    });
  });

  describe('fever across check-ins', () => {
    it('a fever that never goes away goes to a doctor on its 4th day, keeps the follow-up going, and the patient is told when it ends', async () => {
      // The symptom check at enrolment knew 2 days of fever (harness: "a mild fever", "2" days).
      const { e, plan } = await enrolled('f1');
      expect(plan).toHaveLength(7);
      const levels: string[] = [];
      const fevers: unknown[] = [];
      let said: string[] = [];
      for (let day = 0; day < 7; day++) {
        const due = (await checkins(e))[day]!;
        expect((await start(due.dueAt)).started).toBe(1);
        said = await answer('f1', ['97', '38.6', 'no', '2']);
        const conv = await existingConversation(h.core.store, 'webchat', 'f1');
        fevers.push((conv.session.vars as { triage: { answers: { fever_days?: number } } }).triage.answers.fever_days);
        h.clock.now += HOUR;
        await h.core.followup.tick();
        levels.push((await checkins(e))[day]!.reading!.level);
      }
      expect(fevers).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(levels).toEqual(['home_isolation', 'doctor', 'doctor', 'doctor', 'doctor', 'doctor', 'doctor']);
      expect((await checkins(e))[1]!.reading!.reasons).toContain('fever_over_3_days');
      // The doctors have it from the 4th day of fever.
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ queue: 'kolkata-doctor', priority: 2, triage: { level: 'doctor' } });
      // Isolation does not end with fever in the last 3 days: the 7th day's fever keeps the check-ins going to day 10.
      expect(said.join('\n')).toContain(t('followup.end.continues'));
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
      const longer = await checkins(e);
      expect(longer).toHaveLength(10);
      expect(longer.at(-1)!.dueAt - plan.at(-1)!.dueAt).toBe(3 * DAY);

      // Three days without fever: the last check-in says so, and the follow-up ends.
      for (const day of [7, 8, 9]) {
        h.clock.now = longer[day]!.dueAt + 60_000;
        await h.core.followup.tick();
        expect(h.channel.take()[0]!.text).toBe(t(day === 9 ? 'followup.checkin.intro_last' : 'followup.checkin.intro'));
        said = await answer('f1', ['97', '37', 'no', '1']);
        h.clock.now += HOUR;
        await h.core.followup.tick();
      }
      expect(said.slice(-3)).toEqual([t('followup.checkin.thanks'), t('followup.end.last'), t('triage.advice.isolation_ends')]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
    });

    it('a fever on day 5 of 7 alone: check-ins go on to day 8, the 8th is the last', async () => {
      const { e, plan } = await enrolled('f2');
      for (let day = 0; day < 7; day++) {
        await start((await checkins(e))[day]!.dueAt);
        const said = await answer('f2', ['97', day === 4 ? '101' : '37', 'no', '2']);
        if (day === 4) expect(said.join('\n')).toContain(t('followup.end.continues'));
        else expect(said.join('\n')).not.toContain(t('followup.end.continues'));
        h.clock.now += HOUR;
        await h.core.followup.tick();
      }
      const all = await checkins(e);
      expect(all).toHaveLength(8);
      expect(all.at(-1)!.dueAt - plan.at(-1)!.dueAt).toBe(DAY);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
    });

    it('every day of a follow-up without fever: the last check-in says it is the last, and that isolation can end', async () => {
      const { e, plan } = await enrolled('f3');
      let said: string[] = [];
      for (const [day, c] of plan.entries()) {
        h.clock.now = c.dueAt + 60_000;
        await h.core.followup.tick();
        const asked = h.channel.take().map((m) => m.text);
        expect(asked[0]).toBe(t(day === 6 ? 'followup.checkin.intro_last' : 'followup.checkin.intro'));
        said = await answer('f3', ['98', '36.9', 'no', '1']);
        h.clock.now += HOUR;
        await h.core.followup.tick();
      }
      expect(said.slice(-3)).toEqual([t('followup.checkin.thanks'), t('followup.end.last'), t('triage.advice.isolation_ends')]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
    });

    it('a fever that outlasts `max_days` check-ins: the last says so, and a person gets a "see this patient" task', async () => {
      const { e } = await enrolled('f4');
      let said: string[] = [];
      for (let day = 0; day < 14; day++) {
        const all = await checkins(e);
        expect(all.length).toBeGreaterThan(day);
        await start(all[day]!.dueAt);
        said = await answer('f4', ['97', '38.6', 'no', '2']);
        h.clock.now += HOUR;
        await h.core.followup.tick();
      }
      expect(await checkins(e)).toHaveLength(14);
      expect(said.join('\n')).toContain(t('followup.end.fever'));
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
      // One "see this patient" task, from the first fever with no room left (the 12th check-in), open
      // still at the last: not one a day (the doctors' ticket of the 4th day of fever stands, and adds none).
      const all = await checkins(e);
      expect(all[10]!.dueAt - all[0]!.dueAt).toBe(10 * DAY);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([expect.objectContaining({ kind: 'escalation', causeId: all[11]!.id })]);
    });

    it('the temperature of an earlier day is not today\'s: an oxygen reading that stops the questions has none', async () => {
      const { e, plan } = await enrolled('f5');
      await start(plan[0]!.dueAt);
      await answer('f5', ['97', '37.2', 'no', '1']);
      h.clock.now += HOUR;
      await h.core.followup.tick();
      await start(plan[1]!.dueAt);
      await answer('f5', ['88']);
      h.clock.now += HOUR;
      await h.core.followup.tick();
      expect((await checkins(e))[1]!.reading).toMatchObject({ spo2: 88, temperature: null, level: 'emergency' });
    });
  });

  describe('late and cut-short answers', () => {
    it('an answer at 21:40 to a check-in missed at 21:00 is stored, ends the run of misses, and the call task is done', async () => {
      const { e, plan } = await enrolled('l1');
      for (const day of [0, 1]) {
        await start(plan[day]!.dueAt);
        h.clock.now += 12 * HOUR;
        expect((await h.core.followup.tick()).missed).toBe(1);
      }
      expect((await h.core.store.followups.getEnrolment(e.id))!.missedInARow).toBe(2);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([expect.objectContaining({ kind: 'call_patient', causeId: plan[1]!.id })]);

      // 21:40 in Kolkata: the patient answers the check-in that was counted missed at 21:01.
      h.clock.now = plan[1]!.dueAt + 12 * HOUR + 40 * 60_000;
      const said = await answer('l1', ['96', '37.4', 'no', '1']);
      expect(said.at(-1)).toBe(t('followup.checkin.thanks'));
      const [first, second] = await checkins(e);
      expect(first).toMatchObject({ state: 'missed', reading: null });
      expect(second).toMatchObject({ state: 'answered', reading: { spo2: 96, temperature: 37.4, level: 'self_care' } });
      expect((await h.core.store.followups.getEnrolment(e.id))!.missedInARow).toBe(0);
      expect(await h.core.store.followups.tasks({ open: true })).toEqual([]);
      expect(await h.core.store.followups.tasks()).toEqual([expect.objectContaining({ kind: 'call_patient', doneBy: 'patient' })]);
      // The runner has nothing more to do with it.
      h.clock.now += HOUR;
      expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });
    });

    it('the LAST check-in answered at night after `missed_after_hours`, with fever: its miss (and the closing message) waited for the morning, so the answer counts and the follow-up goes on with the days it promised', async () => {
      const { e, plan } = await enrolled('l3');
      for (let day = 0; day < 6; day++) {
        await start(plan[day]!.dueAt);
        await answer('l3', ['97', '37', 'no', '1']);
        h.clock.now += HOUR;
        await h.core.followup.tick();
      }
      await start(plan[6]!.dueAt);
      // 21:01: not counted missed yet (review-fixes.test.ts, "the last check-in unanswered").
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(0);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active' });
      h.clock.now += 30 * 60_000;
      const said = await answer('l3', ['97', '38.6', 'no', '2']);
      expect(said.join('\n')).toContain(t('followup.end.continues'));
      h.clock.now += 60_000;
      expect((await h.core.followup.tick()).answered).toBe(1);
      // What the patient was told is what happened: still active, three more days scheduled, no closing message.
      expect(h.channel.take()).toEqual([]);
      expect(await h.core.store.followups.getEnrolment(e.id)).toMatchObject({ state: 'active', endReason: null });
      const all = await checkins(e);
      expect(all).toHaveLength(10);
      expect(all[6]).toMatchObject({ state: 'answered', reading: { temperature: 38.6 } });
      expect(all.slice(7).map((c) => c.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
      expect(all.at(-1)!.dueAt - plan.at(-1)!.dueAt).toBe(3 * DAY);
      // And the next one is sent.
      await start(all[7]!.dueAt);
      expect((await checkins(e))[7]!.state).toBe('sent');
    });

    it('a late answer at the doctor level still reaches the doctors', async () => {
      const { e, plan } = await enrolled('l2');
      await start(plan[0]!.dueAt);
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(1);
      h.clock.now += 30 * 60_000;
      await answer('l2', ['94', '37', 'no', '2']);
      expect((await checkins(e))[0]).toMatchObject({ state: 'answered', reading: { level: 'doctor' } });
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ priority: 2, triage: { level: 'doctor' } });
    });

    it('a danger sign typed mid-way: emergency advice and one ticket, and the check-in keeps the SpO2 given, at the emergency level, not missed', async () => {
      const { e, plan } = await enrolled('c1');
      await start(plan[0]!.dueAt);
      await answer('c1', ['96']);
      const said = (await answer('c1', ['chest pain'])).join('\n');
      expect(said).toContain(t('emergency.while_waiting'));
      expect(await h.core.store.tickets.openFor(e.conversationId)).toMatchObject({ priority: 4, emergency: true });
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(0);
      expect((await checkins(e))[0]).toMatchObject({ state: 'answered', reading: { spo2: 96, level: 'emergency', reasons: ['chest_pain'], symptoms: ['chest_pain'] } });
      expect((await h.core.store.followups.getEnrolment(e.id))!.missedInARow).toBe(0);
      expect(await ticketsOf(e.conversationId)).toHaveLength(1);
    });

    it('"ambulance" typed after the temperature: the check-in keeps both readings, at the emergency level', async () => {
      const { e, plan } = await enrolled('c2');
      await start(plan[0]!.dueAt);
      await answer('c2', ['95', '101']);
      await answer('c2', ['ambulance']);
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(0);
      expect((await checkins(e))[0]).toMatchObject({ state: 'answered', reading: { spo2: 95, temperature: 38.3, symptoms: ['fever'], level: 'emergency', reasons: [] } });
    });
  });
});
