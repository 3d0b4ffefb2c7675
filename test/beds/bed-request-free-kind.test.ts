/**
 * A bed request that names its kind with "free" before it ("free oxygen bed in Howrah", "I want a
 * free ICU bed in Kolkata", "फ्री ऑक्सीजन बेड चाहिए", "খালি আইসিইউ বেড"): the menu's own entry is
 * "Find a free bed", so "free" is the patient's word, and the menu lists "oxygen bed" and "free bed"
 * but not both in one. Such a request was "Please choose one of the options"; it now reaches the
 * bed search with its kind (and its place, when it names one: searched at once), at the menu and as
 * a first message. "Free" is a request word (config/beds/words.yaml), and the kind named is left
 * out of the request as the kind question reads it (src/beds/kind-in-request.ts). A no stays a
 * no, news and a question about beds are no search.
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest, consented } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, t, session } = chat;
type Lang = 'bn' | 'hi' | 'en';

/** What the search says first for `kind` beds at `place` in `lang`, as `run` of the same request without "free" shows it. */
const searched = async (lang: Lang, text: string) => (await run('plain', [...consented(lang), text]))[0];

describe('a "free" kind of bed with its place, at the menu: that place is searched for that kind at once', () => {
  it.each<[string, Lang, string, string, string]>([
    ['free oxygen bed in Howrah', 'en', 'oxygen bed in Howrah', 'howrah', 'oxygen'],
    ['I want a free oxygen bed in Howrah', 'en', 'oxygen bed in Howrah', 'howrah', 'oxygen'],
    ['I want a free ICU bed in Kolkata', 'en', 'ICU bed in Kolkata', 'kolkata', 'icu'],
    ['free ventilator bed in Howrah', 'en', 'I need a ventilator bed in Howrah', 'howrah', 'ventilator'],
    ['free oxygen bed chai howrah te', 'bn', 'oxygen bed lagbe howrah te', 'howrah', 'oxygen'],
    ['খালি আইসিইউ বেড হাওড়াতে', 'bn', 'হাওড়াতে আইসিইউ বেড লাগবে', 'howrah', 'icu'],
    ['फ्री ऑक्सीजन बेड चाहिए हावड़ा में', 'hi', 'हावड़ा में ऑक्सीजन बेड चाहिए', 'howrah', 'oxygen'],
  ])('"%s" (%s): searched as "%s" is', async (text, lang, plain, place, kind) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('common.invalid.choice', lang));
    expect(r).not.toContain(t('beds.ask.how', lang));
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r.at(-1)).toBe(t('beds.ask.next', lang));
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
    expect(getPath(await session('u'), 'beds.kind')).toBe(kind);
    expect(r[0]).toBe(await searched(lang, plain));
  });
});

describe('a "free" kind of bed and no place, at the menu: the bed search asks where, the kind kept', () => {
  it.each<[string, Lang, string]>([
    ['free oxygen bed', 'en', 'oxygen'],
    ['free ICU bed please', 'en', 'icu'],
    ['फ्री ऑक्सीजन बेड चाहिए', 'hi', 'oxygen'],
    ['ফ্রি অক্সিজেন বেড লাগবে', 'bn', 'oxygen'],
    ['khali oxygen bed chahiye', 'hi', 'oxygen'],
    ['খালি আইসিইউ বেড', 'bn', 'icu'],
    ['আইসিইউ বেড লাগবে', 'bn', 'icu'],
  ])('"%s" (%s): "how shall I search?", then the place is searched for the kind named, not asked', async (text, lang, kind) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.how', lang)]);
    expect(getPath(await session('u'), 'beds.kind_stated')).toBe(kind);
    const r = await run('u', ['1', 'Howrah']);
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r.at(-1)).toBe(t('beds.ask.next', lang));
    expect(getPath(await session('u'), 'beds.kind')).toBe(kind);
  });
});

describe('as a first message: after consent, the bed search with the kind and place noted', () => {
  it('"free oxygen bed chai howrah te": Howrah is searched for oxygen beds in Bengali', async () => {
    const r = await run('u', ['free oxygen bed chai howrah te', '1', 'হ্যাঁ']);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'bn'));
    expect(r).not.toContain(t('beds.ask.kind', 'bn'));
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'howrah' });
    expect(getPath(await session('u'), 'beds.kind')).toBe('oxygen');
  });

  it('"I want a free ICU bed in Kolkata": Kolkata is searched for ICU beds', async () => {
    const r = await run('u', ['I want a free ICU bed in Kolkata', 'english', 'yes']);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'en'));
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'kolkata' });
    expect(getPath(await session('u'), 'beds.kind')).toBe('icu');
  });

  it.each<[string, Lang, string[], string]>([
    ['free oxygen bed', 'en', ['english', 'yes'], 'oxygen'],
    ['फ्री ऑक्सीजन बेड चाहिए', 'hi', ['हाँ'], 'oxygen'],
    ['খালি আইসিইউ বেড', 'bn', ['হ্যাঁ'], 'icu'],
    ['khali oxygen bed chahiye', 'hi', ['2', 'haan'], 'oxygen'],
  ])('"%s" (%s): after consent, "how shall I search?" with the kind kept', async (first, lang, toConsent, kind) => {
    expect(await run('u', [first, ...toConsent])).toEqual([t('beds.ask.how', lang)]);
    expect(getPath(await session('u'), 'beds.kind_stated')).toBe(kind);
  });
});

describe('what is no request for a free bed stays none', () => {
  it.each<[string, Lang]>([
    ['no free oxygen bed in Howrah', 'en'],
    ["I don't need a free oxygen bed", 'en'],
    ['free oxygen bed nahi chahiye', 'hi'],
    ['ফ্রি অক্সিজেন বেড লাগবে না', 'bn'],
    ['my wife got a free oxygen bed in Howrah', 'en'],
    ['her bed in Kolkata is free', 'en'],
    ['free oxygen', 'en'],
  ])('"%s" (%s): the bed search is not started', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.how', lang));
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r).not.toContain(t('beds.ask.next', lang));
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
    expect(getPath(await session('u'), 'beds.place_stated') ?? null).toBeNull();
  });

  it('"how do I find a free oxygen bed?" is answered as a question, not searched', async () => {
    const r = await run('u', [...consented('en'), 'how do I find a free oxygen bed?']);
    expect(r).not.toContain(t('beds.ask.how', 'en'));
    expect(getPath(await session('u'), 'beds.kind_stated') ?? null).toBeNull();
  });
});
