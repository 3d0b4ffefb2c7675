/**
 * A shared location → the country it lies in → the helpline region it gives, and the
 * patient's region as the session says it: chosen first, else a shared location's.
 * Borders, not boxes: India's bounding box (68.1–97.4° E, 6.7–35.5° N) holds the whole of
 * Bangladesh, so the points that matter are near the India–Bangladesh border.
 */
import { join } from 'node:path';
import { haversineKm, offsetKm } from '../../src/beds/geo';
import type { Session } from '../../src/engine/session';
import { loadHelplines } from '../../src/helplines/directory';
import {
  BORDER_MARGIN_KM,
  SERVED_COUNTRIES,
  countryAt,
  countryOfRegion,
  numbersRegionAt,
  patientCountry,
  patientRegion,
  regionAt,
  sharedLocation,
  SHARED_LOCATION_FRESH_HOURS,
} from '../../src/helplines/location-region';
import { loadConfig } from '../../src/config';
import { configDir } from '../../src/paths';

/** [lat, lng] */
const P = {
  // Petrapole (India) and Benapole (Bangladesh): the land crossing on the Jessore road, each ~2 km from the line.
  petrapole: [23.035, 88.862],
  benapole: [23.043, 88.9],
  bongaon: [23.048, 88.82],
  // Agartala (Tripura, India) is 4 km from the border; Cumilla (Bangladesh) lies west-south-west of it.
  agartala: [23.8315, 91.2868],
  cumilla: [23.4607, 91.1809],
  // Degree confluence points visited with a GPS, in Bangladesh: 23° N 89° E "about 12 km east of
  // Bangladesh's western border with India", 26° N 89° E in Nilphamari, 25° N 91° E in Sylhet.
  conf23n89e: [23, 89],
  conf26n89e: [26, 89],
  conf25n91e: [25, 91],
  // Changrabandha (Cooch Behar, India; bn.wikipedia's 26.4114° N 88.9224° E): a town on the line, facing Burimari.
  changrabandha: [26.4114, 88.9224],
  dhaka: [23.8103, 90.4125],
  sylhet: [24.8949, 91.8687],
  kolkata: [22.5726, 88.3639],
  raipur: [21.2514, 81.6296],
  riyadh: [24.7136, 46.6753],
  jeddah: [21.4858, 39.1925],
  dammam: [26.4207, 50.1033],
  // The Bay of Bengal, 200 km off the Sundarbans; the Arabian Sea; Kathmandu (served by none of us).
  bayOfBengal: [20.5, 88.5],
  arabianSea: [15.0, 65.0],
  kathmandu: [27.7172, 85.324],
} as const;

const at = (name: keyof typeof P) => ({ lat: P[name][0], lng: P[name][1] });

const session = (vars: Record<string, unknown>): Session => ({ vars }) as unknown as Session;
/** When the locations below were shared; the look-ups are an hour later. */
const SHARED_AT = Date.UTC(2021, 4, 1, 12);
const NOW = SHARED_AT + 3_600_000;
const located = (name: keyof typeof P, over: Record<string, unknown> = {}) => session({ beds: { target: { by: 'location', ...at(name) }, location_at: SHARED_AT }, ...over });

