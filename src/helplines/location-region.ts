/**
 * Where a shared location is, for the numbers to dial and the desk to reach: a point (a
 * WhatsApp or Telegram location pin, the web chat's shared location) → the country it lies
 * in → the helpline region of config/helplines.yaml that the country gives.
 *
 * The country comes from @rapideditor/country-coder (ISC; the world's borders shipped in the
 * package, nothing fetched): India's bounding box holds the whole of Bangladesh, so a box
 * would put Dhaka, Benapole or Cumilla in India; borders put Petrapole (India) and Benapole
 * (Bangladesh), Agartala (India) and Cumilla (Bangladesh), on their own sides. Its borders are
 * simplified (Bangladesh's outline has 144 points), and it says a land border "may be imprecise
 * at granular scales": a point closer than BORDER_MARGIN_KM to another country is not placed
 * (the bot does as it does for a patient whose region is not known) rather than maybe given
 * the wrong country's emergency number. Checked against places whose side is known: the
 * confluence point 23° N 89° E, which its visitors put about 12 km inside Bangladesh, is 12.5 km
 * from the package's line; Changrabandha, a town on the line, is within 1 km of it (not placed).
 *
 * A patient's region is profile.region when they chose one (the helplines, hand-off or
 * follow-up question): a location never overrides it. Only when none is known does a
 * location they shared stand in, and only where the country alone says the region:
 * Bangladesh (`bd`), Saudi Arabia (`sa`) and the other Gulf countries where Bangladeshi
 * workers live: the UAE (`ae`), Qatar (`qa`), Kuwait (`kw`), Oman (`om`) and Bahrain (`bh`).
 * India's regions are states (`in_wb`, `in_ct`, `in_other`) that a country does not tell, so
 * a point in India leaves the region unknown
 * (asked as before); a point in no country we serve (at sea, in Nepal) changes nothing.
 *
 * The locations a session holds today are the bed search's (flows/beds.yaml): `beds.target`
 * when it is `{ by: location }` (the latest search), else `beds.location` (the answer to "share
 * your location"). Another flow that keeps a shared location adds its path to
 * SHARED_LOCATION_PATHS, and sets SHARED_LOCATION_AT_PATH when it stores one.
 *
 * A location is where the patient was when they shared it — or where a relative was, whose pin
 * they forwarded for a bed search. It stands in for the region only for SHARED_LOCATION_FRESH_HOURS
 * after it was shared (`beds.location_at`, set by beds.resolve, src/beds/actions.ts); a location
 * without that time (a session from before it was stored) is taken as old, and not used.
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';
import { asLatLng, offsetKm, type LatLng } from '../beds/geo';
import { remembered } from '../remembered';

export type ServedCountry = 'IN' | 'BD' | 'SA' | 'AE' | 'QA' | 'KW' | 'OM' | 'BH';

export interface CountryRegions {
  /** The helpline regions (config/helplines.yaml) inside the country. */
  regions: readonly string[];
  /** The region the country alone tells (it has only one); null when it has several. */
  region: string | null;
  /** The region whose ambulance and emergency numbers hold in the whole country. */
  national: string;
}

/** The countries we serve and their helpline regions (test/helplines/location-region.test.ts checks them against the directory). */
export const SERVED_COUNTRIES: Readonly<Record<ServedCountry, CountryRegions>> = {
  IN: { regions: ['in_wb', 'in_ct', 'in_other'], region: null, national: 'in_other' },
  BD: { regions: ['bd'], region: 'bd', national: 'bd' },
  SA: { regions: ['sa'], region: 'sa', national: 'sa' },
  AE: { regions: ['ae'], region: 'ae', national: 'ae' },
  QA: { regions: ['qa'], region: 'qa', national: 'qa' },
  KW: { regions: ['kw'], region: 'kw', national: 'kw' },
  OM: { regions: ['om'], region: 'om', national: 'om' },
  BH: { regions: ['bh'], region: 'bh', national: 'bh' },
};

/** Where a session keeps a location the patient shared, newest first. */
const SHARED_LOCATION_PATHS: readonly string[] = ['beds.target', 'beds.location'];
/** When the newest of them was shared (ms). */
export const SHARED_LOCATION_AT_PATH = 'beds.location_at';
/** How long a shared location says where the patient is. */
export const SHARED_LOCATION_FRESH_HOURS = 6;

type Coder = typeof import('@rapideditor/country-coder');
let coder: Coder | undefined;

/**
 * Loaded on first use: the package builds its index of the world's borders when it is first
 * required (about 0.1 s and 8 MB), which a process or a test that never sees a location need
 * not pay. A look-up then takes about 10 µs; placing a point (with its margin) about 0.3 ms,
 * kept for the points last asked.
 */
function countryCoder(): Coder {
  coder ??= require('@rapideditor/country-coder') as Coder;
  return coder;
}

