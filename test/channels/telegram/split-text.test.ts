import { splitText, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/split-text';
import { callbackDataFor, choiceForData, inlineKeyboard, keyboardTag, readButtonData } from '../../../src/channels/telegram/keyboard';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Parts that join back to `text` (no whitespace was dropped) and each end on a grapheme boundary of it. */
function cutOnGraphemes(text: string, parts: string[]): boolean {
  if (parts.join('') !== text) return false;
  const segments = segmenter.segment(text);
  let at = 0;
  for (const p of parts.slice(0, -1)) {
    at += p.length;
    if (segments.containing(at)?.index !== at) return false;
  }
  return true;
}
/** A lone surrogate means a character was cut in half. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('splitText', () => {
  it('leaves a short text alone (empty included)', () => {
    expect(splitText('আমার জ্বর')).toEqual(['আমার জ্বর']);
    expect(splitText('')).toEqual(['']);
    expect(splitText('x'.repeat(TELEGRAM_TEXT_LIMIT))).toHaveLength(1);
  });

  it('never cuts an emoji ZWJ sequence, a flag or a skin tone at the 4,096 boundary', () => {
    // 4,095 letters, then emoji whose code units straddle the limit in every way.
    for (const emoji of ['👩🏽‍⚕️', '🇧🇩', '🤒', '👨‍👩‍👧‍👦']) {
      for (let pad = 4090; pad <= 4096; pad++) {
        const text = 'a'.repeat(pad) + emoji.repeat(5) + 'b'.repeat(100);
        const parts = splitText(text);
        expect(parts.length).toBe(2);
        for (const p of parts) {
          expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
          expect(wellFormed(p)).toBe(true);
        }
        // Every grapheme of the original survives whole in one part.
        expect(cutOnGraphemes(text, parts)).toBe(true);
      }
    }
  });

  it('keeps Bengali and Hindi letters with their vowel signs', () => {
    const text = 'ক্ষ্মী'.repeat(1500); // no spaces: only grapheme boundaries to cut at
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(cutOnGraphemes(text, parts)).toBe(true);
  });

  it('prefers a blank line, then a line break, then a space', () => {
    const para = 'x'.repeat(3000) + '\n\n' + 'y'.repeat(500) + '\n' + 'z'.repeat(2000);
    expect(splitText(para)).toEqual(['x'.repeat(3000), 'y'.repeat(500) + '\n' + 'z'.repeat(2000)]);
    // The line break wins over a later space, as long as it leaves the first part at least half full.
    const lines = 'x'.repeat(2500) + '\n' + 'y'.repeat(1000) + ' ' + 'z'.repeat(2000);
    expect(splitText(lines)).toEqual(['x'.repeat(2500), 'y'.repeat(1000) + ' ' + 'z'.repeat(2000)]);
    const early = 'x'.repeat(500) + '\n' + 'y'.repeat(3000) + ' ' + 'z'.repeat(2000);
    expect(splitText(early)).toEqual(['x'.repeat(500) + '\n' + 'y'.repeat(3000), 'z'.repeat(2000)]);
    const words = ('শ্বাসকষ্ট '.repeat(1000)).trim();
    const parts = splitText(words);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(p.startsWith('শ্বাসকষ্ট')).toBe(true);
      expect(p.endsWith('শ্বাসকষ্ট')).toBe(true);
    }
    expect(parts.join(' ')).toBe(words);
  });

  it('splits a 10,000-character helpline list into three parts of whole lines', () => {
    const line = (i: number) => `${i}. Kolkata Medical College, 033 2241 4901 🚑`;
    const text = Array.from({ length: 250 }, (_, i) => line(i)).join('\n');
    const parts = splitText(text);
    expect(parts).toHaveLength(3);
    expect(parts.join('\n')).toBe(text);
    for (const p of parts) expect(p.split('\n').every((l) => /^\d+\. Kolkata .* 🚑$/.test(l))).toBe(true);
  });

  it('cuts a single grapheme longer than the limit between code points, not inside a surrogate pair', () => {
    const zalgo = 'e' + '\u0301'.repeat(5000);
    expect(splitText(zalgo).join('')).toBe(zalgo);
    const longEmoji = '\u{1F600}'.repeat(3000); // 6,000 code units, each emoji its own grapheme
    const parts = splitText(longEmoji);
    expect(parts.every(wellFormed)).toBe(true);
    expect(parts.join('')).toBe(longEmoji);
  });
});

describe('inline keyboards', () => {
  it('uses the payload as callback_data when it fits in 64 bytes', () => {
    expect(callbackDataFor('in_wb')).toBe('in_wb');
    expect(callbackDataFor('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('replaces a long, non-Latin or ~-prefixed payload by a short digest, and finds the choice again', () => {
    const long = 'শ্বাসকষ্ট-হচ্ছে-অক্সিজেন-লাগবে'; // 30 letters, 80+ bytes
    const data = callbackDataFor(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data).toMatch(/^~[A-Za-z0-9_-]{20}$/);
    expect(callbackDataFor(long)).toBe(data);
    expect(callbackDataFor('~x')).not.toBe('~x');
    const choices = [
      { payload: 'yes', title: 'হ্যাঁ' },
      { payload: long, title: 'অক্সিজেন' },
    ];
    expect(choiceForData(data, choices)).toEqual(choices[1]);
    expect(choiceForData('yes', choices)).toEqual(choices[0]);
    expect(choiceForData('no', choices)).toBeUndefined();
  });

  it('tags each button with its keyboard (the reply\'s outbox id) within 64 bytes, and reads it back', () => {
    const tag = keyboardTag('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(tag).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(keyboardTag('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe(tag);
    expect(keyboardTag('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c')).not.toBe(tag);
    expect(callbackDataFor('yes', tag)).toBe(`~${tag}.yes`);
    expect(readButtonData(`~${tag}.yes`)).toEqual({ tag, payload: 'yes' });
    expect(inlineKeyboard([{ payload: 'yes', title: 'Yes' }], tag)).toEqual([[{ text: 'Yes', callback_data: `~${tag}.yes` }]]);

    // 54 bytes are left for the payload: a longer one is digested, and still found among the choices.
    const fits = 'x'.repeat(54);
    const over = 'x'.repeat(55);
    expect(callbackDataFor(fits, tag)).toBe(`~${tag}.${fits}`);
    const data = callbackDataFor(over, tag);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    const read = readButtonData(data);
    expect(read).toEqual({ tag, payload: expect.stringMatching(/^~[A-Za-z0-9_-]{20}$/) });
    expect(choiceForData(read.payload, [{ payload: fits, title: 'a' }, { payload: over, title: 'b' }])).toEqual({ payload: over, title: 'b' });
    for (const payload of ['শ্বাসকষ্ট-হচ্ছে-অক্সিজেন-লাগবে', '~x', 'a.b', 'y'.repeat(64)]) {
      expect(Buffer.byteLength(callbackDataFor(payload, tag))).toBeLessThanOrEqual(64);
      expect(choiceForData(readButtonData(callbackDataFor(payload, tag)).payload, [{ payload, title: 't' }])).toEqual({ payload, title: 't' });
    }
  });

  it('reads buttons sent before keyboards were tagged (bare payload, or its digest) as having no tag', () => {
    const digest = callbackDataFor('শ্বাসকষ্ট-হচ্ছে-অক্সিজেন-লাগবে');
    expect(readButtonData(digest)).toEqual({ payload: digest });
    expect(readButtonData('yes')).toEqual({ payload: 'yes' });
    // A bare payload never starts with "~", so none reads as tagged, whatever it looks like.
    expect(readButtonData('abcdefgh.yes')).toEqual({ payload: 'abcdefgh.yes' });
  });

  it('lays short labels side by side and long ones one per row', () => {
    const langs = inlineKeyboard([
      { payload: 'bn', title: 'বাংলা' },
      { payload: 'hi', title: 'हिन्दी' },
      { payload: 'en', title: 'English' },
    ]);
    expect(langs).toEqual([[{ text: 'বাংলা', callback_data: 'bn' }, { text: 'हिन्दी', callback_data: 'hi' }, { text: 'English', callback_data: 'en' }]]);
    const long = inlineKeyboard([
      { payload: 'in_wb', title: 'West Bengal, India' },
      { payload: 'bd', title: 'Bangladesh' },
      { payload: 'sa', title: 'Saudi Arabia (Probash Bondhu)' },
    ]);
    expect(long.map((r) => r.length)).toEqual([1, 1, 1]);
  });
});
