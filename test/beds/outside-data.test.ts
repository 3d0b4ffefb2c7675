/**
 * Where the data has no beds: a shared location in another country is never offered hospitals
 * across the border, and is told so with that country's helplines; places the data does not
 * cover (places.yaml `elsewhere`: Dhaka, Riyadh, Delhi) are known as such, not as unknown names;
 * a PIN code is read where a patient writes it in a sentence.
 */
import { loadConfig } from '../../src/config';
import { answerMessage } from '../../src/beds/answer';
import type { BedAnswer, BedSearch } from '../../src/beds/lookup';
import { pincodeIn } from '../../src/beds/pincode-in-text';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import type { HospitalInput } from '../../src/storage/repositories';
import { bedsOverForEachFile, count, hospital, NOW } from './registry';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-outside-data-test' });
const translator = createTranslator(localesDir);

const REGISTRY: HospitalInput[] = [
  // Murshidabad, 192 km from Dhaka: what a patient in Dhaka was offered.
  hospital('domkol', { region: 'West Bengal', district: 'Murshidabad', name: 'Domkol SDH', location: { lat: 24.11851927, lng: 88.5578343 }, beds: { all: count(20, 30) } }),
  // Bongaon, on the Indian side, full; a hospital in Jashore (Bangladesh) that a feed gave no state.
  hospital('bongaon', { region: 'West Bengal', district: 'North 24 Pgs', name: 'Bongaon SDH', location: { lat: 23.04809474, lng: 88.82292503 }, beds: { all: count(0, 60) } }),
  hospital('jashore', { region: null, district: 'Jessore', name: 'Jashore General Hospital', location: { lat: 23.1664, lng: 89.2081 }, beds: { all: count(20, 100) } }),
];

const over = bedsOverForEachFile(config, REGISTRY);
const find = (s: BedSearch): BedAnswer => over.service.finder.find(s);
const render = (a: BedAnswer, lang: 'bn' | 'hi' | 'en' = 'en') =>
  renderRef(answerMessage(a, { now: NOW, kindLabel: over.service.kindLabel, lang }), lang, (k, l, p) => translator.t(k, l, p));

describe('a shared location in another country', () => {
  it('Dhaka: no hospital in India, no bed data for Bangladesh, and Bangladesh\'s helplines', () => {
    const a = find({ target: { by: 'location', lat: 23.8103, lng: 90.4125 }, kind: 'any' });
    expect([a.results, a.unconfirmed, a.nearest]).toEqual([[], [], []]);
    expect(a.noData?.country).toBe('BD');
    const en = render(a);
    expect(en).toBe('😔 I have no hospital bed data for Bangladesh.\n\nFor help: ☎️ National call centre: 333 · 🚑 Ambulance: 999');
    expect(render(a, 'bn')).toContain('😔 বাংলাদেশ সম্পর্কে হাসপাতালের বেডের কোনো তথ্য আমার কাছে নেই।');
    expect(render(a, 'hi')).toContain('😔 बांग्लादेश के अस्पतालों के बेड की जानकारी मेरे पास नहीं है।');
    expect(en).not.toContain('Domkol');
  });

  it('Riyadh: Saudi Arabia\'s numbers; Kathmandu: Nepal, named', () => {
    expect(over.service.finder.outsideData({ lat: 24.7136, lng: 46.6753 })).toMatchObject({ noData: { country: 'SA' }, help: { ambulance: '997' } });
    expect(over.service.finder.outsideData({ lat: 27.7172, lng: 85.324 })?.noData).toEqual({ country: 'NP', names: { en: 'Nepal', bn: 'নেপাল', hi: 'नेपाल' } });
    expect(over.service.finder.outsideData({ lat: 22.5726, lng: 88.3639 })).toBeNull();
  });

  it('in India by the border: Indian hospitals only, not one in Bangladesh the feed gave no state', () => {
    const a = find({ target: { by: 'location', lat: 23.0455, lng: 88.8308 }, kind: 'any' });
    const offered = [...a.results, ...a.unconfirmed, ...a.nearest].map((r) => r.id);
    expect(offered).not.toContain('jashore');
    expect(offered).toContain('domkol');
  });
});

describe('a place the data does not cover', () => {
  it.each([
    ['Dhaka', 'dhaka', 'BD', '999'],
    ['dhakka', 'dhaka', 'BD', '999'],
    ['ঢাকা', 'dhaka', 'BD', '999'],
    ['riyadh', 'riyadh', 'SA', '997'],
    ['রিয়াদ', 'riyadh', 'SA', '997'],
    ['delhi', 'delhi', 'IN', '108'],
    ['दिल्ली', 'delhi', 'IN', '108'],
  ])('%s: known, with its country\'s helplines', (text, en, country, ambulance) => {
    const found = over.service.finder.elsewhere(text);
    expect({ name: found?.names.en.toLowerCase(), country: found?.country, ambulance: found?.help.ambulance }).toEqual({ name: en, country, ambulance });
  });

  it('a place of the data is never taken for one outside it; nor a name as close to two places', () => {
    expect(over.service.finder.elsewhere('Kolkata')).toBeNull();
    expect(over.service.finder.elsewhere('Jashpur')).toBeNull();
    expect(over.service.finder.elsewhere('Barampur')).toBeNull();
    expect(over.service.finder.elsewhere('asdfgh')).toBeNull();
  });

  it('India\'s national line for Delhi, not the patient\'s state\'s', () => {
    expect(over.service.finder.elsewhere('delhi', 'in_wb')?.help.line?.number).toBe('1075');
  });
});

describe('a PIN code in what the patient wrote', () => {
  it.each([
    ['my pin is 700064', '700064'],
    ['আমার পিন কোড ৭০০০৩২', '700032'],
    ['पिन कोड ४९२००१ है', '492001'],
    ['pin 700 064 please', '700064'],
    ['411005', '411005'],
  ])('%s → %s', (text, pin) => expect(pincodeIn(text)).toBe(pin));

  it.each([['call 9830012345'], ['98300 12345'], ['700064 or 700032'], ['12345'], ['it is 1.700064 km'], ['no pin']])('%s → none', (text) => expect(pincodeIn(text)).toBeNull());
});
