/**
 * The FAQ's answers about distress (fear, loneliness, sadness, someone to talk to, being blamed
 * for having had covid: the `mental-health` entries) end with "talk to a counsellor"; the bot
 * now offers one, in the chat (flows/faq_answer.yaml → flows/handoff_counsellor.yaml), rather
 * than leaving the patient with the answer and the menu. Other answers are not followed by it.
 */
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

// Kolkata 15:30: every desk open.
const t = handoffTestPerTest(10);

const lonely: Record<Language, string> = { en: 'I feel lonely in isolation', bn: 'আইসোলেশনে খুব একা লাগছে', hi: 'आइसोलेशन में बहुत अकेलापन लग रहा है' };
const yes: Record<Language, string> = { en: 'yes', bn: 'হ্যাঁ', hi: 'हाँ' };
const no: Record<Language, string> = { en: 'no', bn: 'না', hi: 'नहीं' };

describe.each(['en', 'bn', 'hi'] as Language[])('in %s', (lang) => {
  it('offers a counsellor after an answer about distress; yes asks the counsellors to join', async () => {
    await t.toMenu('mira', lang, 'in_wb');
    await t.send('mira', { kind: 'choice', payload: 'faq' });
    const answered = await t.texts('mira', lonely[lang]);
    expect(answered.at(-1)).toBe(t.tr('faq.ask_counsellor', lang));
    expect(await t.tickets()).toHaveLength(0); // offered, not opened

    const said = await t.texts('mira', yes[lang]);
    expect(said[0]).toBe(t.tr('handoff.requested_counsellor', lang, { queue: t.tr('handoff.queue.counsellor', lang) }));
    expect(await t.onlyTicket()).toMatchObject({ queue: 'counsellor', reason: 'asked', state: 'waiting', language: lang });
  });

  it('goes on as after any answer on a no', async () => {
    await t.toMenu('mira', lang, 'in_wb');
    await t.send('mira', { kind: 'choice', payload: 'faq' });
    await t.send('mira', lonely[lang]);
    expect(await t.texts('mira', no[lang])).toEqual([t.tr('faq.ask_more', lang)]);
    expect(await t.tickets()).toHaveLength(0);
  });
});

it('does not follow an answer about something else', async () => {
  await t.toMenu('mira', 'en', 'in_wb');
  await t.send('mira', { kind: 'choice', payload: 'faq' });
  const answered = await t.texts('mira', 'How long should I isolate?');
  expect(answered.at(-1)).toBe(t.tr('faq.ask_more', 'en'));
  expect(answered).not.toContain(t.tr('faq.ask_counsellor', 'en'));
});

it('matches a new question typed instead of yes or no', async () => {
  await t.toMenu('mira', 'en', 'in_wb');
  await t.send('mira', { kind: 'choice', payload: 'faq' });
  await t.send('mira', lonely.en);
  const next = await t.texts('mira', 'How long should I isolate?');
  expect(next.at(-1)).toBe(t.tr('faq.ask_more', 'en'));
  expect(next.length).toBeGreaterThanOrEqual(2); // the answer, then "another question?"
  expect(await t.tickets()).toHaveLength(0);
});
