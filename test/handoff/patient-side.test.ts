/**
 * The patient's side of the hand-off, through the real router, engine, flows and a
 * SQLite file, with a fixed clock: asking for a doctor (word, menu, triage offer, the
 * bot failing twice), the place in the queue and the wait, working hours in two time
 * zones, an emergency out of hours, cancel, the relay while a person has the chat
 * (silent bot, but stop and emergency words answered), and "was this helpful?".
 *
 * 1 May 2021 was a Saturday. Riyadh is UTC+3, Kolkata UTC+5:30; both desks open 09:00–21:00.
 */
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
});
afterEach(async () => {
  await t.close();
});


/** Sets profile.region through the helplines menu, as a patient would, and goes back to the menu. */
async function region(user: string, r: string) {
  await t.send(user, { kind: 'choice', payload: 'helplines' });
  await t.send(user, { kind: 'choice', payload: r });
  await t.send(user, { kind: 'choice', payload: 'menu' });
}

describe('asking for a doctor while the desk is open', () => {
  it('queues the patient with their place and an estimated wait, passes on what they write, and lets them cancel', async () => {
    t.at(10); // Kolkata 15:30
    // A doctor has the queue open: the wait is told in minutes (with nobody online none are promised).
    t.core.handoff.presence.join({ id: 'meera', queues: [] } as never);
    await t.toMenu('asha', 'en');
    // Where the patient is decides the desk: asked once, before the request.
    expect(await t.texts('asha', 'talk to a doctor')).toEqual([t.tr('helplines.ask.region', 'en')]);
    const said = await t.texts('asha', 'West Bengal');
    expect(said).toEqual([
      t.tr('handoff.requested', 'en', { queue: t.tr('handoff.queue.kolkata_doctor', 'en') }),
      t.tr('handoff.ask.waiting', 'en', { position: 1, minutes: 10 }),
    ]);
    const ticket = await t.onlyTicket();
    expect(ticket).toMatchObject({ state: 'waiting', queue: 'kolkata-doctor', language: 'en', reason: 'asked', priority: 1, emergency: false, triage: null, channel: 'webchat' });

    // A second patient, in Hindi, by the menu: second in the queue.
    await t.toMenu('ravi', 'hi', 'in_wb');
    const hindi = await t.texts('ravi', 'डॉक्टर');
    expect(hindi.at(-1)).toBe(t.tr('handoff.ask.waiting', 'hi', { position: 2, minutes: 20 }));

    // What the first patient writes while waiting is stored for the doctor; nothing changed, so the bot only says it passed it on, with the place.
    expect(await t.texts('asha', 'my mother is 70 and has fever')).toEqual([t.tr('handoff.ask.waiting_brief', 'en', { position: 1 })]);
    const log = await t.core.store.messages.list(ticket.conversationId);
    expect(log.some((m) => m.direction === 'in' && m.content.kind === 'text' && m.content.text === 'my mother is 70 and has fever')).toBe(true);

    // Asking again does not queue twice.
    expect(await t.texts('asha', 'doctor')).toEqual([t.tr('handoff.already_waiting', 'en'), t.tr('handoff.ask.waiting', 'en', { position: 1, minutes: 10 })]);
    expect(await t.tickets()).toHaveLength(2);

    // Cancel leaves the queue: the ticket is closed as cancelled, the other patient moves up.
    const cancelled = await t.texts('asha', 'cancel');
    expect(cancelled[0]).toBe(t.tr('handoff.left_queue', 'en'));
    expect(cancelled.at(-1)).toBe(t.tr('menu.ask', 'en'));
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient', closedBy: null });
    expect(await t.texts('ravi', 'कब तक?')).toEqual([t.tr('handoff.ask.waiting', 'hi', { position: 1, minutes: 10 })]);

    // Cancel with nothing to cancel: said so, and the question that was waiting is asked again.
    expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.nothing_to_cancel', 'en'), t.tr('menu.ask', 'en')]);
  });

  it('ranks a patient whose symptom check says "doctor" by it, offered at the end of the check', async () => {
    t.at(10);
    await t.toMenu('mita', 'bn', 'in_wb');
    for (const answer of ['১', 'না', 'জ্বর আর কাশি', 'হ্যাঁ', '৫', '৯৬', '৬৫', 'ডায়াবেটিস', '৪', 'না']) await t.send('mita', answer);
    const offer = await t.send('mita', 'ডাক্তারের সঙ্গে কথা বলুন');
    expect(offer[0]!.text).toBe(t.tr('handoff.requested', 'bn', { queue: t.tr('handoff.queue.kolkata_doctor', 'bn') }));
    const ticket = await t.onlyTicket();
    expect(ticket).toMatchObject({ priority: 2, language: 'bn', triage: { level: 'doctor', reasons: ['age_over_60', 'comorbidity', 'fever_over_3_days'], answers: { age: 65, spo2: 96 } } });
  });
});

