/**
 * A bed asked for with its place ("hi, I need a bed in Kolkata", "kolkata mein bed chahiye",
 * "কলকাতায় বেড লাগবে", "need oxygen bed near Howrah", "bed chahiye raipur") reaches the bed
 * search, which searches that place at once instead of asking where again: at the main menu, and
 * as a first message (said before consent: the place waits in the session until after it).
 * A place the data does not know is asked for, as before; a no stays a no.
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest, consented, toConsent } from '../support/chat-per-test';
import { textWithNumbers } from '../support/emergency-numbers';

const chat = chatPerTest();
const { run, t, session } = chat;
type Lang = 'bn' | 'hi' | 'en';

describe('at the main menu, a bed request with its place', () => {
  it.each<[string, Lang, string]>([
    ['hi, I need a bed in Kolkata', 'en', 'kolkata'],
    ['kolkata mein bed chahiye', 'hi', 'kolkata'],
    ['কলকাতায় বেড লাগবে', 'bn', 'kolkata'],
    ['bed chahiye raipur', 'hi', 'raipur'],
  ])('"%s" (%s): the kind of bed is asked next, for that place; "where?" is not asked', async (text, lang, place) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"need oxygen bed near Howrah": the kind and the place are both stated, so Howrah is searched for oxygen beds at once', async () => {
    const r = await run('u', [...consented('en'), 'need oxygen bed near Howrah']);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'en'));
    expect(r[0]).toMatch(/oxygen/i);
    expect(r[0]).toMatch(/Howrah/);
    expect(r).not.toContain(t('beds.ask.how', 'en'));
    expect(r).not.toContain(t('beds.ask.kind', 'en'));
  });

  it('a PIN code in the request is searched as the PIN code', async () => {
    expect(await run('u', [...consented('en'), 'I need a bed in 700020'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'pincode', pincode: '700020' });
  });

  it('a place the data does not know: the bed search, which asks where, as before', async () => {
    expect(await run('u', [...consented('en'), 'need a bed in Atlantis'])).toEqual([t('beds.ask.how', 'en')]);
  });

  it('"search again" asks the place: the stated place is taken once', async () => {
    await run('u', [...consented('en'), 'I need a bed in Kolkata', '1']);
    expect(await run('u', ['1'])).toEqual([t('beds.ask.how', 'en')]);
  });

  it('a no stays a no: "I don\'t need a bed in Kolkata" does not start the bed search', async () => {
    const r = await run('u', [...consented('en'), "I don't need a bed in Kolkata"]);
    expect(r).not.toContain(t('beds.ask.kind', 'en'));
    expect(r).not.toContain(t('beds.ask.how', 'en'));
  });
});

describe('a first message asking for a bed with its place', () => {
  it.each<[string, Lang, string]>([
    ['hi, I need a bed in Kolkata', 'en', 'kolkata'],
    ['kolkata mein bed chahiye', 'hi', 'kolkata'],
    ['কলকাতায় বেড লাগবে', 'bn', 'kolkata'],
    ['bed chahiye raipur', 'hi', 'raipur'],
  ])('"%s" (%s): after consent, the kind is asked for that place, not "where?"', async (first, lang, place) => {
    const r = await run('u', [first, ...toConsent[lang]]);
    expect(r).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"need oxygen bed near Howrah": after consent, Howrah is searched for oxygen beds', async () => {
    const r = await run('u', ['need oxygen bed near Howrah', 'english', 'yes']);
    expect(r[0]).toMatch(/oxygen/i);
    expect(r[0]).toMatch(/Howrah/);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'en'));
  });

  it('consent declined: the place is not kept, and a later bed search asks where', async () => {
    expect(await run('u', ['I need a bed in Kolkata', 'english', 'no'])).toEqual([textWithNumbers(chat.tc.core.translator, chat.tc.core.config, 'welcome.declined_with_numbers', 'en')]);
    expect(getPath(await session('u'), 'beds.place_stated')).toBeNull();
    const r = await run('u', ['hello', 'yes', '2']);
    expect(r).toEqual([t('beds.ask.how', 'en')]);
  });
});
