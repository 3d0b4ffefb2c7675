/**
 * Bed search over the shipped 2021 data (../shared/data/beds, every file with its mapping, as
 * `sahay beds import` reads them): what a bug hunter found wrong, searched again.
 */
import { resolve, join } from 'node:path';
import { loadConfig } from '../../src/config';
import { answerMessage } from '../../src/beds/answer';
import { outsideDistrict } from '../../src/beds/district-reach';
import { Facilities } from '../../src/beds/facility';
import { haversineKm } from '../../src/beds/geo';
import type { BedAnswer, BedSearch } from '../../src/beds/lookup';
import { BedsService } from '../../src/beds/service';
import { vacancyOf } from '../../src/beds/vacancy';
import { createTranslator } from '../../src/i18n/translator';
import { silentLogger } from '../../src/log';
import { localesDir, projectRoot } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import { createMemoryStore } from '../../src/storage/memory/memory-store';

const DATA = resolve(projectRoot, '..', 'shared', 'data', 'beds');
const MAPPINGS = join(projectRoot, 'config', 'beds', 'mappings');
/** After the last figure in the files (2 May 2021). */
const NOW = Date.UTC(2021, 4, 3, 0, 0, 0);
const FILES: Array<[string, string]> = [
  ['West_Bengal.csv', 'covidbedsindia'],
  ['Pune.csv', 'covidbedsindia'],
  ['Chhattisgarh.csv', 'covidbedsindia'],
  ['West_Bengal_vacant_beds_2021-04-25.csv', 'wb-vacant-beds-csv'],
  ['West_Bengal_vacant_beds_wlatlong.json', 'wb-vacant-beds-json'],
  ['Chhattisgarh_info_raw.js', 'chhattisgarh-dashboard-js'],
];

const config = loadConfig({ DATA_DIR: '/tmp/sahay-search-shipped-test' });
const translator = createTranslator(localesDir);
let beds: BedsService;

beforeAll(async () => {
  let n = 0;
  beds = new BedsService({ config, now: () => NOW, newId: () => `id-${++n}`, log: silentLogger });
  await beds.attach(createMemoryStore());
  for (const [file, mapping] of FILES) {
    const report = await beds.importFile(join(DATA, file), { mapping: join(MAPPINGS, `${mapping}.yaml`) });
    expect(report.errors).toEqual([]);
  }
}, 60_000);

const find = (s: BedSearch): BedAnswer => beds.finder.find(s);
const inPlace = (text: string, kind = 'any'): BedAnswer => {
  const place = beds.finder.resolvePlace(text);
  if (!place) throw new Error(`no place for ${text}`);
  return find({ target: { by: 'district', place: place.place }, kind });
};
const render = (a: BedAnswer) => renderRef(answerMessage(a, { now: NOW, kindLabel: beds.kindLabel, lang: 'en' }), 'en', (k, l, p) => translator.t(k, l, p));
const location = (name: string) => [...beds.directory.index.all()].find((e) => e.hospital.name === name)!.hospital.location!;

describe('places are found in their own district', () => {
  it.each([
    ['Jadavpur', 'kolkata'],
    ['Jadabpur', 'kolkata'],
    ['Raigad', 'raigarh'],
    ['Raniganj', 'paschim-bardhaman'],
    ['Serampore', 'hooghly'],
    ['Gangarampur', 'dakshin-dinajpur'],
    ['Habra', 'north-24-parganas'],
    ['Sealdah', 'kolkata'],
  ])('%s → %s', (text, district) => {
    const place = beds.finder.resolvePlace(text);
    expect(place && beds.gazetteer.place(place.place)?.districtId).toBe(district);
  });
});

describe('a city search', () => {
  it('Salt Lake: AMRI is full, so the nearest free ones from Salt Lake itself: ID BG, 1.5 km', () => {
    const a = inPlace('salt lake');
    expect(a.results).toEqual([]);
    expect(a.nearest[0]).toMatchObject({ name: 'ID BG', vacant: 25 });
    expect(a.nearest[0]!.km).toBeCloseTo(1.5, 1);
    // Every distance is from Salt Lake's own point (places.yaml), not from an average of a district's hospitals.
    const saltLake = beds.gazetteer.place('salt-lake')!.at!;
    for (const r of a.nearest) expect(r.km).toBeCloseTo(haversineKm(saltLake, location(r.name)), 6);
    const text = render(a);
    expect(text).toContain('😔 No free beds in Salt Lake right now.');
    expect(text).toMatch(/1\. ID BG, Kolkata\n {3}✅ 25 free\n {3}📍 1\.5 km from Salt Lake/);
    expect(text).not.toContain('Naihati');
  });

  it('Durgapur: its hospital is full, so Sanaka Hospital (79 free), 12 km from Durgapur', () => {
    const a = inPlace('durgapur');
    expect(a.results).toEqual([]);
    expect(a.nearest[0]).toMatchObject({ name: 'Sanaka Hospital', vacant: 79 });
    expect(a.nearest[0]!.km).toBeGreaterThan(11);
    expect(a.nearest[0]!.km).toBeLessThan(13);
  });

  it('Jadavpur: the hospitals that stand there', () => {
    expect(inPlace('jadavpur').results.map((r) => r.name).sort()).toEqual(['K. S. Roy TB Hospital', 'KPC Medical College']);
  });
});

