/**
 * The patient must know who they talk to (India's Telemedicine Practice Guidelines 2020): what
 * the hand-off says on a person's behalf never calls an operator a doctor. Every reply is signed
 * with the person's name and role (desk.ts `signature`), so the ready replies and the bot's words
 * when the person closes say nothing of who they are: the first ready reply said "Hello, I am a
 * doctor with Sahay" to operators' patients, and the close "The doctor has closed this chat".
 */
import type { Language } from '../../src/engine/flow';
import { ticketDetail } from '../../src/handoff/queue-view';
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10);
});
afterEach(async () => {
  await t.close();
});

const DOCTOR: Record<Language, RegExp> = { en: /doctor/i, bn: /ডাক্তার|চিকিৎসক/, hi: /डॉक्टर|चिकित्सक/ };
const first: Record<Language, string> = { en: 'doctor', bn: 'ডাক্তার', hi: 'डॉक्टर' };

describe.each(['en', 'bn', 'hi'] as Language[])('an operator (not a doctor) with a patient, in %s', (lang) => {
  it('is offered ready replies that do not say a doctor is writing, and closing does not say a doctor closed it', async () => {
    await t.toMenu('pat', lang, 'in_wb');
    await t.send('pat', first[lang]);
    const ticket = await t.onlyTicket();
    const ravi = await t.account('ravi', { roles: ['operator'], displayName: 'Ravi Kumar' });
    await t.desk.claim(ticket.id, ravi);

    const detail = (await ticketDetail(t.core.handoff, ticket.id, ravi, 'en', t.clock.now))!;
    const greeting = detail.canned.find((c) => c.id === 'greeting')!;
    expect(greeting.text).toBe(t.tr('handoff.canned.greeting', lang));
    expect(greeting.text).not.toMatch(DOCTOR[lang]);
    await t.desk.reply(ticket.id, ravi, greeting.text);

    await t.desk.close(ticket.id, ravi, 'advice_given');
    const told = t.channels.webchat.take().map((m) => m.text);
    // Who joined, the greeting signed with the operator's name, the bot taking the chat back.
    expect(told[0]).toBe(t.tr('handoff.joined_operator', lang, { who: t.tr('handoff.signature.operator', lang, { name: 'Ravi Kumar' }) }));
    expect(told[0]).not.toContain('👩‍⚕️');
    expect(told.slice(2)).toEqual([t.tr('handoff.back_with_bot', lang), t.tr('handoff.ask.helpful', lang)]);
    for (const text of told) expect(text).not.toMatch(DOCTOR[lang]);
  });
});
