/**
 * An oxygen reading typed before the symptom check asks for it ("spo2 91" at the menu, "অক্সিজেন
 * ৯১" as the first message) started the check with no word of it: "Let's check your symptoms…",
 * and the patient was not told that 91 is low until the end, if at all (the reading stood in for
 * the SpO2 question only when that was skipped). A reading that needs care by itself is now said
 * at once, with its reason, before the questions (`triage.start`, src/triage/answer-actions.ts);
 * 88 still gets the emergency advice at once (a red flag), and a normal reading says nothing.
 */
import { getPath } from '../../src/engine/paths';
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import { caseFromAnswers } from '../../src/triage/answers';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

const texts = async (user: string, content: Parameters<TestCore['send']>[1]) => (await t.send(user, content)).map((m) => m.text);

/** A new English-speaking patient at the main menu, after consent. */
async function atMenu(user: string): Promise<void> {
  await t.send(user, 'hello');
  await t.send(user, 'english');
  const menu = await texts(user, { kind: 'choice', payload: 'yes' });
  expect(menu).toContain(t.core.translator.t('menu.ask', 'en'));
}

const stored = async (user: string, path: string) => getPath((await existingConversation(t.core.store, 'webchat', user)).session!, path);

describe('an oxygen reading at the main menu', () => {
  it('"spo2 91" is said to need a hospital today, before the first question, and kept for the check', async () => {
    const u = 'spo2-91-at-menu';
    await atMenu(u);
    const replies = await texts(u, 'spo2 91');
    expect(replies[0]).toBe('🏥 You need to be seen in a hospital today, because:\n• Oxygen saturation (SpO2) between 90% and 93%.');
    expect(replies.slice(1)).toEqual([t.core.translator.t('triage.intro', 'en'), t.core.translator.t('triage.ask.danger_signs', 'en')]);
    expect(await stored(u, 'triage.q.stated_vitals')).toEqual({ spo2: 91 });
  });

  it('"fever and spo2 94" says back the fever, then that a doctor should see a reading on the border', async () => {
    const u = 'spo2-94-with-fever';
    await atMenu(u);
    const replies = await texts(u, 'fever and spo2 94');
    expect(replies.slice(0, 3)).toEqual([
      'You mentioned:\n• Fever',
      '🩺 Please talk to a doctor within 24 hours, because:\n• Oxygen saturation (SpO2) of 94%, on the border.',
      t.core.translator.t('triage.intro', 'en'),
    ]);
  });

  it('"spo2 97" says nothing of its own: the symptoms decide', async () => {
    const u = 'spo2-97-at-menu';
    await atMenu(u);
    expect(await texts(u, 'spo2 97')).toEqual([t.core.translator.t('triage.intro', 'en'), t.core.translator.t('triage.ask.danger_signs', 'en')]);
  });

  it('"oxygen 88%" is still the emergency advice at once', async () => {
    const u = 'spo2-88-at-menu';
    await atMenu(u);
    const replies = await texts(u, 'oxygen 88%');
    expect(replies[0]).toContain(t.core.translator.t('triage.reason.spo2_below_90', 'en'));
    expect(replies).not.toContain(t.core.translator.t('triage.intro', 'en'));
  });
});

describe('an oxygen reading as the first message', () => {
  it('"অক্সিজেন ৯১" is said to need a hospital, in Bengali, after consent', async () => {
    const u = 'spo2-91-first-bn';
    await t.send(u, 'অক্সিজেন ৯১');
    await t.send(u, 'bangla');
    const replies = await texts(u, { kind: 'choice', payload: 'yes' });
    expect(replies[0]).toContain(t.core.translator.t('triage.reason.spo2_90_to_93', 'bn'));
    expect(replies[1]).toBe(t.core.translator.t('triage.intro', 'bn'));
  });
});

describe('a reading stated before the check and answered again at its question', () => {
  // Told "a hospital today" for the 91 at the start, the patient must not be told "mild" at the
  // end because the oximeter read 97 at the question: the worse reading counts (src/triage/answers.ts).
  it.each([
    [{ spo2: 97, stated_vitals: { spo2: 91 } }, { spo2: 91 }],
    [{ spo2: 89, stated_vitals: { spo2: 93 } }, { spo2: 89 }],
    [{ spo2: null, stated_vitals: { spo2: 92 } }, { spo2: 92 }],
    [{ spo2: 96 }, { spo2: 96 }],
    [{ respiratory_rate: 18, stated_vitals: { respiratory_rate: 32 } }, { respiratory_rate: 32 }],
    [{ respiratory_rate: 34, stated_vitals: { respiratory_rate: 20 } }, { respiratory_rate: 34 }],
  ])('%j reads as %j', (answers, expected) => {
    expect(caseFromAnswers(answers)).toMatchObject(expected);
  });

  it('the check that began with "spo2 91" at the menu ends at hospital level though the answer was 97', () => {
    const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
    const level = triage.assess(caseFromAnswers({ symptoms: ['cough'], danger_signs: false, spo2: 97, stated_vitals: { spo2: 91 } })).level;
    expect(level).toBe('hospital');
  });
});
