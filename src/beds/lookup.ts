/**
 * Bed search: "where is a free oxygen bed near me?" as one function over the
 * in-memory index. Three ways to say where — a district or city (any language,
 * typos forgiven), a PIN code, or a shared location — then the top five
 * hospitals with free beds of the kind asked for, and when there are none, the
 * next nearest ones with the helpline and the ambulance number.
 *
 * The answer is data (BedAnswer); answer.ts turns it into messages, so the chat,
 * `sahay beds find` and `--json` all say the same thing.
 */
import { toAsciiDigits } from '../i18n/digits';
import type { HelplineDirectory } from '../helplines/directory';
import { numbersRegionAt } from '../helplines/location-region';
import type { Hospital } from '../storage/repositories';
import type { BedIndex, IndexedHospital } from './bed-index';
import type { BedKind } from './config';
import { fuzzyMatch, matchTable, placeKey, type Gazetteer } from './gazetteer';
import type { LatLng } from './geo';
import { dialablePhones } from './phones';
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
  /** Up to five hospitals with free beds, best first. */
  results: HospitalResult[];
  /** When `results` is empty: the nearest hospitals with free beds elsewhere (up to three). */
  nearest: HospitalResult[];
  help: { ambulance: string; line: { name: string; number: string } | null };
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
  helplines: HelplineDirectory;
  staleHours: number;
  nearbyKm: number;
  now: () => number;
}

export class BedFinder {
  private readonly kindIds: string[];

  constructor(private readonly o: FinderOptions) {
    this.kindIds = o.kinds.map((k) => k.id);
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
      const located = [...this.o.index.withPincode(t.pincode).values()].flatMap((e) => (e.hospital.location ? [e.hospital.location] : []));
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
   * Hospitals of a district (or city) with free beds, most free first. When none has one: the
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
    const results = this.rank(entries.values(), kind, search.sex, TOP);
    const area: BedAnswer['area'] = { type: 'place', names, ...(pincode ? { pincode } : {}) };
    const regionId = place ? gazetteer.place(place.districtId)?.regionId : first(entries)?.regionId;
    const help = this.help(this.helplineOf(regionId ?? null) ?? search.helplineRegion);
    if (results.length) return { kind, area, results, nearest: [], help };
    const inside = entries;
    const at = pincode ? undefined : place?.at;
    if (at) return { kind, area, results, nearest: this.nearestFree(at, kind, search.sex, (e) => !inside.has(e.hospital.id)), help };
    // The district itself, or the city's district.
    const home = place ? gazetteer.place(place.districtId) : undefined;
    if (place?.kind === 'city' && home) {
      const wider = this.rank([...index.inDistrict(home.id).values()].filter((e) => !inside.has(e.hospital.id)), kind, search.sex, TOP);
      if (wider.length) return { kind, area: { type: 'place', names: home.names, ...(pincode ? { pincode } : {}), instead: place.names }, results: wider, nearest: [], help };
    }
    const origin = home?.at ?? index.centreOf(home?.id ?? placeId);
    const around = home ? index.inDistrict(home.id) : inside;
    const nearest = origin
      ? this.nearestFree(origin, kind, search.sex, (e) => !inside.has(e.hospital.id) && !around.has(e.hospital.id)).map((r) => ({ ...r, km: null }))
      : [];
    return { kind, area, results, nearest, help };
  }

