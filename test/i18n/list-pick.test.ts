/**
 * A numbered option picked with words around its number is that option at any choice question:
 * "number 2" at the main menu got "Please choose one of the options shown". Only words that point
 * at a place in a list may surround the number: "2 days fever" stays symptoms.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { shippedOptionsOf } from '../support/shipped-options';

const interp = createInterpreter(createTranslator(localesDir));
const menu = shippedOptionsOf('main_menu', 'menu');
const kinds = shippedOptionsOf('beds', 'kind');

const SECOND = ['number 2', 'option 2', 'no. 2', '#2', '2 please', '2 thanks', '2nd', 'the second one', 'second', '2 নম্বর', 'দুই নম্বর', '২ নং', 'দ্বিতীয়টা', '2 number', '2 wala', 'doosra', 'दूसरा', 'नंबर 2', 'दो नंबर', 'option two'];

describe('a list place with words around it picks that option', () => {
  it.each(SECOND)('%s is the second entry of the main menu', (text) => {
    expect(interp.choice(text, menu)).toBe(menu[1]!.value);
  });
  it.each(SECOND)('%s is the second kind of bed', (text) => {
    expect(interp.choice(text, kinds)).toBe(kinds[1]!.value);
  });
  it.each(SECOND)('listPick(%s) is 2', (text) => {
    expect(interp.listPick(text, 3)).toBe(2);
  });
});

describe('numbers with other words are no list place', () => {
  it.each(['2 days fever', '2 din se bukhar', '২ দিন জ্বর', '2 din', 'spo2 92', 'number 9', 'one', 'do', 'two', 'the one'])('%s picks nothing at the main menu', (text) => {
    expect(interp.choice(text, menu)).toBeNull();
  });
  it('a place past the end of the list is none', () => {
    expect(interp.listPick('number 4', 3)).toBeNull();
    expect(interp.listPick('4th', 3)).toBeNull();
  });
  it('a plain number is read as before', () => {
    expect(interp.listPick('3', 3)).toBe(3);
    expect(interp.listPick('৩', 3)).toBe(3);
  });
});
