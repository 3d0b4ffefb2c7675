import type { ChoiceOption } from '../../src/engine/flow';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const translator = createTranslator(localesDir);
const interp = createInterpreter(translator);

describe('command', () => {
  it.each([
    ['menu', 'menu'],
    ['MENU', 'menu'],
    ['/menu', 'menu'],
    ['Main Menu!', 'menu'],
    ['মেনু', 'menu'],
    ['मेनू', 'menu'],
    ['help', 'help'],
    ['मदद', 'help'],
    ['madad', 'help'],
    ['সাহায্য', 'help'],
    ['shahajjo', 'help'],
    ['language', 'language'],
    ['भाषा', 'language'],
    ['bhasha', 'language'],
    ['ভাষা', 'language'],
    ['stop', 'stop'],
    ['रुको', 'stop'],
    ['বন্ধ', 'stop'],
    ['বন্ধ করুন।', 'stop'],
    // Starting over, in each language (it was English only: "আবার শুরু" mid-flow was read as an answer).
    ['restart', 'menu'],
    ['আবার শুরু', 'menu'],
    ['শুরু', 'menu'],
    ['फिर से शुरू करें', 'menu'],
    ['शुरू', 'menu'],
    ['phir se shuru', 'menu'],
    // A request begun with "I" / "to me" (it was understood only without, mid-question too).
    ['আমি ডাক্তারের সাথে কথা বলতে চাই', 'doctor'],
    ['আমার ডাক্তার লাগবে', 'doctor'],
    ['मुझे डॉक्टर से बात करनी है', 'doctor'],
    ['डॉक्टर से बात करना है', 'doctor'],
    ['mujhe doctor se baat karni hai', 'doctor'],
    ['mujhe doctor chahiye', 'doctor'],
  ])('%s → %s', (text, command) => {
    expect(interp.command(text)).toBe(command);
  });

  it.each([
    ['I need help with my father'],
    ['menu please show'],
    ['0'],
    ['০'],
    ['1'],
    [''],
    ['yes'],
    ['আমার জ্বর'],
    // "I am a doctor": the word alone after "I" is no request.
    ['আমি ডাক্তার'],
    ['main doctor'],
    ['আমার বাবা অসুস্থ'],
  ])('%s is not a command', (text) => {
    expect(interp.command(text)).toBeNull();
  });

  it('survives zero-width joiners and Unicode variants', () => {
    expect(interp.command('সাহায্\u200Dয')).toBe('help');
    expect(interp.command('\uFEFFমেনু ')).toBe('menu');
  });
});

describe('yesNo', () => {
  it.each([
    'yes', 'Yes', 'YES!', 'y', 'yeah', 'yep', 'ok', 'okay', 'sure',
    'हाँ', 'हां', 'जी', 'जी हाँ', 'haan', 'ha', 'ji', 'hanji', 'haan ji',
    'হ্যাঁ', 'হাঁ', 'হ্যাঁ।', 'জি', 'hya', 'hae', 'ha',
    'haan ji, bukhar hai', 'yes I have fever', 'হ্যাঁ, জ্বর আছে', 'haan, saans nahi aa rahi',
  ])('%s → yes', (text) => {
    expect(interp.yesNo(text)).toBe(true);
  });

  it.each([
    'no', 'No.', 'n', 'nope', 'nah', 'not really',
    'नहीं', 'नही', 'ना', 'nahi', 'nahin', 'nhi', 'na', 'ji nahi', 'जी नहीं', 'nahi ji',
    'না', 'নাই', 'নেই', 'na', 'nai', 'জি না',
    'না, নেই', 'no I am ok', 'nahi, bukhar nahi hai',
  ])('%s → no', (text) => {
    expect(interp.yesNo(text)).toBe(false);
  });

  it.each(['maybe', 'I have fever', 'জানি না', 'pata nahi', '1', '', 'yes no', 'हाँ नहीं', 'হ্যাঁ না', 'no yes'])(
    '%s → null',
    (text) => {
      expect(interp.yesNo(text)).toBeNull();
    },
  );

  it('survives zero-width joiners inside হ্যাঁ', () => {
    expect(interp.yesNo('হ\u200D্যাঁ')).toBe(true);
  });

  it('never lists one word as both yes and no', () => {
    for (const lng of translator.languages) {
      const yes = new Set(translator.words('words.yes', lng).map((w) => w.toLowerCase()));
      for (const other of translator.languages) {
        for (const w of translator.words('words.no', other)) expect(yes.has(w.toLowerCase())).toBe(false);
      }
    }
  });
});

