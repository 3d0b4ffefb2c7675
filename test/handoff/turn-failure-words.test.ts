/**
 * What a patient reads when a turn fails (an action throws: the engine says `common.error` and
 * goes on from the fallback flow, flows/handoff_fallback.yaml), step by step, in every language.
 * The first failure is followed by the menu; the second within the window by a person (the
 * general helpdesk) instead; a failure on the way to a person may be followed by nothing at all.
 * The error's words said "Let's start again from the menu" in all three cases: they now say only
 * that something went wrong, once, and what comes next says where the patient is.
 */
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

const QUESTION: Record<Language, string> = {
  en: 'should children wear masks?',
  bn: 'বাচ্চাদের কি মাস্ক পরা উচিত?',
  hi: 'क्या बच्चों को मास्क पहनना चाहिए?',
};

/** The error as the patient reads it: said once, promising nothing that may not follow. */
const ERROR: Record<Language, string> = {
  en: 'Sorry, something went wrong on our side.',
  bn: 'দুঃখিত, আমাদের দিক থেকে একটা সমস্যা হয়েছে।',
  hi: 'माफ़ कीजिए, हमारी तरफ़ से कुछ गड़बड़ हो गई।',
};

describe.each(['en', 'bn', 'hi'] as const)('a turn that fails, in %s', (lang) => {
  // Kolkata 15:30: every desk open.
  const t = handoffTestPerTest(10);
  const failing = () => {
    throw new Error('the FAQ index is gone');
  };

  it('says so, then the menu; the second time, a person: no menu promised that does not come', async () => {
    await t.toMenu('u', lang, 'in_wb');
    t.core.faq.match = failing;

    expect(await t.texts('u', QUESTION[lang])).toEqual([ERROR[lang], t.tr('menu.ask', lang)]);
    expect(await t.tickets()).toHaveLength(0);

    const helpdesk = t.tr('handoff.queue.general', lang);
    expect(await t.texts('u', QUESTION[lang])).toEqual([
      ERROR[lang],
      t.tr('handoff.requested_not_understood', lang, { queue: helpdesk }),
      t.tr('handoff.ask.waiting_unstaffed', lang, { position: 1 }),
    ]);
    // Filed as what it was: the bot failed, not the patient's words (turn-hooks.ts `requestReason`).
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'bot_error', state: 'waiting' });
  });

  it('says only that when the way to a person fails too, and the next message is answered from the menu', async () => {
    await t.toMenu('u', lang, 'in_wb');
    t.core.handoff.preview = failing;
    const doctor = { en: 'talk to a doctor', bn: 'ডাক্তার', hi: 'डॉक्टर' }[lang];

    expect(await t.texts('u', doctor)).toEqual([ERROR[lang], t.tr('menu.ask', lang)]);
    // The fallback sends the patient to a person, whose request fails again: nothing follows the error.
    expect(await t.texts('u', doctor)).toEqual([ERROR[lang]]);
    expect(await t.tickets()).toHaveLength(0);
    // Left with no question: what they write next starts from the menu.
    expect(await t.texts('u', 'hello')).toEqual([t.tr('menu.ask', lang)]);
  });
});
