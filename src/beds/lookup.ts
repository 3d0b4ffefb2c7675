/**
 * Bed search: "where is a free oxygen bed near me?" as one function over the
 * in-memory index. Three ways to say where — a district or city (any language,
 * typos forgiven), a PIN code, or a shared location — then the top five
 * hospitals with free beds of the kind asked for, and when there are none, the
 * next nearest ones with the helpline and the ambulance number.
 *
 * A kind asked for (oxygen, ICU, ventilator) is offered in two lists that the patient must
 * not confuse: the hospitals that report that kind free (`results`), and, apart, those that
 * report only a total of free beds (`unconfirmed`: "call to ask"). A place that is not a
 * hospital (facility.ts) is never in the second, nor offered for oxygen or intensive care. A
 * shared location is answered with its own country's hospitals only; in a country without
 * bed data, with that country's helplines (`noData`).
 *
 * The answer is data (BedAnswer); answer.ts turns it into messages, so the chat,
 * `sahay beds find` and `--json` all say the same thing.
 */
import { toAsciiDigits } from '../i18n/digits';
import type { HelplineDirectory } from '../helplines/directory';
import { numbersRegionAt, SERVED_COUNTRIES, type ServedCountry } from '../helplines/location-region';
import type { Hospital } from '../storage/repositories';
import type { BedIndex, IndexedHospital } from './bed-index';
import type { BedKind } from './config';
import type { Facilities } from './facility';
import { fuzzyMatch, matchTable, placeKey, type Gazetteer } from './gazetteer';
import type { LatLng } from './geo';
import { dialablePhones } from './phones';
import { countryOfPoint } from './point-country';
import { vacancyOf, type Sex, type Vacancy } from './vacancy';

/** Where to look, as the flow stores it in the session (plain JSON). */
export type BedTarget =
  /** A gazetteer place id (district or city), or `raw:<name>` for a district only the data knows. */
  | { by: 'district'; place: string }
  | { by: 'pincode'; pincode: string }
  | { by: 'location'; lat: number; lng: number };

export interface BedSearch {
  target: BedTarget;
  /** A kind id from kinds.yaml, or `any`. */
  kind: string;
  sex?: Sex;
  /** The patient's helpline region (profile.region), when known. */
  helplineRegion?: string;
}

export interface HospitalResult {
  id: string;
  name: string;
  names: Hospital['names'];
  district: string | null;
  vacant: number;
  confirmed: boolean;
  byKind: Vacancy['byKind'];
  phones: string[];
  /**
   * From the search's origin: the patient's location, the hospitals of their PIN code, or the
   * town they named (places.yaml `at`). Null when there is no such point (a district named for
   * no town, a PIN code known only by its district) or the hospital has no location.
   */
  km: number | null;
  updatedAt: number | null;
  stale: boolean;
}

export interface PlaceNames {
  en: string;
  bn: string;
  hi: string;
}

export interface BedAnswer {
  kind: string;
  /** What was searched, for the header. */
  area:
    /**
     * `instead`: the city the patient named, when none of its hospitals had a free bed and it has
     * no point to measure the nearest from: `names` is then its district, whose results these are.
     */
    | { type: 'place'; names: PlaceNames; pincode?: string; instead?: PlaceNames }
    | { type: 'pincode'; pincode: string }
    | { type: 'location'; radiusKm: number };
  /** Up to five hospitals that report free beds of the kind (of any kind, for `any`), best first. */
  results: HospitalResult[];
  /**
   * A kind asked for: up to five hospitals of the area that report free beds but not of which
   * kind (West Bengal's lists), best first; never a place that is not a hospital (facility.ts).
   */
  unconfirmed: HospitalResult[];
  /**
   * When `results` is empty: the nearest hospitals elsewhere that report free beds of the kind (up
   * to three); or, when neither they nor `unconfirmed` are found, the nearest that report free
   * beds but not of which kind.
   */
  nearest: HospitalResult[];
  /**
   * A shared location in a country the data does not cover: its ISO 3166-1 code and names
   * (places.yaml `countries`, when listed). Nothing else is searched.
   */
  noData?: NoData;
  help: Help;
}

