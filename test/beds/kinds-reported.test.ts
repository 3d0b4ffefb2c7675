/**
 * A patient asking for an ICU, ventilator or oxygen bed: the hospitals that report that kind free
 * under the kind's heading; those that report only a total apart, under a heading that says so;
 * places that are not hospitals (night shelters, hostels, Covid Care Centres: facilities.yaml)
 * never for oxygen or intensive care. Every answer that lists a hospital without a
 * phone number gives the state's helpline. Old figures of the same day of age: most free first.
 */
import { loadConfig } from '../../src/config';
import { answerMessage } from '../../src/beds/answer';
import type { BedAnswer, BedSearch } from '../../src/beds/lookup';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import type { HospitalInput } from '../../src/storage/repositories';
import { bedsOverForEachFile, count, hospital, NOW } from './registry';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-kinds-reported-test' });
const translator = createTranslator(localesDir);

const wb = (id: string, district: string, name: string, vacant: number, location: { lat: number; lng: number }): HospitalInput =>
  // West Bengal's lists: an overall count, no phone number.
  hospital(id, { region: 'West Bengal', district, name, phones: [], location, beds: { all: count(vacant, vacant + 10, 30) } });

const REGISTRY: HospitalInput[] = [
  wb('k-bangur', 'Kolkata', 'M R Bangur DH & SSH', 112, { lat: 22.4973, lng: 88.3461 }),
  wb('k-idbg', 'Kolkata', 'ID BG', 25, { lat: 22.5624, lng: 88.3985 }),
  wb('j-shelter', 'Jhargram', 'Jhargram Night Shelter', 75, { lat: 22.4478, lng: 86.9981 }),
  wb('j-hostel', 'Jhargram', 'Jhargram Working Women Hostel', 75, { lat: 22.44, lng: 86.9934 }),
  // Raipur's Indoor Stadium, a Covid Care Centre: its oxygen beds counted, and (as a feed might) an ICU.
  hospital('r-stadium', { name: 'Indoor Stadium', category: 'Covid Care Center', location: { lat: 21.24, lng: 81.65 }, beds: { oxygen: count(160, 195), icu: count(2, 2) } }),
  hospital('r-pandri', { name: 'District Hospital Pandri Raipur', category: 'Covid Care Center', location: { lat: 21.25, lng: 81.64 }, beds: { oxygen: count(6, 8), icu: count(1, 10) } }),
  // Durg: old figures, two of them 2 days old (an hour apart), one 4 days old.
  hospital('d-few-newer', { district: 'Durg', name: 'Few Newer', beds: { oxygen: count(2, 10, 49) } }),
  hospital('d-many-older', { district: 'Durg', name: 'Many Older', beds: { oxygen: count(40, 50, 50) } }),
  hospital('d-most-oldest', { district: 'Durg', name: 'Most Oldest', beds: { oxygen: count(80, 90, 100) } }),
];

const over = bedsOverForEachFile(config, REGISTRY);
const find = (s: BedSearch): BedAnswer => over.service.finder.find(s);
const inPlace = (place: string, kind: string) => find({ target: { by: 'district', place }, kind });
const ids = (rs: BedAnswer['results']) => rs.map((r) => r.id);
const render = (a: BedAnswer, lang: 'bn' | 'hi' | 'en' = 'en') =>
  renderRef(answerMessage(a, { now: NOW, kindLabel: over.service.kindLabel, lang }), lang, (k, l, p) => translator.t(k, l, p));