  /** Hospitals with free beds near a point, nearest first; then the nearest beyond the radius. */
  private near(origin: LatLng | null, kind: string, search: BedSearch, area: BedAnswer['area'], patientRegion: string | undefined): BedAnswer {
    const fallbackRegion = area.type === 'location' ? patientRegion : undefined;
    if (!origin) return { kind, area, results: [], nearest: [], help: this.help(fallbackRegion ?? search.helplineRegion) };
    const key = memoKey(kind, search.sex);
    const hits = this.o.index.nearest(origin, TOP * 4, (e) => this.free(e, kind, search.sex, key) !== null, this.o.nearbyKm);
    const ranked = hits
      .map((h) => this.result(h.entry, this.free(h.entry, kind, search.sex)!, h.km))
      .sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || (a.km ?? 0) - (b.km ?? 0))
      .slice(0, TOP);
    const closest = this.o.index.nearest(origin, 1, () => true)[0];
    const areaRegion = this.helplineOf(closest && closest.km <= this.o.nearbyKm ? closest.entry.regionId : null);
    // Where the patient is decides the numbers when the data knows the place (an ambulance is called
    // where they are, whatever region they once looked up).
    // Far from any data, the country the point lies in decides them (997 in Riyadh, not India's
    // 108), keeping the patient's own region when it is in that country; outside the countries
    // we serve (or on a border), their own region.
    const here = area.type === 'location' ? numbersRegionAt(origin, search.helplineRegion) : null;
    const help = this.help(areaRegion ?? here ?? search.helplineRegion);
    if (ranked.length) return { kind, area, results: ranked, nearest: [], help };
    return { kind, area, results: [], nearest: this.nearestFree(origin, kind, search.sex, () => true), help };
  }

  private nearestFree(origin: LatLng, kind: string, sex: Sex | undefined, extra: (e: IndexedHospital) => boolean): HospitalResult[] {
    const key = memoKey(kind, sex);
    return this.o.index
      .nearest(origin, NEXT_NEAREST, (e) => extra(e) && this.free(e, kind, sex, key) !== null, ELSEWHERE_MAX_KM)
      .map((h) => this.result(h.entry, this.free(h.entry, kind, sex)!, h.km));
  }

  /** The hospital's vacancy when it has a free bed of this kind. */
  private free(e: IndexedHospital, kind: string, sex: Sex | undefined, key = memoKey(kind, sex)): Vacancy | null {
    const known = e.memo.get(key);
    if (known !== undefined) return known as Vacancy | null;
    const within = e.regionId ? this.o.gazetteer.region(e.regionId)?.within : undefined;
    const v = vacancyOf(e.hospital, kind, this.kindIds, sex, within ? { within } : {});
    const free = v && v.vacant > 0 ? v : null;
    e.memo.set(key, free);
    return free;
  }

  /** The best `top`: confirmed before unconfirmed, fresh before stale; fresh ones most free first, stale ones newest first. */
  private rank(entries: Iterable<IndexedHospital>, kind: string, sex: Sex | undefined, top: number): HospitalResult[] {
    const staleBefore = this.o.now() - this.o.staleHours * 3_600_000;
    type Candidate = { e: IndexedHospital; v: Vacancy; stale: boolean };
    const before = (a: Candidate, b: Candidate): number =>
      Number(b.v.confirmed) - Number(a.v.confirmed) ||
      Number(a.stale) - Number(b.stale) ||
      (a.stale ? (b.v.updatedAt ?? 0) - (a.v.updatedAt ?? 0) : 0) ||
      b.v.vacant - a.v.vacant ||
      (a.e.hospital.name < b.e.hospital.name ? -1 : a.e.hospital.name > b.e.hospital.name ? 1 : 0);
    // The best `top` by insertion: a district may hold thousands, the answer shows five.
    const best: Candidate[] = [];
    const key = memoKey(kind, sex);
    for (const e of entries) {
      const v = this.free(e, kind, sex, key);
      if (!v) continue;
      const c = { e, v, stale: v.updatedAt === null || v.updatedAt < staleBefore };
      if (best.length >= top && before(c, best[top - 1]!) >= 0) continue;
      let i = best.length;
      while (i > 0 && before(c, best[i - 1]!) < 0) i -= 1;
      best.splice(i, 0, c);
      if (best.length > top) best.pop();
    }
    return best.map((c) => this.result(c.e, c.v, null));
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

  private help(region: string | undefined): BedAnswer['help'] {
    const lines = (region && this.o.helplines.regions[region]) || this.o.helplines.regions.in_other || Object.values(this.o.helplines.regions)[0];
    if (!lines) return { ambulance: '108', line: null };
    const first = lines.lines[0];
    return { ambulance: lines.ambulance, line: first ? { name: first.name, number: first.number } : null };
  }
}

const first = <T>(m: ReadonlyMap<string, T>): T | undefined => m.values().next().value;

const memoKey = (kind: string, sex: Sex | undefined): string => (sex ? `${kind}|${sex}` : kind);

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