export type NoData = { country: string; names?: PlaceNames };

export type Help = { ambulance: string; line: { name: string; number: string } | null };

/** A place the data does not cover, as the patient named it (places.yaml `elsewhere`). */
export interface ElsewhereAnswer {
  names: PlaceNames;
  country: string;
  help: Help;
}

export const TOP = 5;
const NEXT_NEAREST = 3;
/**
 * How far "the nearest hospitals elsewhere" may be: a few hours by road. Farther ones are
 * no help to a patient (a worker in Riyadh was offered hospitals in Chhattisgarh, 3,559 km away).
 */
export const ELSEWHERE_MAX_KM = 300;

export interface FinderOptions {
  gazetteer: Gazetteer;
  index: BedIndex;
  kinds: readonly BedKind[];
  facilities: Facilities;
  helplines: HelplineDirectory;
  staleHours: number;
  nearbyKm: number;
  now: () => number;
}

export class BedFinder {
  private readonly kindIds: string[];
  /** Kinds offered only at hospitals (kinds.yaml `hospitalsOnly`). */
  private readonly hospitalsOnly: ReadonlySet<string>;
  /** The countries the data has regions in. */
  private readonly countries: ReadonlySet<string>;

  constructor(private readonly o: FinderOptions) {
    this.kindIds = o.kinds.map((k) => k.id);
    this.hospitalsOnly = new Set(o.kinds.filter((k) => k.hospitalsOnly).map((k) => k.id));
    this.countries = new Set(o.gazetteer.regionIds().flatMap((id) => o.gazetteer.region(id)?.country ?? []));
  }

  /** Is this a kind a search may ask for (`any` or a configured kind)? */
  isKind(kind: string): boolean {
    return kind === 'any' || this.kindIds.includes(kind);
  }

  /**
   * The place a patient's text names: a gazetteer place, else a district only the data knows.
   * Null when nothing is close, or when equally close places lie in different districts
   * (placeChoices lists them) and the patient's helpline region (`profile.region`), when given,
   * does not leave one.
   */
  resolvePlace(text: string, helplineRegion?: string): { place: string; names: PlaceNames } | null {
    const regionIds = this.regionsOf(helplineRegion);
    const choices = this.o.gazetteer.choices(text, { regionIds });
    if (choices.length > 1) return null;
    const hit = choices[0];
    if (hit) return { place: hit.id, names: hit.names };
    const raw = this.o.index.unknownDistricts();
    if (raw.length === 0) return null;
    const found = fuzzyMatch(text, matchTable(raw.map((d) => ({ key: placeKey(d.name), place: { kind: 'district', id: d.key, name: d.name } }))));
    return found ? { place: found.place.id, names: { en: found.place.name, bn: found.place.name, hi: found.place.name } } : null;
  }

  /**
   * The places a patient's text could name, when resolvePlace cannot choose (one per district:
   * "Barampur" is one edit from Barrackpore, West Bengal, and from Balrampur, Chhattisgarh), for a
   * "did you mean" question.
   * One place when resolvePlace finds it; none when nothing is close.
   */
  placeChoices(text: string, helplineRegion?: string): Array<{ place: string; names: PlaceNames; district: PlaceNames; region: string }> {
    return this.o.gazetteer.choices(text, { regionIds: this.regionsOf(helplineRegion) }).map((p) => ({
      place: p.id,
      names: p.names,
      district: this.o.gazetteer.place(p.districtId)?.names ?? p.names,
      region: this.o.gazetteer.region(p.regionId)?.name ?? p.regionId,
    }));
  }