describe('the words patients type in chat (reviewed list)', () => {
  it.each(['জী', 'জ্বী', 'hea', 'hn', 'hnji', 'हाँजी', 'জ্বী, জ্বর আছে'])('%s → yes', (text) => {
    expect(interp.yesNo(text)).toBe(true);
    expect(interp.command(text)).toBeNull();
  });

  it.each(['জী না', 'জ্বী না', 'noi', 'ni', 'nhn', 'nahein', 'नहि', 'জ্বী না, নেই'])('%s → no', (text) => {
    expect(interp.yesNo(text)).toBe(false);
    expect(interp.command(text)).toBeNull();
  });

  it.each([
    // "नई" is "new" as often as a misspelt "no": "नई खांसी" (a new cough) must not answer "new symptoms?" with no.
    'नई', 'नई खांसी है',
    // "hmm" agrees or hesitates: asking again is safer.
    'hmm', 'হুম',
    // "OK" words: to "any of these danger signs right now?" they most often mean "I'm fine", and
    // as yes they would send the patient emergency advice; asking again is safer.
    'ঠিক আছে', 'ঠিকাছে', 'আচ্ছা', 'thik ache', 'accha', 'ठीक है', 'theek hai', 'thik hai', 'अच्छा', 'acha', 'achha',
  ])('%s → null', (text) => {
    expect(interp.yesNo(text)).toBeNull();
  });

  it.each([
    ['এ্যাম্বুলেন্স', 'emergency'], ['আম্বুলেন্স', 'emergency'], ['অ্যাম্বুলেন্স লাগবে!', 'emergency'], ['ambulance lagbe', 'emergency'],
    ['বাঁচাও', 'emergency'], ['বাচাও', 'emergency'], ['bachao', 'emergency'],
    ['एमरजेंसी', 'emergency'], ['इमर्जेंसी', 'emergency'], ['एम्बुलेंस चाहिए', 'emergency'], ['ambulance chahiye', 'emergency'], ['बचाओ', 'emergency'],
    ['ambulence', 'emergency'], ['Emergancy', 'emergency'],
    ['bondho koro', 'stop'], ['bondho korun', 'stop'], ['থামুন', 'stop'],
    ['band', 'stop'], ['bandh', 'stop'], ['band kro', 'stop'], ['ruk jao', 'stop'], ['रुक जाओ', 'stop'],
    ['ডাক্তার লাগবে', 'doctor'], ['daktar lagbe', 'doctor'], ['doctor lagbe', 'doctor'], ['doctor chahie', 'doctor'],
    ['batil koro', 'cancel'], ['radd karo', 'cancel'],
  ])('%s → %s', (text, command) => {
    expect(interp.command(text)).toBe(command);
    expect(interp.yesNo(text)).toBeNull();
  });

  it.each(['naak band hai', 'नाक बंद है', 'bandh ke din hospital khula hai?', 'ambulance lagbe na'])('%s is not a command (whole messages only)', (text) => {
    expect(interp.command(text)).toBeNull();
  });
});

describe('number', () => {
  it.each([
    ['92', 92],
    ['৯২', 92],
    ['९२', 92],
    ['٩٢', 92],
    ['92%', 92],
    ['94 %', 94],
    ['SpO2 92', 92],
    ['spo2: ৯৪%', 94],
    ['98.6', 98.6],
    ['৯৮.৬', 98.6],
    ['٣٨٫٥', 38.5],
    ['temp 101f', 101],
    ['my oxygen is 90 and pulse 110', 90],
    ['  07 ', 7],
  ])('%s → %s', (text, n) => {
    expect(interp.number(text)).toBe(n);
  });

  it.each(['', 'no oximeter', 'spo2', 'covid19', 'ninety'])('%s → null', (text) => {
    expect(interp.number(text)).toBeNull();
  });
});

