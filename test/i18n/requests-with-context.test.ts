/**
 * A request for a doctor or a person with ordinary context around it — when ("raat e", "aaj raat",
 * "ekhon", "abhi", "tonight", "kal sakale") and where the patient lives or is ("Ami Dubai te thaki",
 * "main Riyadh mein hoon", "I am in Kuwait", "আমি দুবাইতে থাকি": words.json `request_context`) — is
 * that request (`interpret.command`), in Bengali, Hindi and English, native and romanized: a Gulf
 * worker's "Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai" was no request at all.
 * A no stays a no, a question a question, and news of a doctor is no request.
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interp = createInterpreter(createTranslator(localesDir));

describe('a request with when and where around it is the request', () => {
  it.each([
    // When.
    ['raat e doctor er sathe kotha bolte chai', 'doctor'],
    ['aaj raate doctor er sathe kotha bolte chai', 'doctor'],
    ['ekhon daktarer sathe kotha bolte chai', 'doctor'],
    ['kal sakale doctor er sathe kotha bolte chai', 'doctor'],
    ['আজ রাতে ডাক্তারের সাথে কথা বলতে চাই', 'doctor'],
    ['এখন ডাক্তারের সাথে কথা বলতে চাই প্লিজ', 'doctor'],
    ['aaj raat doctor se baat karni hai', 'doctor'],
    ['abhi doctor se baat karni hai', 'doctor'],
    ['आज रात डॉक्टर से बात करनी है', 'doctor'],
    ['I want to talk to a doctor tonight', 'doctor'],
    ['tomorrow morning I need a doctor please', 'doctor'],
    ['tonight I want to talk to a real person', 'doctor'],
    // Where the patient lives or is.
    ['Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai', 'doctor'],
    ['ami kuwaite thaki, doctor lagbe', 'doctor'],
    ['আমি দুবাইতে থাকি, ডাক্তারের সাথে কথা বলতে চাই', 'doctor'],
    ['আমি রিয়াদে আছি, আজ রাতে ডাক্তার লাগবে', 'doctor'],
    ['main Riyadh mein hoon, doctor se baat karni hai', 'doctor'],
    ['mai dubai me rehta hu doctor chahiye abhi', 'doctor'],
    ['मैं दुबई में रहता हूँ, डॉक्टर से बात करनी है', 'doctor'],
    ['I am in Kuwait, I need a doctor', 'doctor'],
    ["I'm in Abu Dhabi, can I talk to a doctor tonight", 'doctor'],
    ['I live in Doha. Please connect me to a doctor', 'doctor'],
    // Where, after the request; and a place that is no region of ours, which changes nothing.
    ['doctor er sathe kotha bolte chai, ami dubai te thaki', 'doctor'],
    ['I need a doctor, I am in Singapore', 'doctor'],
    // With a greeting before it, and for someone else.
    ['hello, I am in Kuwait, I need a doctor tonight', 'doctor'],
    ['ami dubai te thaki, babar jonno doctor lagbe', 'doctor'],
  ])('"%s" → %s', (text, command) => {
    expect(interp.command(text)).toBe(command);
  });
});

describe('the guards stay', () => {
  it.each([
    // A no stays a no.
    "I don't want a doctor",
    "I don't want a doctor tonight",
    'I am in Dubai, I do not need a doctor',
    'ami dubai te thaki, doctor lagbe na',
    'main riyadh mein hoon, doctor nahi chahiye',
    // A question stays a question.
    'can a doctor in Dubai see me?',
    'ekhon ki doctor er sathe kotha bolte pari?',
    // News of a doctor is no request.
    'my doctor in Dubai said rest',
    'I am in Dubai, my doctor said rest',
    // Context alone asks for nothing.
    'ami dubai te thaki',
    'I am in Kuwait tonight',
  ])('"%s" is no request', (text) => {
    expect(interp.command(text)).toBeNull();
  });
});
