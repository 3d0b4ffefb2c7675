/**
 * The console's canned reply "call an ambulance" (handoff.canned.call_ambulance), sent by a person
 * who judges an emergency, named India's, Bangladesh's and Saudi Arabia's numbers: a worker in
 * Kuwait was told "108 in India, 999 in Bangladesh, 997 in Saudi Arabia". The console now fills the
 * reply's `{{numbers}}` with the patient's region's (config/helplines.yaml; src/handoff/queue-view.ts),
 * as the emergency advice gives them; while the region is not known, every served country's.
 */
import { ticketDetail } from '../../src/handoff/queue-view';
import { existingConversation } from '../support/conversation';
import { createHandoffTest, type HandoffTest } from '../handoff/support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10);
});
afterEach(() => t.close());

/** The patient of `region` asks for a doctor, who claims the ticket; the canned reply as the console offers it, sent. */
async function cannedAmbulance(user: string, lang: 'en' | 'bn' | 'hi', region: string): Promise<string> {
  await t.toMenu(user, lang, region);
  await t.send(user, 'doctor');
  const conv = await existingConversation(t.core.store, 'webchat', user);
  const ticket = (await t.core.store.tickets.openFor(conv.id))!;
  const doctor = await t.account(`dr-${user}`);
  await t.desk.claim(ticket.id, doctor);
  const detail = await ticketDetail(t.core.handoff, ticket.id, doctor, 'en', t.clock.now);
  const canned = detail!.canned.find((c) => c.id === 'call_ambulance')!.text;
  await t.desk.reply(ticket.id, doctor, canned);
  return canned;
}

it.each([
  ['en', 'kw'],
  ['bn', 'ae'],
  ['hi', 'om'],
  ['en', 'in_wb'],
  ['bn', 'bd'],
] as const)('in %s, for a patient of region %s: their own ambulance number, no other country\'s', async (lang, region) => {
  const canned = await cannedAmbulance(`p-${lang}-${region}`, lang, region);
  expect(canned).not.toContain('{{');
  const own = t.core.config.helplines.regions[region]!;
  expect(canned).toContain(own.ambulance);
  const others = Object.entries(t.core.config.helplines.regions)
    .filter(([r, lines]) => r !== region && lines.ambulance !== own.ambulance && lines.ambulance !== own.emergency)
    .map(([, lines]) => lines.ambulance);
  for (const n of others) expect(canned).not.toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
});
