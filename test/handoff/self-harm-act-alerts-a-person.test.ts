/**
 * Self-harm done or under way ("I took 30 sleeping pills", "ঘুমের ওষুধ খেয়ে ফেলেছি", "kalai kaat
 * li": flows/crisis.yaml, `crisis.act`) reaches a person at once, as a danger sign does:
 *
 * - at the menu, the flagged ticket (reason `crisis`, the console's 🆘 Crisis) opens in the same
 *   turn as the ambulance number, not once the patient answers the counsellor offer — one who
 *   passes out after an overdose never answers it; a yes to the offer then joins that ticket;
 * - every desk closed, the patient is told what a danger sign's advice tells then;
 * - with a person in the chat, the act is not only passed to them: the patient gets the ambulance
 *   number at once, and the person's ticket is flagged as a crisis;
 * - a wish without an act ("I want to die") is answered as before: the offer first, no ticket.
 *
 * Through the real router, flows and a SQLite file, with a fixed clock. 1 May 2021 was a Saturday.
 */
import { operatorQueue, ticketDetail } from '../../src/handoff/queue-view';
import type { TicketNews } from '../../src/handoff/hub';
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

// 10:00 UTC: Kolkata 15:30, every desk open.
const t = handoffTestPerTest(10);

/** The first line of the ambulance advice as the patient gets it (the numbers follow it). */
const callOpening = (lang: Language) => t.tr('emergency.call', lang, { numbers: '' }).split('\n')[0]!;

describe('an act at the menu', () => {
  it.each<[string, Language]>([
    ['I took 30 sleeping pills', 'en'],
    ['ঘুমের ওষুধ খেয়ে ফেলেছি', 'bn'],
    ['kalai kaat li', 'hi'],
  ])('"%s": one urgent crisis ticket opens at once, and the patient (%s) is told a person has been', async (text, lang) => {
    await t.toMenu('asha', lang, 'in_wb');
    const said = await t.texts('asha', text);

    expect(said[0]!.split('\n')[0]).toBe(callOpening(lang));
    expect(said[0]).toContain('108');
    expect(said[1]).toBe(t.tr('crisis.act', lang));
    expect(said[2]).toBe(t.tr('handoff.crisis_alerted', lang));
    expect(said[3]).toBe(t.tr('crisis.support', lang));
    expect(said.at(-1)).toBe(t.tr('crisis.ask.connect', lang));

    // Opened before any answer: flagged, first in line, on the emergency desk (a doctor's, open now).
    const ticket = await t.onlyTicket();
    expect(ticket).toMatchObject({ reason: 'crisis', emergency: true, priority: 4, state: 'waiting', queue: 'kolkata-doctor', language: lang });
    // The person who opens the queue sees it first, as a crisis.
    const doctor = await t.account('meera');
    const view = await operatorQueue(t.core.handoff, doctor, t.clock.now);
    expect(view.tickets.map((i) => [i.id, i.reason, i.emergency])).toEqual([[ticket.id, 'crisis', true]]);
  });

  it('ahead of a request made before it', async () => {
    await t.toMenu('calm', 'en', 'in_wb');
    await t.send('calm', 'doctor');
    const first = await t.onlyTicket();
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'neend ki goliyan kha li');
    const act = (await t.tickets()).find((x) => x.id !== first.id)!;
    expect(act).toMatchObject({ reason: 'crisis', emergency: true, priority: 4 });
    const view = await operatorQueue(t.core.handoff, await t.account('anita'), t.clock.now);
    expect(view.tickets.map((i) => i.id)).toEqual([act.id, first.id]);
  });

  it('a yes to the counsellor offer after it opens no second ticket: the patient is told they are in the queue', async () => {
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ঘুমের ওষুধ খেয়ে ফেলেছি');
    const ticket = await t.onlyTicket();

    const said = await t.texts('mita', 'হ্যাঁ');
    expect(said[0]).toBe(t.tr('handoff.already_waiting', 'bn'));
    expect(said.at(-1)).toBe(t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }));
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, reason: 'crisis', emergency: true, priority: 4, state: 'waiting' });
  });

  it('a no to the offer leaves the ticket open for the person alerted', async () => {
    await t.toMenu('sam', 'en', 'in_wb');
    await t.send('sam', 'I took 30 sleeping pills');
    expect(await t.texts('sam', 'no')).toEqual([t.tr('crisis.declined', 'en'), t.tr('menu.ask', 'en')]);
    expect(await t.onlyTicket()).toMatchObject({ reason: 'crisis', emergency: true, state: 'waiting' });
  });

  it('already waiting for a doctor: that ticket is raised to a crisis, no second one', async () => {
    await t.toMenu('gita', 'en', 'in_wb');
    await t.send('gita', 'doctor');
    const ticket = await t.onlyTicket();
    const said = await t.texts('gita', 'my brother cut his wrist');
    expect(said).toContain(t.tr('handoff.already_waiting_urgent', 'en'));
    expect(said).not.toContain(t.tr('handoff.crisis_alerted', 'en'));
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, reason: 'crisis', emergency: true, priority: 4 });
  });
});

