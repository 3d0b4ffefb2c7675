/**
 * An entry without an answer in the patient's language offers the languages it has, and only
 * those: the offer listed Bengali, Hindi and English whatever the entry had, so a patient could
 * press a language the answer lacks too (and was told again that it is missing). Through the
 * real router and the shipped flows, for every patient language and every set of languages
 * an entry may have without it.
 */
import type { Language } from '../../src/engine/flow';
import type { OutboundMessage } from '../../src/router/message';
import type { FaqContent } from '../../src/storage/repositories';
import { createTestCore, type TestCore } from '../support/core';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const choices = (ms: OutboundMessage[]) => ms.at(-1)?.choices?.map((c) => c.payload);

/** To the FAQ's question, in the patient's language. */
const TO_FAQ: Record<Language, string[]> = {
  en: ['Hello', 'English', 'yes'],
  bn: ['নমস্কার', 'হ্যাঁ'],
  hi: ['नमस्ते', 'हाँ'],
};

/** An entry answered in `has` only; asked in all three languages (each question its own words). */
function parrotEntry(id: string, has: Language[]): FaqContent {
  return {
    id,
    topics: ['test'],
    questions: { en: [`Can my parrot ${id} catch covid?`], bn: [`আমার টিয়া ${id} কি করোনা পেতে পারে?`], hi: [`क्या मेरे तोते ${id} को कोरोना हो सकता है?`] },
    answers: Object.fromEntries(has.map((l) => [l, `Parrot answer in ${l}.`])),
    source: 'test',
    reviewed: '2021-05-01',
  };
}

const cases: Array<[Language, Language[]]> = [
  ['bn', ['en']],
  ['bn', ['hi']],
  ['bn', ['hi', 'en']],
  ['hi', ['bn']],
  ['hi', ['en']],
  ['hi', ['bn', 'en']],
  ['en', ['bn']],
  ['en', ['hi']],
  ['en', ['bn', 'hi']],
];

it.each(cases)('a %s patient is offered %j, then helplines and the menu, and gets the one picked', async (lang, has) => {
  const id = `parrot-${lang}-${has.join('-')}`;
  await t.core.store.faq.save([{ content: parrotEntry(id, has), publish: true, note: 'test' }], { actorId: null, at: t.clock.now });
  const user = `u-${id}`;
  for (const m of TO_FAQ[lang]) await t.send(user, m);
  expect((await t.send(user, { kind: 'choice', payload: 'faq' })).map((m) => m.text)).toEqual([t.core.translator.t('faq.ask', lang)]);

  let r = await t.send(user, parrotEntry(id, has).questions[lang]![0]!);
  expect(r.at(-1)?.text).toBe(t.core.translator.t('faq.ask_other_language', lang));
  expect(choices(r)).toEqual([...has, 'helplines', 'menu']);

  r = await t.send(user, { kind: 'choice', payload: has.at(-1)! });
  expect(r.map((m) => m.text)).toEqual([`Parrot answer in ${has.at(-1)}.`, t.core.translator.t('faq.ask_more', lang)]);
});