describe('the country a point lies in', () => {
  it.each([
    ['petrapole', 'IN'],
    ['bongaon', 'IN'],
    ['benapole', 'BD'],
    ['agartala', 'IN'],
    ['conf23n89e', 'BD'],
    ['conf26n89e', 'BD'],
    ['conf25n91e', 'BD'],
    ['cumilla', 'BD'],
    ['dhaka', 'BD'],
    ['sylhet', 'BD'],
    ['kolkata', 'IN'],
    ['raipur', 'IN'],
    ['riyadh', 'SA'],
    ['jeddah', 'SA'],
    ['dammam', 'SA'],
  ] as const)('%s is in %s', (name, country) => {
    expect(countryAt(at(name))).toBe(country);
  });

  it('puts the Bangladeshi points inside India\'s bounding box in Bangladesh: a box would not', () => {
    const inIndiasBox = ({ lat, lng }: { lat: number; lng: number }) => lat >= 6.7 && lat <= 35.5 && lng >= 68.1 && lng <= 97.4;
    for (const name of ['benapole', 'cumilla', 'dhaka', 'sylhet'] as const) expect([name, inIndiasBox(at(name)), countryAt(at(name))]).toEqual([name, true, 'BD']);
  });

  it('does not place a point within the margin of another country: the borders are simplified, and a wrong side gives a wrong number', () => {
    expect(countryAt(at('changrabandha'))).toBeNull();
    // 1.5 km east of Petrapole, towards Benapole, the line is about 0.6 km away: not placed; Petrapole itself (~2 km) is.
    expect(countryAt({ lat: 23.037, lng: 88.8765 })).toBeNull();
    expect(countryAt(at('petrapole'))).toBe('IN');
    expect(BORDER_MARGIN_KM).toBe(1);
  });

  it('measures the margin on the sphere: each point around is the margin away, on its bearing', () => {
    for (const bearing of [0, 45, 90, 180, 270, 337.5]) {
      const there = offsetKm(at('riyadh'), BORDER_MARGIN_KM, bearing);
      expect(haversineKm(at('riyadh'), there)).toBeCloseTo(BORDER_MARGIN_KM, 6);
    }
    expect(offsetKm(at('kolkata'), 10, 0).lat).toBeGreaterThan(P.kolkata[0]);
    expect(offsetKm(at('kolkata'), 10, 90).lng).toBeGreaterThan(P.kolkata[1]);
    expect(offsetKm({ lat: 0, lng: 179.999 }, 1, 90).lng).toBeCloseTo(-179.992, 3);
  });

  it('is none of ours at sea, in another country, or for what is not a point', () => {
    expect(countryAt(at('bayOfBengal'))).toBeNull();
    expect(countryAt(at('arabianSea'))).toBeNull();
    expect(countryAt(at('kathmandu'))).toBeNull();
    expect(countryAt({ lat: Number.NaN, lng: 88 })).toBeNull();
    expect(countryAt({ lat: 95, lng: 88 })).toBeNull();
    expect(countryAt({ lat: 23, lng: 188 })).toBeNull();
  });

  it('reads latitude and longitude the right way round: (24.7, 46.7) is Riyadh, (46.7, 24.7) is in Romania', () => {
    expect(countryAt({ lat: 24.7136, lng: 46.6753 })).toBe('SA');
    expect(countryAt({ lat: 46.6753, lng: 24.7136 })).toBeNull();
  });
});

describe('the helpline region a point gives', () => {
  it('is bd or sa by the country alone; in India a state is not told, so none; elsewhere none', () => {
    expect(regionAt(at('dhaka'))).toBe('bd');
    expect(regionAt(at('benapole'))).toBe('bd');
    expect(regionAt(at('riyadh'))).toBe('sa');
    expect(regionAt(at('dammam'))).toBe('sa');
    expect(regionAt(at('kolkata'))).toBeNull();
    expect(regionAt(at('petrapole'))).toBeNull();
    expect(regionAt(at('bayOfBengal'))).toBeNull();
  });

  it("gives the numbers to dial where the point is: the patient's own region when it is that country's, else the country's", () => {
    expect(numbersRegionAt(at('riyadh'), 'in_wb')).toBe('sa');
    expect(numbersRegionAt(at('riyadh'))).toBe('sa');
    expect(numbersRegionAt(at('kolkata'), 'in_wb')).toBe('in_wb');
    expect(numbersRegionAt(at('kolkata'), 'bd')).toBe('in_other');
    expect(numbersRegionAt(at('kolkata'), null)).toBe('in_other');
    expect(numbersRegionAt(at('cumilla'), 'in_other')).toBe('bd');
    expect(numbersRegionAt(at('bayOfBengal'), 'in_wb')).toBeNull();
  });

  it("names only regions the directory has, each in one country, and the countries' numbers the emergency advice lists", () => {
    const directory = loadHelplines(join(configDir, 'helplines.yaml'));
    const all = Object.values(SERVED_COUNTRIES).flatMap((c) => c.regions);
    expect([...all].sort()).toEqual(Object.keys(directory.regions).sort());
    expect(new Set(all).size).toBe(all.length);
    for (const c of Object.values(SERVED_COUNTRIES)) {
      expect(c.regions).toContain(c.national);
      if (c.region !== null) expect(c.regions).toEqual([c.region]);
    }
    const unknown = loadConfig({}).triage.emergencyRegionsWhenUnknown.map((r) => r.region);
    expect(unknown.sort()).toEqual(Object.values(SERVED_COUNTRIES).map((c) => c.national).sort());
    expect(countryOfRegion('in_ct')).toBe('IN');
    expect(countryOfRegion('sa')).toBe('SA');
    expect(countryOfRegion('xx')).toBeNull();
  });
});