describe('working hours in two time zones, with a fixed clock', () => {
  it('at 04:00 UTC the Riyadh desk is closed (opens at 9 today) while Kolkata is open', async () => {
    t.at(4); // Riyadh 07:00, Kolkata 09:30
    await t.toMenu('karim', 'bn');
    await region('karim', 'sa');
    const said = await t.texts('karim', 'ডাক্তার');
    expect(said[0]).toBe(t.tr('handoff.requested', 'bn', { queue: t.tr('handoff.queue.probash_doctor', 'bn') }));
    expect(said[1]).toContain('আমাদের ডেস্ক এখন বন্ধ। খুলবে আজ ০৯:০০-এ (রিয়াদের সময়)');
    // The helpline and emergency numbers for Saudi Arabia.
    expect(said[2]).toContain('🚑 অ্যাম্বুলেন্স: 997');
    expect(said[2]).toContain('937');
    expect(said[3]).toBe(t.tr('handoff.ask.waiting_closed', 'bn'));
    expect(await t.onlyTicket()).toMatchObject({ queue: 'probash-doctor', state: 'waiting' });

    await t.toMenu('dipa', 'en', 'in_wb');
    const open = await t.texts('dipa', 'doctor');
    // Nobody online: the place, and no minutes promised.
    expect(open).toEqual([t.tr('handoff.requested', 'en', { queue: t.tr('handoff.queue.kolkata_doctor', 'en') }), t.tr('handoff.ask.waiting_unstaffed', 'en', { position: 1 })]);

    // Once the Riyadh desk opens, the waiting patient is told their place (in full: the desk opened).
    t.at(6, 5); // Riyadh 09:05
    expect(await t.texts('karim', 'কখন?')).toEqual([t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 })]);
  });

  it('at 17:00 UTC Riyadh is open while Kolkata is closed until tomorrow 9 am, India time, in Hindi', async () => {
    t.at(17); // Riyadh 20:00, Kolkata 22:30
    await t.toMenu('sunil', 'hi', 'in_wb');
    const said = await t.texts('sunil', 'डॉक्टर चाहिए');
    expect(said[1]).toBe('हमारा डेस्क अभी बंद है। यह कल 09:00 खुलेगा (भारतीय समय)। आपका अनुरोध दर्ज है: डेस्क खुलते ही वहाँ से कोई यहीं आपको लिखेगा।');
    expect(said[2]).toContain('🚑 एम्बुलेंस: 108');
    expect(said[2]).toContain('1800-313-444-222');

    await t.toMenu('karim', 'bn');
    await region('karim', 'sa');
    expect((await t.texts('karim', 'ডাক্তার')).at(-1)).toBe(t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }));
  });
});

