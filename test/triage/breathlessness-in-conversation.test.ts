/**
 * Breathlessness typed where the symptom check does not ask for it, the same in every language:
 * as the first message, at the danger-sign question, and in the middle of the check (at the
 * oxygen question, with no reading). Said plainly ("শ্বাসকষ্ট হচ্ছে", "saans lene mein takleef",
 * "difficulty breathing") it is the symptom: noted for the check, never the emergency by itself
 * (config/triage.yaml `breathless`; test/triage/breathlessness-words.test.ts has the words). Said
 * as severe or at rest it is the red flag, the emergency at once, wherever it is typed.
 *
 * Regression (under-triage): at the oxygen question, breathlessness typed without a reading
 * ("শ্বাসকষ্ট হচ্ছে", "I have difficulty breathing") was only "Please send a number", and the
 * symptom was lost, in all three languages: its breathing-rate question was not asked, and the
 * advice could be home isolation.
 */
import type { Language } from '../../src/engine/flow';
import { createTestCore, type TestCore } from '../support/core';
import { run as runIn, sessionValue, toDangerSigns, WORDS } from '../support/symptom-check-walk';

let tc: TestCore;
beforeAll(async () => {
  tc = await createTestCore();
});
afterAll(async () => tc.close());

let users = 0;
const t = (key: string, lng: Language, params?: Record<string, string | number>) => tc.core.translator.t(key, lng, params);

const run = (user: string, msgs: readonly string[]) => runIn(tc, user, msgs);
const vars = (user: string, path: string) => sessionValue(tc, user, path);

const words = WORDS;
/** …no danger sign, a cough (2 on the list), that is right: the oxygen question. */
const toSpo2 = (lng: Language) => [...toDangerSigns(lng), words[lng].no, '2', words[lng].yes];

const plain: Array<[Language, string]> = [
  ['bn', 'শ্বাসকষ্ট'],
  ['bn', 'শ্বাসকষ্ট হচ্ছে'],
  ['bn', 'shash kosto'],
  ['hi', 'saans lene mein takleef'],
  ['hi', 'सांस लेने में तकलीफ हो रही है'],
  ['en', 'difficulty breathing'],
  ['en', 'I have difficulty breathing'],
];
const severe: Array<[Language, string]> = [
  ['bn', 'শ্বাস নিতে খুব কষ্ট হচ্ছে'],
  ['hi', 'saans lene mein bahut takleef'],
  ['en', 'severe difficulty breathing'],
];

describe('breathlessness said plainly is the symptom, in every language', () => {
  it.each(plain)('(%s) "%s" as the first message is said back and the check starts with it', async (lng, text) => {
    const user = `first-${++users}`;
    await tc.send(user, text);
    // A Latin-script message asks the language; every first message asks consent.
    if (lng === 'en' || /\p{Script=Latin}/u.test(text)) await tc.send(user, lng === 'bn' ? 'bangla' : lng === 'hi' ? 'hindi' : 'english');
    const replies = await run(user, [words[lng].yes]);
    expect(replies.join('\n')).toContain(`• ${t('triage.symptom.breathless', lng)}`);
    expect(replies.at(-1)).toBe(t('triage.ask.danger_signs', lng));
    expect(await vars(user, 'triage.q.noted')).toEqual(['breathless']);
  });

  it.each(plain)('(%s) "%s" at the danger-sign question is no yes: the question again, no emergency', async (lng, text) => {
    const user = `danger-${++users}`;
    await run(user, toDangerSigns(lng));
    const replies = await run(user, [text]);
    expect(replies).toEqual([t('common.invalid.yes_no', lng), t('triage.ask.danger_signs', lng)]);
    expect(await vars(user, 'triage.level')).toBeUndefined();
  });

  it.each(plain)('(%s) "%s" at the oxygen question, with no reading, is noted, and the reading asked again', async (lng, text) => {
    const user = `spo2-${++users}`;
    await run(user, toSpo2(lng));
    const replies = await run(user, [text]);
    expect(replies).toEqual([
      t('triage.also_noted', lng, { list: `• ${t('triage.symptom.breathless', lng)}` }),
      t('common.invalid.number', lng),
      t('triage.ask.spo2', lng),
    ]);
    expect(await vars(user, 'triage.q.symptoms')).toEqual(['cough', 'breathless']);
    // No oximeter: breathlessness asks for the breathing count, and without a reading it is a hospital.
    expect(await run(user, [t('triage.option.no_oximeter', lng)])).toEqual([t('triage.ask.respiratory_rate', lng)]);
    await run(user, ['20', '40', ...(lng === 'en' ? ['no'] : [words[lng].no]), '0', '4', words[lng].no]);
    expect(await vars(user, 'triage.level')).toBe('hospital');
    expect(await vars(user, 'triage.reasons')).toEqual(['breathless_spo2_low_or_unknown']);
  });
});

describe('severe breathlessness is the emergency wherever it is typed, in every language', () => {
  it.each(severe)('(%s) "%s" as the first message', async (lng, text) => {
    const replies = await run(`first-severe-${++users}`, [text]);
    expect(replies.join('\n')).toContain('108');
  });

  it.each(severe)('(%s) "%s" at the danger-sign question', async (lng, text) => {
    const user = `danger-severe-${++users}`;
    await run(user, toDangerSigns(lng));
    expect((await run(user, [text])).join('\n')).toContain('108');
    expect(await vars(user, 'triage.level')).toBe('emergency');
  });

  it.each(severe)('(%s) "%s" at the oxygen question', async (lng, text) => {
    const user = `spo2-severe-${++users}`;
    await run(user, toSpo2(lng));
    expect((await run(user, [text])).join('\n')).toContain('108');
    expect(await vars(user, 'triage.level')).toBe('emergency');
    expect(await vars(user, 'triage.reasons')).toEqual(['breathless_at_rest']);
  });
});
