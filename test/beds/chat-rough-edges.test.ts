/**
 * A patient tester's rough edges of the bed search, driven through the real router and the
 * shipped flows (as test/transcripts do): old figures said as a date, a women's ward read as the
 * female beds, a place typed where a location was asked, a name two districts share offered as
 * a numbered choice, a 5-digit PIN code, and what MENU does at the end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';
import { getPath } from '../../src/engine/paths';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

let t: TestCore;
let user = 0;

beforeAll(async () => {
  t = await createTestCore();
  const report = await t.core.beds.importFile(join(projectRoot, 'test/fixtures/beds/canonical.csv'));
  expect(report.errors).toEqual([]);
  // A Kolkata hospital whose free oxygen beds are all in its men's ward.
  const men = join(t.dir, 'men-only.csv');
  writeFileSync(
    men,
    'id,name,region,district,pincode,phones,updated_at,oxygen_total,oxygen_vacant,oxygen_male_vacant,oxygen_female_vacant\n' +
      'test-men-only,Men Only Test Hospital,West Bengal,Kolkata,700020,033-0000-0009,2021-05-01T08:00:00Z,10,5,5,0\n',
  );
  expect((await t.core.beds.importFile(men)).errors).toEqual([]);
});
afterAll(() => t.close());

type Lang = 'english' | 'bangla' | 'hindi';

/** A new patient at the bed search's first question ("How shall I search?"), in `lang`. */
async function atBedSearch(lang: Lang = 'english'): Promise<string> {
  const id = `bed-patient-${++user}`;
  for (const text of ['hi', lang, 'yes']) await t.send(id, text);
  const how = await t.send(id, '2');
  expect(how.at(-1)?.choices?.map((c) => c.payload)).toEqual(['district', 'pincode', 'location']);
  return id;
}

const texts = async (id: string, content: Parameters<TestCore['send']>[1]) => (await t.send(id, content)).map((m) => m.text);

async function vars(id: string, path: string): Promise<unknown> {
  return getPath((await existingConversation(t.core.store, 'webchat', id)).session, path);
}

describe('1. how old the figures are', () => {
  const at = (iso: string) => {
    t.clock.now = Date.parse(iso);
  };
  afterEach(() => at('2021-05-01T10:00:00Z'));

  it('fresh: "2 h ago", as before', async () => {
    const id = await atBedSearch();
    await t.send(id, 'Howrah');
    const answer = (await texts(id, 'Oxygen bed')).join('\n');
    expect(answer).toContain('🕒 updated 2 h ago');
  });

  it('years old: the date, and to phone before going — in each language, dates in its own words and digits', async () => {
    at('2026-12-07T10:00:00Z');
    const en = await atBedSearch('english');
    await t.send(en, 'Howrah');
    const answer = (await texts(en, 'Oxygen bed')).join('\n');
    expect(answer).toContain('🕒 updated on 1 May 2021 ⚠️ old figures: the beds may have changed since, phone before you go');
    expect(answer).not.toMatch(/days ago/);

    const bn = await atBedSearch('bangla');
    await t.send(bn, 'হাওড়া');
    expect((await texts(bn, '2')).join('\n')).toContain('🕒 আপডেট: ১ মে, ২০২১ ⚠️ পুরোনো তথ্য');

    const hi = await atBedSearch('hindi');
    await t.send(hi, 'हावड़ा');
    expect((await texts(hi, '2')).join('\n')).toContain('🕒 1 मई 2021 को अपडेट ⚠️ पुरानी जानकारी');
  });

  it('two days old still reads "2 days ago"; from three days, the date', async () => {
    at('2021-05-03T09:00:00Z');
    const two = await atBedSearch();
    await t.send(two, 'Howrah');
    expect((await texts(two, 'Oxygen bed')).join('\n')).toContain('🕒 updated 2 days ago ⚠️ may be out of date');
    at('2021-05-04T09:00:00Z');
    const three = await atBedSearch();
    await t.send(three, 'Howrah');
    expect((await texts(three, 'Oxygen bed')).join('\n')).toContain('🕒 updated on 1 May 2021 ⚠️');
  });
});