describe('where the patient is', () => {
  it('asks a worker in Riyadh who never chose a region where they are, and sends them to the open Probash desk', async () => {
    t.at(17); // Riyadh 20:00 (Probash open), Kolkata 22:30 (closed)
    await t.toMenu('rafiq', 'bn');
    expect(await t.texts('rafiq', 'ডাক্তার')).toEqual([t.tr('helplines.ask.region', 'bn')]);
    expect(await t.tickets()).toHaveLength(0);
    const said = await t.texts('rafiq', 'সৌদি আরব');
    expect(said).toEqual([
      t.tr('handoff.requested', 'bn', { queue: t.tr('handoff.queue.probash_doctor', 'bn') }),
      t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }),
    ]);
    expect(said.join('\n')).not.toContain('108');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'probash-doctor', state: 'waiting' });
    // Asked once: the next request goes straight to the queue.
    await t.send('rafiq', 'বাতিল');
    expect((await t.texts('rafiq', 'ডাক্তার'))[0]).toBe(t.tr('handoff.requested', 'bn', { queue: t.tr('handoff.queue.probash_doctor', 'bn') }));
  });

  it("tells a patient in Bangladesh when the Riyadh desk opens on their own clock: at 00:30 Sunday in Dhaka it opens today at 12:00", async () => {
    t.at(18, 30); // Dhaka 00:30 Sunday 2 May; Riyadh 21:30 Saturday (closed until 09:00 = 12:00 in Dhaka)
    await t.toMenu('salma', 'bn', 'bd');
    const said = await t.texts('salma', 'ডাক্তার');
    expect(said[0]).toBe(t.tr('handoff.requested', 'bn', { queue: t.tr('handoff.queue.probash_doctor', 'bn') }));
    expect(said[1]).toContain('আমাদের ডেস্ক এখন বন্ধ। খুলবে আজ ১২:০০-এ (আপনার সময়)');
    expect(said[1]).not.toMatch(/AM|PM/);
    // Bangladesh's numbers, not the desk's (Saudi Arabia).
    expect(said[2]).toContain('🚑 অ্যাম্বুলেন্স: 999');
    expect(said[2]).not.toContain('997');
  });

  it('gives every country\'s emergency numbers, not India\'s, while the desk is closed and the region is not known', async () => {
    t.at(17); // Kolkata 22:30: the general desk (08:00–22:00 India) is closed
    await t.toMenu('jon', 'en');
    for (const n of ['purple', 'monkey', 'dishwasher']) await t.send('jon', n);
    const said: string[] = [];
    for (const n of ['purple', 'monkey', 'dishwasher']) said.push(...(await t.texts('jon', n)));
    // Not understood twice: no question (the general queue has no regions), the closed desk, then the numbers.
    expect(said).toContain(t.tr('handoff.requested_not_understood', 'en', { queue: t.tr('handoff.queue.general', 'en') }));
    const numbers = said.find((x) => x.startsWith('Until then'))!;
    expect(numbers).toContain('India: 108 (ambulance) or 112');
    expect(numbers).toContain('Bangladesh: 999');
    expect(numbers).toContain('Saudi Arabia: 997 (ambulance) or 911');
    expect(numbers).not.toContain('1800-313');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'not_understood' });
  });
});