function isServed(code: string | null): code is ServedCountry {
  return code !== null && Object.hasOwn(SERVED_COUNTRIES, code);
}

/** The ISO 3166-1 code of the country the borders put a point in; null at sea. */
function codeAt(p: LatLng): string | null {
  // GeoJSON order: longitude first.
  return countryCoder().iso1A2Code([p.lng, p.lat]);
}

/** How near another country a point may be and still be placed in its own (see above). */
export const BORDER_MARGIN_KM = 1;
const MARGIN_RINGS_KM = [BORDER_MARGIN_KM / 2, BORDER_MARGIN_KM];
const MARGIN_BEARINGS = Array.from({ length: 16 }, (_, i) => i * 22.5);

/** The country a point is surely in: the borders' answer when no point within the margin lies in another country (sea does not count). */
const placed = remembered(
  (key: string): string | null => {
    const [lat, lng] = key.split(',').map(Number) as [number, number];
    const here = codeAt({ lat, lng });
    if (here === null) return null;
    for (const km of MARGIN_RINGS_KM) {
      for (const bearing of MARGIN_BEARINGS) {
        const there = codeAt(offsetKm({ lat, lng }, km, bearing));
        if (there !== null && there !== here) return null;
      }
    }
    return here;
  },
  { max: 1000 },
);

/**
 * The country we serve that a point lies in; null at sea, outside them, within
 * BORDER_MARGIN_KM of another country (Changrabandha, a town on the line), or for what
 * is not a point.
 */
export function countryAt(point: LatLng): ServedCountry | null {
  const p = asLatLng(point);
  if (!p) return null;
  const code = placed(`${p.lat},${p.lng}`);
  return isServed(code) ? code : null;
}

/** The served country a helpline region belongs to. */
export function countryOfRegion(region: string): ServedCountry | null {
  for (const [country, c] of Object.entries(SERVED_COUNTRIES) as Array<[ServedCountry, CountryRegions]>) if (c.regions.includes(region)) return country;
  return null;
}

/** The helpline region a point gives by its country alone: `bd`, `sa`, the Gulf's (`ae`: Dubai); null in India (a state is not told) and elsewhere. */
export function regionAt(point: LatLng): string | null {
  const country = countryAt(point);
  return country ? SERVED_COUNTRIES[country].region : null;
}

/**
 * The region whose ambulance and emergency numbers to dial at a point: the patient's own
 * region when it is in that country (West Bengal's lines for a patient of West Bengal in
 * Kolkata), else the country's national numbers (997 in Riyadh, whatever region was chosen
 * at home); null outside the countries we serve.
 */
export function numbersRegionAt(point: LatLng, chosen?: string | null): string | null {
  const country = countryAt(point);
  if (!country) return null;
  const c = SERVED_COUNTRIES[country];
  return chosen && c.regions.includes(chosen) ? chosen : c.national;
}

/**
 * The newest location the patient shared that the session keeps, if any, and if it was shared
 * less than SHARED_LOCATION_FRESH_HOURS before `now`. Without `now` its age is not checked (a
 * caller that has no clock), but a location with no time stored is still not used.
 */
export function sharedLocation(session: Session, now?: number): LatLng | null {
  const at = getPath(session, SHARED_LOCATION_AT_PATH);
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (now !== undefined && now - at > SHARED_LOCATION_FRESH_HOURS * 3_600_000) return null;
  for (const path of SHARED_LOCATION_PATHS) {
    const value = getPath(session, path);
    // A bed search's target is a location only when it says so ({ by: district, place } is not one).
    if (value !== null && typeof value === 'object' && 'by' in value && (value as { by: unknown }).by !== 'location') continue;
    const point = asLatLng(value);
    if (point) return point;
  }
  return null;
}

/** The region the patient chose (profile.region), as the session holds it. */
export function chosenRegion(session: Session): string | null {
  const region = getPath(session, 'profile.region');
  return typeof region === 'string' && region !== '' ? region : null;
}

/**
 * The patient's helpline region: the one they chose; else the one a location they shared
 * recently gives (Bangladesh, Saudi Arabia, the other Gulf countries; see sharedLocation); else null (not known).
 */
export function patientRegion(session: Session, now?: number): string | null {
  const chosen = chosenRegion(session);
  if (chosen !== null) return chosen;
  const point = sharedLocation(session, now);
  return point ? regionAt(point) : null;
}

/**
 * The country the patient is in: their chosen region's; else a shared location's (India too:
 * its ambulance and emergency numbers are the same in every state); else null.
 */
export function patientCountry(session: Session, now?: number): ServedCountry | null {
  const chosen = chosenRegion(session);
  if (chosen !== null) return countryOfRegion(chosen);
  const point = sharedLocation(session, now);
  return point ? countryAt(point) : null;
}