describe('free beds of a kind', () => {
  it('Jashpur, ventilator: not MCH Hospital Jashpur, whose 75 beds and 9 ICU beds are all taken', () => {
    const a = inPlace('jashpur', 'ventilator');
    expect(a.results.map((r) => r.name)).not.toContain('MCH Hospital Jashpur');
    expect(render(a)).not.toContain('MCH Hospital Jashpur');
  });

  it('Raigarh, any: Sanjivani has 2 free, oxygen 1 and ICU 1 (its ventilators are machines, not beds)', () => {
    // Searched from where it stands: Raigarh's hospitals with more free beds come before it by name.
    const sanjivani = find({ target: { by: 'location', ...location('Sanjivani Nursing Home Raigarh') }, kind: 'any' }).results.find((r) => r.name === 'Sanjivani Nursing Home Raigarh');
    expect(sanjivani).toMatchObject({ vacant: 2, byKind: [{ kind: 'oxygen', vacant: 1 }, { kind: 'icu', vacant: 1 }] });
  });

  it('no Chhattisgarh hospital is offered more free ventilators than it has free ICU and HDU beds, or free beds', () => {
    const kinds = config.beds.kinds.map((k) => k.id);
    const within = beds.gazetteer.region('chhattisgarh')!.within;
    let checked = 0;
    for (const e of beds.directory.index.all()) {
      if (e.regionId !== 'chhattisgarh') continue;
      const h = e.hospital;
      const v = vacancyOf(h, 'ventilator', kinds, undefined, { within });
      if (!v || !h.beds.all) continue;
      checked += 1;
      expect({ name: h.name, over: v.vacant > (h.beds.all.vacant ?? 0) || v.vacant > (h.beds.icu?.vacant ?? 0) + (h.beds.hdu?.vacant ?? 0) }).toEqual({ name: h.name, over: false });
    }
    // The shipped data has hospitals with free ventilators: the check above ran on some.
    expect(checked).toBeGreaterThan(0);
  });
});

describe('by PIN code in West Bengal (no hospital there has one)', () => {
  it('700010 or ৭০০০১০: Kolkata\'s hospitals, most free first, with no distance from a PIN that has no point', () => {
    const pin = beds.finder.resolvePincode('৭০০০১০');
    expect(pin).toBe('700010');
    const a = find({ target: { by: 'pincode', pincode: pin! }, kind: 'any' });
    expect(a.area).toMatchObject({ type: 'place', pincode: '700010', names: { en: 'Kolkata' } });
    expect(a.results.length).toBeGreaterThan(0);
    expect(a.results.every((r) => r.km === null)).toBe(true);
    expect(render(a)).toContain('🏥 Free beds in Kolkata (PIN 700010):');
  });
});

describe('phone numbers', () => {
  /** A hospital's numbers as a patient sees them: the nearest search from its own location lists it first. */
  const shown = (name: string) => {
    const e = [...beds.directory.index.all()].find((x) => x.hospital.name === name)!;
    const a = find({ target: { by: 'location', ...e.hospital.location! }, kind: 'any' });
    expect(a.results[0]?.id).toBe(e.hospital.id);
    return { stored: e.hospital.phones, shown: a.results[0]!.phones };
  };

  it('a Pune landline without its 020 gets it; one that lost its 0 gets it back', () => {
    expect(shown('Dhanawantari hospital ( Rasta peth )')).toEqual({ stored: ['8806666063', '26064996', '26061519'], shown: ['8806666063', '020-26064996', '020-26061519'] });
    expect(shown('Mankikar Hospital, Bhsoari')).toEqual({ stored: ['2027120049'], shown: ['02027120049'] });
  });

  it('a mobile with a digit lost is not shown as if it could be dialled', () => {
    expect(shown('Seetai Hospital ( Vishrantwadi )')).toEqual({ stored: ['904934970'], shown: [] });
    expect(shown('ITI Dhanora, Gurur')).toEqual({ stored: ['942414772'], shown: [] });
    expect(render(find({ target: { by: 'location', ...location('ITI Dhanora, Gurur') }, kind: 'any' }))).toMatch(/1\. ITI Dhanora, Gurur, Balod\n[^\n]+\n[^\n]+\n {3}☎️ No phone number listed/);
  });
});