describe("the patient's region in the session", () => {
  it('is the one they chose, whatever a location says', () => {
    expect(patientRegion(located('riyadh', { profile: { region: 'in_wb' } }), NOW)).toBe('in_wb');
    expect(patientRegion(located('kolkata', { profile: { region: 'sa' } }), NOW)).toBe('sa');
    expect(patientRegion(session({ profile: { region: 'bd' } }), NOW)).toBe('bd');
  });

  it("is a shared location's when none was chosen: Riyadh sa, Dhaka bd, Benapole bd; Kolkata, Petrapole and the sea leave it unknown", () => {
    expect(patientRegion(located('riyadh'), NOW)).toBe('sa');
    expect(patientRegion(located('jeddah', { profile: { consent: true } }), NOW)).toBe('sa');
    expect(patientRegion(located('dhaka'), NOW)).toBe('bd');
    expect(patientRegion(located('benapole'), NOW)).toBe('bd');
    expect(patientRegion(located('kolkata'), NOW)).toBeNull();
    expect(patientRegion(located('petrapole'), NOW)).toBeNull();
    expect(patientRegion(located('bayOfBengal'), NOW)).toBeNull();
    expect(patientRegion(session({}), NOW)).toBeNull();
  });

  it('reads the newest location: the latest search by location, else the location given to "share your location"', () => {
    expect(sharedLocation(session({ beds: { target: { by: 'location', ...at('dhaka') }, location: at('riyadh'), location_at: SHARED_AT } }), NOW)).toEqual(at('dhaka'));
    // A later search by district is no location: the shared one still says where the patient is.
    expect(sharedLocation(session({ beds: { target: { by: 'district', place: 'kolkata' }, location: at('riyadh'), location_at: SHARED_AT } }), NOW)).toEqual(at('riyadh'));
    expect(sharedLocation(session({ beds: { target: { by: 'pincode', pincode: '700020' }, location_at: SHARED_AT } }), NOW)).toBeNull();
    expect(sharedLocation(session({ beds: { target: { by: 'location', lat: 'x', lng: 46 }, location: null, location_at: SHARED_AT } }), NOW)).toBeNull();
    expect(sharedLocation(session({ beds: 'nothing' }), NOW)).toBeNull();
  });

  it('does not use a location shared more than SHARED_LOCATION_FRESH_HOURS ago, nor one with no time stored (an old session)', () => {
    const riyadh = located('riyadh');
    expect(patientRegion(riyadh, SHARED_AT + (SHARED_LOCATION_FRESH_HOURS - 1) * 3_600_000)).toBe('sa');
    expect(patientRegion(riyadh, SHARED_AT + (SHARED_LOCATION_FRESH_HOURS + 1) * 3_600_000)).toBeNull();
    expect(patientCountry(riyadh, SHARED_AT + 3 * 24 * 3_600_000)).toBeNull();
    const untimed = session({ beds: { location: at('riyadh') } });
    expect(sharedLocation(untimed, NOW)).toBeNull();
    expect(sharedLocation(untimed)).toBeNull();
    expect(patientRegion(untimed, NOW)).toBeNull();
    // A chosen region is not a location: it does not age.
    expect(patientRegion(session({ profile: { region: 'bd' } }), SHARED_AT + 30 * 24 * 3_600_000)).toBe('bd');
  });

  it('gives the country: of the chosen region, else of a shared location, India included', () => {
    expect(patientCountry(session({ profile: { region: 'in_ct' } }), NOW)).toBe('IN');
    expect(patientCountry(located('riyadh', { profile: { region: 'bd' } }), NOW)).toBe('BD');
    expect(patientCountry(located('kolkata'), NOW)).toBe('IN');
    expect(patientCountry(located('dammam'), NOW)).toBe('SA');
    expect(patientCountry(located('arabianSea'), NOW)).toBeNull();
  });
});
