/**
 * A patient waiting in the queue (ticket open, no person yet) whose turn fails on our side (an
 * action throws: the engine says `common.error` and goes on from flows/handoff_fallback.yaml).
 * The fallback sent them to the menu: their ticket kept waiting, but what they wrote next was
 * read as a menu choice ("Please choose one of the options…"), not kept for the person with
 * their place in the queue. After an error they are back where they stand, told so, as asking
 * for a doctor again while waiting tells them.
 */
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

const DOCTOR: Record<Language, string> = { en: 'talk to a doctor', bn: 'ডাক্তার', hi: 'डॉक्टर' };
const LATER: Record<Language, string> = { en: 'my father has fever since 3 days', bn: 'বাবার ৩ দিন ধরে জ্বর', hi: 'pitaji ko 3 din se bukhar hai' };

describe.each(['en', 'bn', 'hi'] as const)('a turn that fails while the patient waits, in %s', (lang) => {
  // Kolkata 15:30: every desk open; nobody online, so no minutes are promised.
  const t = handoffTestPerTest(10);

  /** The hand-off service's status fails once, for the next message's turn only. */
  function statusFailsOnce() {
    const handoff = t.core.handoff;
    const status = handoff.status.bind(handoff);
    handoff.status = () => {
      handoff.status = status;
      throw new Error('the queue could not be read');
    };
  }

  it('says so, then where they stand in the queue; what they write next is kept for the person', async () => {
    await t.toMenu('u', lang, 'in_wb');
    await t.send('u', DOCTOR[lang]);
    const ticket = await t.onlyTicket();
    expect(ticket.state).toBe('waiting');

    statusFailsOnce();
    expect(await t.texts('u', 'hello?')).toEqual([
      t.tr('common.error', lang),
      t.tr('handoff.already_waiting', lang),
      t.tr('handoff.ask.waiting_unstaffed', lang, { position: 1 }),
    ]);
    // Still the one ticket, still waiting: no menu, no second request.
    expect(await t.onlyTicket()).toMatchObject({ id: ticket.id, state: 'waiting' });

    // Answered as a waiting patient's message, not as a menu choice.
    expect(await t.texts('u', LATER[lang])).toEqual([t.tr('handoff.ask.waiting_brief', lang, { position: 1 })]);
    const log = await t.core.store.messages.list(ticket.conversationId);
    expect(log.some((m) => m.direction === 'in' && m.content.kind === 'text' && m.content.text === LATER[lang])).toBe(true);
  });

  it('with the desk closed, tells them they still wait for it to open: not the menu', async () => {
    await t.toMenu('u', lang, 'in_wb');
    t.at(20); // Kolkata 01:30: the doctors' desk is closed.
    await t.send('u', DOCTOR[lang]);
    expect((await t.onlyTicket()).state).toBe('waiting');

    statusFailsOnce();
    const said = await t.texts('u', 'hello?');
    expect(said[0]).toBe(t.tr('common.error', lang));
    expect(said[1]).toBe(t.tr('handoff.already_waiting', lang));
    expect(said.at(-1)).toBe(t.tr('handoff.ask.waiting_closed', lang));
    expect(said).not.toContain(t.tr('menu.ask', lang));
  });
});