  /** The gazetteer regions whose helplines are this helpline region. */
  private regionsOf(helplineRegion: string | undefined): string[] | undefined {
    if (!helplineRegion) return undefined;
    const ids = this.o.gazetteer.regionIds().filter((id) => this.o.gazetteer.region(id)?.helplines === helplineRegion);
    return ids.length ? ids : undefined;
  }

  /**
   * A place outside the data that the patient's text names (Dhaka, Riyadh, Delhi), with the
   * helplines of its country; null when the text names a place of the data, or nothing known.
   */
  elsewhere(text: string, helplineRegion?: string): ElsewhereAnswer | null {
    if (this.placeChoices(text, helplineRegion).length || this.resolvePlace(text, helplineRegion)) return null;
    const found = this.o.gazetteer.elsewhere(text);
    return found ? { names: found.names, country: found.country, help: this.countryHelp(found.country, helplineRegion) } : null;
  }

  /**
   * A shared location in a country the data does not cover (Bangladesh, Saudi Arabia, Nepal):
   * the country and its helplines. Null where the data has hospitals, at sea, and on a border.
   */
  outsideData(point: LatLng, helplineRegion?: string): { noData: NoData; help: Help } | null {
    return this.withoutData(countryOfPoint(point), helplineRegion);
  }

  private withoutData(country: string | null, helplineRegion: string | undefined): { noData: NoData; help: Help } | null {
    if (!country || this.countries.has(country)) return null;
    const names = this.o.gazetteer.countryNames(country);
    return { noData: { country, ...(names ? { names } : {}) }, help: this.countryHelp(country, helplineRegion) };
  }

  /**
   * The helplines for a place in a country without bed data there: the country's national lines
   * (Bangladesh's 999, Saudi Arabia's 997; India's 1075 for Delhi, which no state's line covers).
   * For a country we do not serve, the patient's own region, as for a location far from any data.
   */
  countryHelp(country: string, helplineRegion?: string): Help {
    const served = Object.hasOwn(SERVED_COUNTRIES, country) ? SERVED_COUNTRIES[country as ServedCountry] : undefined;
    return this.help(served ? served.national : helplineRegion);
  }

  /** A PIN code (6 digits, any script) that the data or the PIN table knows; null otherwise. */
  resolvePincode(text: string): string | null {
    const pin = toAsciiDigits(text).replace(/[\s-]+/g, '');
    if (!/^[1-9]\d{5}$/.test(pin)) return null;
    return this.o.index.withPincode(pin).size || this.o.gazetteer.pincodePlace(pin) ? pin : null;
  }

  find(search: BedSearch): BedAnswer {
    const kind = this.isKind(search.kind) ? search.kind : 'any';
    const t = search.target;
    if (t.by === 'location') return this.near({ lat: t.lat, lng: t.lng }, kind, search, { type: 'location', radiusKm: this.o.nearbyKm }, search.helplineRegion);
    if (t.by === 'pincode') {
      const located = [...this.o.index.withPincode(t.pincode).values()].flatMap((e) => (e.location ? [e.location] : []));
      if (located.length) {
        const origin = { lat: mean(located.map((p) => p.lat)), lng: mean(located.map((p) => p.lng)) };
        return this.near(origin, kind, search, { type: 'pincode', pincode: t.pincode }, undefined);
      }
      const place = this.o.gazetteer.pincodePlace(t.pincode);
      if (place) return this.inPlace(place.id, kind, search, t.pincode);
      return this.near(null, kind, search, { type: 'pincode', pincode: t.pincode }, undefined);
    }
    return this.inPlace(t.place, kind, search);
  }