describe('an act with every desk closed', () => {
  // 18:00 UTC: Kolkata 23:30, Riyadh 21:00: every desk closed.
  const night = handoffTestPerTest(18);

  it('opens the ticket all the same, and says what a danger sign\'s advice says then: nobody until the desk opens, call the ambulance now', async () => {
    // What the emergency path tells at this hour, for the same place.
    await night.toMenu('gita', 'en', 'in_wb');
    const danger = await night.texts('gita', "I can't breathe");
    const closed = danger.find((text) => text.startsWith('⏰'))!;
    expect(closed).toContain('108');

    await night.toMenu('asha', 'en', 'in_wb');
    const said = await night.texts('asha', 'I took 30 sleeping pills');
    expect(said[1]).toBe(night.tr('crisis.act', 'en'));
    expect(said[2]).toBe(closed);
    expect(said).not.toContain(night.tr('handoff.crisis_alerted', 'en'));
    expect(said.at(-1)).toBe(night.tr('crisis.ask.connect', 'en'));
    const act = (await night.tickets()).find((x) => x.reason === 'crisis');
    expect(act).toMatchObject({ emergency: true, priority: 4, state: 'waiting', queue: 'kolkata-doctor' });
  });
});

describe('an act while a person has the chat', () => {
  it('with an operator: the ambulance at once, the person alerted, the ticket flagged as a crisis; no offer over them', async () => {
    await t.toMenu('lina', 'en', 'in_wb');
    await t.send('lina', 'I want to talk to a counsellor');
    const ticket = await t.onlyTicket();
    const rumi = await t.account('rumi', { roles: ['operator'], displayName: 'Rumi', queues: ['counsellor'] });
    await t.desk.claim(ticket.id, rumi);
    t.channels.webchat.take();
    const news: TicketNews[] = [];
    t.core.handoff.hub.subscribe((n) => news.push(n));

    const replies = await t.send('lina', 'I took 30 sleeping pills');
    const said = replies.map((m) => m.text);
    expect(said[0]!.split('\n')[0]).toBe(callOpening('en'));
    expect(said[0]).toContain('108');
    expect(said.slice(1)).toEqual([t.tr('crisis.act', 'en'), t.tr('crisis.with_person.operator', 'en')]);
    expect(replies.every((m) => !m.choices?.length)).toBe(true);

    // The person sees it: the ticket still theirs, flagged as a crisis, the patient's words in the chat.
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'assigned', assigneeId: 'rumi', reason: 'crisis', emergency: true, priority: 4 });
    expect(news).toContainEqual({ ticketId: ticket.id, what: 'changed' });
    const detail = await ticketDetail(t.core.handoff, ticket.id, rumi, 'en', t.clock.now);
    expect(detail?.ticket).toMatchObject({ reason: 'crisis', emergency: true });
    expect(detail?.transcript.some((l) => l.from === 'patient' && l.text === 'I took 30 sleeping pills')).toBe(true);
    expect(detail?.transcript.some((l) => l.from === 'bot' && l.text === t.tr('crisis.with_person.operator', 'en'))).toBe(true);

    // What the patient writes next goes to the person again.
    expect(await t.texts('lina', 'ambulance called')).toEqual([]);
  });

  it('with a doctor, in Bengali: "the doctor has been alerted"', async () => {
    await t.toMenu('mita', 'bn', 'in_wb');
    await t.send('mita', 'ডাক্তার');
    const ticket = await t.onlyTicket();
    await t.desk.claim(ticket.id, await t.account('meera'));
    t.channels.webchat.take();

    const said = await t.texts('mita', 'বাবা গলায় দড়ি দিয়েছে');
    expect(said[0]!.split('\n')[0]).toBe(callOpening('bn'));
    expect(said.slice(1)).toEqual([t.tr('crisis.act', 'bn'), t.tr('crisis.with_person.doctor', 'bn')]);
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'assigned', reason: 'crisis', emergency: true, priority: 4 });
  });

  it('put back in the queue, the next message says where they stand, with no second ticket', async () => {
    await t.toMenu('ravi', 'hi', 'in_wb');
    await t.send('ravi', 'डॉक्टर');
    const ticket = await t.onlyTicket();
    const anita = await t.account('anita');
    await t.desk.claim(ticket.id, anita);
    await t.send('ravi', 'kalai kaat li');
    await t.desk.release(ticket.id, anita);
    t.channels.webchat.take();
    expect(await t.texts('ravi', 'एम्बुलेंस आ रही है')).toEqual([t.tr('handoff.ask.waiting_brief', 'hi', { position: 1 })]);
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'waiting', reason: 'crisis', emergency: true });
  });
});

describe('a wish without an act keeps today\'s reply', () => {
  it('at the menu: the offer first, no ticket until a yes', async () => {
    await t.toMenu('sam', 'en', 'in_wb');
    const said = await t.texts('sam', 'I want to die');
    expect(said[0]).toBe(t.tr('crisis.support', 'en'));
    expect(said.at(-1)).toBe(t.tr('crisis.ask.connect', 'en'));
    expect(said).not.toContain(t.tr('handoff.crisis_alerted', 'en'));
    expect(await t.tickets()).toHaveLength(0);
    await t.send('sam', 'yes');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'counsellor', reason: 'crisis', emergency: true });
  });

  it('with a person in the chat: passed to them alone', async () => {
    await t.toMenu('lina', 'en', 'in_wb');
    await t.send('lina', 'I want to talk to a counsellor');
    const ticket = await t.onlyTicket();
    await t.desk.claim(ticket.id, await t.account('rumi', { roles: ['operator'], queues: ['counsellor'] }));
    t.channels.webchat.take();
    expect(await t.texts('lina', 'I want to die')).toEqual([]);
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'assigned', reason: 'asked', emergency: false });
  });
});
