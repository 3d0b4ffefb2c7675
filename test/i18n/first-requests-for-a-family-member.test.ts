/**
 * A request for a family member is the request it makes, also where only `command` reads it (a
 * first message: the welcome's `command.note`; a bed request that names its place:
 * src/beds/place-in-request.ts): "bed for my father please", "papa ke liye bed chahiye", "বাবার
 * জন্য একটা বেড লাগবে", "mere pati ke liye doctor chahiye", "check symptoms for my son". A no
 * stays a no, a question a question, and "I am a doctor" is no request.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interpret = createInterpreter(createTranslator(localesDir));

describe('the command of a request for a family member', () => {
  it.each<[string, string]>([
    ['bed for my father please', 'beds'],
    ['I need a bed for my mother', 'beds'],
    ['for my father a bed please', 'beds'],
    ['hi, bed for my father please', 'beds'],
    ['bed for my father in Kolkata', 'beds'],
    ['papa ke liye bed chahiye', 'beds'],
    ['meri maa ke liye oxygen bed chahiye', 'beds'],
    ['मेरे पिता के लिए बेड चाहिए', 'beds'],
    ['বাবার জন্য একটা বেড লাগবে', 'beds'],
    ['amar babar jonno bed lagbe', 'beds'],
    ['doctor for my father', 'doctor'],
    ['I need a doctor for my wife', 'doctor'],
    ['mere pati ke liye doctor chahiye', 'doctor'],
    ['मेरी बेटी के लिए डॉक्टर चाहिए', 'doctor'],
    ['স্বামীর জন্য ডাক্তার দরকার', 'doctor'],
    ['amar chheler jonno doctor lagbe', 'doctor'],
    ['check symptoms for my son', 'triage'],
    ['I want to check symptoms for my grandmother', 'triage'],
  ])('"%s" is %s', (text, command) => {
    expect(interpret.command(text)).toBe(command);
  });

  it.each([
    'no doctor for my father',
    "I don't need a bed for my mother",
    'bed nahi chahiye papa ke liye',
    'বাবার জন্য বেড লাগবে না',
    'is oxygen bed safe for my father?',
    'is there a bed for my father?',
    'I am a doctor',
    'bed father',
    'bed for kolkata',
    'for my father',
  ])('"%s" is no command', (text) => {
    expect(interpret.command(text)).toBeNull();
  });
});
