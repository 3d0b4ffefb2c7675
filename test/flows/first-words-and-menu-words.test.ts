/**
 * Through the real core and shipped flows: a first message that carries a request with a greeting
 * before it or a place after it ("hi, I need a bed in Kolkata") goes to that entry after consent;
 * a question without a question mark or question word ("is ivermectin good for covid") is a
 * question at the menu; a 👍 or 🙏 alone at the menu is thanks, in the patient's language.
 */
import { chatPerTest, consented } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, t } = chat;
type Lang = 'bn' | 'hi' | 'en';

describe('a first message with a request in a sentence goes to that entry after consent', () => {
  it.each<[string, string[], Lang]>([
    ['hi, I need a bed in Kolkata', ['3', 'yes'], 'en'],
    ['hello, I want to check my symptoms', ['3', 'yes'], 'en'],
    ['নমস্কার, আমার একটা বেড লাগবে', ['হ্যাঁ'], 'bn'],
    ['namaste, bed chahiye', ['2', 'haan'], 'hi'],
  ])('"%s"', async (first, then, lang) => {
    const r = await run('u', [first, ...then]);
    expect(r).not.toContain(t('menu.ask', lang));
    // A place named with the bed is searched: the kind is asked next, not "where?" (test/beds/place-in-bed-request.test.ts).
    const wanted = first.includes('symptoms') ? t('triage.ask.danger_signs', lang) : first.includes('Kolkata') ? t('beds.ask.kind', lang) : t('beds.ask.how', lang);
    expect(r.at(-1)).toBe(wanted);
  });
});

describe('a first message that is a question after a greeting, without "?" or a question word', () => {
  it('"hi, is ivermectin good for covid": answered from the FAQ after consent, then the menu', async () => {
    const r = await run('u', ['hi, is ivermectin good for covid', 'english', 'yes']);
    expect(r[0]).toMatch(/medicine/i);
    expect(r.at(-1)).toBe(t('menu.ask', 'en'));
  });
});

describe('at the menu, a question without "?" or a question word is still a question', () => {
  it.each<[string, Lang]>([
    ['is ivermectin good for covid', 'en'],
    ['does covid spread through air', 'en'],
  ])('"%s" is answered from the FAQ, not "please choose"', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r[0]).not.toBe(t('common.invalid.choice', lang));
    expect(r[0]).not.toBe(t('faq.no_match', lang));
    // An answer, or the nearest questions listed ("How does covid spread?").
    expect(r[0]).toMatch(/ivermectin|medicine|spread/i);
  });

  it('statements with "is" in them stay what they were: a reading starts the check, a pick is a pick', async () => {
    expect((await run('u', [...consented('en'), 'my oxygen is 91'])).join('\n')).toContain(t('triage.intro', 'en'));
    expect(await run('v', [...consented('en'), 'can I get a bed'])).toContain(t('beds.ask.how', 'en'));
  });
});

describe('a 👍 or 🙏 alone at the menu is thanks', () => {
  it.each<[string, Lang]>([
    ['👍', 'en'],
    ['🙏', 'bn'],
    ['🙏🏽', 'hi'],
    ['👍🙏', 'en'],
  ])('"%s" (%s): "you\'re welcome" and the menu, not "please choose"', async (emoji, lang) => {
    const r = await run('u', [...consented(lang), emoji]);
    expect(r).toEqual([t('menu.courtesy', lang), t('menu.ask', lang)]);
  });
});
