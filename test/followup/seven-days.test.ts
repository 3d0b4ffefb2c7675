/**
 * Issue #12, "done when": a 7-day enrolment run through to its end with a fixed clock —
 * a worsening on day 3 (a ticket for the doctors, the bed search for the patient), two
 * missed days (a "call this patient" task), a restart in the middle (a new core on the
 * same SQLite file) and a second process ticking at the same time: nothing lost, nothing
 * sent twice.
 */
import type { Checkin, Enrolment } from '../../src/storage/repositories';
import { coreForEachTest, enrolByChat, type RestartableCore } from './harness';
import { existingConversation } from '../support/conversation';

const HOUR = 3_600_000;

describe('a 7-day follow-up with a fixed clock', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  const enrolment = async (conversationId: string): Promise<Enrolment> => (await h.core.store.followups.listEnrolments()).find((e) => e.conversationId === conversationId)!;
  const checkins = async (e: Enrolment): Promise<Checkin[]> => h.core.store.followups.checkins(e.id);
  const texts = () => h.channel.take().map((m) => m.text);

  /** Move the clock to a check-in's time (plus a minute) and tick, as node-cron would. */
  async function reach(at: number) {
    h.clock.now = at + 60_000;
    return h.core.followup.tick();
  }

  async function answer(userId: string, replies: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const r of replies) out.push(...(await h.send(userId, r)).map((m) => m.text));
    return out;
  }

  it('runs every day to the end: answers, a worsening on day 3, two missed days, a restart, two processes', async () => {
    const confirmed = await enrolByChat(h, 'p1');
    expect(confirmed[0]!.text).toContain('I will message you every day');
    const conversationId = (await existingConversation(h.core.store, 'webchat', 'p1')).id;
    const e = await enrolment(conversationId);
    expect(e).toMatchObject({ state: 'active', slot: 'morning', timeZone: 'Asia/Kolkata', enrolledBy: null });
    const plan = await checkins(e);
    // 1 May, 15:30 in Kolkata: the first check-in is the next morning, 09:00 IST (03:30 UTC), for 7 days.
    expect(plan.map((c) => new Date(c.dueAt).toISOString())).toEqual([2, 3, 4, 5, 6, 7, 8].map((d) => `2021-05-0${d}T03:30:00.000Z`));

    // Nothing is due before its time.
    h.clock.now = plan[0]!.dueAt - 60_000;
    expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });

    // Days 1 and 2: answered, all well.
    for (const day of [0, 1]) {
      expect((await reach(plan[day]!.dueAt)).started).toBe(1);
      const asked = texts();
      expect(asked[0]).toContain('daily check-in');
      expect(asked[1]).toContain('oxygen reading');
      const out = await answer('p1', ['97', '37.2', 'no', '1']);
      expect(out.at(-1)).toContain('Your answers are saved');
      h.clock.now += HOUR;
      expect((await h.core.followup.tick()).answered).toBe(1);
    }

    // Day 3: SpO2 92 and fever, feeling worse → hospital: the bed search at once, and a ticket for the doctors.
    await reach(plan[2]!.dueAt);
    texts();
    const worse = await answer('p1', ['92', '101', 'no', '3']);
    expect(worse.join('\n')).toContain('should be seen in a hospital');
    // The ticket is open as soon as the worsening answer is committed, before the runner's next tick.
    const ticket = await h.core.store.tickets.openFor(conversationId);
    expect(ticket).toMatchObject({ queue: 'kolkata-doctor', priority: 3, reason: 'emergency', emergency: false, state: 'waiting', language: 'en' });
    expect(ticket!.triage).toMatchObject({ level: 'hospital', reasons: expect.arrayContaining(['spo2_90_to_93']) });
    // The runner then settles the check-in and opens no second ticket.
    h.clock.now += 60_000;
    expect((await h.core.followup.tick()).answered).toBe(1);
    expect(await h.core.store.tickets.openFor(conversationId)).toEqual(ticket);
    // Ticking again opens nothing more.
    await h.core.followup.tick();
    expect((await h.core.store.tickets.list({})).filter((t) => t.conversationId === conversationId)).toHaveLength(1);

    // Day 4: sent, then the service restarts before the patient answers; the answer after the restart counts.
    expect((await reach(plan[3]!.dueAt)).started).toBe(1);
    expect(texts()).toHaveLength(2);
    await h.restart();
    expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });
    expect(h.channel.take()).toEqual([]);
    await answer('p1', ['96', '37', 'no', '2']);
    h.clock.now += HOUR;
    expect((await h.core.followup.tick()).answered).toBe(1);

    // Days 5 and 6: no answer. Two processes tick at once: each check-in is sent once.
    const other = await h.second();
    for (const day of [4, 5]) {
      h.clock.now = plan[day]!.dueAt + 60_000;
      const [a, b] = await Promise.all([h.core.followup.tick(), other.core.followup.tick()]);
      expect(a.started + b.started).toBe(1);
      expect([...h.channel.take(), ...other.channel.take()].filter((m) => m.text.includes('daily check-in'))).toHaveLength(1);
      h.clock.now += 12 * HOUR;
      expect((await h.core.followup.tick()).missed).toBe(1);
    }
    await other.core.close();
    const tasks = await h.core.store.followups.tasks({ open: true });
    expect(tasks).toEqual([expect.objectContaining({ kind: 'call_patient', conversationId, enrolmentId: e.id, causeId: plan[5]!.id })]);
    expect((await enrolment(conversationId)).missedInARow).toBe(2);

    // Day 7: answered; the last check-in ends the enrolment.
    await reach(plan[6]!.dueAt);
    texts();
    await answer('p1', ['98', '36.8', 'no', '1']);
    h.clock.now += HOUR;
    await h.core.followup.tick();
    const ended = await h.core.store.followups.getEnrolment(e.id);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed', missedInARow: 0 });

    // The history of readings the console shows.
    const final = await checkins(e);
    expect(final.map((c) => c.state)).toEqual(['answered', 'answered', 'answered', 'answered', 'missed', 'missed', 'answered']);
    expect(final.map((c) => c.reading?.spo2 ?? null)).toEqual([97, 97, 92, 96, null, null, 98]);
    expect(final[2]!.reading).toMatchObject({ level: 'hospital', temperature: 38.3, feeling: 'worse', symptoms: ['fever'] });
    // Exactly seven check-ins were ever sent.
    const messages = await h.core.store.messages.list(conversationId);
    expect(messages.filter((m) => m.direction === 'out' && m.content.kind === 'text' && m.content.text.includes('daily check-in'))).toHaveLength(7);

    // Later ticks do nothing.
    h.clock.now += 3 * 24 * HOUR;
    expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });
    // A week of turns, a restart and a second core: seconds of work, which a loaded machine can
    // stretch past the default 20 s (seen at 44 s beside other suites).
  }, 120_000);

  it('a claim left by a process that died before sending is taken over once its lease has passed, and sent once', async () => {
    await enrolByChat(h, 'p2');
    const [e] = await h.core.store.followups.listEnrolments();
    const [first] = await checkins(e!);
    h.clock.now = first!.dueAt + 60_000;
    // A process claimed it and died.
    expect(await h.core.store.followups.transition({ id: first!.id, from: 'scheduled', expectedVersion: 0, to: 'running', at: h.clock.now, claimedAt: h.clock.now })).toBe(true);
    await h.restart();
    expect((await h.core.followup.tick()).started).toBe(0);
    expect(h.channel.take()).toEqual([]);
    h.clock.now += 6 * 60_000;
    await h.core.followup.tick();
    expect(h.channel.take().filter((m) => m.text.includes('daily check-in'))).toHaveLength(1);
    expect((await checkins(e!))[0]!.state).toBe('sent');
    await h.core.followup.tick();
    expect(h.channel.take()).toEqual([]);
  });

  it('"stop" ends the follow-up at once; nothing more is sent', async () => {
    await enrolByChat(h, 'p3');
    const [e] = await h.core.store.followups.listEnrolments();
    const out = await h.send('p3', 'stop');
    expect(out[0]!.text).toContain('stopped');
    expect(await h.core.store.followups.getEnrolment(e!.id)).toMatchObject({ state: 'ended', endReason: 'stopped' });
    expect((await checkins(e!)).every((c) => c.state === 'cancelled')).toBe(true);
    h.clock.now += 8 * 24 * HOUR;
    expect(await h.core.followup.tick()).toEqual({ started: 0, answered: 0, missed: 0 });
  });

  it('a patient who blocked the bot gets no check-in, and the follow-up ends', async () => {
    await enrolByChat(h, 'p4');
    const [e] = await h.core.store.followups.listEnrolments();
    await h.core.store.conversations.setReachable(e!.conversationId, false, h.clock.now);
    h.clock.now = (await checkins(e!))[0]!.dueAt + 60_000;
    expect((await h.core.followup.tick()).started).toBe(0);
    expect(h.channel.take()).toEqual([]);
    expect(await h.core.store.followups.getEnrolment(e!.id)).toMatchObject({ state: 'ended', endReason: 'unreachable' });
  });

  it('waits for waking hours: a check-in due while the service was down at night goes out at 08:00, a day-old one lapses', async () => {
    await enrolByChat(h, 'p5', '3'); // evening, 19:00 IST = 13:30 UTC
    const [e] = await h.core.store.followups.listEnrolments();
    const [first, second] = await checkins(e!);
    expect(new Date(first!.dueAt).toISOString()).toBe('2021-05-01T13:30:00.000Z');
    // 21:30 IST: too late to message.
    h.clock.now = first!.dueAt + 2.5 * HOUR;
    expect((await h.core.followup.tick()).started).toBe(0);
    // 08:00 IST next day is 12.5 h after it was due: lapsed (cancelled, never sent, not a miss).
    h.clock.now = Date.UTC(2021, 4, 2, 2, 30);
    expect((await h.core.followup.tick()).started).toBe(0);
    expect((await checkins(e!))[0]!.state).toBe('cancelled');
    expect((await h.core.store.followups.getEnrolment(e!.id))!.missedInARow).toBe(0);
    h.clock.now = second!.dueAt + 60_000;
    expect((await h.core.followup.tick()).started).toBe(1);
  });

  it('asks a Bengali patient in Bangladesh in Bengali at 09:00 Dhaka time; an emergency reading goes to emergency advice and an emergency ticket', async () => {
    const conv = await h.core.store.conversations.findOrCreate('webchat', 'p7', {
      id: 'conv-p7', session: { stack: [], lang: 'bn', vars: { profile: { region: 'bd' }, triage: { answers: { age: 66, comorbidities: ['diabetes'] } } }, turns: 0 }, now: h.clock.now,
    });
    const enrolled = await h.core.followup.enrol(conv.id, 'morning', 'op-1');
    expect(enrolled.status).toBe('enrolled');
    const [first] = await checkins((await h.core.store.followups.currentFor(conv.id))!);
    expect(new Date(first!.dueAt).toISOString()).toBe('2021-05-02T03:00:00.000Z');
    await reach(first!.dueAt);
    expect(texts()[0]).toContain('আজকের খোঁজখবর');
    const out = await answer('p7', ['৮৮']);
    expect(out.join('\n')).toContain('🚨');
    // 09:00 in Dhaka is 06:00 in Riyadh and 08:30 in Kolkata: the Probash and Kolkata doctors' desks are
    // closed, so the emergency goes to the desk that is open (the helpdesk), not behind working hours.
    expect(await h.core.store.tickets.openFor(conv.id)).toMatchObject({ queue: 'general', priority: 4, emergency: true, language: 'bn' });
    h.clock.now += 60_000;
    await h.core.followup.tick();
    expect((await h.core.store.tickets.list({})).filter((t) => t.conversationId === conv.id)).toHaveLength(1);
    expect((await checkins((await h.core.store.followups.currentFor(conv.id))!))[0]!.reading).toMatchObject({ spo2: 88, level: 'emergency', temperature: null });
  });

  it('an operator offers daily check-ins: the patient gets the offer, and only their "yes" enrols', async () => {
    // A patient who finished a chat earlier (English, consent given), not on follow-up.
    for (const text of ['Hello', 'English', 'yes']) await h.send('p8', text);
    const conv = await existingConversation(h.core.store, 'webchat', 'p8');
    expect(conv.id).toMatch(/^g\d+-\d{5}$/);
    expect(await h.core.followup.offer('nope')).toEqual({ status: 'not_found' });

    expect(await h.core.followup.offer(conv.id)).toEqual({ status: 'offered' });
    const offered = h.channel.take();
    expect(offered.at(-1)!.text).toBe(h.core.translator.t('followup.offer.ask', 'en'));
    expect(await h.core.store.followups.currentFor(conv.id)).toBeUndefined();
    // "no": nothing.
    expect((await h.send('p8', 'no')).at(-1)!.text).toBe(h.core.translator.t('followup.offer.declined', 'en'));
    expect(await h.core.store.followups.currentFor(conv.id)).toBeUndefined();

    // Offered again: "yes" and a time enrol the patient on their own consent.
    expect(await h.core.followup.offer(conv.id)).toEqual({ status: 'offered' });
    h.channel.take();
    await h.send('p8', 'yes');
    // The afternoon slot, then where the patient is (asked, as the check-ins are in their own time).
    expect((await h.send('p8', '2')).at(-1)!.text).toBe(h.core.translator.t('helplines.ask.region', 'en'));
    expect((await h.send('p8', '1'))[0]!.text).toContain('I will message you every day');
    expect(await h.core.store.followups.currentFor(conv.id)).toMatchObject({ state: 'active', slot: 'afternoon', enrolledBy: null });
    expect(await h.core.followup.offer(conv.id)).toEqual({ status: 'already_enrolled' });
    expect(h.channel.take()).toEqual([]);
  });

  it('operators pause, resume, extend and end', async () => {
    await enrolByChat(h, 'p6');
    const [e] = await h.core.store.followups.listEnrolments();
    const plan = await checkins(e!);
    expect(await h.core.followup.pause(e!.id)).toBe(true);
    h.clock.now = plan[0]!.dueAt + 60_000;
    expect((await h.core.followup.tick()).started).toBe(0);
    expect(await h.core.followup.resume(e!.id)).toBe(true);
    expect((await h.core.followup.tick()).started).toBe(1);
    expect(await h.core.followup.extend(e!.id, 3)).toBe(true);
    const longer = await checkins(e!);
    expect(longer).toHaveLength(10);
    expect(longer.at(-1)!.dueAt - plan.at(-1)!.dueAt).toBe(3 * 24 * HOUR);
    expect(await h.core.followup.end(e!.id, 'operator')).toBe(true);
    expect((await checkins(e!)).filter((c) => c.state === 'scheduled')).toHaveLength(0);
    expect(await h.core.followup.end(e!.id, 'operator')).toBe(false);
  });
});
