/**
 * Bed search over a small registry built by hand: ranking, kinds, male/female,
 * stale data, nearest first, "nothing free nearby", PIN codes and cities; and the
 * answer as the patient reads it in three languages.
 */
import { loadConfig } from '../../src/config';
import { answerMessage, formatKm } from '../../src/beds/answer';
import type { BedAnswer, BedSearch } from '../../src/beds/lookup';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import type { HospitalInput } from '../../src/storage/repositories';
import { bedsOverForEachFile, count, hospital, NOW } from './registry';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-lookup-test' });
const translator = createTranslator(localesDir);


// Around Raipur (21.25, 81.63), and two in Durg: 29 km (overall count only) and 36 km away.
const REGISTRY: HospitalInput[] = [
  hospital('a-many-oxygen', { location: { lat: 21.26, lng: 81.63 }, beds: { oxygen: count(12, 40), icu: count(0, 10) }, pincode: '492001' }),
  hospital('b-few-oxygen', { location: { lat: 21.25, lng: 81.6 }, beds: { oxygen: count(2, 20), icu: count(1, 4) } }),
  hospital('c-stale-oxygen', { location: { lat: 21.24, lng: 81.64 }, beds: { oxygen: count(30, 60, 30) } }),
  hospital('d-full', { location: { lat: 21.25, lng: 81.63 }, beds: { oxygen: count(0, 50), icu: count(0, 10) } }),
  hospital('e-female-only', { location: { lat: 21.27, lng: 81.62 }, beds: { oxygen: count(3, 10, 2, { male: { total: 5, vacant: 0 }, female: { total: 5, vacant: 3 } }) } }),
  hospital('f-no-split', { district: 'Durg', location: { lat: 21.2, lng: 81.35 }, beds: { all: count(9, 30) } }),
  hospital('g-unknown-time', { beds: { oxygen: count(5, 5, null) } }),
  hospital('h-durg', { district: 'Durg', location: { lat: 21.19, lng: 81.28 }, beds: { ventilator: count(2, 4) } }),
  hospital('k-kolkata', { region: 'West Bengal', district: 'Kolkata', name: 'Kolkata Medical College', names: { bn: 'কলকাতা মেডিক্যাল কলেজ' }, location: { lat: 22.57, lng: 88.36 }, beds: { all: count(21, 300, 15) } }),
  hospital('s-salt-lake', { region: 'West Bengal', district: 'Kolkata', name: 'AMRI Salt Lake', location: { lat: 22.568, lng: 88.41 }, beds: { all: count(4, 25, 15) } }),
  hospital('j-kpc', { region: 'West Bengal', district: 'Kolkata', name: 'KPC Medical College', location: { lat: 22.4937, lng: 88.3734 }, beds: { all: count(17, 50, 15) } }),
  // North 24 Parganas, named for no town: its one hospital full.
  hospital('n-naihati', { region: 'West Bengal', district: 'North 24 Pgs', name: 'Naihati SGH', location: { lat: 22.8954, lng: 88.4296 }, beds: { all: count(0, 50, 15) } }),
  // Birbhum: Rampurhat's hospital full (the city has no point in places.yaml), another free.
  hospital('r-rampurhat', { region: 'West Bengal', district: 'Birbhum', name: 'Rampurhat Govt Medical College', beds: { all: count(0, 100, 15) } }),
  hospital('b-glocal', { region: 'West Bengal', district: 'Birbhum', name: 'Glocal Hospital, Birbhum', location: { lat: 24.1894, lng: 87.7916 }, beds: { all: count(26, 50, 15) } }),
  // Pune.csv's numbers: a landline without its 020, a mobile with a digit lost, a landline with its code.
  hospital('p-sharad', { region: 'Maharashtra', district: 'Pune', name: 'Sharad Hospital', phones: ['24350286', '954521331', '020-29525922'], location: { lat: 18.47, lng: 73.82 }, beds: { oxygen: count(3, 10) } }),
];