describe('choice', () => {
  const menu: ChoiceOption[] = [
    { value: 'helplines', label: 'menu.option.helplines' },
    { value: 'language', label: 'menu.option.language' },
    { value: 'about', label: 'menu.option.about' },
  ];
  const langs: ChoiceOption[] = [
    { value: 'bn', label: 'common.lang.bn' },
    { value: 'hi', label: 'common.lang.hi' },
    { value: 'en', label: 'common.lang.en' },
  ];

  it('by a payload typed only where it is a word of its label or an alias, never a code', () => {
    expect(interp.choice('about', menu)).toBe('about');
    expect(interp.choice('hi', langs)).toBeNull();
  });

  it.each(['2', '২', '२', '٢', '2.', '2)', '(2)', ' 2 ', '#2', '2\uFE0F\u20E3'])('by number %s', (text) => {
    expect(interp.choice(text, menu)).toBe('language');
  });

  it('follow-up and rating labels typed back: "ভালো" is still "better", and both digit scripts rate', () => {
    const feeling: ChoiceOption[] = [
      { value: 'better', label: 'followup.feeling.better' },
      { value: 'same', label: 'followup.feeling.same' },
      { value: 'worse', label: 'followup.feeling.worse' },
    ];
    for (const text of ['আগের চেয়ে ভালো', 'ভালো', 'bhalo', 'Better', 'बेहतर']) expect(interp.choice(text, feeling)).toBe('better');
    expect(interp.choice('ভালো না', feeling)).toBeNull();
    const slots: ChoiceOption[] = ['morning', 'afternoon', 'evening'].map((v) => ({ value: v, label: `followup.slot.${v}` }));
    for (const text of ['দুপুর (২টা)', 'দুপুর', 'দুপুরে']) expect(interp.choice(text, slots)).toBe('afternoon');
    const rating: ChoiceOption[] = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `handoff.rating.r${n}` }));
    for (const text of ['5', '৫', '५', '5 – খুব কাজে লেগেছে']) expect(interp.choice(text, rating)).toBe('5');
    for (const text of ['1', '১', '1 – একটুও না']) expect(interp.choice(text, rating)).toBe('1');
  });

  it('a number out of range is no choice', () => {
    expect(interp.choice('0', menu)).toBeNull();
    expect(interp.choice('4', menu)).toBeNull();
    expect(interp.choice('৪', menu)).toBeNull();
  });

  it('by label in every language, whatever the conversation language', () => {
    for (const lng of translator.languages) {
      const label = translator.t('menu.option.helplines', lng);
      expect(interp.choice(label, menu)).toBe('helplines');
      expect(interp.choice(label.toUpperCase(), menu)).toBe('helplines');
    }
    expect(interp.choice('বাংলা', langs)).toBe('bn');
    expect(interp.choice('हिन्दी', langs)).toBe('hi');
    expect(interp.choice('english', langs)).toBe('en');
  });

  it('by label with the menu number still in front', () => {
    expect(interp.choice('1. Helplines and ambulance', menu)).toBe('helplines');
    expect(interp.choice('৩) সহায় ও গোপনীয়তা সম্পর্কে', menu)).toBe('about');
    expect(interp.choice('2 भाषा बदलें', menu)).toBe('language');
  });

  it('by alias: the spellings patients actually type for a language', () => {
    expect(interp.choice('Hindi', langs)).toBe('hi');
    expect(interp.choice('हिंदी', langs)).toBe('hi');
    expect(interp.choice('bangla', langs)).toBe('bn');
    expect(interp.choice('বাঙলা', langs)).toBe('bn');
    expect(interp.choice('ইংরেজি', langs)).toBe('en');
    expect(interp.choice('अंग्रेज़ी', langs)).toBe('en');
  });

  it('by either half of an "a / b" label', () => {
    const skip: ChoiceOption[] = [{ value: 'skip', label: 'common.skip' }];
    expect(interp.choice('জানি না', skip)).toBe('skip');
    expect(interp.choice('पता नहीं', skip)).toBe('skip');
    expect(interp.choice("I don't know", skip)).toBe('skip');
  });

  it('null otherwise', () => {
    expect(interp.choice('something else', menu)).toBeNull();
    expect(interp.choice('', menu)).toBeNull();
    expect(interp.choice('helplin', menu)).toBeNull();
    expect(interp.choice('1', [])).toBeNull();
  });
});

describe('detectLanguage', () => {
  it('is the shared detector', () => {
    expect(interp.detectLanguage('আমার জ্বর')).toEqual({ lang: 'bn', confident: true });
    expect(interp.detectLanguage('mujhe bukhar hai')).toEqual({ lang: 'hi', confident: false, byWords: true });
  });
});

