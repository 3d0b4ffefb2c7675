/**
 * Words typed at the main menu in the script of another of our languages than the conversation's
 * (flows/language_offer.yaml): the switch is offered in that language, and the message is still
 * acted on afterwards, in the language the patient answered for. Latin letters offer nothing.
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, session, t } = chat;
const english = ['hello', 'english', 'yes'];

describe('native script typed in an English conversation at the menu', () => {
  it('a Bengali bed request: the switch offered in Bengali; yes → Bengali, and the bed search starts', async () => {
    const sent = await chat.tc.send('u', 'hello').then(() => chat.tc.send('u', 'english')).then(() => chat.tc.send('u', 'yes')).then(() => chat.tc.send('u', 'আমার একটা বেড লাগবে'));
    expect(sent.map((o) => o.text)).toEqual([t('language.offer', 'bn')]);
    // "বাংলায় কথা বলতে চান? 1 হ্যাঁ 2 না": its answers in Bengali too.
    expect(sent[0]?.choices?.map((c) => c.title)).toEqual(['হ্যাঁ', 'না']);
    const after = await run('u', ['হ্যাঁ']);
    expect(after[0]).toBe(t('language.changed', 'bn'));
    expect(after.at(-1)).toContain(t('beds.ask.how', 'bn'));
    expect((await session('u')).lang).toBe('bn');
  });

  it('a Bengali symptom: offered; "no" keeps English, and the symptom check starts with the symptom', async () => {
    const offer = await run('u', [...english, 'আমার জ্বর হয়েছে']);
    expect(offer.at(-1)).toContain(t('language.offer', 'bn'));
    const after = await run('u', ['2']);
    expect(after[0]).toBe(t('language.changed', 'en'));
    expect(after).toContain(t('triage.intro', 'en'));
    expect(after.at(-1)).toBe(t('triage.ask.danger_signs', 'en'));
    const s = await session('u');
    expect(s.lang).toBe('en');
    expect(getPath(s, 'triage.first_symptoms')).toEqual(['fever']);
  });

  it('a Hindi question: answered at once (in the conversation\'s language), then the switch offered in Hindi', async () => {
    const offer = await run('u', [...english, 'ऑक्सीजन कितना होना चाहिए?']);
    expect(offer).toHaveLength(2);
    expect(offer[0]).toMatch(/SpO2/);
    expect(offer[1]).toBe(t('language.offer', 'hi'));
    const after = await run('u', ['1']);
    expect(after).toEqual([t('language.changed', 'hi'), t('menu.ask', 'hi')]);
    expect((await session('u')).lang).toBe('hi');
  });

  it('Bengali script in a Hindi conversation offers Bengali', async () => {
    const offer = await run('u', ['नमस्ते', 'हाँ', 'আমার একটা বেড লাগবে']);
    expect(offer.at(-1)).toContain(t('language.offer', 'bn'));
  });

  it('Latin letters and numbers offer nothing', async () => {
    expect(await run('u', ['নমস্কার', 'হ্যাঁ', 'bed lagbe'])).not.toContain(t('language.offer', 'en'));
    const r = await run('v', [...english, '2']);
    expect(r.join('\n')).not.toMatch(/কথা বলতে চান|बात करना चाहेंगे/);
  });
});

describe('a "no" to the offer is remembered for the conversation', () => {
  it('Bengali kept being typed in an English conversation after a no: not offered again, and each message acted on in English', async () => {
    const offer = await run('u', [...english, 'আমার একটা বেড লাগবে']);
    expect(offer).toEqual([t('language.offer', 'bn')]);
    expect(await run('u', ['না'])).toEqual([t('language.changed', 'en'), t('beds.ask.how', 'en')]);
    expect(await run('u', ['মেনু'])).toEqual([t('menu.ask', 'en')]);
    const next = await run('u', ['আমার জ্বর হয়েছে']);
    expect(next.join('\n')).not.toContain(t('language.offer', 'bn'));
    expect(next).toContain(t('triage.intro', 'en'));
    const s = await session('u');
    expect(s.lang).toBe('en');
    expect(getPath(s, 'language_declined.bn')).toBe(true);
  });

  it('the no is for that language only: Hindi typed afterwards is still offered', async () => {
    await run('u', [...english, 'আমার জ্বর হয়েছে', '2', 'menu']);
    const r = await run('u', ['मुझे बेड चाहिए']);
    expect(r).toEqual([t('language.offer', 'hi')]);
  });

  it('a yes notes no refusal', async () => {
    await run('u', [...english, 'আমার একটা বেড লাগবে', '1']);
    expect(getPath(await session('u'), 'language_declined.bn')).toBeUndefined();
  });
});
