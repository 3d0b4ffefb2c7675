/**
 * The counsellors' queue and the crisis reply, through the real router, engine, flows and a
 * SQLite file, with a fixed clock: the tickets they open (queue, priority, flag), a crisis
 * while already waiting, out of hours, what a later request for a doctor does, what a person
 * in the chat sees, and that the patient's words reach no log.
 *
 * 1 May 2021 was a Saturday; the counsellors work 12:00–20:00 India time, Monday to Saturday.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { createTestCore } from '../support/core';
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10); // Kolkata 15:30: every desk open
});
afterEach(async () => {
  await t.close();
});

describe('a crisis', () => {
  it('opens, on a yes, a ticket in the counsellors\' queue flagged as an emergency, ahead of a counsellor request made before it', async () => {
    await t.toMenu('calm', 'en', 'in_wb');
    await t.send('calm', 'I want to talk to a counsellor');
    const first = await t.onlyTicket();
    expect(first).toMatchObject({ queue: 'counsellor', priority: 1, emergency: false, reason: 'asked' });

    await t.toMenu('mita', 'bn');
    const said = await t.texts('mita', 'নিজেকে শেষ করে দিতে চাই');
    expect(said[0]).toBe(t.tr('crisis.support', 'bn'));
    expect(said.at(-1)).toBe(t.tr('crisis.ask.connect', 'bn'));
    expect(await t.tickets()).toHaveLength(1); // offered, not opened

    expect(await t.texts('mita', 'হ্যাঁ')).toEqual([
      t.tr('handoff.requested_urgent', 'bn', { queue: t.tr('handoff.queue.counsellor', 'bn') }),
      t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }),
    ]);
    const urgent = (await t.tickets()).find((x) => x.id !== first.id)!;
    expect(urgent).toMatchObject({ queue: 'counsellor', priority: 4, emergency: true, reason: 'crisis', language: 'bn', state: 'waiting' });
    // The one who asked first is now second: the place changed, so told in full (nobody online: no minutes).
    expect(await t.texts('calm', 'still there?')).toEqual([t.tr('handoff.ask.waiting_unstaffed', 'en', { position: 2 })]);
  });

  it('raises the ticket of a patient already waiting for a doctor, rather than opening a second one', async () => {
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = await t.onlyTicket();
    expect(ticket).toMatchObject({ queue: 'kolkata-doctor', priority: 1, emergency: false });

    const said = await t.texts('ravi', 'jeene ka mann nahi karta');
    expect(said[0]).toBe(t.tr('crisis.support', 'hi'));
    expect(said).toContain(t.tr('handoff.already_waiting_urgent', 'hi'));
    expect(said.at(-1)).toBe(t.tr('handoff.ask.waiting_unstaffed', 'hi', { position: 1 }));
    expect(said).not.toContain(t.tr('crisis.ask.connect', 'hi'));
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ priority: 4, emergency: true, state: 'waiting' });
    expect(await t.tickets()).toHaveLength(1);
  });

  it('out of hours keeps the ticket with the counsellors, says when they open, and gives the lines again', async () => {
    t.clock.now = Date.UTC(2021, 4, 2, 10); // Sunday, 15:30 in India, 16:00 in Dhaka: counsellors closed, the general helpdesk open
    await t.toMenu('asha', 'en', 'bd');
    await t.send('asha', 'I want to end my life');
    const said = await t.texts('asha', 'yes');
    expect(said[0]).toBe(t.tr('handoff.requested_urgent', 'en', { queue: t.tr('handoff.queue.counsellor', 'en') }));
    expect(said[1]).toBe('Our desk is closed now. It opens tomorrow at 12:30 (your time). Your request is kept: someone from the desk will write to you here once it opens.');
    expect(said[2]).toBe('Until then, you can talk to someone at any hour:\nBangladesh:\n💬 Health line (Shasthyo Batayon): 16263 (24x7)\n🆘 Emergency: 999');
    expect(said[3]).toBe(t.tr('handoff.ask.waiting_closed', 'en'));
    expect(await t.onlyTicket()).toMatchObject({ queue: 'counsellor', priority: 4, emergency: true });
  });

  it('makes a later request for a doctor urgent too, without the region question', async () => {
    await t.toMenu('sam', 'en');
    await t.send('sam', 'i wish i was dead');
    expect(await t.texts('sam', 'no')).toEqual([t.tr('crisis.declined', 'en'), t.tr('menu.ask', 'en')]);
    expect(await t.tickets()).toHaveLength(0);
    const said = await t.texts('sam', 'talk to a doctor');
    expect(said[0]).toBe(t.tr('handoff.requested_urgent', 'en', { queue: t.tr('handoff.queue.kolkata_doctor', 'en') }));
    expect(await t.onlyTicket()).toMatchObject({ queue: 'kolkata-doctor', priority: 4, emergency: true });

    // A day later it is an ordinary request again.
    await t.send('sam', 'cancel');
    t.clock.now += 25 * 3_600_000;
    expect(await t.texts('sam', 'talk to a doctor')).toEqual([t.tr('helplines.ask.region', 'en')]);
  });

  it('goes to the person who has the chat, like anything else the patient writes: the bot does not talk over them', async () => {
    const meera = await t.account('meera', { roles: ['operator'], displayName: 'Meera' });
    await t.toMenu('lina', 'en', 'in_wb');
    await t.send('lina', 'I want to talk to a counsellor');
    const ticket = await t.onlyTicket();
    await t.desk.claim(ticket.id, meera);
    const said = await t.texts('lina', 'honestly I want to die');
    // Only the notice that Meera joined, delivered now; nothing from the bot.
    expect(said.filter((text) => !text.includes('Meera'))).toEqual([]);
    const log = await t.core.store.messages.list(ticket.conversationId);
    expect(log.some((m) => m.direction === 'in' && m.content.kind === 'text' && m.content.text === 'honestly I want to die')).toBe(true);
  });
});

describe('a counsellor asked for', () => {
  it('after a hand-off left at the region question, "doctor" asks for a doctor again', async () => {
    await t.toMenu('ira', 'en');
    expect(await t.texts('ira', 'counsellor please')).toEqual([t.tr('helplines.ask.region', 'en')]);
    expect(await t.texts('ira', 'menu')).toEqual([t.tr('menu.ask', 'en')]);
    await t.send('ira', 'doctor');
    await t.send('ira', 'West Bengal');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'kolkata-doctor', priority: 1, emergency: false });
  });
});

it("never logs the patient's words", async () => {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
  const c = await createTestCore({ log: createLogger({ level: 'trace', destination }) });
  try {
    for (const m of ['hello', 'english', 'yes', 'I want to kill myself tonight', 'yes', 'mon kharap, kotha bolte chai']) await c.send('quiet', m);
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const words of ['kill myself', 'tonight', 'mon kharap']) expect(log).not.toContain(words);
  } finally {
    await c.close();
  }
});
