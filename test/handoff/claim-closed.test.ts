/**
 * Taking a chat that is already closed is refused as closed, never as "taken by" whoever closed
 * it: the console (screens/handoff.js, claimError) says "<assigneeName> took this patient first"
 * whenever the refusal names someone, so a closed ticket's refusal names nobody.
 */
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10);
});
afterEach(async () => {
  await t.close();
});

it('refuses to take a closed chat as closed, naming nobody; a chat a colleague has is still "taken" by them', async () => {
  await t.toMenu('asha', 'en', 'in_wb');
  await t.send('asha', 'doctor');
  const ticket = await t.onlyTicket();
  const ravi = await t.account('ravi', { roles: ['operator'], displayName: 'Ravi Kumar' });
  const mina = await t.account('mina', { roles: ['operator'], displayName: 'Mina Das' });
  await t.desk.claim(ticket.id, ravi);

  // With a colleague: who has it.
  await expect(t.desk.claim(ticket.id, mina)).rejects.toMatchObject({
    code: 'conflict', message: 'Ravi Kumar took this patient first.', details: { reason: 'taken', state: 'assigned', assigneeId: 'ravi', assigneeName: 'Ravi Kumar' },
  });

  // Closed: said to be closed, and nobody is named as having it.
  await t.desk.close(ticket.id, ravi, 'advice_given');
  await expect(t.desk.claim(ticket.id, mina)).rejects.toMatchObject({
    code: 'conflict', message: 'This chat is closed.', details: { reason: 'taken', state: 'closed', assigneeId: null, assigneeName: null },
  });
  // Also for the one who closed it.
  await expect(t.desk.claim(ticket.id, ravi)).rejects.toMatchObject({ details: { state: 'closed', assigneeName: null } });
});
