/**
 * Through the real core and shipped flows: a request for a doctor with when and where around it
 * ("Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai", "I am in Kuwait, I need a doctor
 * tonight": words.json `request_context`) is acted on as the request alone is — as a first
 * message, after consent (not the bare menu); at the menu, at once (not "please choose"). Before,
 * a Gulf worker who said where he lives lost his request both ways.
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest, consented } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, t } = chat;
type Lang = 'bn' | 'hi' | 'en';

/**
 * The hand-off has begun: it asks where the patient is, or, when the request named a region we
 * serve (Dubai, Riyadh, Kuwait: src/helplines/region-in-message-action.ts), opens the ticket at once.
 */
const handedOff = async (r: string[], lang: Lang): Promise<boolean> =>
  r.includes(t('helplines.ask.region', lang)) || getPath(await chat.session('u'), 'handoff.ticket') != null;

describe('a first message asking for a doctor, with when and where, goes to the hand-off after consent', () => {
  it.each<[string, string[], Lang]>([
    // The tester's: romanized Bengali, then Bengali by its number, then consent by its number.
    ['Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai', ['1', '1'], 'bn'],
    ['আমি দুবাইতে থাকি, আজ রাতে ডাক্তারের সাথে কথা বলতে চাই', ['হ্যাঁ'], 'bn'],
    ['main Riyadh mein hoon, doctor se baat karni hai abhi', ['2', 'haan'], 'hi'],
    ['मैं दुबई में रहता हूँ, आज रात डॉक्टर से बात करनी है', ['हाँ'], 'hi'],
    ['I am in Kuwait, I need a doctor tonight', ['english', 'yes'], 'en'],
  ])('"%s"', async (first, then, lang) => {
    const r = await run('u', [first, ...then]);
    expect(r).toContain(t('welcome.doctor_requested', lang));
    expect(await handedOff(r, lang)).toBe(true);
    expect(r).not.toContain(t('menu.ask', lang));
    expect((await chat.session('u')).vars['first_command']).toBe('doctor');
  });
});

describe('at the menu, a request for a doctor with when or where is taken at once', () => {
  it.each<[string, Lang]>([
    ['raat e doctor er sathe kotha bolte chai', 'bn'],
    ['ami dubai te thaki, doctor er sathe kotha bolte chai', 'bn'],
    ['আজ রাতে ডাক্তারের সাথে কথা বলতে চাই', 'bn'],
    ['aaj raat doctor se baat karni hai', 'hi'],
    ['main riyadh mein hoon, doctor se baat karni hai', 'hi'],
    ['I am in Kuwait, I want to talk to a doctor tonight', 'en'],
  ])('"%s"', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r.join('\n')).not.toContain(t('common.invalid.choice', lang));
    expect(await handedOff(r, lang)).toBe(true);
  });
});

describe('the guards stay: no hand-off', () => {
  it.each<[string, Lang]>([
    ["I don't want a doctor", 'en'],
    ["I don't want a doctor tonight", 'en'],
    ['can a doctor in Dubai see me?', 'en'],
    ['my doctor in Dubai said rest', 'en'],
    ['ami dubai te thaki, doctor lagbe na', 'bn'],
  ])('"%s" at the menu', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(await handedOff(r, lang)).toBe(false);
    expect(r).not.toContain(t('welcome.doctor_requested', lang));
  });

  it('"my doctor in Dubai said rest" as a first message: the menu after consent, no hand-off', async () => {
    const r = await run('u', ['my doctor in Dubai said rest', 'english', 'yes']);
    expect(r).not.toContain(t('welcome.doctor_requested', 'en'));
    expect(await handedOff(r, 'en')).toBe(false);
  });
});
