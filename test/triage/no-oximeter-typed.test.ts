/**
 * "I have no oximeter" as patients type it at the SpO2 question, in every language and script,
 * picks the skip (`triage.option.no_oximeter`, its typed forms in words.json `aliases`): it was
 * "please send a number" for the whole sentence, romanized ("mere paas oximeter nahi hai",
 * "amar oximeter nei"), while only "oximeter nahi hai" was read.
 */
import type { Language } from '../../src/engine/flow';
import { createTestCore, type TestCore } from '../support/core';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const languageWord: Record<Language, string> = { bn: 'bangla', hi: 'hindi', en: 'english' };

/** A patient at the SpO2 question in `lng`, with a cough and no fever (so no fever-days question). */
async function atSpo2(user: string, lng: Language): Promise<void> {
  await t.send(user, { kind: 'text', text: 'hello' });
  await t.send(user, { kind: 'text', text: languageWord[lng] });
  await t.send(user, { kind: 'choice', payload: 'yes' });
  await t.send(user, { kind: 'text', text: '1' });
  await t.send(user, { kind: 'choice', payload: 'no' });
  await t.send(user, { kind: 'text', text: 'cough' });
  const asked = await t.send(user, { kind: 'choice', payload: 'yes' });
  expect(asked.map((m) => m.text)).toContain(t.core.translator.t('triage.ask.spo2', lng));
}

const phrases = [
  'mere paas oximeter nahi hai',
  'mere pas oximeter nahi hai',
  "I don't have an oximeter",
  'i dont have an oximeter',
  'amar oximeter nei',
  'amar kache oximeter nei',
  'আমার অক্সিমিটার নেই',
  'मेरे पास ऑक्सीमीटर नहीं है',
  'oximeter nahi hai',
];

describe.each<Language>(['bn', 'hi', 'en'])('at the SpO2 question (%s)', (lng) => {
  it.each(phrases)('"%s" skips the reading', async (phrase) => {
    const user = `no-oximeter-${lng}-${phrase}`;
    await atSpo2(user, lng);
    const replies = await t.send(user, { kind: 'text', text: phrase });
    const texts = replies.map((m) => m.text);
    expect(texts).not.toContain(t.core.translator.t('common.invalid.number', lng));
    expect(texts).toContain(t.core.translator.t('triage.ask.respiratory_rate', lng));
  });
});
