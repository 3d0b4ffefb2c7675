/**
 * Common ways of naming a check-in time and Saudi Arabia that a patient tester found refused
 * (words.json `aliases`): "subah ko" / "shaam ko" (with the postposition), "evening is better",
 * "সকাল বেলা", and "saudi arab" at the region question. Each is read as its option, at the
 * question and after a yes to the check-in offer (src/followup/slot-in-answer.ts).
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { slotAfterYes } from '../../src/followup/slot-in-answer';

const interp = createInterpreter(createTranslator(localesDir));
const slots = ['morning', 'afternoon', 'evening'].map((value) => ({ value, label: `followup.slot.${value}` }));
const regions = ['in_wb', 'in_ct', 'in_other', 'bd', 'sa'].map((value) => ({ value, label: `region.${value}` }));

describe('check-in times', () => {
  it.each([
    ['subah ko', 'morning'],
    ['सुबह को', 'morning'],
    ['dopahar ko', 'afternoon'],
    ['shaam ko', 'evening'],
    ['evening is better', 'evening'],
    ['morning please', 'morning'],
    ['সকাল বেলা', 'morning'],
    ['sondhya bela', 'evening'],
  ])('"%s" at the time question is %s', (text, slot) => {
    expect(interp.choice(text, slots)).toBe(slot);
  });

  it.each([
    ['haan subah ko', 'morning'],
    ['haan, shaam ko', 'evening'],
    ['yes, evening is better', 'evening'],
    ['হ্যাঁ, সকাল বেলা', 'morning'],
  ])('"%s" at the offer enrols for the %s', (text, slot) => {
    expect(slotAfterYes(text, interp)).toBe(slot);
  });
});

describe('Saudi Arabia at the region question', () => {
  it.each(['saudi arab', 'Saudi Arabia', 'सऊदी अरब', 'সৌদি আরব'])('"%s" is sa', (text) => {
    expect(interp.choice(text, regions)).toBe('sa');
  });
});