// The main menu tries a question on the FAQ (flows/main_menu.yaml, faq.try); anything else stays
// an unclear answer there, so what is no question must say so.
describe('isQuestion', () => {
  it.each([
    'how long should I isolate',
    'Can I go out after 7 days',
    'oxygen kitna hona chahiye',
    'ऑक्सीजन कितना होना चाहिए',
    'टीका कब लगवाएँ',
    'অক্সিজেন কত হলে হাসপাতালে যাব',
    'জ্বর হলে কী করব',
    'koto din isolation e thakbo',
    'vaccine safe?',
    'কেউ আছেন?',
  ])('%s is a question', (text) => {
    expect(interp.isQuestion(text)).toBe(true);
  });

  // The unclear answers of the hand-off transcripts (test/transcripts/handoff-bn-not-understood.yaml, odd-text.yaml).
  it.each(['সাহায্য দরকার', 'আমার বাবা অসুস্থ', 'বুঝতে পারছি না', 'I need help डॉक्टर চাই 🙏', 'I have fever', 'mujhe bukhar hai', 'xyz qqq', '😷', ''])('%s is not', (text) => {
    expect(interp.isQuestion(text)).toBe(false);
  });
});

// Said where the bed search asks for a place or a PIN code (flows/beds.yaml).
describe('dontKnow', () => {
  it.each(['জানি না', 'জানিনা', 'আমি জানি না', 'মনে নেই', 'jani na', 'पता नहीं', 'मुझे नहीं पता', 'pata nahi', 'Pata nahin.', 'nahi pata', "I don't know", 'dont know', 'not sure', 'I don’t know the district name'])('%s', (text) => {
    expect(interp.dontKnow(text)).toBe(true);
  });

  it.each(['Kolkata', 'রায়পুর', 'না', 'nahi', 'no', '700020', "Kolkata, but I don't know which hospital is near my home", ''])('not %s', (text) => {
    expect(interp.dontKnow(text)).toBe(false);
  });
});

describe('courtesy (words.courtesy): thanks or an acknowledgement, and nothing else', () => {
  it.each(['thanks', 'Thank you!', 'ok', 'ok thanks', 'ধন্যবাদ', 'ঠিক আছে', 'ওকে', 'धन्यवाद', 'शुक्रिया', 'ठीक है', 'dhonnobad', 'shukriya', 'theek hai', '👍', '🙏', '🙏🏽', '👍🙏', 'ok 👍'])('%s', (text) => {
    expect(interp.courtesy(text)).toBe(true);
  });
  // An emoji of no thanks ("😷", "👎"), or one beside words that are none ("🙏 blorp").
  it.each(['', '😷', '👎', '👍😷', '🙏 blorp', 'blorp', 'ok blorp', 'thanks, what is the oxygen level?', 'fever', '2'])('%s is not', (text) => {
    expect(interp.courtesy(text)).toBe(false);
  });
  it('"ok" and "ঠিক আছে" stay no "yes"', () => {
    expect(interp.yesNo('ঠিক আছে')).toBeNull();
    expect(interp.yesNo('theek hai')).toBeNull();
  });
});

describe('isQuestion: a question without "?" or a question word, by its first word', () => {
  it.each(['is ivermectin good for covid', 'can I take paracetamol', 'does covid spread through air', 'should children wear masks', 'kya dolo le sakte hain', 'ki khabo'])('%s', (text) => {
    expect(interp.isQuestion(text)).toBe(true);
  });
  it.each(['my oxygen is 91', 'I can not breathe well', 'fever since 3 days', 'bed chahiye'])('%s is not', (text) => {
    expect(interp.isQuestion(text)).toBe(false);
  });
});

describe('command: a request with a greeting before it or a place after it', () => {
  it.each([
    ['hi, I need a bed in Kolkata', 'beds'],
    ['hello sir, I need an oxygen bed near Salt Lake', 'beds'],
    ['hi, I want to check my symptoms', 'triage'],
    ['hello, can I ask a question', 'faq'],
    ['নমস্কার, ডাক্তার চাই', 'doctor'],
    ['namaste, bed chahiye', 'beds'],
  ])('%s → %s', (text, command) => {
    expect(interp.command(text)).toBe(command);
  });
  it.each(['hi', 'hello', 'I need a doctor in Kolkata to call me back tomorrow about my mother', 'I don\'t need a bed in Kolkata', 'hi, I have fever'])('%s → a request it is not', (text) => {
    expect(interp.command(text)).not.toBe('beds');
  });
});

describe('isQuestion: the first word after a greeting', () => {
  it.each(['hi, is ivermectin good for covid', 'hello sir can I take paracetamol', 'namaste, kya dolo le sakte hain'])('%s', (text) => {
    expect(interp.isQuestion(text)).toBe(true);
  });
  it.each(['hi', 'hello, my oxygen is 91'])('%s is not', (text) => {
    expect(interp.isQuestion(text)).toBe(false);
  });
});