describe('2. a ward for women (or men) named where the kind of bed is asked', () => {
  it.each([['महिला वार्ड'], ['mahila ward'], ["women's ward"], ['ladies ward'], ['female ward please']])(
    '%s at the kind question: any free bed in the women\'s ward, not "choose one of the options"',
    async (text) => {
      const id = await atBedSearch();
      await t.send(id, 'Kolkata');
      const answer = (await texts(id, text)).join('\n');
      expect(answer).not.toContain('Please choose one of the options');
      expect(await vars(id, 'beds.ward')).toBe('female');
      expect(await vars(id, 'beds.kind')).toBe('any');
      // The hospital whose free beds are all in its men's ward is not offered.
      expect(answer).not.toContain('Men Only Test Hospital');
    },
  );

  it('মহিলা ওয়ার্ড in Bengali; a kind and a ward in one sentence are both read', async () => {
    const bn = await atBedSearch('bangla');
    await t.send(bn, 'কলকাতা');
    expect((await texts(bn, 'মহিলা ওয়ার্ড')).join('\n')).not.toContain('Men Only Test Hospital');
    expect(await vars(bn, 'beds.ward')).toBe('female');

    const hi = await atBedSearch('hindi');
    await t.send(hi, 'कोलकाता');
    await t.send(hi, 'महिला वार्ड में ऑक्सीजन बेड');
    expect([await vars(hi, 'beds.kind'), await vars(hi, 'beds.ward')]).toEqual(['oxygen', 'female']);
  });

  it('a men\'s ward finds the men\'s free beds; no ward named, every free bed as before', async () => {
    const men = await atBedSearch();
    await t.send(men, 'Kolkata');
    expect((await texts(men, 'purush ward oxygen')).join('\n')).toContain('Men Only Test Hospital');
    const any = await atBedSearch();
    await t.send(any, 'Kolkata');
    expect((await texts(any, 'Oxygen bed')).join('\n')).toContain('Men Only Test Hospital');
    expect(await vars(any, 'beds.ward')).toBeUndefined();
  });

});

describe('3. a place typed where a shared location is asked', () => {
  const toLocation = async (lang: Lang = 'english') => {
    const id = await atBedSearch(lang);
    await t.send(id, '3');
    return id;
  };

  it.each([['Howrah'], ['711101']])('%s is searched as at the place question', async (text) => {
    const id = await toLocation();
    const replies = await t.send(id, text);
    expect(replies.at(-1)?.text).toBe('What kind of bed do you need?');
    expect(await vars(id, 'beds.target')).toMatchObject({ by: text === 'Howrah' ? 'district' : 'pincode' });
  });

  it('a name it does not know: said, and the place question asked, not "I did not get a location"', async () => {
    const id = await toLocation();
    const replies = await texts(id, 'Qwertypur');
    expect(replies).toEqual([expect.stringContaining('I don\'t know the place “Qwertypur”'), expect.stringContaining('Which district or city')]);
  });

  it.each([
    ['english', 'near me', 'To search near you, share your location: on WhatsApp tap 📎 (attach) → Location'],
    ['english', 'hospital nearby', 'To search near you'],
    ['bangla', 'amar kache', 'আপনার কাছাকাছি খুঁজতে আপনার লোকেশন পাঠান: হোয়াটসঅ্যাপে 📎'],
    ['bangla', 'আমার কাছে', 'আপনার কাছাকাছি খুঁজতে'],
    ['hindi', 'मेरे पास', 'आपके पास खोजने के लिए अपनी लोकेशन भेजें: व्हाट्सऐप पर 📎'],
    ['hindi', 'mere paas wala hospital', 'आपके पास खोजने के लिए'],
  ] as Array<[Lang, string, string]>)('%s "%s": how to share a location, then asked for it again', async (lang, text, said) => {
    const id = await toLocation(lang);
    const replies = await t.send(id, text);
    expect(replies[0]?.text).toContain(said);
    expect(replies).toHaveLength(2);
    // Asked for the location again: a location now is searched.
    await t.send(id, { kind: 'location', lat: 22.5958, lng: 88.2636 });
    expect(await vars(id, 'beds.target')).toMatchObject({ by: 'location' });
  });

  it('"near me" at the first question too: how to share, then the location asked', async () => {
    const id = await atBedSearch();
    const replies = await texts(id, 'near me');
    expect(replies[0]).toContain('To search near you, share your location');
    expect(replies[1]).toBe('Share your location with the location button (📎 → Location on WhatsApp or Telegram, 📍 in the web chat), and I will list the nearest hospitals by distance.');
  });

  it('a sticker is still asked for again with how to share', async () => {
    const id = await toLocation();
    const replies = await texts(id, { kind: 'media', mediaType: 'sticker', ref: 'test:sticker' });
    expect(replies).toHaveLength(2);
    expect(replies.at(-1)).toBe('Share your location with the location button (📎 → Location on WhatsApp or Telegram, 📍 in the web chat), and I will list the nearest hospitals by distance.');
  });

  it('after three stickers, the search goes on by place (the place question), as before: not back to the menu', async () => {
    const id = await toLocation();
    const sticker = { kind: 'media', mediaType: 'sticker', ref: 'test:sticker' } as const;
    await texts(id, sticker);
    await texts(id, sticker);
    const replies = await texts(id, sticker);
    expect(replies.at(-1)).toBe(t.core.translator.t('beds.ask.district', 'en'));
  });
});