describe('an emergency out of hours', () => {
  it('gets emergency advice at once and a ticket flagged for the first operator; a danger sign while waiting escalates', async () => {
    t.at(17); // Kolkata 22:30: closed
    await t.toMenu('gita', 'en');
    // A danger sign typed anywhere: advice at once, and a flagged ticket, without waiting for the desk.
    const advice = await t.texts('gita', "I can't breathe");
    expect(advice.join('\n')).toContain('108');
    const flagged = await t.onlyTicket();
    expect(flagged).toMatchObject({ emergency: true, priority: 4, reason: 'emergency', state: 'waiting', queue: 'kolkata-doctor', triage: { level: 'emergency' } });

    // Asking for a doctor now: already queued (flagged), no desk hours in the way.
    expect((await t.texts('gita', 'doctor'))[0]).toBe(t.tr('handoff.already_waiting', 'en'));
    expect(await t.tickets()).toHaveLength(1);

    // Another patient asks first, then names a danger sign while waiting: the ticket is raised.
    await t.toMenu('hari', 'en', 'in_wb');
    const closed = await t.texts('hari', 'doctor');
    expect(closed[1]).toContain('Our desk is closed now. It opens tomorrow at 09:00 (India time).');
    const waiting = (await t.tickets()).find((x) => x.id !== flagged.id)!;
    expect(waiting).toMatchObject({ emergency: false, priority: 1 });
    expect((await t.texts('hari', 'chest pain')).join('\n')).toContain('108');
    await expect(t.core.store.tickets.get(waiting.id)).resolves.toMatchObject({ emergency: true, priority: 4 });
    // Queue order: both emergencies, the one that waited longer first.
    expect((await t.core.store.tickets.list({ states: ['waiting'] })).map((x) => x.id)).toEqual([flagged.id, waiting.id]);
  });

  it("goes to a desk that is open when the patient's own is closed: a worker in Riyadh at 06:33 reaches the Kolkata doctors, open at 09:03 there", async () => {
    t.at(3, 33);
    await t.toMenu('salim', 'bn', 'sa');
    await t.send('salim', 'শ্বাস নিতে পারছি না');
    expect(await t.onlyTicket()).toMatchObject({ emergency: true, priority: 4, state: 'waiting', queue: 'kolkata-doctor' });
    // A request the patient makes, not an emergency, still waits for their own desk.
    await t.toMenu('karim', 'bn', 'sa');
    await t.send('karim', 'ডাক্তার');
    expect((await t.tickets()).find((x) => !x.emergency)).toMatchObject({ queue: 'probash-doctor' });
  });

  it('a patient whose check ended in an emergency and who asks for a doctor gets the advice first, flagged, out of hours', async () => {
    t.at(17);
    await t.toMenu('om', 'en');
    await t.send('om', '1');
    await t.send('om', 'yes'); // danger signs: emergency advice (and a flagged ticket)
    const first = await t.onlyTicket();
    expect(first).toMatchObject({ emergency: true, priority: 4 });
    await t.send('om', { kind: 'choice', payload: 'menu' });
    // The ticket is still open: asking again says so (no second ticket, no desk hours).
    expect((await t.texts('om', 'doctor'))[0]).toBe(t.tr('handoff.already_waiting', 'en'));
    // Once cancelled, a new request is still urgent by the check: advice at once, not held behind the desk's hours —
    // and, every desk being closed, not "the first doctor who is free": nobody can answer before the desk opens.
    await t.send('om', 'cancel');
    const again = await t.texts('om', 'doctor');
    expect(again[0]).toBe(t.tr('handoff.requested_emergency_closed', 'en', { queue: t.tr('handoff.queue.kolkata_doctor', 'en') }));
    expect(again.join('\n')).toContain('108');
    expect(again.join('\n')).not.toContain('desk is closed');
    expect(again.find((x) => x.startsWith('⏰'))).toContain('our desk opens tomorrow at 09:00 (India time)');
    const open = await t.core.store.tickets.list({ states: ['waiting'] });
    expect(open).toMatchObject([{ emergency: true, priority: 4, reason: 'emergency' }]);
  });
});