const over = bedsOverForEachFile(config, REGISTRY);

const find = (s: BedSearch): BedAnswer => over.service.finder.find(s);
const ids = (a: BedAnswer) => a.results.map((r) => r.id);

describe('by district', () => {
  it('lists hospitals with free beds of the kind: fresh before stale, most free first; full ones left out', () => {
    const a = find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen' });
    expect(ids(a)).toEqual(['a-many-oxygen', 'e-female-only', 'b-few-oxygen', 'c-stale-oxygen', 'g-unknown-time']);
    expect(a.results.find((r) => r.id === 'g-unknown-time')?.stale).toBe(true);
    expect(a.results.find((r) => r.id === 'c-stale-oxygen')?.stale).toBe(true);
    expect(a.results.every((r) => r.confirmed && r.km === null)).toBe(true);
    expect(a.nearest).toEqual([]);
    expect(a.help).toEqual({ ambulance: '108', line: { name: 'helplines.name.state_health', number: '104' } });
  });

  it('a hospital that reports no split by kind is offered apart from those that report the kind, as unconfirmed', () => {
    const a = find({ target: { by: 'district', place: 'durg' }, kind: 'oxygen' });
    expect(a.results).toEqual([]);
    expect(a.unconfirmed.map((r) => [r.id, r.confirmed, r.vacant])).toEqual([['f-no-split', false, 9]]);
    const v = find({ target: { by: 'district', place: 'durg' }, kind: 'ventilator' });
    expect([ids(v), v.unconfirmed.map((r) => r.id)]).toEqual([['h-durg'], ['f-no-split']]);
  });

  it('stale counts come after fresh ones (c has the most, but is 30 h old)', () => {
    const a = find({ target: { by: 'district', place: 'raipur' }, kind: 'any' });
    expect(ids(a).indexOf('c-stale-oxygen')).toBeGreaterThan(ids(a).indexOf('a-many-oxygen'));
    expect(a.results).toHaveLength(5);
  });

  it('"any" sums the kinds, or takes the overall count', () => {
    const a = find({ target: { by: 'district', place: 'raipur' }, kind: 'any' });
    expect(a.results.find((r) => r.id === 'b-few-oxygen')).toMatchObject({ vacant: 3, byKind: [{ kind: 'oxygen', vacant: 2 }, { kind: 'icu', vacant: 1 }] });
  });

  it('male/female, when the counts are split', () => {
    expect(ids(find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen', sex: 'male' }))).not.toContain('e-female-only');
    expect(ids(find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen', sex: 'female' }))).toContain('e-female-only');
  });

  it('nothing free: says so and offers the nearest free ones elsewhere, with distances', () => {
    const a = find({ target: { by: 'district', place: 'raipur' }, kind: 'ventilator' });
    expect(a.results).toEqual([]);
    // Not Kolkata, about 900 km away (ELSEWHERE_MAX_KM); not f-no-split, nearer but reporting no kind, when one reports it.
    expect(a.nearest.map((r) => [r.id, r.confirmed])).toEqual([['h-durg', true]]);
    expect(a.nearest[0]!.km).toBeGreaterThan(30);
    expect(a.nearest[0]!.km).toBeLessThan(40);
  });

  it('a city narrows to hospitals named for it, in any district', () => {
    const a = find({ target: { by: 'district', place: 'salt-lake' }, kind: 'any' });
    expect(ids(a)).toEqual(['s-salt-lake']);
  });

  it('a landline without its code gets the district\'s; a number that cannot be dialled is not shown', () => {
    expect(find({ target: { by: 'district', place: 'pune' }, kind: 'oxygen' }).results[0]).toMatchObject({ id: 'p-sharad', phones: ['020-24350286', '020-29525922'] });
  });

  it('West Bengal results offer West Bengal helplines', () => {
    expect(find({ target: { by: 'district', place: 'kolkata' }, kind: 'icu' }).help.line?.number).toBe('1800-313-444-222');
  });
});

describe('a city, or a district with nothing free: distances only from the town the patient named', () => {
  it('a city whose hospitals are all full: the nearest free ones, measured from the city\'s own point', () => {
    const a = find({ target: { by: 'district', place: 'naihati' }, kind: 'any' });
    expect(a.area).toEqual({ type: 'place', names: { en: 'Naihati', bn: 'নৈহাটি', hi: 'नैहाटी' } });
    expect(a.results).toEqual([]);
    expect(a.nearest.map((r) => r.id)).toEqual(['s-salt-lake', 'k-kolkata', 'j-kpc']);
    // From Naihati (GeoNames 22.89396, 88.41521), not from the mean of North 24 Parganas' hospitals.
    expect(a.nearest[0]!.km).toBeCloseTo(36.5, 0);
  });

  it('a district named for no town: the nearest free ones, with no distance (the patient may be anywhere in it)', () => {
    const a = find({ target: { by: 'district', place: 'north-24-parganas' }, kind: 'any' });
    expect(a.results).toEqual([]);
    expect(a.nearest.map((r) => [r.id, r.km])).toEqual([
      ['s-salt-lake', null],
      ['k-kolkata', null],
      ['j-kpc', null],
    ]);
  });

  it('a city without a point whose hospitals are full: its district\'s results, saying whose they are', () => {
    const a = find({ target: { by: 'district', place: 'rampurhat' }, kind: 'any' });
    expect(a.area).toEqual({ type: 'place', names: { en: 'Birbhum', bn: 'বীরভূম', hi: 'बीरभूम' }, instead: { en: 'Rampurhat', bn: 'রামপুরহাট', hi: 'रामपुरहाट' } });
    expect(a.results.map((r) => [r.id, r.km])).toEqual([['b-glocal', null]]);
  });

  it('a town\'s hospital within a km of its point is in it, named for it or not', () => {
    // KPC Medical College is in Jadavpur; nothing in its name or the feed says so.
    expect(ids(find({ target: { by: 'district', place: 'jadavpur' }, kind: 'any' }))).toEqual(['j-kpc']);
  });
});

describe('places as patients type them', () => {
  it('equally close places in different states: none, unless the patient\'s region leaves one', () => {
    expect(over.service.finder.resolvePlace('Barampur')).toBeNull();
    expect(over.service.finder.placeChoices('Barampur').map((c) => [c.place, c.region]).sort()).toEqual([
      ['balrampur', 'Chhattisgarh'],
      ['barrackpore', 'West Bengal'],
    ]);
    expect(over.service.finder.resolvePlace('Barampur', 'in_ct')?.place).toBe('balrampur');
    expect(over.service.finder.resolvePlace('Barampur', 'in_wb')?.place).toBe('barrackpore');
    expect(over.service.finder.resolvePlace('Jadavpur')?.place).toBe('jadavpur');
  });
});

describe('by location', () => {
  it('nearest first, with distance, within the radius', () => {
    const a = find({ target: { by: 'location', lat: 21.25, lng: 81.63 }, kind: 'oxygen' });
    expect(ids(a)).toEqual(['a-many-oxygen', 'c-stale-oxygen', 'e-female-only', 'b-few-oxygen']);
    const kms = a.results.map((r) => r.km!);
    expect(kms).toEqual([...kms].sort((x, y) => x - y));
    expect(kms[0]).toBeCloseTo(1.1, 1);
  });

  it('nothing free nearby: the next nearest beyond the radius', () => {
    const a = find({ target: { by: 'location', lat: 21.25, lng: 81.63 }, kind: 'ventilator' });
    expect(a.area).toEqual({ type: 'location', radiusKm: 25 });
    expect(a.results).toEqual([]);
    // Kolkata, about 900 km away, is no help: the nearest elsewhere are within a few hours by road.
    expect(a.nearest.map((r) => r.id)).toEqual(['h-durg']);
  });

  it('a shared location the data knows gets that place\'s numbers, whatever region the patient once chose', () => {
    // A patient who looked at Saudi helplines, now in Raipur: 108, not Saudi Arabia's 997.
    const a = find({ target: { by: 'location', lat: 21.25, lng: 81.63 }, kind: 'oxygen', helplineRegion: 'sa' });
    expect(a.results.length).toBeGreaterThan(0);
    expect(a.help.ambulance).toBe('108');
  });

  it('a shared location far from every hospital lists none thousands of km away', () => {
    // A worker in Riyadh: the nearest hospitals of the data are in Chhattisgarh, about 3,500 km away.
    const a = find({ target: { by: 'location', lat: 24.7136, lng: 46.6753 }, kind: 'any', helplineRegion: 'sa' });
    expect(a.results).toEqual([]);
    expect(a.nearest).toEqual([]);
    expect(a.help.ambulance).toBe('997');
  });

  it('a patient in Bangladesh: no hospital across the border, no bed data there, and Bangladesh\'s helplines', () => {
    const a = find({ target: { by: 'location', lat: 23.81, lng: 90.41 }, kind: 'any', helplineRegion: 'bd' });
    expect(a.results).toEqual([]);
    expect(a.nearest).toEqual([]);
    expect(a.noData).toEqual({ country: 'BD', names: { en: 'Bangladesh', bn: 'বাংলাদেশ', hi: 'बांग्लादेश' } });
    expect(a.help.ambulance).toBe('999');
  });
});

describe('by PIN code', () => {
  it('a PIN the data carries: nearest to its hospitals', () => {
    expect(over.service.finder.resolvePincode('492 001')).toBe('492001');
    const a = find({ target: { by: 'pincode', pincode: '492001' }, kind: 'oxygen' });
    expect(a.area).toEqual({ type: 'pincode', pincode: '492001' });
    expect(ids(a)[0]).toBe('a-many-oxygen');
  });

  it('another PIN: its district from the PIN table, most free first and no distances (the PIN has no point)', () => {
    expect(over.service.finder.resolvePincode('৪৯২০১০')).toBe('492010');
    const a = find({ target: { by: 'pincode', pincode: '492010' }, kind: 'oxygen' });
    expect(a.area).toMatchObject({ type: 'place', pincode: '492010', names: { en: 'Raipur' } });
    expect(ids(a)[0]).toBe('a-many-oxygen');
    expect(a.results.every((r) => r.km === null)).toBe(true);
    // Nothing free: the nearest elsewhere, but no "km away" from a point the patient did not give.
    const none = find({ target: { by: 'pincode', pincode: '492010' }, kind: 'ventilator' });
    expect(none.nearest.map((r) => [r.id, r.km])).toEqual([['h-durg', null]]);
  });

  it('refuses what is not a PIN, or a PIN of an area without data', () => {
    expect(over.service.finder.resolvePincode('12345')).toBeNull();
    expect(over.service.finder.resolvePincode('110001')).toBeNull();
  });
});

describe('the answer as a message', () => {
  const render = (a: BedAnswer, lang: 'bn' | 'hi' | 'en') => renderRef(answerMessage(a, { now: NOW, kindLabel: over.service.kindLabel, lang }), lang, (k, l, p) => translator.t(k, l, p));

  it('English: header, numbered hospitals with free counts, phone, "updated 1 h ago", stale marks, and the ambulance', () => {
    const text = render(find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen' }), 'en');
    expect(text).toContain('🏥 Free oxygen beds in Raipur:');
    expect(text).toContain('1. a-many-oxygen\n   ✅ 12 free\n   ☎️ 0771-0000000\n   🕒 updated 1 h ago');
    expect(text).toContain('🕒 update time unknown ⚠️');
    expect(text).toContain('🚑 Ambulance: 108');
    const unconfirmed = render(find({ target: { by: 'district', place: 'durg' }, kind: 'oxygen' }), 'en');
    // Durg's one hospital reports no kind: the nearest that report oxygen beds free come first, then it, apart.
    expect(unconfirmed).toContain('😔 No hospital in Durg reports free oxygen beds right now.\n\nThe nearest hospitals with free oxygen beds:\n\n1. b-few-oxygen, Raipur');
    expect(unconfirmed).toContain('These report free beds but not which kind — call to ask if they have free oxygen beds:\n\n4. f-no-split\n   ✅ 9 beds free (type not reported: call to ask for oxygen)');
    expect(unconfirmed).not.toContain('Free oxygen beds in Durg');
  });

  it('Bengali: place and hospital names in Bengali when known, distance, days ago', () => {
    const text = render(find({ target: { by: 'location', lat: 22.57, lng: 88.36 }, kind: 'any' }), 'bn');
    expect(text).toContain('🏥 আপনার কাছে (25 কিমির মধ্যে) খালি বেড:');
    expect(text).toContain('1. কলকাতা মেডিক্যাল কলেজ, Kolkata');
    expect(text).toContain('📍 0.0 কিমি দূরে');
    expect(text).toContain('🕒 আপডেট: 15 ঘণ্টা আগে');
  });

  it('Hindi: nothing free, the nearest elsewhere, the helpline and the ambulance', () => {
    const text = render(find({ target: { by: 'district', place: 'raipur' }, kind: 'ventilator' }), 'hi');
    expect(text).toContain('😔 अभी रायपुर में कोई खाली वेंटिलेटर बेड नहीं है।');
    expect(text).toContain('सबसे पास के अस्पताल जहाँ खाली वेंटिलेटर बेड हैं:');
    // "h-durg" already says where it is: no ", Durg".
    // Measured from Raipur, which the patient named, not from where they are.
    expect(text).toMatch(/1\. h-durg\n {3}✅ 2 खाली\n {3}📍 रायपुर से 3\d किमी दूर/);
    expect(text).toContain('☎️ राज्य स्वास्थ्य हेल्पलाइन: 104 · 🚑 एम्बुलेंस: 108');
  });

  it('"any" says which kinds are free, as a list', () => {
    const text = render(find({ target: { by: 'district', place: 'raipur' }, kind: 'any' }), 'en');
    expect(text).toContain('✅ 3 free: oxygen 2, ICU 1');
  });

  it('a city without a point, its hospitals full: says the results are its district\'s, in each language', () => {
    const a = find({ target: { by: 'district', place: 'rampurhat' }, kind: 'any' });
    const en = render(a, 'en');
    expect(en).toContain('😔 No free beds listed in Rampurhat right now; in its district, Birbhum:\n\n1. Glocal Hospital, Birbhum');
    expect(en).not.toContain('Free beds in Birbhum');
    expect(render(a, 'bn')).toContain('😔 এই মুহূর্তে রামপুরহাট এলাকায় কোনো খালি বেড নেই। বীরভূম জেলায় খালি বেড:');
    expect(render(a, 'hi')).toContain('😔 अभी रामपुरहाट में कोई खाली बेड दर्ज नहीं है; बीरभूम ज़िले में खाली बेड:');
    // A PIN given goes with the city it was given for.
    const pinned: BedAnswer = { ...a, area: { ...a.area, pincode: '731224' } as BedAnswer['area'] };
    expect(render(pinned, 'en')).toContain('😔 No free beds listed in Rampurhat (PIN 731224) right now; in its district, Birbhum:');
  });

  it('formats distances', () => {
    expect([formatKm(0.44), formatKm(2.349), formatKm(14.6), formatKm(120.2)]).toEqual(['0.4', '2.3', '15', '120']);
  });
});
