/**
 * A danger sign written to a person who has the chat (flows/emergency.yaml, states `person`,
 * `with_doctor`, `with_team`): the advice at once and the ticket flagged, as everywhere, but no
 * "what next? [Helplines | Back to the menu | Talk to a doctor]" — while a person has the chat
 * every other message goes to them, so those buttons went silently to the person and the
 * patient, in an emergency, got no answer. The patient is told instead that the doctor (or the
 * person from our team) has been alerted and stays with them, in their language.
 */
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10); // Kolkata 15:30: open
});
afterEach(async () => {
  await t.close();
});


describe('a danger sign while a person has the chat', () => {
  it('with a doctor: advice, then "the doctor has been alerted" with no buttons; what follows goes to the doctor', async () => {
    await t.toMenu('asha', 'en', 'in_wb');
    await t.send('asha', 'doctor');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    await t.desk.claim(ticket.id, doctor);
    t.channels.webchat.take();

    const replies = await t.send('asha', 'chest pain');
    expect(replies.map((m) => m.text).join('\n')).toContain('108');
    expect(replies.at(-2)!.text).toBe(t.tr('emergency.while_waiting', 'en'));
    expect(replies.at(-1)).toEqual(expect.objectContaining({ text: t.tr('emergency.with_person.doctor', 'en') }));
    expect(replies.every((m) => !m.choices?.length)).toBe(true);
    expect(replies.map((m) => m.text)).not.toContain(t.tr('emergency.ask.next', 'en'));
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned', assigneeId: 'meera', emergency: true, priority: 4 });

    // What the patient writes next (the old buttons' words too) reaches the doctor, who answers.
    for (const text of ['Helplines and ambulance', 'Back to the menu', 'ambulance called, he is breathing']) expect(await t.texts('asha', text)).toEqual([]);
    const inbound = (await t.core.store.messages.list(ticket.conversationId)).filter((m) => m.direction === 'in').map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(inbound.slice(-3)).toEqual(['Helplines and ambulance', 'Back to the menu', 'ambulance called, he is breathing']);

    // The doctor closes: the bot takes the chat back as always.
    await t.desk.close(ticket.id, doctor, 'ambulance_called');
    expect(t.channels.webchat.take().map((m) => m.text)).toEqual([t.tr('handoff.back_with_bot', 'en'), t.tr('handoff.ask.helpful', 'en')]);
    expect(await t.texts('asha', '5')).toEqual([t.tr('handoff.thanks', 'en'), t.tr('menu.ask', 'en')]);
  });

  it('with an operator, in Bengali: "the person from our team has been alerted"; put back in the queue, the next message says where they stand', async () => {
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ডাক্তার');
    const ticket = await t.onlyTicket();
    const ravi = await t.account('ravi', { roles: ['operator'], displayName: 'Ravi Kumar' });
    await t.desk.claim(ticket.id, ravi);
    t.channels.webchat.take();

    const replies = await t.send('mita', 'বুকে ব্যথা');
    expect(replies.at(-1)!.text).toBe(t.tr('emergency.with_person.operator', 'bn'));
    expect(replies.every((m) => !m.choices?.length)).toBe(true);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned', emergency: true, priority: 4 });

    // Released to the queue (the notice told the place in full): the bot answers again, with the place in the
    // queue — not "You are already in the queue" to a request never made — and opens no second ticket.
    await t.desk.release(ticket.id, ravi);
    expect(t.channels.webchat.take().map((m) => m.text)).toEqual([t.tr('handoff.moved.released', 'bn', { status: t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }) })]);
    const next = await t.texts('mita', 'অ্যাম্বুলেন্স আসছে');
    expect(next).toEqual([t.tr('handoff.ask.waiting_brief', 'bn', { position: 1 })]);
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'waiting', emergency: true });
  });

  it('in Hindi, with a doctor; and a patient who is only waiting still gets the "what next?" buttons', async () => {
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = await t.onlyTicket();
    const doctor = await t.account('anita', { displayName: 'डॉ. अनीता' });
    await t.desk.claim(ticket.id, doctor);
    t.channels.webchat.take();
    const replies = await t.send('ravi', 'सीने में दर्द');
    expect(replies.at(-1)!.text).toBe(t.tr('emergency.with_person.doctor', 'hi'));
    expect(replies.every((m) => !m.choices?.length)).toBe(true);

    // No person yet: the bot is the one listening, so it asks what next, with buttons it answers.
    await t.toMenu('gita', 'en', 'in_wb');
    await t.send('gita', 'doctor');
    const waiting = await t.send('gita', 'chest pain');
    expect(waiting.at(-1)).toEqual(expect.objectContaining({ text: t.tr('emergency.ask.next', 'en') }));
    expect(waiting.at(-1)!.choices?.map((c) => c.payload)).toEqual(['helplines', 'menu', 'doctor']);
    expect((await t.send('gita', { kind: 'choice', payload: 'menu' })).at(-1)!.text).toBe(t.tr('menu.ask', 'en'));
  });
});