describe('"Talk to a doctor" under emergency advice', () => {
  it('joins the ticket the emergency flagged, for a red flag as the first message and for a check that ended in an emergency: never a second ticket', async () => {
    t.at(10); // Kolkata 15:30: open
    // A danger sign as the very first message: advice, a flagged ticket, then the third choice.
    const advice = await t.send('mina', 'শ্বাস নিতে পারছি না');
    expect(advice.at(-1)?.choices?.map((c) => c.payload)).toEqual(['helplines', 'menu', 'doctor']);
    const flagged = await t.onlyTicket();
    expect(flagged).toMatchObject({ emergency: true, priority: 4, reason: 'emergency', state: 'waiting' });
    expect(await t.texts('mina', '৩')).toEqual([t.tr('handoff.already_waiting', 'bn'), t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 })]);
    expect(await t.onlyTicket()).toMatchObject({ id: flagged.id, emergency: true, priority: 4, state: 'waiting' });

    // The symptom check ending in an emergency, then the button's payload.
    await t.toMenu('ajay', 'en');
    await t.send('ajay', '1');
    const after = await t.send('ajay', 'yes'); // danger signs: emergency advice (and a flagged ticket)
    expect(after.at(-1)?.choices?.map((c) => c.payload)).toEqual(['helplines', 'menu', 'doctor']);
    expect(await t.tickets()).toHaveLength(2);
    expect((await t.send('ajay', { kind: 'choice', payload: 'doctor' }))[0]?.text).toBe(t.tr('handoff.already_waiting', 'en'));
    const all = await t.tickets();
    expect(all).toHaveLength(2);
    expect(all.every((x) => x.emergency && x.reason === 'emergency')).toBe(true);
  });
});

describe('while a person has the chat, and after', () => {
  it('relays silently, answers only stop and emergency words, and asks "was this helpful?" on close', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    await t.send('asha', 'doctor');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    await t.desk.claim(ticket.id, doctor);
    expect(t.channels.webchat.take().map((m) => m.text)).toEqual([
      t.tr('handoff.joined', 'en', { who: 'Dr Meera Sen (Reg. No. WBMC 61234)' }),
    ]);

    // The bot is silent: words that are commands elsewhere ("menu", "doctor") go to the doctor too
    // ("cancel" does not: it ends the chat with the person, see below).
    for (const text of ['hello doctor', 'menu', 'doctor', '3']) expect(await t.texts('asha', text)).toEqual([]);
    await t.desk.reply(ticket.id, doctor, 'How many days of fever?');
    expect(t.channels.webchat.take().map((m) => m.text)).toEqual(['Dr Meera Sen (Reg. No. WBMC 61234):\nHow many days of fever?']);

    // An emergency word is always answered, and raises the ticket; the chat stays with the doctor.
    expect((await t.texts('asha', 'ambulance')).join('\n')).toContain('108');
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned', emergency: true, priority: 4 });
    expect(await t.texts('asha', 'ok it came')).toEqual([]);

    // Closing hands the chat back: the bot asks whether it helped, in the patient's language, with 1–5.
    await t.desk.close(ticket.id, doctor, 'ambulance_called');
    const back = t.channels.webchat.take();
    expect(back.map((m) => m.text)).toEqual([t.tr('handoff.back_with_bot', 'en'), t.tr('handoff.ask.helpful', 'en')]);
    expect(back[1]!.choices?.map((c) => c.payload)).toEqual(['1', '2', '3', '4', '5']);
    expect(await t.texts('asha', '4')).toEqual([t.tr('handoff.thanks', 'en'), t.tr('menu.ask', 'en')]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'ambulance_called', closedBy: 'meera', rating: 4 });
    // The bot is back: the menu works again.
    expect(await t.texts('asha', 'menu')).toEqual([t.tr('menu.ask', 'en')]);
  });

  it('lets "stop" end the chat with the person: the ticket is closed as the patient leaving', async () => {
    t.at(10);
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = await t.onlyTicket();
    const op = await t.account('anil', { roles: ['operator'], displayName: 'Anil' });
    await t.desk.claim(ticket.id, op);
    t.channels.webchat.take();
    expect(await t.texts('ravi', 'रुको')).toEqual([t.tr('stop.bye', 'hi')]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient' });
    // The operator can no longer write to them.
    await expect(t.desk.reply(ticket.id, op, 'hello?')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not_yours' } });
  });

  it('lets "cancel", written again when asked, end the chat with the person (as the joined message says): told so, the menu, the ticket closed as the patient leaving', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    const ticket = await t.personTakes('asha', 'doctor', doctor);
    expect(t.channels.webchat.take().map((m) => m.text)).toEqual([t.tr('handoff.joined', 'en', { who: 'Dr Meera Sen (Reg. No. WBMC 61234)' })]);
    expect(t.tr('handoff.joined', 'en', { who: 'x' })).toContain('To end this chat, write “cancel”');
    expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.ask.end_chat_doctor', 'en')]);
    expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.left_person', 'en'), t.tr('menu.ask', 'en')]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient' });
    await expect(t.desk.reply(ticket.id, doctor, 'hello?')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not_yours' } });
  });

  it('takes a feedback answer in the patient\'s script, and leaves quietly for the menu when there is none', async () => {
    t.at(10);
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ডাক্তার');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('rina', { displayName: 'ডাঃ রিনা' });
    await t.desk.claim(ticket.id, doctor);
    await t.desk.close(ticket.id, doctor, 'advice_given');
    expect(t.channels.webchat.take().at(-1)!.text).toBe(t.tr('handoff.ask.helpful', 'bn'));
    expect(await t.texts('mita', '৫')).toEqual([t.tr('handoff.thanks', 'bn'), t.tr('menu.ask', 'bn')]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ rating: 5 });

    await t.send('mita', 'ডাক্তার');
    const second = (await t.core.store.tickets.list({ states: ['waiting'] }))[0]!;
    await t.desk.claim(second.id, doctor);
    await t.desk.close(second.id, doctor, 'no_response');
    t.channels.webchat.take();
    // Thanks is an answer, not a wrong one: "You are welcome" and the menu, no rating kept.
    expect(await t.texts('mita', 'ধন্যবাদ')).toEqual([t.tr('handoff.courtesy', 'bn'), t.tr('menu.ask', 'bn')]);
    await expect(t.core.store.tickets.get(second.id)).resolves.toMatchObject({ rating: null, outcome: 'no_response' });

    // Words that are neither a rating nor thanks: asked once more, then the menu, quietly.
    await t.send('mita', 'ডাক্তার');
    const third = (await t.core.store.tickets.list({ states: ['waiting'] }))[0]!;
    await t.desk.claim(third.id, doctor);
    await t.desk.close(third.id, doctor, 'no_response');
    t.channels.webchat.take();
    expect(await t.texts('mita', 'জ্বর কমেছে')).toEqual([t.tr('common.invalid.choice', 'bn'), t.tr('handoff.ask.helpful', 'bn')]);
    expect(await t.texts('mita', 'জানি না')).toEqual([t.tr('menu.ask', 'bn')]);
    await expect(t.core.store.tickets.get(third.id)).resolves.toMatchObject({ rating: null, outcome: 'no_response' });
  });
});

