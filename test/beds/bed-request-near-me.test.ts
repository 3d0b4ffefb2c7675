/**
 * A bed request that asks for beds near the patient and names no place ("bed near me", "oxygen
 * bed nearby", "paas mein bed chahiye", "কাছাকাছি বেড লাগবে": config/beds/words.yaml `near_me`) is
 * answered as "near me" at the place question is: how to share a location, and the location is
 * asked (flows/beds.yaml `share_how`), not "how shall I search?" (src/beds/place-in-request.ts).
 */
import { getPath } from '../../src/engine/paths';
import { chatPerTest, consented, toConsent } from '../support/chat-per-test';

const { run, t, session } = chatPerTest();
type Lang = 'bn' | 'hi' | 'en';

describe('a bed request for beds near the patient, naming no place', () => {
  it.each<[string, Lang]>([
    ['bed near me', 'en'],
    ['I need an oxygen bed nearby', 'en'],
    ['paas mein bed chahiye', 'hi'],
    ['mere paas bed chahiye', 'hi'],
    ['কাছাকাছি বেড লাগবে', 'bn'],
  ])('"%s" (%s) at the menu: how to share a location, and the location is asked (as for "near me" at the place question)', async (text, lang) => {
    const expected = await run('q', [...consented(lang), '2', 'near me']);
    expect(expected).toEqual([t('beds.share_how', lang), t('beds.ask.location', lang)]);
    expect(await run('u', [...consented(lang), text])).toEqual(expected);
  });

  it('"bed near me" as a first message: after consent, the location is asked', async () => {
    expect(await run('u', ['bed near me', ...toConsent.en])).toEqual([t('beds.share_how', 'en'), t('beds.ask.location', 'en')]);
  });

  it('a place named with it is searched: "bed near me in Kolkata"', async () => {
    expect(await run('u', [...consented('en'), 'bed near me in Kolkata'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'kolkata' });
  });

  it.each<[string, Lang]>([
    ['no bed near me', 'en'],
    ['paas mein bed nahi chahiye', 'hi'],
  ])('"%s" (%s): a no stays a no', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.location', lang));
    expect(r).not.toContain(t('beds.ask.how', lang));
  });
});
