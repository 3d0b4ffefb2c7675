/**
 * What a tester found on the patient's side of the hand-off, each through the real router with
 * the fixed clock (1 May 2021, a Saturday; Kolkata is UTC+5:30).
 */
import { estimateWaitMinutes } from '../../src/handoff/wait-estimate';
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
});
afterEach(async () => {
  await t.close();
});

describe('an emergency at night, every desk closed (00:52 India time)', () => {
  it('says plainly that nobody can answer before the desk opens, when that is, and to call the ambulance now', async () => {
    t.at(19, 22); // Kolkata 00:52 Sunday; Riyadh 22:22
    await t.toMenu('gita', 'en');
    const advice = await t.texts('gita', "I can't breathe");
    const closed = advice.find((x) => x.startsWith('⏰'));
    expect(closed).toContain('Nobody from our team can answer here right now');
    expect(closed).toContain('opens today at 09:00 (India time)');
    expect(closed).toContain('India: 108 (ambulance) or 112');
    // "Talk to a doctor" then: the desk's hours again, never only "passed on when the desk opens".
    const asked = await t.texts('gita', '3');
    expect(asked.join('\n')).toContain('opens today at 09:00');
  });

  it('in Bengali, with the region known, the numbers of the region', async () => {
    t.at(19, 22);
    await t.toMenu('mita', 'bn', 'in_wb');
    const advice = await t.texts('mita', 'শ্বাস নিতে পারছি না');
    expect(advice.join('\n')).toContain('এই মুহূর্তে আমাদের দলের কেউ এখানে উত্তর দিতে পারবেন না');
    expect(advice.join('\n')).toContain('আজ ০৯:০০-এ');
  });

  it('says nothing of a closed desk by day', async () => {
    t.at(10);
    await t.toMenu('gita', 'en');
    expect((await t.texts('gita', "I can't breathe")).some((x) => x.startsWith('⏰'))).toBe(false);
  });
});

describe('the wait told', () => {
  it('promises no minutes with nobody online, during open hours', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    const said = await t.texts('asha', 'doctor');
    expect(said.at(-1)).toBe(t.tr('handoff.ask.waiting_unstaffed', 'en', { position: 1 }));
    expect(said.join('\n')).not.toMatch(/minutes/);
  });

  it('gives each place more than the one before it', () => {
    const at = (position: number) => estimateWaitMinutes({ position, recentHandlingMinutes: [3, 4, 3], operatorsOnline: 2, defaultHandlingMinutes: 10 });
    expect([at(1), at(2), at(3)]).toEqual([5, 10, 15]);
    expect(estimateWaitMinutes({ position: 1, recentHandlingMinutes: [], operatorsOnline: 0, defaultHandlingMinutes: 10 })).toBeNull();
  });

  it('tells minutes once someone has the queue open', async () => {
    t.at(10);
    t.core.handoff.presence.join({ id: 'meera', queues: [] } as never);
    await t.toMenu('asha', 'en', 'in_wb');
    expect((await t.texts('asha', 'doctor')).at(-1)).toBe(t.tr('handoff.ask.waiting', 'en', { position: 1, minutes: 10 }));
  });
});

describe('while waiting', () => {
  it('acknowledges briefly what the patient writes, and tells the whole again only when something changed or every few messages', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.texts('asha', 'doctor');
    await t.texts('ravi', 'डॉक्टर');
    expect(await t.texts('ravi', 'बुखार है')).toEqual([t.tr('handoff.ask.waiting_brief', 'hi', { position: 2 })]);
    expect(await t.texts('ravi', 'तीन दिन से')).toEqual([t.tr('handoff.ask.waiting_brief', 'hi', { position: 2 })]);
    // The patient ahead left: place 1 now, told in full.
    await t.send('asha', 'cancel');
    expect(await t.texts('ravi', 'कब तक?')).toEqual([t.tr('handoff.ask.waiting_unstaffed', 'hi', { position: 1 })]);
    for (let i = 0; i < 3; i++) expect(await t.texts('ravi', `msg ${i}`)).toEqual([t.tr('handoff.ask.waiting_brief', 'hi', { position: 1 })]);
    expect(await t.texts('ravi', 'msg 4')).toEqual([t.tr('handoff.ask.waiting_unstaffed', 'hi', { position: 1 })]);
  });
});

describe('after a release', () => {
  it('does not follow "back in the queue" with "You are already in the queue"', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    const op = await t.account('anil', { roles: ['operator'], displayName: 'Anil' });
    const ticket = await t.personTakes('asha', 'doctor', op);
    t.channels.webchat.take();
    await t.texts('asha', 'ambulance');
    await t.desk.release(ticket.id, op);
    expect(t.channels.webchat.take()[0]!.text).toContain(t.tr('handoff.moved.released', 'en', { status: '' }).trim());
    const next = await t.texts('asha', 'hello?');
    expect(next).not.toContain(t.tr('handoff.already_waiting', 'en'));
    expect(next).toHaveLength(1);
  });
});

describe('"cancel" once a person has the chat', () => {
  it('ends the chat with the person, once asked and written again, and says so, in Hindi', async () => {
    t.at(10);
    await t.toMenu('ravi', 'hi', 'in_wb');
    const op = await t.account('anil', { roles: ['operator'], displayName: 'Anil' });
    const ticket = await t.personTakes('ravi', 'डॉक्टर', op);
    t.channels.webchat.take();
    expect(await t.texts('ravi', 'रद्द करो')).toEqual([t.tr('handoff.ask.end_chat_person', 'hi')]);
    const said = await t.texts('ravi', 'रद्द करो');
    expect(said[0]).toBe(t.tr('handoff.left_person', 'hi'));
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient' });
  });
});

describe('small things', () => {
  it('takes "ধন্যবাদ" at the rating question kindly, not "please choose"', async () => {
    t.at(10);
    await t.toMenu('mita', 'bn', 'in_wb');
    const doctor = await t.account('rina', { displayName: 'ডাঃ রিনা' });
    const ticket = await t.personTakes('mita', 'ডাক্তার', doctor);
    await t.desk.close(ticket.id, doctor, 'advice_given');
    t.channels.webchat.take();
    const said = await t.texts('mita', 'ধন্যবাদ');
    expect(said).not.toContain(t.tr('common.invalid.choice', 'bn'));
    expect(said).toEqual([t.tr('handoff.courtesy', 'bn'), t.tr('menu.ask', 'bn')]);
  });

  it('announces an operator without the doctor emoji, and a doctor with it', async () => {
    t.at(10);
    await t.toMenu('asha', 'en', 'in_wb');
    const op = await t.account('anil', { roles: ['operator'], displayName: 'Anil' });
    const ticket = await t.personTakes('asha', 'doctor', op);
    const joined = t.channels.webchat.take()[0]!.text;
    expect(joined).toContain('Anil, Sahay helpdesk');
    expect(joined).not.toContain('👩‍⚕️');
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen' });
    await t.desk.transfer(ticket.id, op, { accountId: doctor.id });
    expect(t.channels.webchat.take()[0]!.text).toContain('👩‍⚕️');
  });

  it('does not tell a patient in Chhattisgarh they go to a Kolkata desk', async () => {
    t.at(10);
    await t.toMenu('sunil', 'hi', 'in_ct');
    await t.toMenu('john', 'en', 'in_ct');
    expect((await t.texts('sunil', 'डॉक्टर'))[0]).not.toContain('कोलकाता');
    expect((await t.texts('john', 'doctor'))[0]).not.toContain('Kolkata');
  });
});
