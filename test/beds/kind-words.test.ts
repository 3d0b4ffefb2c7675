/**
 * The kind of bed in the words patients use at "What kind of bed?": "O2 bed", "venti", "HDU",
 * "অক্সিজেন সহ বেড" (words.json `aliases.beds.option.kind_*`), and the kind named in a sentence
 * (choices-in-text.ts), as the bed search reads it from the message that started it.
 */
import { choicesNamed } from '../../src/i18n/choices-in-text';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { OFFERED_KINDS } from '../../src/beds/actions';
import { shippedOptionsOf } from '../support/shipped-options';

const interp = createInterpreter(createTranslator(localesDir));
const kinds = shippedOptionsOf('beds', 'kind');

describe('at the kind question', () => {
  it.each([
    ['O2 bed', 'oxygen'],
    ['venti', 'ventilator'],
    ['ventilator wala', 'ventilator'],
    ['oxygen wala bed', 'oxygen'],
    // A high-dependency unit: searched as ICU, the nearest kind the question offers (a step up, never down).
    ['HDU', 'icu'],
    ['অক্সিজেন সহ বেড', 'oxygen'],
    ['oxygen bed chahiye', 'oxygen'],
  ])('%s is %s', (text, kind) => expect(interp.choice(text, kinds)).toBe(kind));
});

describe('a kind named in a sentence', () => {
  it.each([
    ['महिला वार्ड में ऑक्सीजन बेड', ['oxygen']],
    ['I need an oxygen bed', ['oxygen']],
    ['ICU bed lagbe', ['icu']],
    ['আমার একটা অক্সিজেন বেড লাগবে', ['oxygen']],
    ['I need a bed', []],
    ['bed chahiye 2 din se', []],
    ['no oxygen needed', []],
  ])('%s names %j', (text, named) => expect([...choicesNamed(text, kinds, interp)]).toEqual(named));
});

describe('the kinds a sentence is read against', () => {
  it('are the kind question’s own, in its order (flows/beds.yaml `kind`)', () => {
    expect(OFFERED_KINDS).toEqual(kinds.map((o) => o.value));
  });
});
