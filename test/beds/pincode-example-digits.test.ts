/**
 * The PIN code question's example in Bengali: Bengali texts write their numbers in Bengali digits
 * ("৬ অঙ্কের", "২৪ ঘণ্টা", "৯৪%"), and a PIN code is read in either digit set (src/i18n/digits.ts),
 * so the question and its "A PIN code has 6 digits" give the example in Bengali digits with the
 * same PIN in English digits beside it, and say either may be typed. What the example shows, typed
 * back as shown, is searched.
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest, consented } from '../support/chat-per-test';

const { run, t, session } = chatPerTest();

/** The example PIN codes a text gives after "যেমন:", in the digits it shows them. */
const examples = (text: string): string[] => [...(/যেমন: ([^)]*)\)/u.exec(text)?.[1] ?? '').matchAll(/[\d০-৯]{6}/gu)].map((m) => m[0]);

describe('the PIN code question in Bengali', () => {
  it('asks with its example in Bengali digits and in English digits, and says either may be typed', async () => {
    const asked = await run('u', [...consented('bn'), '২', '২']);
    expect(asked).toEqual([t('beds.ask.pincode', 'bn')]);
    expect(examples(asked[0]!)).toEqual(['৭০০০২০', '700020']);
    expect(asked[0]).toContain('বাংলা বা ইংরেজি');
  });

  it('"৭০০" (three digits): says a PIN code has 6 digits with the same example, and the example typed as shown is searched', async () => {
    const replies = await run('u', [...consented('bn'), '২', '২', '৭০০']);
    expect(replies[0]).toBe(t('beds.resolve.bad_pincode', 'bn'));
    expect(replies[0]).toContain('বাংলা বা ইংরেজি');
    const [bengali, english] = examples(replies[0]!);
    expect([bengali, english]).toEqual(['৭০০০২০', '700020']);
    expect(await run('u', [bengali!])).toEqual([t('beds.ask.kind', 'bn')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'pincode', pincode: '700020' });
  });

  it('the English-digit example is searched too', async () => {
    await run('u', [...consented('bn'), '২', '২', '৭০০']);
    expect(await run('u', ['700020'])).toEqual([t('beds.ask.kind', 'bn')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'pincode', pincode: '700020' });
  });
});
