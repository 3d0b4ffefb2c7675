/**
 * 👍 is a yes and 👎 a no at a yes/no question, in any skin tone: WhatsApp users answer with
 * them all the time, and they got "Please reply YES or NO" (words are compared without symbols,
 * so a message of emoji alone had no words at all). Emoji that answer nothing are still no answer.
 */
import { readAnswer } from '../../src/engine/expectations';
import type { StateDef } from '../../src/engine/flow';
import { emojiOf } from '../../src/i18n/emoji';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interp = createInterpreter(createTranslator(localesDir));
const SKIN_TONES = ['', '\u{1f3fb}', '\u{1f3fc}', '\u{1f3fd}', '\u{1f3fe}', '\u{1f3ff}'];

describe('emoji at a yes/no question', () => {
  it.each(SKIN_TONES.map((tone) => [`👍${tone}`]))('%s → yes', (text) => {
    expect(interp.yesNo(text)).toBe(true);
  });

  it.each(SKIN_TONES.map((tone) => [`👎${tone}`]))('%s → no', (text) => {
    expect(interp.yesNo(text)).toBe(false);
  });

  it.each([
    ['👍️', true], // with the emoji presentation selector some keyboards add
    ['👍👍', true],
    [' 👍🏽 👍 ', true],
    ['👍🙏', true], // thanks beside it says nothing more
    ['👌', true],
    ['✅', true],
    ['✔️', true],
    ['❌', false],
    ['👎🏻👎🏻', false],
  ])('%s → %s', (text, yes) => {
    expect(interp.yesNo(text)).toBe(yes);
  });

  it.each(['👍👎', '👍🏽 👎🏽', '🙏', '😷', '🤒😷🙏', '🙂'])('%s → neither', (text) => {
    expect(interp.yesNo(text)).toBeNull();
  });

  it('words still answer as words beside an emoji', () => {
    expect(interp.yesNo('yes 👍')).toBe(true);
    expect(interp.yesNo('ok 👍')).toBe(true);
    expect(interp.yesNo('না 👎')).toBe(false);
    expect(interp.yesNo('haan 👎')).toBe(true);
  });

  it('the consent question takes 👍🏽 as its yes and 👎 as its no', () => {
    const consent = { ask: 'welcome.ask.consent', expect: 'yes_no' } as StateDef;
    expect(readAnswer(consent, { kind: 'text', text: '👍🏽' }, interp)).toEqual({ ok: true, value: true });
    expect(readAnswer(consent, { kind: 'text', text: '👎' }, interp)).toEqual({ ok: true, value: false });
  });
});

describe('emojiOf', () => {
  it('gives each emoji in one form, without skin tone or presentation selector, and nothing else', () => {
    expect(emojiOf('👍🏿')).toEqual(['👍']);
    expect(emojiOf('👍️')).toEqual(['👍']);
    expect(emojiOf('ok, 👍 !')).toEqual(['👍']);
    expect(emojiOf('yes')).toEqual([]);
    expect(emojiOf('৯২%')).toEqual([]);
  });
});