describe('the bot failing to understand', () => {
  it('falls back to the menu the first time, and hands the patient to the general queue the second time', async () => {
    t.at(10);
    await t.toMenu('jon', 'en');
    const nonsense = ['purple', 'monkey', 'dishwasher'];
    const first: string[] = [];
    for (const n of nonsense) first.push(...(await t.texts('jon', n)));
    expect(first.slice(-2)).toEqual([t.tr('common.not_understood', 'en'), t.tr('menu.ask', 'en')]);
    expect(await t.tickets()).toHaveLength(0);

    const second: string[] = [];
    for (const n of nonsense) second.push(...(await t.texts('jon', n)));
    expect(second.slice(-3)).toEqual([
      t.tr('common.not_understood', 'en'),
      t.tr('handoff.requested_not_understood', 'en', { queue: t.tr('handoff.queue.general', 'en') }),
      t.tr('handoff.ask.waiting_unstaffed', 'en', { position: 1 }),
    ]);
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'not_understood', state: 'waiting' });
  });

  it('does not count fallbacks further apart than the window', async () => {
    t.at(10);
    await t.toMenu('jon', 'en');
    for (const n of ['a1', 'b2', 'c3']) await t.send('jon', n);
    t.at(11); // an hour later: the first fallback no longer counts
    for (const n of ['a1', 'b2', 'c3']) await t.send('jon', n);
    expect(await t.tickets()).toHaveLength(0);
  });
});
