/**
 * A menu entry asked for in a sentence, in each language and script, is that entry: "I want to
 * ask a question" is the FAQ entry ("Ask a question about COVID") as its label is; "bed chahiye"
 * is the bed search; "আমি আমার লক্ষণ পরীক্ষা করতে চাই" the symptom check. A real question, a
 * symptom, or a request with a no in it is none (the menu reads them as before: the FAQ, the
 * check, or an unclear answer). The same requests as a first message are noted for after consent
 * (`command.note`: commands.json `triage`, `beds`, `faq`), and at the menu each picks the entry
 * the welcome would go to.
 */
import { LANGUAGES } from '../../src/engine/flow';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { shippedOptionsOf } from '../support/shipped-options';

const translator = createTranslator(localesDir);
const interp = createInterpreter(translator);
const menu = shippedOptionsOf('main_menu', 'menu');

describe('at the main menu, an entry asked for in a sentence is that entry', () => {
  // (Its label, "bed", "bed chahiye", "I need a bed" and "check my symptoms" were read before: aliases.)
  it.each([
    // The FAQ entry, "Ask a question about COVID".
    ['I want to ask a question', 'faq'],
    ['I have a question', 'faq'],
    ['i have a question about covid', 'faq'],
    ['I would like to ask something please', 'faq'],
    ['mujhe ek sawal poochna hai', 'faq'],
    ['mera ek sawaal hai', 'faq'],
    ['मुझे एक सवाल पूछना है', 'faq'],
    ['मेरा एक सवाल है', 'faq'],
    ['আমার একটা প্রশ্ন আছে', 'faq'],
    ['amar ekta proshno ache', 'faq'],
    ['আমি একটা প্রশ্ন করতে চাই', 'faq'],
    // The bed search, "Find a free bed".
    ['I want to find a bed', 'beds'],
    ['I am looking for a bed', 'beds'],
    ['mujhe ek bed chahiye', 'beds'],
    ['मुझे बेड चाहिए', 'beds'],
    ['আমার একটা বেড লাগবে', 'beds'],
    ['ekta bed lagbe', 'beds'],
    // The symptom check, "Check my symptoms".
    ['I want to check my symptoms', 'triage'],
    ['I want to get my symptoms checked', 'triage'],
    ['mujhe apne lakshan check karne hain', 'triage'],
    ['मुझे अपने लक्षण जाँचने हैं', 'triage'],
    ['আমি আমার লক্ষণ পরীক্ষা করতে চাই', 'triage'],
    ['amar lokkhon porikkha korte chai', 'triage'],
    // A person, "Talk to a doctor" (the doctor word is also a global word: the engine reads it first).
    ['I want to see a doctor', 'doctor'],
    // The helplines.
    ['I need the helpline number', 'helplines'],
  ])('%s → %s', (text, value) => {
    expect(interp.choice(text, menu)).toBe(value);
  });

  // What must stay as it was: none of these is a request for an entry.
  it.each([
    // Questions, for the FAQ to answer.
    'what is a question about covid?',
    'I have a question: how long should I isolate?',
    'mera sawal hai ki oxygen kitna hona chahiye',
    // Symptoms, for the symptom check to start with.
    'I have fever',
    'mujhe bukhar hai',
    'আমার জ্বর আছে',
    // A no keeps the request from being one.
    "I don't need a bed",
    'bed nahi chahiye',
    'বেড লাগবে না',
    // Nothing asked for: unclear, counted as before.
    'I need help',
    'I want',
    'mujhe chahiye',
  ])('%s → none', (text) => {
    expect(interp.choice(text, menu)).toBeNull();
  });
});

describe('a first message asking for an entry (commands.json triage, beds, faq)', () => {
  const requests = LANGUAGES.flatMap((lng) =>
    (['triage', 'beds', 'faq'] as const).flatMap((entry) => translator.words(`commands.${entry}`, lng).map((text) => [lng, text, entry] as const)),
  );

  it('has requests for each entry in each language', () => {
    for (const lng of LANGUAGES) for (const entry of ['triage', 'beds', 'faq']) expect([lng, entry, requests.some(([l, , e]) => l === lng && e === entry)]).toEqual([lng, entry, true]);
  });

  it.each(requests)('%s: "%s" is noted as %s, and at the menu picks that entry', (_lng, text, entry) => {
    expect(interp.command(text)).toBe(entry);
    expect(interp.choice(text, menu)).toBe(entry);
  });

  it.each([
    ['I want to check my symptoms', 'triage'],
    ['mujhe apne lakshan check karne hain', 'triage'],
    ['আমি আমার লক্ষণ পরীক্ষা করতে চাই', 'triage'],
    ['I need a bed', 'beds'],
    ['मुझे बेड चाहिए', 'beds'],
    ['I have a question', 'faq'],
    ['mujhe ek sawal poochna hai', 'faq'],
    ['আমার একটা প্রশ্ন আছে', 'faq'],
  ])('begun with "I" / "to me": %s → %s', (text, entry) => {
    expect(interp.command(text)).toBe(entry);
  });

  it.each(['hello', 'I have fever', 'what is a question about covid?', 'I need help'])('%s is no request', (text) => {
    expect(['triage', 'beds', 'faq']).not.toContain(interp.command(text));
  });
});
