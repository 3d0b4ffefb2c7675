/**
 * "cancel" while a person has the chat (flows/handoff_cancel.yaml): it ended the chat at once,
 * so a patient who wrote "cancel" to the doctor about something else lost the doctor. Now the
 * first "cancel" asks whether to end it, and only the word written again ends it; anything else
 * still goes to the person. A message that only contains the word ("cancel my appointment",
 * "stop the medicine?") was already passed to the person, and still is.
 */
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

// Kolkata 15:30: every desk open.
const t = handoffTestPerTest(10);

const doctorWord: Record<Language, string> = { en: 'doctor', bn: 'ডাক্তার', hi: 'डॉक्टर' };
const cancel: Record<Language, string> = { en: 'cancel', bn: 'বাতিল', hi: 'रद्द' };

describe.each(['en', 'bn', 'hi'] as Language[])('with a doctor in the chat, in %s', (lang) => {
  it('asks before ending the chat; the word again ends it', async () => {
    await t.toMenu('asha', lang, 'in_wb');
    const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
    const ticket = await t.personTakes('asha', doctorWord[lang], doctor);
    t.channels.webchat.take();

    expect(await t.texts('asha', cancel[lang])).toEqual([t.tr('handoff.ask.end_chat_doctor', lang)]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned', assigneeId: 'meera' });
    // The doctor still has the chat: they can write, and what the patient writes goes to them.
    await t.desk.reply(ticket.id, doctor, 'Which appointment?');
    expect(t.channels.webchat.take()).toHaveLength(1);
    expect(await t.texts('asha', 'the test tomorrow')).toEqual([]);

    expect(await t.texts('asha', cancel[lang])).toEqual([t.tr('handoff.left_person', lang), t.tr('menu.ask', lang)]);
    await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient' });
  });
});

it('names no doctor to the patient of an operator', async () => {
  await t.toMenu('ravi', 'hi', 'in_wb');
  const op = await t.account('anil', { roles: ['operator'], displayName: 'Anil' });
  const ticket = await t.personTakes('ravi', 'डॉक्टर', op);
  t.channels.webchat.take();
  const said = await t.texts('ravi', 'रद्द करो');
  expect(said).toEqual([t.tr('handoff.ask.end_chat_person', 'hi')]);
  expect(said[0]).not.toMatch(/डॉक्टर/);
  await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned' });
});

it('passes a sentence with the word in it to the doctor, and ends nothing', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
  const ticket = await t.personTakes('asha', 'doctor', doctor);
  t.channels.webchat.take();
  for (const text of ['cancel my appointment', 'should I stop the medicine?', 'please cancel the test']) expect(await t.texts('asha', text)).toEqual([]);
  await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned' });
});

it('asks again when the second word comes long after the first', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
  const ticket = await t.personTakes('asha', 'doctor', doctor);
  t.channels.webchat.take();
  await t.send('asha', 'cancel');
  t.at(11); // an hour later
  expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.ask.end_chat_doctor', 'en')]);
  await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'assigned' });
  expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.left_person', 'en'), t.tr('menu.ask', 'en')]);
});

it('after the question, a doctor who closes the chat gets the patient the feedback question, as before', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
  const ticket = await t.personTakes('asha', 'doctor', doctor);
  await t.send('asha', 'cancel');
  t.channels.webchat.take();
  await t.desk.close(ticket.id, doctor, 'advice_given');
  expect(t.channels.webchat.take().map((m) => m.text)).toEqual([t.tr('handoff.back_with_bot', 'en'), t.tr('handoff.ask.helpful', 'en')]);
  expect(await t.texts('asha', '5')).toEqual([t.tr('handoff.thanks', 'en'), t.tr('menu.ask', 'en')]);
});

it('still leaves the queue at once when nobody has the chat yet', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  await t.send('asha', 'doctor');
  const ticket = await t.onlyTicket();
  expect(await t.texts('asha', 'cancel')).toEqual([t.tr('handoff.left_queue', 'en'), t.tr('menu.ask', 'en')]);
  await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient' });
});

it('handed back to the queue after the question, the next message is kept for the queue, not read as an answer', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  const doctor = await t.account('meera', { displayName: 'Dr Meera Sen', registration: 'WBMC 61234' });
  const ticket = await t.personTakes('asha', 'doctor', doctor);
  await t.send('asha', 'cancel');
  await t.desk.release(ticket.id, doctor);
  t.channels.webchat.take();
  const said = await t.texts('asha', 'is anyone there?');
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(/number 1 in the queue/);
  await expect(t.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'waiting' });
});
