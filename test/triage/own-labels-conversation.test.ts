/**
 * Regression (under-triage): a patient who answers in the bot's own words is read as one who
 * sends the numbers. A Bengali patient who copied items 1 and 11 of the symptom list ("fever",
 * "unable to eat or drink for a day") was read as having fever only and sent home to isolate,
 * while "1 11" went to hospital; a Hindi patient who typed back the first danger sign of the
 * question ("severe breathlessness, even at rest") was asked to choose an option instead of
 * being given the emergency numbers.
 */
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

let tc: TestCore;
beforeEach(async () => {
  tc = await createTestCore();
});
afterEach(async () => {
  await tc.close();
});

/** Sends the messages in turn; returns the texts of the bot's answers to the last one. */
const run = async (user: string, msgs: readonly string[]) => {
  let last: string[] = [];
  for (const m of msgs) last = (await tc.send(user, m)).map((o) => o.text ?? '');
  return last;
};
const level = async (user: string) => ((await existingConversation(tc.core.store, 'webchat', user)).session.vars as { triage?: { level?: string } }).triage?.level;

describe('answers in the bot’s own words', () => {
  // Then: yes (that is right), 1 day of fever, SpO2 96, 30 years old, not pregnant, no long-term
  // illness, not tested (choice 4), no close contact.
  const rest = ['হ্যাঁ', '১', '৯৬', '৩০', 'না', '০', '৪', 'না'];
  const start = ['নমস্কার', 'হ্যাঁ', '1', 'না'];

  it('a Bengali patient typing symptom list items 1 and 11 in its words reaches hospital, as "1 11" does', async () => {
    await run('numbers', [...start, '1 11', ...rest]);
    await run('words', [...start, 'জ্বর আর এক দিন ধরে কিছু খেতে বা পান করতে না পারা', ...rest]);
    expect(await level('numbers')).toBe('hospital');
    expect(await level('words')).toBe('hospital');
  });

  it('a Hindi patient typing the breathlessness danger sign at the menu gets the emergency numbers', async () => {
    const reply = await run('hi', ['नमस्ते', 'हाँ', 'आराम करते हुए भी बहुत साँस फूलना']);
    expect(reply[0]).toContain('108');
    // the same answer as to a red flag the bot has always known
    expect(reply).toEqual(await run('hi-known', ['नमस्ते', 'हाँ', 'सांस नहीं आ रही']));
  });

  it('a Bengali patient typing the confusion danger sign at the danger-sign question gets the emergency numbers', async () => {
    const reply = await run('bn', ['নমস্কার', 'হ্যাঁ', '1', 'হঠাৎ বিভ্রান্তি বা অসংলগ্ন কথা বলা, বা ঘুম থেকে জাগানো কঠিন']);
    expect(reply).toEqual(await run('bn-yes', ['নমস্কার', 'হ্যাঁ', '1', 'অজ্ঞান হয়ে গেছে']));
    expect(reply.join('\n')).toContain('999');
    // the first half alone, and the words of the list label, are the same red flag
    expect(await run('bn-half', ['নমস্কার', 'হ্যাঁ', '1', 'হঠাৎ বিভ্রান্তি'])).toEqual(reply);
  });

  it('a Hindi patient typing the confusion danger sign, or its first half, at the danger-sign question gets the emergency numbers', async () => {
    const reply = await run('hi-confusion', ['नमस्ते', 'हाँ', '1', 'अचानक भ्रम (बहकी-बहकी बातें करना), या जगाने में मुश्किल']);
    expect(reply.join('\n')).toContain('108');
    expect(reply).toEqual(await run('hi-confusion-known', ['नमस्ते', 'हाँ', '1', 'बेहोश हो गए']));
    expect(await run('hi-confusion-half', ['नमस्ते', 'हाँ', '1', 'बहकी-बहकी बातें कर रहे हैं'])).toEqual(reply);
  });
});
