/**
 * At the numbered "did you mean" list, a number that is none of the list's ("7" when three are
 * listed) is said to be so and the list is asked again, in the patient's language: it was
 * matched as a question and got the FAQ's "no answer yet". The third such number in a row is an
 * unclear answer run out, as at any question: "Sorry, I did not understand" and the menu.
 */
import type { Language } from '../../src/engine/flow';
import type { OutboundMessage } from '../../src/router/message';
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const texts = (ms: OutboundMessage[]) => ms.map((m) => m.text);
const tr = (key: string, lang: Language, params?: Record<string, string | number>) => t.core.translator.t(key, lang, params);
const faqVars = async (user: string) => (await existingConversation(t.core.store, 'webchat', user)).session.vars.faq as Record<string, unknown>;

const TO_FAQ: Record<Language, string[]> = {
  en: ['Hello', 'English', 'yes'],
  bn: ['নমস্কার', 'হ্যাঁ'],
  hi: ['नमस्ते', 'हाँ'],
};

/** At the FAQ's list for "vaccine" (three entries): returns the list as shown. */
async function atList(user: string, lang: Language): Promise<string> {
  for (const m of TO_FAQ[lang]) await t.send(user, m);
  await t.send(user, { kind: 'choice', payload: 'faq' });
  await t.send(user, 'vaccine');
  const list = (await faqVars(user)).list as string;
  expect(list.split('\n')).toHaveLength(3);
  return list;
}

it.each([
  ['en', '7'],
  ['bn', '৭'],
  ['hi', '७'],
] as const)('a %s patient who sends %s is told it is not in the list, and shown the list again', async (lang, seven) => {
  const user = `seven-${lang}`;
  const list = await atList(user, lang);
  expect(texts(await t.send(user, seven))).toEqual([tr('faq.not_in_list', lang, { number: seven, last: 3 }), tr('faq.ask_pick', lang, { list })]);
  expect(tr('faq.not_in_list', lang, { number: seven, last: 3 })).toContain(seven);

  // A number of the list still picks.
  const r = await t.send(user, '2');
  expect(r.at(-1)?.text).toBe(tr('faq.ask_more', lang));
  expect(await faqVars(user)).toMatchObject({ outcome: 'answered' });
});

it('a question typed after a wrong number is matched as before', async () => {
  await atList('retype', 'en');
  await t.send('retype', '0');
  const r = await t.send('retype', 'How long should I isolate?');
  expect(r[0]?.text).toContain('at least 7 days');
  expect(r.at(-1)?.text).toBe(tr('faq.ask_more', 'en'));
});

it('the third wrong number in a row is not understood: back to the menu, as at any question', async () => {
  const list = await atList('lost', 'en');
  const again = (n: string) => [tr('faq.not_in_list', 'en', { number: n, last: 3 }), tr('faq.ask_pick', 'en', { list })];
  expect(texts(await t.send('lost', '7'))).toEqual(again('7'));
  expect(texts(await t.send('lost', '4'))).toEqual(again('4'));
  expect(texts(await t.send('lost', '9'))).toEqual([tr('common.not_understood', 'en'), tr('menu.ask', 'en')]);
  const conv = await existingConversation(t.core.store, 'webchat', 'lost');
  expect(conv.session.stack.map((f) => `${f.flow}:${f.state}`)).toEqual(['main_menu:menu']);
});

it('a new list starts the count again', async () => {
  await atList('count', 'en');
  await t.send('count', '7');
  await t.send('count', '8');
  // In other words: a new list, and two more wrong numbers are asked again.
  await t.send('count', 'vaccine');
  expect(await faqVars('count')).toMatchObject({ outcome: 'choose', misses: 0 });
  expect(texts(await t.send('count', '7'))[0]).toBe(tr('faq.not_in_list', 'en', { number: '7', last: 3 }));
  expect(texts(await t.send('count', '8'))[0]).toBe(tr('faq.not_in_list', 'en', { number: '8', last: 3 }));
});
