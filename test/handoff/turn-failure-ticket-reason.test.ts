/**
 * A hand-off opened because turns failed on our side (an action threw: `common.error`, then
 * flows/handoff_fallback.yaml, the second time within the window a person) was filed as
 * `not_understood`, and the console told the person "The bot could not understand" of a
 * patient who wrote nothing unclear. It has a reason of its own, `bot_error` ("Something went
 * wrong in the bot"), named in every language of the console; unclear answers stay
 * `not_understood`, and every driver keeps the new reason beside the old ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../src/engine/flow';
import { operatorQueue, ticketDetail } from '../../src/handoff/queue-view';
import { handoffTestPerTest } from './support';
import { everyStore } from '../support/every-store';
import { openTicket, TICKET_T0 } from '../support/stored-tickets';

const QUESTION: Record<Language, string> = {
  en: 'should children wear masks?',
  bn: 'বাচ্চাদের কি মাস্ক পরা উচিত?',
  hi: 'bacchon ko mask pehnna chahiye kya?',
};
const UNCLEAR = ['xqzv', 'qwrtp', 'zzkv'];

describe.each(['en', 'bn', 'hi'] as const)('the ticket of a hand-off after failures, in %s', (lang) => {
  // Kolkata 15:30: every desk open.
  const t = handoffTestPerTest(10);
  const failing = () => {
    throw new Error('the FAQ index is gone');
  };

  it('is filed as `bot_error`, and listed so for the person who takes it', async () => {
    await t.toMenu('u', lang, 'in_wb');
    t.core.faq.match = failing;
    await t.send('u', QUESTION[lang]);
    const said = await t.texts('u', QUESTION[lang]);
    expect(said[0]).toBe(t.tr('common.error', lang));
    expect(said[1]).toBe(t.tr('handoff.requested_not_understood', lang, { queue: t.tr('handoff.queue.general', lang) }));

    const ticket = await t.onlyTicket();
    expect(ticket).toMatchObject({ queue: 'general', reason: 'bot_error', state: 'waiting', language: lang });
    const helpdesk = await t.account('rani', { roles: ['operator'], queues: ['general'] });
    const view = await operatorQueue(t.core.handoff, helpdesk, t.clock.now);
    expect(view.tickets.map((i) => [i.id, i.reason])).toEqual([[ticket.id, 'bot_error']]);
    await expect(ticketDetail(t.core.handoff, ticket.id, helpdesk, lang, t.clock.now)).resolves.toMatchObject({ ticket: { reason: 'bot_error' } });
  });

  it('names what happened in the turn that hands over: unclear answers first, then a failure, is `bot_error`', async () => {
    await t.toMenu('u', lang, 'in_wb');
    for (const n of UNCLEAR) await t.send('u', n);
    t.core.faq.match = failing;
    await t.send('u', QUESTION[lang]);
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'bot_error' });
  });

  it('stays `not_understood` when the bot could not understand, with no failure', async () => {
    await t.toMenu('u', lang, 'in_wb');
    for (const n of [...UNCLEAR, ...UNCLEAR]) await t.send('u', n);
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'not_understood' });
  });
});

describe('the console', () => {
  const strings = (lng: string) => JSON.parse(readFileSync(join(__dirname, '../../locales', lng, 'console.json'), 'utf8'));
  it.each([...LANGUAGES])('names a `bot_error` ticket in %s, apart from one the bot could not understand', (lng) => {
    const reason = strings(lng).handoff.reason;
    expect(reason.bot_error).toEqual(expect.any(String));
    expect(reason.bot_error).not.toBe(reason.not_understood);
  });
});

describe.each(everyStore(() => TICKET_T0))('the %s driver', (_name, open) => {
  it('keeps a `bot_error` ticket, and the old reasons beside it', async () => {
    const store = await open();
    try {
      const failed = await openTicket(store, 'a', { reason: 'bot_error' });
      const unclear = await openTicket(store, 'b', { reason: 'not_understood' });
      await openTicket(store, 'c', { reason: 'asked' });
      await expect(store.tickets.get(failed.id)).resolves.toStrictEqual(failed);
      await expect(store.tickets.get(unclear.id)).resolves.toStrictEqual(unclear);
      expect((await store.tickets.list({ states: ['waiting'] })).map((x) => x.reason).sort()).toEqual(['asked', 'bot_error', 'not_understood']);
    } finally {
      await store.close();
    }
  });
});
