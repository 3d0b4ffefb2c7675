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
import type { Hospital } from '../storage/repositories';
import type { BedIndex, IndexedHospital } from './bed-index';
import type { BedKind } from './config';
import { fuzzyMatch, matchTable, placeKey, type Gazetteer } from './gazetteer';
import type { LatLng } from './geo';
import { haversineKm } from './geo';
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
  /** From the search's origin; null when there is no origin or the hospital has no location. */
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
    | { type: 'place'; names: PlaceNames; pincode?: string }
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

  /** The place a patient's text names: a gazetteer place, else a district only the data knows. */
  resolvePlace(text: string): { place: string; names: PlaceNames } | null {
    const hit = this.o.gazetteer.match(text);
    if (hit) return { place: hit.place.id, names: hit.place.names };
    const raw = this.o.index.unknownDistricts();
    if (raw.length === 0) return null;
    const found = fuzzyMatch(text, matchTable(raw.map((d) => ({ key: placeKey(d.name), place: { kind: 'district', id: d.key, name: d.name } }))));
    return found ? { place: found.place.id, names: { en: found.place.name, bn: found.place.name, hi: found.place.name } } : null;
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

  /** Hospitals of a district (or city) with free beds, most free first; then the nearest elsewhere. */
  private inPlace(placeId: string, kind: string, search: BedSearch, pincode?: string): BedAnswer {
    const { gazetteer, index } = this.o;
    const place = placeId.startsWith('raw:') ? undefined : gazetteer.place(placeId);
    let entries: ReadonlyMap<string, IndexedHospital>;
    let names: PlaceNames;
    if (place?.kind === 'city') {
      entries = index.inCity(place.id);
      if (entries.size === 0) entries = index.inDistrict(place.districtId);
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
    const centre = place ? index.centreOf(place.districtId) : index.centreOf(placeId);
    const nearest = centre ? this.nearestFree(centre, kind, search.sex, (e) => !inside.has(e.hospital.id)) : [];
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
    // where they are, whatever region they once looked up); far from any data, their own region does.
    const help = this.help(areaRegion ?? search.helplineRegion);
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
    const v = vacancyOf(e.hospital, kind, this.kindIds, sex);
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
    return { id: h.id, name: h.name, names: h.names, district: h.district, vacant: v.vacant, confirmed: v.confirmed, byKind: v.byKind, phones: h.phones, km, updatedAt: v.updatedAt, stale };
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
