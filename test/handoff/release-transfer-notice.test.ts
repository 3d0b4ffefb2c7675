/**
 * Release and Transfer tell the patient at once, as a claim does (desk.ts `move`, the notice
 * stored with the move and delivered through the outbox): back in the queue with their place
 * and wait (or when the desk opens), passed to another queue by its name, or "<name> has
 * joined this chat" when a colleague takes it straight. Before, a released patient learnt it
 * only at their next message, and a transferred one never heard who had the chat.
 *
 * 1 May 2021 was a Saturday; the Kolkata desk is open 09:00–21:00, counsellors 12:00–20:00 (India time).
 */
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
});
afterEach(async () => {
  await t.close();
});

const sent = () => t.channels.webchat.take().map((m) => m.text);

describe('the patient is told when a person passes the chat on', () => {
  it('release: back in the queue, with the place behind an emergency and the wait, at once', async () => {
    t.at(10); // 15:30 India time: open
    // Meera has the queue open: the wait is told in minutes (with nobody online none are promised).
    t.core.handoff.presence.join({ id: 'meera', queues: [] } as never);
    await t.toMenu('asha', 'en', 'in_wb');
    await t.send('asha', 'doctor');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    await t.desk.claim(ticket.id, doctor);
    sent();
    // Meanwhile an emergency waits in the same queue: it comes first.
    await t.toMenu('gita', 'en', 'in_wb');
    await t.send('gita', 'chest pain');
    sent();

    await t.desk.release(ticket.id, doctor);
    const status = t.tr('handoff.ask.waiting', 'en', { position: 2, minutes: 20 });
    expect(sent()).toEqual([t.tr('handoff.moved.released', 'en', { status })]);
    expect(status).toContain('You are number 2 in the queue');
    // In the transcript and on the ticket's timeline, as a claim's notice is.
    const last = (await t.core.store.messages.list(ticket.conversationId)).at(-1)!;
    expect(last).toMatchObject({ direction: 'out' });
    expect((await t.core.store.tickets.events(ticket.id)).map((e) => [e.kind, e.messageId])).toEqual([['claimed', expect.any(String)], ['released', last.id]]);

    // The next message is answered by the bot as any waiting patient's: in full, the place having changed since it was last told.
    expect(await t.texts('asha', 'ok')).toEqual([status]);
  });

  it('release out of hours: when the desk opens, in Hindi', async () => {
    t.at(10);
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('anita', { displayName: 'डॉ. अनीता' });
    await t.desk.claim(ticket.id, doctor);
    sent();
    t.at(16); // 21:30 India time: the desk has closed
    await t.desk.release(ticket.id, doctor);
    const status = t.tr('handoff.out_of_hours', 'hi', { when: t.tr('handoff.opens.tomorrow', 'hi', { time: '09:00' }), zone: t.tr('handoff.zone.kolkata', 'hi') });
    // Not "the next person free will write to you": nobody will until it opens.
    expect(sent()).toEqual([t.tr('handoff.moved.released_closed', 'hi', { status })]);
  });

  it('transfer to a colleague: "<name> has joined this chat", named as every person is', async () => {
    t.at(10);
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ডাক্তার');
    const ticket = await t.onlyTicket();
    const ravi = await t.account('ravi', { roles: ['operator'], displayName: 'Ravi Kumar' });
    const meera = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    await t.desk.claim(ticket.id, ravi);
    // An operator is announced without the doctor's emoji (handoff.joined_operator); a doctor with it.
    expect(sent()).toEqual([t.tr('handoff.joined_operator', 'bn', { who: t.tr('handoff.signature.operator', 'bn', { name: 'Ravi Kumar' }) })]);

    await t.desk.transfer(ticket.id, ravi, { accountId: 'meera' });
    expect(sent()).toEqual([t.tr('handoff.joined', 'bn', { who: t.tr('handoff.signature.doctor', 'bn', { name: 'Dr Meera Sen', registration: 'WBMC 61234' }) })]);
    // The chat is Meera's: what the patient writes goes to her, silently.
    expect(await t.texts('mita', 'আমার জ্বর কমছে না')).toEqual([]);
    await t.desk.reply(ticket.id, meera, 'কত দিন ধরে জ্বর?');
    expect(sent()).toEqual(['Dr Meera Sen (রেজিস্ট্রেশন নং WBMC 61234):\nকত দিন ধরে জ্বর?']);
  });

  it('transfer to another queue: passed to it by name, with the place there', async () => {
    t.at(10); // 15:30 India time on a Saturday: counsellors open
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ডাক্তার');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('rina', { displayName: 'ডাঃ রিনা' });
    await t.desk.claim(ticket.id, doctor);
    sent();
    await t.desk.transfer(ticket.id, doctor, { queue: 'counsellor' });
    // Nobody online for the counsellors: the place, no minutes promised.
    const status = t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 });
    expect(sent()).toEqual([t.tr('handoff.moved.transferred', 'bn', { queue: t.tr('handoff.queue.counsellor', 'bn'), status })]);
  });

  it('transfer to a desk that is closed: when it opens, not "someone there will write"', async () => {
    t.at(10);
    await t.toMenu('mita', 'en', 'in_wb');
    await t.send('mita', 'doctor');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('rina');
    await t.desk.claim(ticket.id, doctor);
    sent();
    t.at(16); // 21:30 India time: the counsellors closed at 20:00
    await t.desk.transfer(ticket.id, doctor, { queue: 'counsellor' });
    const [notice] = sent();
    expect(notice).toBe(t.tr('handoff.moved.transferred_closed', 'en', { queue: t.tr('handoff.queue.counsellor', 'en'), status: notice!.split('\n').slice(1).join('\n') }));
    expect(notice).toContain('Our desk is closed now.');
    expect(notice).not.toContain('someone there will write');
  });

  it('tells nothing when the move is refused (not the one who has the patient)', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    await t.send('asha', 'doctor');
    const ticket = await t.onlyTicket();
    const meera = await t.account('meera');
    const anil = await t.account('anil', { roles: ['operator'] });
    await t.desk.claim(ticket.id, meera);
    sent();
    await expect(t.desk.release(ticket.id, anil)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not_yours' } });
    await expect(t.desk.transfer(ticket.id, anil, { accountId: 'anil' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not_yours' } });
    expect(sent()).toEqual([]);
    expect(await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});
