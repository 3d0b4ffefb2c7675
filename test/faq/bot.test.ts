/**
 * The FAQ through the real router and store: an entry missing the patient's
 * language, an entry withdrawn between the offer and the pick, and an admin's
 * edit reaching the bot at the next message (drafts do not).
 */
import type { FaqContent } from '../../src/storage/repositories';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

// One core for the file (each test talks as its own patients and touches its own entries).
let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const zebra: FaqContent = {
  id: 'zebra-test',
  topics: ['test'],
  questions: { en: ['Do zebras catch the coronavirus?'] },
  answers: { en: 'Zebras are not known to catch it.' },
  source: 'test',
  reviewed: '2021-05-01',
};

const texts = (ms: Array<{ text: string }>) => ms.map((m) => m.text);
const choices = (ms: Array<{ choices?: Array<{ payload: string }> }>) => ms.at(-1)?.choices?.map((c) => c.payload);

/** A Bengali patient at the FAQ question. */
async function bengaliAtFaq(user: string): Promise<void> {
  await t.send(user, 'নমস্কার');
  await t.send(user, 'হ্যাঁ');
  const r = await t.send(user, { kind: 'choice', payload: 'faq' });
  expect(texts(r)).toEqual([t.core.translator.t('faq.ask', 'bn')]);
}

it('says when an entry has no answer in the patient language, offers the languages it has, and shows the one picked', async () => {
  await t.core.store.faq.save([{ content: zebra, publish: true, note: 'test' }], { actorId: null, at: t.clock.now });
  await bengaliAtFaq('u1');

  let r = await t.send('u1', 'zebras catch coronavirus');
  expect(r[0]?.text).toContain('Do zebras catch the coronavirus?');
  expect(r[0]?.text).toContain('বাংলা');
  expect(r[0]?.text).toContain('English');
  expect(r[1]?.text).toBe(t.core.translator.t('faq.ask_other_language', 'bn'));
  // Only English: neither the patient's Bengali nor Hindi, which the entry lacks too.
  expect(choices(r)).toEqual(['en', 'helplines', 'menu']);

  r = await t.send('u1', { kind: 'choice', payload: 'en' });
  expect(texts(r)).toEqual(['Zebras are not known to catch it.', t.core.translator.t('faq.ask_more', 'bn')]);
  const conv = await existingConversation(t.core.store, 'webchat', 'u1');
  expect(conv.session.lang).toBe('bn');
});

it('tells the patient when the entry picked was withdrawn after it was offered', async () => {
  await bengaliAtFaq('u2');
  const r = await t.send('u2', 'vaccine');
  expect(r[0]?.text).toContain('1. ');
  await t.core.store.faq.setPublished('vaccine-safety', null, t.clock.now);
  expect(texts(await t.send('u2', '১'))[0]).toBe(t.core.translator.t('faq.withdrawn', 'bn'));
});

it('answers with an edit from its next message once it is published, and not while it is a draft', async () => {
  const ask = async (user: string) => {
    await t.send(user, 'Hello');
    await t.send(user, 'English');
    await t.send(user, 'yes');
    await t.send(user, { kind: 'choice', payload: 'faq' });
    return texts(await t.send(user, 'How long should I isolate?'))[0];
  };
  const before = await ask('a');
  expect(before).toContain('at least 7 days');

  const record = (await t.core.store.faq.get('isolation-how-long'))!;
  const edited = { ...record.latest.content, answers: { ...record.latest.content.answers, en: 'Edited: isolate for the period your doctor gives you.' } };
  await t.core.store.faq.save([{ content: edited, publish: false, note: 'edit', baseVersion: record.latest.version }], { actorId: 'admin', at: t.clock.now });
  expect(await ask('b')).toBe(before);

  await t.core.store.faq.setPublished('isolation-how-long', record.latest.version + 1, t.clock.now);
  expect(await ask('c')).toBe('Edited: isolate for the period your doctor gives you.');
});
