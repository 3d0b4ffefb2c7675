/**
 * Bed search over the shipped 2021 data (../shared/data/beds, every file with its mapping, as
 * `sahay beds import` reads them): what a bug hunter found wrong, searched again.
 */
import { resolve, join } from 'node:path';
import { loadConfig } from '../../src/config';
import { answerMessage } from '../../src/beds/answer';
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
    const sanjivani = inPlace('raigarh').results.find((r) => r.name === 'Sanjivani Nursing Home Raigarh');
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
