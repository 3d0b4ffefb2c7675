/**
 * Account fields: a display name is shown to patients when an operator or doctor joins
 * their chat, so it must read as what it is — one line of visible text, in any script.
 */
import { displayNameSchema } from '../../src/console/account-fields';

const problem = (name: string) => {
  const r = displayNameSchema.safeParse(name);
  return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
};

describe('displayNameSchema', () => {
  it.each([
    ['Asha Roy', 'Asha Roy'],
    ['ডাঃ আশা রায়', 'ডাঃ আশা রায়'],
    ['डॉ. रवि कुमार', 'डॉ. रवि कुमार'],
    // ZWNJ inside a Bengali word ("র‌্যাব"): it keeps র and য from joining, as the spelling needs.
    ['\u09b0\u200c\u09cd\u09af\u09be\u09ac', '\u09b0\u200c\u09cd\u09af\u09be\u09ac'],
    // ZWJ inside a word (Bengali "র‍্য" with a ZWJ, and Devanagari "क्‍ष" with a half form).
    ['\u09b0\u200d\u09cd\u09af\u09be\u0995 \u09b0\u09be\u09af\u09bc', '\u09b0\u200d\u09cd\u09af\u09be\u0995 \u09b0\u09be\u09af\u09bc'],
    ['\u0915\u094d\u200d\u0937\u093f\u0924\u093f\u091c', '\u0915\u094d\u200d\u0937\u093f\u0924\u093f\u091c'],
    ['  Ravi  ', 'Ravi'],
  ])('takes %j', (input, stored) => {
    expect(displayNameSchema.parse(input)).toBe(stored);
  });

  it.each([
    ['a zero-width space alone', '\u200b', /no visible letters/],
    ['a word joiner and a ZWJ alone', '\u2060\u200d', /no visible letters/],
    ['a byte order mark and a soft hyphen alone', '\ufeff\u00ad', /no visible letters/],
    ['a right-to-left override', '\u202eDr Asha', /direction/],
    ['a left-to-right isolate', 'Asha \u2066Roy\u2069', /direction/],
    ['a right-to-left mark', 'Asha\u200f', /direction/],
    ['an Arabic letter mark', '\u061cAsha', /direction/],
    ['a line break (a second, fake line)', 'Ravi\nDr Fake (Reg. No. WBMC 1)', /control/],
    ['a tab', 'Ravi\tKumar', /control/],
    ['an escape character', 'Ravi\u001b[31m', /control/],
    ['a Unicode line separator', 'Ravi\u2028Dr Fake', /control/],
  ])('refuses %s, saying why', (_what, input, message) => {
    expect(problem(input)).toMatch(message);
  });

  it('gives one problem for a blank name, as before', () => {
    expect(problem('   ')).toBe('required');
  });
});
