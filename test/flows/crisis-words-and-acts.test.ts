/**
 * What a tester playing patients found through the chat: wishes to die typed in romanized Bengali
 * and Hindi that got the greeting or "please choose one of the options", a crisis reply in English
 * for romanized Bengali and Hindi first messages, and self-harm done ("I took 30 sleeping pills",
 * "my brother cut his wrist", "bhai ne haath ki nas kaat li") met with the menu's retry. Through
 * the real router and shipped flows: the crisis reply at once, in the patient's language, and for
 * an act the ambulance first (flows/crisis.yaml).
 */
import { chatPerTest, consented } from '../support/chat-per-test';

const chat = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';
let users = 0;
const run = (msgs: string[]) => chat.run(`c${++users}`, msgs);
/** The first line of a text whose later lines hold numbers (the ambulance's). */
const opening = (key: string, lang: Lang) => chat.t(key, lang).split('\n')[0]!;

describe('a wish to die as the first message, in romanized Bengali or Hindi', () => {
  it.each<[string, Lang]>([
    ['amar morte ichche korche', 'bn'],
    ['morte ichche korche', 'bn'],
    ['ar bachte chai na', 'bn'],
    ['nijeke shesh kore dite chai', 'bn'],
    ['morte chai', 'bn'],
    ['mujhe mar jana hai', 'hi'],
    ['khudkushi karna chahta hu', 'hi'],
  ])('"%s": the crisis reply at once, in %s', async (text, lang) => {
    const r = await run([text]);
    expect(r[0]).toBe(chat.t('crisis.support', lang));
    expect(r.at(-1)).toBe(chat.t('crisis.ask.connect', lang));
    expect(r.join('\n')).not.toContain(opening('emergency.call', lang));
  });
});

describe('a wish to die at the menu', () => {
  it('"morte ichche korche" at the Bengali menu: the crisis reply in Bengali, not "choose an option"', async () => {
    const r = await run([...consented('bn'), 'morte ichche korche']);
    expect(r[0]).toBe(chat.t('crisis.support', 'bn'));
    expect(r.at(-1)).toBe(chat.t('crisis.ask.connect', 'bn'));
  });
});

describe('self-harm done: the ambulance first, a person alerted, then the crisis reply', () => {
  const actReply = (r: string[], lang: Lang) => {
    expect(r[0]!.split('\n')[0]).toBe(opening('emergency.call', lang));
    expect(r[1]).toBe(chat.t('crisis.act', lang));
    // A person of ours is told at once (the desks are open): the ticket does not wait for the offer's answer.
    expect(r[2]).toBe(chat.t('handoff.crisis_alerted', lang));
    expect(r[3]).toBe(chat.t('crisis.support', lang));
    expect(r.join('\n')).toContain(opening('crisis.lines', lang));
    expect(r.at(-1)).toBe(chat.t('crisis.ask.connect', lang));
  };

  it.each(['I took 30 sleeping pills', 'my brother cut his wrist'])('"%s" at the English menu', async (text) => {
    actReply(await run([...consented('en'), text]), 'en');
  });

  it.each<[string, Lang]>([
    ['bhai ne haath ki nas kaat li', 'hi'],
    ['neend ki goliyan kha li', 'hi'],
    ['नींद की गोलियां खा ली', 'hi'],
    ['poison kha liya', 'hi'],
    ['ghumer oshudh kheye felechi', 'bn'],
    ['ঘুমের ওষুধ খেয়ে ফেলেছি', 'bn'],
    ['বিষ খেয়েছি', 'bn'],
    ['I took 30 sleeping pills', 'en'],
  ])('"%s" as the first message, in %s', async (text, lang) => {
    actReply(await run([text]), lang);
  });

  it('"hath kete felechi" at the Bengali menu', async () => {
    actReply(await run([...consented('bn'), 'hath kete felechi']), 'bn');
  });

  it('notes the act, and a later crisis without one gets no ambulance', async () => {
    const user = `c${++users}`;
    await chat.run(user, [...consented('en'), 'I took 30 sleeping pills']);
    expect((await chat.session(user)).vars).toMatchObject({ crisis: { act: true } });
    const r = await chat.run(user, ['menu', 'I want to kill myself']);
    expect(r[0]).toBe(chat.t('crisis.support', 'en'));
    expect((await chat.session(user)).vars).toMatchObject({ crisis: { act: false } });
  });
});

describe('pills and cuts that are no self-harm, at the English menu', () => {
  it.each(['I took 2 paracetamol', 'did you take your pills?', 'I cut vegetables'])('"%s": no crisis reply', async (text) => {
    const r = await run([...consented('en'), text]);
    expect(r).not.toContain(chat.t('crisis.support', 'en'));
    expect(r.join('\n')).not.toContain(opening('emergency.call', 'en'));
  });
});
