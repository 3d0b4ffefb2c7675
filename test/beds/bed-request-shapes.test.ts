/**
 * Bed requests with their place as patients write them (src/beds/place-in-request.ts): words
 * between "bed" and the place ("a bed for my father in Kolkata"), a question ("can I get a bed in
 * Kolkata", "kolkata e bed pabo?"), the place first, a trailing "please" — searched for that place
 * at once; a place the data has no beds for ("bed in Dhaka", "ঢাকায় বেড") told so with its
 * helplines, as the place question tells it; a question about beds that names no place never
 * searched for a place, and a no still a no. The ties are read from the menu's `place_lead` too
 * (src/beds/menu-words.ts), not copied (a locale's new tie: bed-request-for-whom.test.ts); and the message for a 5-digit "PIN" gives its numbers
 * in the patient's Bengali digits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadBedsConfig } from '../../src/beds/config';
import { menuWordsOf } from '../../src/beds/menu-words';
import { bedRequestWords } from '../../src/beds/place-in-request';
import { words } from '../../src/i18n/normalize';
import { createTranslator } from '../../src/i18n/translator';
import { getPath } from '../../src/engine/paths';
import { configDir, localesDir } from '../../src/paths';
import { chatPerTest, consented, toConsent } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, t, session } = chat;
type Lang = 'bn' | 'hi' | 'en';

describe('a bed request with words around its place reaches the search for that place', () => {
  it.each<[string, Lang, string]>([
    ['I need a bed for my father in Kolkata', 'en', 'kolkata'],
    ['can I get a bed in Kolkata', 'en', 'kolkata'],
    ['can I get a bed in Kolkata?', 'en', 'kolkata'],
    ['is there a bed available in Kolkata', 'en', 'kolkata'],
    ['any bed in Howrah please', 'en', 'howrah'],
    ['kolkata e bed pabo?', 'bn', 'kolkata'],
    ['হাওড়াতে বেড পাওয়া যাবে?', 'bn', 'howrah'],
    ['বাবার জন্য কলকাতায় একটা বেড লাগবে', 'bn', 'kolkata'],
    ['raipur me bed milega?', 'hi', 'raipur'],
    ['कोलकाता में बेड मिलेगा क्या', 'hi', 'kolkata'],
    ['papa ke liye raipur mein bed chahiye', 'hi', 'raipur'],
  ])('"%s" (%s) at the menu: the kind is asked for that place, not "where?"', async (text, lang, place) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"need ICU bed in howrah please": Howrah is searched for ICU beds at once', async () => {
    const r = await run('u', [...consented('en'), 'need ICU bed in howrah please']);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'en'));
    expect(r[0]).toMatch(/ICU/);
    expect(r[0]).toMatch(/Howrah/);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'howrah' });
  });

  it.each<[string, Lang, string]>([
    ['I need a bed for my father in Kolkata', 'en', 'kolkata'],
    ['বাবার জন্য কলকাতায় একটা বেড লাগবে', 'bn', 'kolkata'],
    ['raipur me bed milega?', 'hi', 'raipur'],
  ])('"%s" (%s) as a first message: after consent, the kind is asked for that place', async (first, lang, place) => {
    const r = await run('u', [first, ...toConsent[lang]]);
    expect(r).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });
});

describe('what names no place, or says no, is searched for no place', () => {
  it.each<[string, Lang]>([
    ['is there any bed available for covid patients?', 'en'],
    ['can I get a bed for my mother', 'en'],
    ['how do I find a bed in hospital?', 'en'],
    ['bed for 2 days', 'en'],
    ['bed lagbe ki?', 'bn'],
    ['koi bed khali hai?', 'hi'],
    ['papa ke liye bed chahiye', 'hi'],
  ])('"%s" (%s): no place is searched for', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
    expect(getPath(await session('u'), 'beds.place_stated') ?? null).toBeNull();
  });

  it.each<[string, Lang]>([
    ['bed nahi chahiye kolkata mein', 'hi'],
    ["I don't need a bed in Kolkata", 'en'],
    ['কলকাতায় বেড লাগবে না', 'bn'],
  ])('"%s" (%s): a no stays a no, the bed search is not started', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r).not.toContain(t('beds.ask.how', lang));
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
  });

  it('"bed near me" still reaches the bed search, which asks for the location (bed-request-near-me.test.ts)', async () => {
    expect(await run('u', [...consented('en'), 'bed near me'])).toEqual([t('beds.share_how', 'en'), t('beds.ask.location', 'en')]);
  });
});

describe('a bed request naming a place the data has no beds for', () => {
  /** What the place question answers to `place`: the same words are expected for the request. */
  const atPlaceQuestion = (lang: Lang, place: string) => run('q', [...consented(lang), '2', place]);

  it.each<[string, Lang, string]>([
    ['bed in Dhaka', 'en', 'Dhaka'],
    ['bed in Chittagong', 'en', 'Chittagong'],
    ['need a bed in Riyadh please', 'en', 'Riyadh'],
    ['ঢাকায় বেড', 'bn', 'ঢাকায়'],
    ['ঢাকায় একটা বেড লাগবে', 'bn', 'ঢাকা'],
    ['मुझे पटना में बेड चाहिए', 'hi', 'पटना'],
    ['bed in 110001', 'en', '110001'],
  ])('"%s" (%s): says there is no bed data there, with the helplines, and offers them or another place', async (text, lang, place) => {
    const expected = await atPlaceQuestion(lang, place);
    expect(expected.at(-1)).toBe(t('beds.ask.no_data', lang));
    const r = await run('u', [...consented(lang), text]);
    expect(r).toEqual(expected);
    expect(r).not.toContain(t('beds.ask.how', lang));
    // Taken once: "another place" asks how to search.
    expect(await run('u', ['2'])).toEqual([t('beds.ask.how', lang)]);
  });

  it('as a first message: said after consent, in the language chosen', async () => {
    const expected = await atPlaceQuestion('en', 'Dhaka');
    expect(await run('u', ['bed in Dhaka', 'english', 'yes'])).toEqual(expected);
  });
});

