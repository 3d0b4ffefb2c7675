/**
 * Typed answers to choice questions, through the real router and shipped flows: a
 * greeting at the language question is no language, and one word of a label in the
 * patient's own script answers the COVID-test, bed-kind and check-in-time questions.
 */
import type { Language } from '../../src/engine/flow';
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

let tc: TestCore;
beforeEach(async () => {
  tc = await createTestCore();
});
afterEach(async () => {
  await tc.close();
});

const run = async (user: string, msgs: string[]) => {
  let last: string[] = [];
  for (const m of msgs) last = (await tc.send(user, m)).map((o) => o.text);
  return last;
};
const sessionOf = async (user: string) => (await existingConversation(tc.core.store, 'webchat', user)).session;
const t = (key: string, lng: Language) => tc.core.translator.t(key, lng);

/** Bengali: consent, the symptom check with no symptoms, SpO2 96, age 40, up to the COVID-test question. */
const BN_TO_TEST = ['নমস্কার', 'হ্যাঁ', '1', 'না', '0', 'হ্যাঁ', '৯৬', '৪০', 'না', '০'];

describe('"Hi" at a language question is no language', () => {
  it('the welcome question: "hello" then "Hi" asks again, in English', async () => {
    const r = await run('w1', ['hello', 'Hi']);
    expect((await sessionOf('w1')).lang).toBe('en');
    expect(r).toEqual([t('common.invalid.choice', 'en'), t('welcome.ask.language', 'en')]);
  });

  it('the language question from the menu keeps Bengali', async () => {
    await run('w2', ['নমস্কার', 'হ্যাঁ', 'ভাষা']);
    const r = await run('w2', ['Hi']);
    expect((await sessionOf('w2')).lang).toBe('bn');
    expect(r[0]).toBe(t('common.invalid.choice', 'bn'));
  });

  it('the Hindi button still picks Hindi (Telegram sends its payload)', async () => {
    await tc.send('w3', 'hello', { channel: 'telegram' });
    await tc.send('w3', { kind: 'choice', payload: 'hi', text: 'हिन्दी' }, { channel: 'telegram' });
    expect((await existingConversation(tc.core.store, 'telegram', 'w3')).session.lang).toBe('hi');
  });
});

describe('one word of a label answers a choice question', () => {
  it.each([
    ['পজিটিভ', 'positive'],
    ['নেগেটিভ', 'negative'],
    ['না', 'not_tested'],
  ])('COVID test, Bengali: %s', async (word, value) => {
    await run('t1', BN_TO_TEST);
    const r = await run('t1', [word]);
    expect(r[0]).not.toBe(t('common.invalid.choice', 'bn'));
    expect((await sessionOf('t1')).vars).toMatchObject({ triage: { q: { test_result: value } } });
  });

  it('COVID test, Bengali: "হ্যাঁ" (in two labels) is asked again, not guessed', async () => {
    await run('t2', BN_TO_TEST);
    const r = await run('t2', ['হ্যাঁ']);
    expect(r[0]).toBe(t('common.invalid.choice', 'bn'));
    expect(r[1]).toBe(t('triage.ask.test', 'bn'));
  });

  it.each([
    ['অক্সিজেন', 'bn', ['নমস্কার', 'হ্যাঁ', '২', '১', 'কলকাতায়'], 'oxygen'],
    ['ऑक्सीजन', 'hi', ['नमस्ते', 'हाँ', '२', '१', 'कोलकाता'], 'oxygen'],
    ['आईसीयू', 'hi', ['नमस्ते', 'हाँ', '२', '१', 'कोलकाता'], 'icu'],
  ] as const)('bed kind: %s', async (word, lng, before, value) => {
    const asked = await run('b1', [...before]);
    expect(asked.at(-1)).toBe(t('beds.ask.kind', lng));
    const r = await run('b1', [word]);
    expect(r[0]).not.toBe(t('common.invalid.choice', lng));
    expect((await sessionOf('b1')).vars).toMatchObject({ beds: { kind: value } });
  });

  it('check-in time, Bengali: সকাল', async () => {
    // fever for 2 days, SpO2 98, 34, not pregnant, no illnesses, not tested, a contact → home isolation, the check-in offered
    const asked = await run('f1', ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২', '৯৮', '৩৪', 'না', '০', '৪', 'হ্যাঁ', 'হ্যাঁ']);
    expect(asked.at(-1)).toBe(t('followup.offer.slot', 'bn'));
    expect((await run('f1', ['সকাল'])).at(-1)).toBe(t('helplines.ask.region', 'bn'));
    // Where the patient is (asked when not known: the slot is in their own time): Bangladesh.
    const r = await run('f1', ['৪']);
    // The confirmation names the hour in the patient's own time (src/followup/confirmation.ts).
    expect(r[0]).toContain('প্রতিদিন সকাল ৯টায় (বাংলাদেশের সময়)');
    expect((await sessionOf('f1')).vars).toMatchObject({ followup: { request: { slot: 'morning' } } });
  });
});

describe('"no" at the SpO2 question is the no-oximeter option', () => {
  it.each([
    ['bn', 'না', ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২']],
    ['en', 'no', ['I need help', 'English', 'yes', '1', 'no', 'fever', 'yes', '2']],
    ['en', 'no oximeter', ['I need help', 'English', 'yes', '1', 'no', 'fever', 'yes', '2']],
    ['hi', 'नहीं', ['नमस्ते', 'हाँ', '1', 'नहीं', 'बुखार', 'हाँ', '२']],
  ] as const)('%s: %s', async (lng, answer, before) => {
    const asked = await run('s1', [...before]);
    expect(asked.at(-1)).toBe(t('triage.ask.spo2', lng));
    const r = await run('s1', [answer]);
    expect(r[0]).not.toBe(t('common.invalid.number', lng));
    expect((await sessionOf('s1')).vars).toMatchObject({ triage: { q: { spo2: null } } });
  });
});