describe('what the tester found: a kind asked for', () => {
  const offered = (a: BedAnswer) => [...a.results, ...a.unconfirmed, ...a.nearest].map((r) => r.name);

  it('ICU, ventilator or oxygen in Kolkata: no hospital reports one, said plainly; the totals apart, under their own heading', () => {
    for (const kind of ['icu', 'ventilator', 'oxygen']) {
      const a = inPlace('kolkata', kind);
      expect({ kind, results: a.results }).toEqual({ kind, results: [] });
      const text = render(a);
      expect(text).not.toMatch(/Free (ICU|ventilator|oxygen) beds in Kolkata/);
      expect(text).toMatch(/^😔 No hospital in Kolkata reports free (ICU|ventilator|oxygen) beds right now\./);
      expect(text).toContain('These report free beds but not which kind — call to ask if they have free');
      expect(text).toContain('M R Bangur DH & SSH');
    }
  });

  it('Jhargram: its night shelter and working women\'s hostel are never offered for ICU, ventilator or oxygen', () => {
    for (const kind of ['icu', 'ventilator', 'oxygen']) {
      const a = inPlace('jhargram', kind);
      expect({ kind, offered: offered(a).filter((n) => /Night Shelter|Hostel/.test(n)) }).toEqual({ kind, offered: [] });
      expect(render(a)).toContain('No free');
    }
    expect(inPlace('jhargram', 'any').results.map((r) => r.name).sort()).toEqual(['Jhargram Night Shelter', 'Jhargram Working Women Hostel']);
  });

  it('Raipur, oxygen: the Covid Care Centres in a stadium and a hostel are not offered, though the dashboard counted oxygen beds there', () => {
    const names = [...inPlace('raipur', 'oxygen').results, ...inPlace('raipur', 'oxygen').unconfirmed].map((r) => r.name);
    expect(names).not.toContain('Indoor Stadium');
    expect(names).not.toContain('Fundhar Hostel Raipur');
    expect(names).toContain('AIIMS, Raipur');
  });

  it('the places of West Bengal\'s lists that are not hospitals are these (facilities.yaml)', () => {
    const facilities = new Facilities(config.beds.facilities);
    const notHospitals = [...beds.directory.index.all()].filter((e) => e.regionId === 'west-bengal' && !facilities.isHospital(e.hospital)).map((e) => e.hospital.name);
    expect(notHospitals.sort()).toEqual(['Biswabangla Krirangan (Sports Complex)', 'Islampur Urdu Academy', 'Jhargram Night Shelter', 'Jhargram Working Women Hostel', 'Youth Hostel Rajbari Stadium']);
  });

  it('every West Bengal hospital has no phone number: the answer gives the state\'s helpline with them', () => {
    expect(render(inPlace('kolkata'))).toContain('For a hospital with no number listed, call ☎️ State COVID-19 helpline: 1800-313-444-222.');
  });

  it('Pune, oxygen: figures of the same day, most free first (7, 8, 3, 1, 2 free before, the hospitals with dozens left out)', () => {
    const a = inPlace('pune', 'oxygen');
    const days = (r: BedAnswer['results'][number]) => Math.floor((NOW - r.updatedAt!) / 86_400_000);
    for (let i = 1; i < a.results.length; i++) {
      const [p, r] = [a.results[i - 1]!, a.results[i]!];
      if (days(p) === days(r)) expect({ after: p.name, more: r.vacant > p.vacant }).toEqual({ after: p.name, more: false });
    }
    expect(a.results[0]!.vacant).toBeGreaterThan(20);
  });
});

describe('what the tester found: places', () => {
  it('the rows whose coordinates lie far outside their district are not placed by distance', () => {
    const unplaced = ['Diamond Harbour GMCH', 'Cooch Behar MJN MCH', 'Hatuara SSH', 'Al Amin Gopalpur Nursing Home', 'Natya Utkarsha Kendra', 'Rampurhat Govt Medical College & Hospital'];
    for (const name of unplaced) {
      const e = [...beds.directory.index.all()].find((x) => x.hospital.name === name);
      expect({ name, location: e?.location }).toEqual({ name, location: null });
    }
    const nearSiliguri = find({ target: { by: 'location', lat: 26.71, lng: 88.43 }, kind: 'any' });
    expect(nearSiliguri.results.map((r) => r.name)).not.toContain('Diamond Harbour GMCH');
    // And every location the index keeps lies within reach of its district.
    for (const e of beds.directory.index.all()) {
      if (e.location && e.districtKey && !e.districtKey.startsWith('raw:')) expect({ name: e.hospital.name, far: outsideDistrict(beds.gazetteer, e.districtKey, e.location) }).toEqual({ name: e.hospital.name, far: null });
    }
  });

  it('a location in Dhaka: no hospital across the border, no bed data for Bangladesh', () => {
    const a = find({ target: { by: 'location', lat: 23.8103, lng: 90.4125 }, kind: 'any' });
    expect([a.results, a.nearest, a.noData?.country]).toEqual([[], [], 'BD']);
    expect(render(a)).not.toContain('Domkol');
  });
});