describe('a kind no hospital reports: said plainly, and the hospitals with only a total apart', () => {
  it('ICU in Kolkata: none reports a free ICU bed; the two that report free beds come under their own heading', () => {
    const a = inPlace('kolkata', 'icu');
    expect(a.results).toEqual([]);
    expect(ids(a.unconfirmed)).toEqual(['k-bangur', 'k-idbg']);
    const en = render(a);
    expect(en).not.toContain('Free ICU beds in Kolkata');
    expect(en).toContain('😔 No hospital in Kolkata reports free ICU beds right now.');
    expect(en).toContain('These report free beds but not which kind — call to ask if they have free ICU beds:\n\n1. M R Bangur DH & SSH\n   ✅ 112 beds free');
    expect(render(a, 'bn')).toContain('😔 এই মুহূর্তে কলকাতা এলাকার কোনো হাসপাতাল খালি আইসিইউ বেড আছে বলে জানায়নি।');
    expect(render(a, 'bn')).toContain('এগুলো খালি বেডের কথা জানিয়েছে, কিন্তু কোন ধরনের বেড তা জানায়নি');
    expect(render(a, 'hi')).toContain('😔 अभी कोलकाता का कोई अस्पताल खाली आईसीयू बेड नहीं बता रहा है।');
    expect(render(a, 'hi')).toContain('ये खाली बेड बताते हैं, पर यह नहीं कि किस तरह के');
  });

  it('ventilator and oxygen the same; "any" is the hospitals\' own count, under the usual heading', () => {
    for (const kind of ['ventilator', 'oxygen']) {
      const a = inPlace('kolkata', kind);
      expect({ kind, results: a.results, unconfirmed: ids(a.unconfirmed) }).toEqual({ kind, results: [], unconfirmed: ['k-bangur', 'k-idbg'] });
    }
    const any = inPlace('kolkata', 'any');
    expect(ids(any.results)).toEqual(['k-bangur', 'k-idbg']);
    expect(render(any)).toContain('🏥 Free beds in Kolkata:');
  });

  it('a hospital that reports the kind comes first, under the kind\'s heading; the others after, apart', () => {
    const a = find({ target: { by: 'location', lat: 21.25, lng: 81.64 }, kind: 'icu' });
    expect(ids(a.results)).toEqual(['r-pandri']);
    const text = render(a);
    expect(text).toMatch(/^🏥 Free ICU beds near you \(within 25 km\):\n\n1\. District Hospital Pandri Raipur/);
  });
});

describe('places that are not hospitals', () => {
  it('Jhargram\'s night shelter and working women\'s hostel are never offered for ICU, ventilator or oxygen', () => {
    for (const kind of ['icu', 'ventilator', 'oxygen']) {
      const a = inPlace('jhargram', kind);
      const offered = [...a.results, ...a.unconfirmed, ...a.nearest].map((r) => r.name);
      expect({ kind, offered: offered.filter((n) => n.startsWith('Jhargram')) }).toEqual({ kind, offered: [] });
      expect(render(a)).not.toMatch(/Night Shelter|Hostel/);
    }
  });

  it('...nor by location', () => {
    const a = find({ target: { by: 'location', lat: 22.45, lng: 86.99 }, kind: 'icu' });
    expect([...a.results, ...a.unconfirmed].map((r) => r.id)).toEqual([]);
  });

  it('they are offered for any free bed (isolation and care)', () => {
    expect(ids(inPlace('jhargram', 'any').results).sort()).toEqual(['j-hostel', 'j-shelter']);
  });

  it('a Covid Care Centre is never offered for oxygen or ICU beds, even those its feed counts, but for any free bed; a district hospital of that category is a hospital', () => {
    expect(ids(inPlace('raipur', 'oxygen').results)).toEqual(['r-pandri']);
    expect(ids(inPlace('raipur', 'icu').results)).toEqual(['r-pandri']);
    expect(ids(inPlace('raipur', 'any').results)).toEqual(['r-stadium', 'r-pandri']);
  });
});

describe('a hospital listed without a phone number', () => {
  it('the answer ends with the state\'s helpline, not only "call the hospital"', () => {
    const text = render(inPlace('kolkata', 'any'));
    expect(text).toContain('☎️ No phone number listed');
    expect(text).toContain('For a hospital with no number listed, call ☎️ State COVID-19 helpline: 1800-313-444-222. 🚑 Ambulance: 108');
    expect(render(inPlace('kolkata', 'any'), 'bn')).toContain('1800-313-444-222');
    expect(render(inPlace('kolkata', 'any'), 'hi')).toContain('1800-313-444-222');
  });

  it('every hospital with a number: the usual "call the hospital"', () => {
    const text = render(inPlace('raipur', 'oxygen'));
    expect(text).toContain('Call the hospital before you go: beds fill fast. 🚑 Ambulance: 108');
    expect(text).not.toContain('no number listed');
  });
});

describe('old figures', () => {
  it('of the same day of age ("2 days ago"): most free first, minutes newer or not; days older after', () => {
    const a = inPlace('durg', 'oxygen');
    expect(ids(a.results)).toEqual(['d-many-older', 'd-few-newer', 'd-most-oldest']);
    expect(render(a)).toMatch(/1\. Many Older\n {3}✅ 40 free\n[^\n]*\n {3}🕒 updated 2 days ago/);
  });
});