describe('the ties of a place to a request', () => {
  const menuLeads = (dir: string): string[] =>
    ['en', 'bn', 'hi'].flatMap((lng) => (JSON.parse(readFileSync(join(dir, lng, 'words.json'), 'utf8')) as { place_lead: string[] }).place_lead);

  it("words.yaml keeps no copy of the menu's place_lead: the bed search reads them from the interpreter's translator", () => {
    const own = (parse(readFileSync(join(configDir, 'beds', 'words.yaml'), 'utf8')) as { place_ties: string[] }).place_ties;
    expect(own.filter((w) => menuLeads(localesDir).includes(w))).toEqual([]);
    const problems: string[] = [];
    const beds = loadBedsConfig(configDir, { staleHours: 24, nearbyKm: 25 }, problems)!;
    expect(problems).toEqual([]);
    const read = bedRequestWords(menuWordsOf(createTranslator(localesDir)), beds);
    expect(read.ties.map((t) => t.join(' '))).toEqual(expect.arrayContaining([...menuLeads(localesDir), ...own].map((w) => words(w).join(' '))));
  });
});

describe('a 5-digit "PIN" is told in the digits the patient typed, where the language writes its own', () => {
  const said = (lang: Lang, count: string, example: string, text: string) => chat.tc.core.translator.t('beds.resolve.pin_length', lang, { text, count, example });

  it('Bengali digits in Bengali: ৫টি অঙ্ক, e.g. ৭০০০২০', async () => {
    const r = await run('u', [...consented('bn'), '2', '৭০০০২']);
    expect(r[0]).toBe(said('bn', '৫', '৭০০০২০', '৭০০০২'));
    expect(r[0]).not.toMatch(/[0-9]/);
  });

  it('Latin digits in Bengali, and any digits in Hindi and English, stay Latin (as those messages write them)', async () => {
    expect((await run('a', [...consented('bn'), '2', '70002']))[0]).toBe(said('bn', '5', '700020', '70002'));
    expect((await run('b', [...consented('hi'), '2', '७०००२']))[0]).toBe(said('hi', '5', '700020', '७०००२'));
    expect((await run('c', [...consented('en'), '2', '70002']))[0]).toBe(said('en', '5', '700020', '70002'));
  });
});