  /**
   * Hospitals of a district (or city) that report free beds, most free first. When none does: the
   * nearest free ones elsewhere, measured from the town the patient named (places.yaml `at`).
   * A district named for no town, or reached by a PIN code, has no such point: its nearest are
   * found from its hospitals' mean position and shown without a distance (the patient may be
   * anywhere in it). A city without a point falls back to its district's results, saying so.
   */
  private inPlace(placeId: string, kind: string, search: BedSearch, pincode?: string): BedAnswer {
    const { gazetteer, index } = this.o;
    const place = placeId.startsWith('raw:') ? undefined : gazetteer.place(placeId);
    let entries: ReadonlyMap<string, IndexedHospital>;
    let names: PlaceNames;
    if (place?.kind === 'city') {
      entries = index.inCity(place.id);
      names = place.names;
    } else if (place) {
      entries = index.inDistrict(place.id);
      names = place.names;
    } else {
      entries = index.inDistrict(placeId);
      const name = first(entries)?.hospital.district ?? placeId.replace(/^raw:/, '');
      names = { en: name, bn: name, hi: name };
    }
    const { results, unconfirmed } = this.rank(entries.values(), kind, search.sex, TOP);
    const area: BedAnswer['area'] = { type: 'place', names, ...(pincode ? { pincode } : {}) };
    const regionId = place ? gazetteer.place(place.districtId)?.regionId : first(entries)?.regionId;
    const help = this.help(this.helplineOf(regionId ?? null) ?? search.helplineRegion);
    if (results.length) return { kind, area, results, unconfirmed, nearest: [], help };
    // Nothing here reports the kind free. Elsewhere, those that do; and those that report only a
    // total of free beds, when there are none of these here either.
    const orUnconfirmed = unconfirmed.length === 0;
    const inside = entries;
    const at = pincode ? undefined : place?.at;
    if (at) return { kind, area, results, unconfirmed, nearest: this.nearestFree(at, kind, search.sex, (e) => !inside.has(e.hospital.id), orUnconfirmed), help };
    // The district itself, or the city's district.
    const home = place ? gazetteer.place(place.districtId) : undefined;
    if (place?.kind === 'city' && home) {
      const wider = this.rank([...index.inDistrict(home.id).values()].filter((e) => !inside.has(e.hospital.id)), kind, search.sex, TOP);
      if (wider.results.length) {
        const instead: BedAnswer['area'] = { type: 'place', names: home.names, ...(pincode ? { pincode } : {}), instead: place.names };
        return { kind, area: instead, results: wider.results, unconfirmed: orUnconfirmed ? wider.unconfirmed : unconfirmed, nearest: [], help };
      }
    }
    const origin = home?.at ?? index.centreOf(home?.id ?? placeId);
    const around = home ? index.inDistrict(home.id) : inside;
    const nearest = origin
      ? this.nearestFree(origin, kind, search.sex, (e) => !inside.has(e.hospital.id) && !around.has(e.hospital.id), orUnconfirmed).map((r) => ({ ...r, km: null }))
      : [];
    return { kind, area, results, unconfirmed, nearest, help };
  }

