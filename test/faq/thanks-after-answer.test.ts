/**
 * Thanks at the FAQ's "another question?" ("thanks", "ধন্যবাদ", "dhanyavad": words.json
 * `courtesy`) is a polite end — "you're welcome" and the menu, as the menu itself answers it —
 * not a new question that gets the FAQ's "no answer yet".
 */
import type { Language } from '../../src/engine/flow';
import type { OutboundMessage } from '../../src/router/message';
import { createTestCore, type TestCore } from '../support/core';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const texts = (ms: OutboundMessage[]) => ms.map((m) => m.text);
const tr = (key: string, lang: Language) => t.core.translator.t(key, lang);

const TO_FAQ: Record<Language, string[]> = {
  en: ['Hello', 'English', 'yes'],
  bn: ['নমস্কার', 'হ্যাঁ'],
  hi: ['नमस्ते', 'हाँ'],
};
const ISOLATION: Record<Language, string> = {
  en: 'How long should I isolate?',
  bn: 'koto din isolation e thakte hobe',
  hi: 'कितने दिन आइसोलेशन में रहना है',
};

async function answered(user: string, lang: Language): Promise<void> {
  for (const m of TO_FAQ[lang]) await t.send(user, m);
  await t.send(user, { kind: 'choice', payload: 'faq' });
  const r = await t.send(user, ISOLATION[lang]);
  expect(r.at(-1)?.text).toBe(tr('faq.ask_more', lang));
}

it.each([
  ['en', 'thanks'],
  ['en', 'Thank you!'],
  ['bn', 'ধন্যবাদ'],
  ['bn', 'dhonnobad'],
  ['hi', 'dhanyavad'],
  ['hi', 'धन्यवाद'],
] as const)('a %s patient who says "%s" after an answer is wished well and gets the menu', async (lang, thanks) => {
  const user = `thanks-${lang}-${thanks}`;
  await answered(user, lang);
  expect(texts(await t.send(user, thanks))).toEqual([tr('menu.courtesy', lang), tr('menu.ask', lang)]);
});

it('"thanks" at "in other words?" (nothing fitted) is a polite end too', async () => {
  for (const m of TO_FAQ.en) await t.send('nomatch', m);
  await t.send('nomatch', { kind: 'choice', payload: 'faq' });
  expect((await t.send('nomatch', 'xyzzy plover')).at(-1)?.text).toBe(tr('faq.ask_no_match', 'en'));
  expect(texts(await t.send('nomatch', 'thank you'))).toEqual([tr('menu.courtesy', 'en'), tr('menu.ask', 'en')]);
});

it('a question after an answer is still a question', async () => {
  await answered('again', 'en');
  const r = await t.send('again', 'Should I wear a mask?');
  expect(r.at(-1)?.text).toBe(tr('faq.ask_more', 'en'));
  expect(r[0]?.text).not.toBe(tr('menu.courtesy', 'en'));
});