describe('4. a name two districts share: a numbered choice', () => {
  it('"dinajpur" at the first question: Uttar and Dakshin Dinajpur, numbered; "2" picks the second', async () => {
    const id = await atBedSearch();
    const replies = await texts(id, 'dinajpur');
    expect(replies[0]).toBe('“dinajpur” could be more than one place:\n1. Uttar Dinajpur\n2. Dakshin Dinajpur\nSend the number of the one you mean (e.g. 1), or type its name.');
    await t.send(id, '2');
    expect(await vars(id, 'beds.target')).toEqual({ by: 'district', place: 'dakshin-dinajpur' });
  });

  it('"24 parganas" at the place question; "number 1" is North 24 Parganas', async () => {
    const id = await atBedSearch();
    await t.send(id, 'District or city name');
    const replies = await texts(id, '24 parganas');
    expect(replies[0]).toContain('1. North 24 Parganas\n2. South 24 Parganas');
    expect((await t.send(id, 'number 1')).at(-1)?.text).toBe('What kind of bed do you need?');
    expect(await vars(id, 'beds.target')).toEqual({ by: 'district', place: 'north-24-parganas' });
  });

  it('"২৪ পরগনা" in Bengali: the names in Bengali; "দক্ষিণ ২৪ পরগনা" typed is taken too', async () => {
    const id = await atBedSearch('bangla');
    const replies = await texts(id, '২৪ পরগনা');
    expect(replies[0]).toContain('1. উত্তর ২৪ পরগনা\n2. দক্ষিণ ২৪ পরগনা\nযেটি খুঁজছেন তার নম্বর পাঠান');
    await t.send(id, 'দক্ষিণ ২৪ পরগনা');
    expect(await vars(id, 'beds.target')).toEqual({ by: 'district', place: 'south-24-parganas' });
  });

  it('a number with no list shown is no place; the list is forgotten after another answer', async () => {
    const id = await atBedSearch();
    await t.send(id, 'District or city name');
    await t.send(id, 'dinajpur');
    await t.send(id, 'Qwertypur');
    expect((await texts(id, '2'))[0]).toContain('“2”');
    expect(await vars(id, 'beds.target')).toBeUndefined();
  });
});

describe('5. a number of the wrong length for a PIN code', () => {
  it.each([
    ['english', '70001', '“70001” has 5 digits: an Indian PIN code has 6 (e.g. 700020). Please check it and type it again.', 'Type the 6-digit PIN code (e.g. 411005).'],
    ['bangla', '৭০০০১', '“৭০০০১”-এ ৫টি অঙ্ক আছে: ভারতের পিন কোড ৬ অঙ্কের হয়', '৬ অঙ্কের'],
    ['hindi', '७११०१', '“७११०१” में 5 अंक हैं: भारत का पिन कोड 6 अंकों का होता है', '6 अंकों'],
  ] as Array<[Lang, string, string, string]>)('%s %s at the first question: an Indian PIN has 6 digits, and the PIN asked again', async (lang, text, said, asked) => {
    const id = await atBedSearch(lang);
    const replies = await texts(id, text);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(said);
    expect(replies[1]).toContain(asked);
    // The six digits now: searched.
    await t.send(id, '711101');
    expect(await vars(id, 'beds.target')).toMatchObject({ by: 'pincode' });
  });

  it('at the place question too, not "I don\'t know the place “70001”"', async () => {
    const id = await atBedSearch();
    await t.send(id, 'District or city name');
    const replies = await texts(id, '70001');
    expect(replies).toEqual(['“70001” has 5 digits: an Indian PIN code has 6 (e.g. 700020). Please check it and type it again.', 'Type the 6-digit PIN code (e.g. 411005).']);
  });

  it('four digits: a Bangladesh postcode — no bed data there, with Bangladesh\'s helplines and the choice of what next', async () => {
    const id = await atBedSearch();
    const replies = await texts(id, '1207');
    expect(replies[0]).toBe('😔 I have no hospital bed data for Bangladesh (postcode 1207).\n\nFor help: ☎️ National call centre: 333 · 🚑 Ambulance: 999');
    expect(replies[1]).toBe('You can see the helplines, search another place, or go back to the menu.');
  });
});

describe('6. what MENU is said to do', () => {
  it('a place not known: MENU is said to be the main menu, and is', async () => {
    const id = await atBedSearch();
    await t.send(id, 'District or city name');
    const replies = await texts(id, 'Qwertypur');
    expect(replies[0]).toBe('I don\'t know the place “Qwertypur”. Please type a district or city name again (e.g. Kolkata, Raipur, Pune), or send MENU for the main menu.');
    expect((await texts(id, 'menu')).at(-1)).toBe('How can I help you?');
  });

  it('in Bengali and Hindi the same', async () => {
    const bn = await atBedSearch('bangla');
    await t.send(bn, '1');
    expect((await texts(bn, 'আমার গ্রাম'))[0]).toContain('অথবা মূল মেনু দেখতে “মেনু” লিখুন।');
    const hi = await atBedSearch('hindi');
    await t.send(hi, '1');
    expect((await texts(hi, 'मेरा गाँव'))[0]).toContain('या मुख्य मेनू के लिए “मेनू” लिखें।');
  });

  it('after a search, "Search again" goes back to how to search', async () => {
    const id = await atBedSearch();
    await t.send(id, 'Howrah');
    const after = await t.send(id, 'Oxygen bed');
    expect(after.at(-1)?.choices?.map((c) => c.payload)).toEqual(['again', 'done']);
    expect((await texts(id, 'Search again')).at(-1)).toBe('How shall I search for a free bed? By district or city name, by PIN code, or by your location?');
  });
});