  /**
   * Hospitals that report free beds near a point, nearest first; then the nearest beyond the
   * radius. A shared location is answered with hospitals of its own country only.
   */
  private near(origin: LatLng | null, kind: string, search: BedSearch, area: BedAnswer['area'], patientRegion: string | undefined): BedAnswer {
    const fallbackRegion = area.type === 'location' ? patientRegion : undefined;
    if (!origin) return { kind, area, results: [], unconfirmed: [], nearest: [], help: this.help(fallbackRegion ?? search.helplineRegion) };
    // A shared location's country is the only one searched (a PIN code's hospitals are in India with it).
    const country = area.type === 'location' ? countryOfPoint(origin) : null;
    const outside = this.withoutData(country, search.helplineRegion);
    if (outside) return { kind, area, results: [], unconfirmed: [], nearest: [], noData: outside.noData, help: outside.help };
    const inCountry = (e: IndexedHospital) => country === null || this.countryOf(e) === country;
    const key = memoKey(kind, search.sex);
    const nearby = (confirmed: boolean) =>
      this.o.index
        .nearest(origin, TOP, (e) => inCountry(e) && this.free(e, kind, search.sex, key)?.confirmed === confirmed, this.o.nearbyKm)
        .map((h) => this.result(h.entry, this.free(h.entry, kind, search.sex)!, h.km));
    const results = nearby(true);
    const unconfirmed = nearby(false);
    const closest = this.o.index.nearest(origin, 1, inCountry)[0];
    const areaRegion = this.helplineOf(closest && closest.km <= this.o.nearbyKm ? closest.entry.regionId : null);
    // Where the patient is decides the numbers when the data knows the place (an ambulance is called
    // where they are, whatever region they once looked up).
    // Far from any data, the country the point lies in decides them (997 in Riyadh, not India's
    // 108), keeping the patient's own region when it is in that country; outside the countries
    // we serve (or on a border), their own region.
    const here = area.type === 'location' ? numbersRegionAt(origin, search.helplineRegion) : null;
    const help = this.help(areaRegion ?? here ?? search.helplineRegion);
    if (results.length) return { kind, area, results, unconfirmed, nearest: [], help };
    const nearest = this.nearestFree(origin, kind, search.sex, inCountry, unconfirmed.length === 0);
    return { kind, area, results: [], unconfirmed, nearest, help };
  }

  /**
   * The nearest (within ELSEWHERE_MAX_KM) that report free beds of the kind; with `orUnconfirmed`,
   * when there are none, the nearest that report free beds but not of which kind.
   */
  private nearestFree(origin: LatLng, kind: string, sex: Sex | undefined, extra: (e: IndexedHospital) => boolean, orUnconfirmed: boolean): HospitalResult[] {
    const key = memoKey(kind, sex);
    const nearestWith = (confirmed: boolean) =>
      this.o.index
        .nearest(origin, NEXT_NEAREST, (e) => extra(e) && this.free(e, kind, sex, key)?.confirmed === confirmed, ELSEWHERE_MAX_KM)
        .map((h) => this.result(h.entry, this.free(h.entry, kind, sex)!, h.km));
    const reported = nearestWith(true);
    return reported.length || !orUnconfirmed ? reported : nearestWith(false);
  }

  /**
   * The hospital's vacancy when it has a free bed of this kind. A place that is not a hospital
   * (facilities.yaml) is not offered for a kind on its overall count, nor ever for a kind that
   * needs a hospital (kinds.yaml `hospitalsOnly`).
   */
  private free(e: IndexedHospital, kind: string, sex: Sex | undefined, key = memoKey(kind, sex)): Vacancy | null {
    const known = e.memo.get(key);
    if (known !== undefined) return known as Vacancy | null;
    const within = e.regionId ? this.o.gazetteer.region(e.regionId)?.within : undefined;
    const v = vacancyOf(e.hospital, kind, this.kindIds, sex, within ? { within } : {});
    const notForKind = kind !== 'any' && v !== null && (!v.confirmed || this.hospitalsOnly.has(kind)) && !this.isHospital(e);
    const free = v && v.vacant > 0 && !notForKind ? v : null;
    e.memo.set(key, free);
    return free;
  }

  private isHospital(e: IndexedHospital): boolean {
    const known = e.memo.get(IS_HOSPITAL);
    if (typeof known === 'boolean') return known;
    const is = this.o.facilities.isHospital(e.hospital);
    e.memo.set(IS_HOSPITAL, is);
    return is;
  }

  /** The country a hospital is in: its region's; for a region the gazetteer does not know, where its location is. */
  private countryOf(e: IndexedHospital): string | null {
    const region = e.regionId ? this.o.gazetteer.region(e.regionId) : undefined;
    if (region) return region.country;
    const known = e.memo.get(COUNTRY);
    if (known !== undefined) return known as string | null;
    const country = e.location ? countryOfPoint(e.location) : null;
    e.memo.set(COUNTRY, country);
    return country;
  }

