/**
 * The desk a patient reaches, and the numbers they are told while it is closed, when they
 * never chose a region but shared a location (a WhatsApp or Telegram location pin, here in
 * the bed search): the location's country stands in for the region they did not choose,
 * never for one they did. Through the real router, engine, flows and a SQLite file.
 *
 * 1 May 2021 was a Saturday. Riyadh is UTC+3, Kolkata UTC+5:30; the doctors' desks open
 * 09:00–21:00 local time, the general desk 08:00–22:00 India time.
 */
import type { Session } from '../../src/engine/session';
import { queueFor, regionOf } from '../../src/handoff/routing';
import { loadConfig } from '../../src/config';
import { createHandoffTest, type HandoffTest } from './support';
import { getPath } from '../../src/engine/paths';
import { existingConversation } from '../support/conversation';

const RIYADH = { lat: 24.7136, lng: 46.6753 };
const DHAKA = { lat: 23.8103, lng: 90.4125 };
const KOLKATA = { lat: 22.5726, lng: 88.3639 };
const BAY_OF_BENGAL = { lat: 20.5, lng: 88.5 };
const BENAPOLE = { lat: 23.043, lng: 88.9 };
const PETRAPOLE = { lat: 23.035, lng: 88.862 };
const NOW = Date.UTC(2021, 4, 1, 17);

describe('the queue a shared location chooses (routing)', () => {
  const config = loadConfig({}).handoff;
  const session = (vars: Record<string, unknown>): Session => ({ vars }) as unknown as Session;
  const doctorsFor = (point: { lat: number; lng: number }, profile: Record<string, unknown> = {}) =>
    queueFor(config, 'doctor', regionOf(session({ profile, beds: { target: { by: 'location', ...point }, location_at: NOW } }), NOW)).id;

  it('sends a patient located in Saudi Arabia or Bangladesh to Probash Bondhu, in India or at sea to the default desk', () => {
    expect(doctorsFor(RIYADH)).toBe('probash-doctor');
    expect(doctorsFor(DHAKA)).toBe('probash-doctor');
    expect(doctorsFor(BENAPOLE)).toBe('probash-doctor');
    expect(doctorsFor(PETRAPOLE)).toBe('kolkata-doctor');
    expect(doctorsFor(KOLKATA)).toBe('kolkata-doctor');
    expect(doctorsFor(BAY_OF_BENGAL)).toBe('kolkata-doctor');
  });

  it('never overrides the region the patient chose', () => {
    expect(doctorsFor(RIYADH, { region: 'in_wb' })).toBe('kolkata-doctor');
    expect(doctorsFor(KOLKATA, { region: 'sa' })).toBe('probash-doctor');
    expect(regionOf(session({ profile: { region: 'in_ct' }, beds: { location: DHAKA, location_at: NOW } }), NOW)).toBe('in_ct');
  });

  it('does not route by a location shared long ago (or with no time stored): the default desk, as for a patient not located', () => {
    expect(queueFor(config, 'doctor', regionOf(session({ beds: { location: RIYADH, location_at: NOW - 24 * 3_600_000 } }), NOW)).id).toBe('kolkata-doctor');
    expect(queueFor(config, 'doctor', regionOf(session({ beds: { location: RIYADH } }), NOW)).id).toBe('kolkata-doctor');
  });
});

describe('on a running core', () => {
  let t: HandoffTest;
  beforeEach(async () => {
    t = await createHandoffTest();
  });
  afterEach(async () => {
    await t.close();
  });


  /**
   * From the main menu: a bed search by a shared location, any kind, and back to the menu. Where
   * the bed data has nothing (Riyadh: another country), the search says so at once and offers the
   * helplines, another place or the menu: the menu.
   */
  async function shareLocation(user: string, point: { lat: number; lng: number }) {
    await t.send(user, { kind: 'choice', payload: 'beds' });
    await t.send(user, { kind: 'location', ...point });
    const conv = await existingConversation(t.core.store, 'webchat', user);
    if (getPath(conv.session, 'beds.no_data') !== true) await t.send(user, { kind: 'choice', payload: 'any' });
    await t.send(user, { kind: 'choice', payload: 'done' });
  }

  it('flags the emergency of a worker in Riyadh who shared a location for the Probash Bondhu desk, not the default Kolkata one', async () => {
    t.at(17); // Riyadh 20:00 (Probash open), Kolkata 22:30 (closed)
    await t.toMenu('rafiq', 'bn');
    await shareLocation('rafiq', RIYADH);
    const advice = await t.texts('rafiq', 'শ্বাস নিতে পারছি না');
    expect(advice.join('\n')).toContain('997');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'probash-doctor', emergency: true, priority: 4, reason: 'emergency' });
    // Asking for a doctor after the advice joins that ticket, on the Probash desk, open now.
    expect(await t.texts('rafiq', 'ডাক্তার')).toEqual([t.tr('handoff.already_waiting', 'bn'), t.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 })]);
    expect(await t.tickets()).toHaveLength(1);
  });

  it('tells a patient located in Riyadh, whose desk is closed, Saudi Arabia\'s numbers on their own clock, not every country\'s', async () => {
    t.at(17); // Kolkata 22:30: the general desk (08:00–22:00 India) is closed
    await t.toMenu('jamal', 'en');
    await shareLocation('jamal', RIYADH);
    const said: string[] = [];
    // Not understood twice: no region question (the general queue has no regions), the closed desk, then the numbers.
    for (const n of ['purple', 'monkey', 'dishwasher', 'purple', 'monkey', 'dishwasher']) said.push(...(await t.texts('jamal', n)));
    expect(said).toContain(t.tr('handoff.requested_not_understood', 'en', { queue: t.tr('handoff.queue.general', 'en') }));
    // 08:00 in Kolkata is 05:30 in Riyadh.
    expect(said).toContainEqual(expect.stringContaining('It opens tomorrow at 05:30 (your time)'));
    const numbers = said.find((x) => x.startsWith('Until then'))!;
    expect(numbers).toContain('🚑 Ambulance: 997');
    expect(numbers).toContain('937');
    expect(numbers).not.toContain('108');
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'not_understood' });
  });

  it('keeps the region a patient chose: West Bengal chosen, a location in Riyadh shared, an emergency goes to Kolkata', async () => {
    t.at(17);
    await t.toMenu('mou', 'en', 'in_wb');
    await shareLocation('mou', RIYADH);
    await t.send('mou', "I can't breathe");
    expect(await t.onlyTicket()).toMatchObject({ queue: 'kolkata-doctor', emergency: true });
  });

  it('leaves a patient located in India, or at sea, to the default desk as before', async () => {
    t.at(17);
    await t.toMenu('a', 'en');
    await shareLocation('a', KOLKATA);
    await t.send('a', "I can't breathe");
    await t.toMenu('b', 'en');
    await shareLocation('b', BAY_OF_BENGAL);
    await t.send('b', "I can't breathe");
    expect((await t.tickets()).map((x) => x.queue)).toEqual(['kolkata-doctor', 'kolkata-doctor']);
  });
});