  /**
   * The best `top` that report free beds of the kind, and apart the best `top` that report only a
   * total: fresh before stale; fresh ones most free first; stale ones by the day of their age
   * (a figure days older is less sure), and of one day most free first: minutes apart, the 2021
   * dashboards' figures were listed 7, 8, 3, 1, 2 free, and the hospitals with dozens free left out.
   */
  private rank(entries: Iterable<IndexedHospital>, kind: string, sex: Sex | undefined, top: number): { results: HospitalResult[]; unconfirmed: HospitalResult[] } {
    const now = this.o.now();
    const staleBefore = now - this.o.staleHours * 3_600_000;
    type Candidate = { e: IndexedHospital; v: Vacancy; stale: boolean; age: number };
    const before = (a: Candidate, b: Candidate): number =>
      Number(a.stale) - Number(b.stale) ||
      (a.stale ? a.age - b.age : 0) ||
      b.v.vacant - a.v.vacant ||
      (a.e.hospital.name < b.e.hospital.name ? -1 : a.e.hospital.name > b.e.hospital.name ? 1 : 0);
    // The best `top` by insertion: a district may hold thousands, the answer shows five.
    const best = { confirmed: [] as Candidate[], unconfirmed: [] as Candidate[] };
    const key = memoKey(kind, sex);
    for (const e of entries) {
      const v = this.free(e, kind, sex, key);
      if (!v) continue;
      const stale = v.updatedAt === null || v.updatedAt < staleBefore;
      const c = { e, v, stale, age: !stale ? 0 : v.updatedAt === null ? Number.POSITIVE_INFINITY : Math.floor((now - v.updatedAt) / DAY_MS) };
      const list = v.confirmed ? best.confirmed : best.unconfirmed;
      if (list.length >= top && before(c, list[top - 1]!) >= 0) continue;
      let i = list.length;
      while (i > 0 && before(c, list[i - 1]!) < 0) i -= 1;
      list.splice(i, 0, c);
      if (list.length > top) list.pop();
    }
    const toResult = (c: Candidate) => this.result(c.e, c.v, null);
    return { results: best.confirmed.map(toResult), unconfirmed: best.unconfirmed.map(toResult) };
  }

  private result(e: IndexedHospital, v: Vacancy, km: number | null): HospitalResult {
    const h = e.hospital;
    const stale = v.updatedAt === null || v.updatedAt < this.o.now() - this.o.staleHours * 3_600_000;
    // Only numbers a patient can dial: a local number gets its district's code, a mobile with a digit lost is left out.
    const std = e.districtKey && !e.districtKey.startsWith('raw:') ? this.o.gazetteer.place(e.districtKey)?.std : undefined;
    const phones = dialablePhones(h.phones, std);
    return { id: h.id, name: h.name, names: h.names, district: h.district, vacant: v.vacant, confirmed: v.confirmed, byKind: v.byKind, phones, km, updatedAt: v.updatedAt, stale };
  }

  /** The helpline region of a gazetteer region id. */
  private helplineOf(regionId: string | null | undefined): string | undefined {
    return regionId ? this.o.gazetteer.region(regionId)?.helplines : undefined;
  }

  private help(region: string | undefined): Help {
    const lines = (region && this.o.helplines.regions[region]) || this.o.helplines.regions.in_other || Object.values(this.o.helplines.regions)[0];
    if (!lines) return { ambulance: '108', line: null };
    const first = lines.lines[0];
    return { ambulance: lines.ambulance, line: first ? { name: first.name, number: first.number } : null };
  }
}

const first = <T>(m: ReadonlyMap<string, T>): T | undefined => m.values().next().value;

const memoKey = (kind: string, sex: Sex | undefined): string => (sex ? `${kind}|${sex}` : kind);
/** Memo keys of what a hospital is, beside its vacancies (memoKey: kind ids never hold a colon). */
const IS_HOSPITAL = ':hospital';
const COUNTRY = ':country';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

const DAY_MS = 86_400_000;
