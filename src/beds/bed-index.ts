/**
 * The hospital registry in memory, indexed for the questions a bed search asks:
 * which hospitals are in this district, which carry this PIN code, which are
 * nearest to this point. A chat message must not scan the store (10,000
 * hospitals answer in well under 5 ms: `npm run bench`), so the index is built
 * once from the store and kept current by every write (put/remove).
 *
 * Nearest: hospitals with a location sit in two grids (see nearest()).
 */
import type { Hospital } from '../storage/repositories';
import { outsideDistrict } from './district-reach';
import type { Gazetteer } from './gazetteer';
import { placeKey } from './gazetteer';
import { haversineKm, type LatLng } from './geo';

export interface IndexedHospital {
  hospital: Hospital;
  /** The gazetteer's district id, or `raw:<name>` for a district it does not know. */
  districtKey: string | null;
  /** The gazetteer's region id, when known. */
  regionId: string | null;
  /**
   * Where searches place the hospital: its location, unless that lies far outside its district
   * (district-reach.ts; stored by an import from before the check): then none, and it is found
   * by its district and PIN code only.
   */
  location: LatLng | null;
  /** placeKey of the city, and of name + address (for "Salt Lake" finding "AMRI Salt Lake"). */
  cityKey: string | null;
  text: string;
  /** Figures derived from the hospital by searches (its vacancy per kind and sex), kept until it changes. */
  memo: Map<string, unknown>;
}

export interface Hit {
  entry: IndexedHospital;
  km: number;
}

const FINE_DEG = 0.05;
const COARSE_DEG = 0.5;
/** Rings of fine cells walked before a search turns to the coarse grid (about 30 km). */
const RINGS = 6;
/** A degree of latitude is at least this long (km): a lower bound for the cheap test in nearest(). */
const KM_PER_DEGREE_LAT = 110.5;

/** One number per fine cell (rows and columns shifted to be positive). */
const fineKey = (row: number, col: number): number => (row + 4000) * 10_000 + (col + 8000);
const fineOf = (p: LatLng): number => fineKey(Math.floor(p.lat / FINE_DEG), Math.floor(p.lng / FINE_DEG));
const coarseOf = (p: LatLng): { key: number; row: number; col: number } => {
  const row = Math.floor(p.lat / COARSE_DEG);
  const col = Math.floor(p.lng / COARSE_DEG);
  return { key: (row + 400) * 1000 + (col + 800), row, col };
};

export class BedIndex {
  private readonly byId = new Map<string, IndexedHospital>();
  // Buckets hold the entries themselves: a search iterates them without a lookup or a copy.
  private readonly byDistrict = new Map<string, Bucket>();
  private readonly byPincode = new Map<string, Bucket>();
  private readonly fine = new Map<number, Bucket>();
  private readonly coarse = new Map<number, { row: number; col: number; ids: Bucket }>();
  /** District key → the mean of its hospitals' locations; dropped when the district changes. */
  private readonly centres = new Map<string, LatLng | null>();
  /** Names of districts the gazetteer does not know, as feeds wrote them (key → name). */
  private readonly rawDistricts = new Map<string, { name: string; count: number }>();
  /** Gazetteer city id → hospitals in it: by their city, or named for it ("AMRI Salt Lake"). */
  private readonly byCity = new Map<string, Bucket>();
  private readonly cityKeys: Array<{ id: string; regionId: string; keys: string[]; at: LatLng | undefined }>;

  constructor(private readonly gazetteer: Gazetteer) {
    this.cityKeys = gazetteer
      .allPlaces()
      .filter((p) => p.kind === 'city')
      .map((p) => ({ id: p.id, regionId: p.regionId, keys: [...new Set([p.names.en, p.names.bn, p.names.hi, ...p.aliases].map(placeKey).filter(Boolean))], at: p.at }));
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): IndexedHospital | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<IndexedHospital> {
    return this.byId.values();
  }

  clear(): void {
    for (const m of [this.byId, this.byDistrict, this.byPincode, this.fine, this.coarse, this.centres, this.rawDistricts, this.byCity]) m.clear();
  }

  put(h: Hospital): void {
    this.remove(h.id);
    const region = h.region === null ? undefined : this.gazetteer.regionNamed(h.region);
    const place = h.district === null ? undefined : this.gazetteer.exact(h.district, { kind: 'district', ...(region ? { regionId: region.id } : {}) });
    let districtKey: string | null = null;
    if (place) districtKey = place.districtId;
    else if (h.district !== null && placeKey(h.district)) {
      const key = placeKey(h.district);
      districtKey = `raw:${key}`;
      const raw = this.rawDistricts.get(key) ?? { name: h.district, count: 0 };
      raw.count += 1;
      this.rawDistricts.set(key, raw);
    }
    const entry: IndexedHospital = {
      hospital: h,
      districtKey,
      regionId: region?.id ?? (place ? place.regionId : null),
      location: h.location && !(place && outsideDistrict(this.gazetteer, place.districtId, h.location)) ? h.location : null,
      cityKey: h.city === null ? null : placeKey(h.city),
      text: ` ${placeKey(`${h.name} ${h.address ?? ''}`)} `,
      memo: new Map(),
    };
    this.byId.set(h.id, entry);
    if (districtKey) add(this.byDistrict, districtKey, entry);
    if (h.pincode) add(this.byPincode, h.pincode, entry);
    if (entry.location) {
      add(this.fine, fineOf(entry.location), entry);
      const c = coarseOf(entry.location);
      let cell = this.coarse.get(c.key);
      if (!cell) this.coarse.set(c.key, (cell = { row: c.row, col: c.col, ids: new Map() }));
      cell.ids.set(h.id, entry);
    }
    if (districtKey) this.centres.delete(districtKey);
    for (const city of this.citiesOf(entry)) add(this.byCity, city, entry);
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    const h = old.hospital;
    if (old.districtKey) {
      drop(this.byDistrict, old.districtKey, id);
      this.centres.delete(old.districtKey);
      if (old.districtKey.startsWith('raw:')) {
        const key = old.districtKey.slice(4);
        const raw = this.rawDistricts.get(key);
        if (raw && --raw.count <= 0) this.rawDistricts.delete(key);
      }
    }
    if (h.pincode) drop(this.byPincode, h.pincode, id);
    if (old.location) {
      drop(this.fine, fineOf(old.location), id);
      const c = coarseOf(old.location);
      const cell = this.coarse.get(c.key);
      cell?.ids.delete(id);
      if (cell && cell.ids.size === 0) this.coarse.delete(c.key);
    }
    for (const city of this.citiesOf(old)) drop(this.byCity, city, id);
  }

  /**
   * Hospitals in a gazetteer city: its city is that city, or its name or address names it, in
   * the city's own state ("Islampur" in a Maharashtra address is not the town of Uttar Dinajpur);
   * or it stands within CITY_AT_KM of the city's point (KPC Medical College is in Jadavpur, though
   * neither its name nor the feed says so). A city search that finds none of them free goes on
   * from the city's point (lookup.ts).
   */
  inCity(cityId: string): ReadonlyMap<string, IndexedHospital> {
    return this.byCity.get(cityId) ?? EMPTY;
  }

  private citiesOf(e: IndexedHospital): string[] {
    return this.cityKeys
      .filter((c) => (e.regionId === null || e.regionId === c.regionId) && (c.keys.some((k) => e.cityKey === k || e.text.includes(` ${k} `)) || near(c.at, e.location)))
      .map((c) => c.id);
  }

  /** The district's hospitals by id (a live view: do not keep it across writes). */
  inDistrict(districtKey: string): ReadonlyMap<string, IndexedHospital> {
    return this.byDistrict.get(districtKey) ?? EMPTY;
  }

  withPincode(pin: string): ReadonlyMap<string, IndexedHospital> {
    return this.byPincode.get(pin) ?? EMPTY;
  }

  /** Districts the gazetteer does not know, for matching what a patient types against them too. */
  unknownDistricts(): Array<{ key: string; name: string }> {
    return [...this.rawDistricts].map(([key, v]) => ({ key: `raw:${key}`, name: v.name }));
  }

  /**
   * The mean location of a district's hospitals (null when none has one): a point to find the
   * hospitals nearest a district from, never one to tell a patient a distance from (a stray
   * location in a feed moves it tens of km).
   */
  centreOf(districtKey: string): LatLng | null {
    if (this.centres.has(districtKey)) return this.centres.get(districtKey) ?? null;
    const located = [...this.inDistrict(districtKey).values()].flatMap((e) => (e.location ? [e.location] : []));
    const centre = located.length ? { lat: mean(located.map((p) => p.lat)), lng: mean(located.map((p) => p.lng)) } : null;
    this.centres.set(districtKey, centre);
    return centre;
  }

  /**
   * The `k` nearest hospitals with a location that `accept` takes, nearest first,
   * within `maxKm` (no limit when omitted).
   *
   * Two grids: fine cells (0.05°, about 5 km) are walked in rings around the origin,
   * which answers a search near the data after a few hundred hospitals at most, even
   * in a city of thousands; when the rings run out first (nothing free nearby), coarse
   * cells (0.5°) are visited nearest first by a lower bound of their distance, until
   * the next cell cannot hold anything nearer than the k-th hit.
   */
  nearest(origin: LatLng, k: number, accept: (e: IndexedHospital) => boolean, maxKm = Number.POSITIVE_INFINITY): Hit[] {
    const hits: Hit[] = [];
    const row = Math.floor(origin.lat / FINE_DEG);
    const col = Math.floor(origin.lng / FINE_DEG);
    // The least distance across one fine cell anywhere the rings reach (columns narrow away from the equator).
    const cellKm = FINE_DEG * KM_PER_DEGREE_LAT * Math.cos((Math.min(89, Math.abs(origin.lat) + (RINGS + 1) * FINE_DEG) * Math.PI) / 180);
    for (let r = 0; r <= RINGS; r++) {
      for (let dr = -r; dr <= r; dr++) {
        const step = Math.abs(dr) === r ? 1 : 2 * r; // inner rows: only the ring's two ends
        for (let dc = -r; dc <= r; dc += step || 1) this.consider(this.fine.get(fineKey(row + dr, col + dc)), origin, k, accept, maxKm, hits);
      }
      // Anything not yet seen is at least r cells away.
      const reach = r * cellKm;
      if (hits.length >= k && hits[k - 1]!.km <= reach) return hits;
      if (reach >= maxKm) return hits;
    }
    hits.length = 0;
    const cells: Array<{ bound: number; ids: Bucket }> = [];
    for (const cell of this.coarse.values()) {
      const bound = coarseBoundKm(origin, cell.row, cell.col);
      if (bound <= maxKm) cells.push({ bound, ids: cell.ids });
    }
    cells.sort((a, b) => a.bound - b.bound);
    for (const cell of cells) {
      if (hits.length >= k && cell.bound > hits[k - 1]!.km) break;
      this.consider(cell.ids, origin, k, accept, maxKm, hits);
    }
    return hits;
  }

  private consider(ids: Bucket | undefined, origin: LatLng, k: number, accept: (e: IndexedHospital) => boolean, maxKm: number, hits: Hit[]): void {
    if (!ids) return;
    for (const e of ids.values()) {
      const at = e.location!;
      // Cheap test first: the latitude difference alone already too far.
      const limit = hits.length >= k ? hits[k - 1]!.km : maxKm;
      if (Math.abs(at.lat - origin.lat) * KM_PER_DEGREE_LAT > limit) continue;
      const km = haversineKm(origin, at);
      if (km > limit || (hits.length >= k && km >= limit) || !accept(e)) continue;
      insertSorted(hits, { entry: e, km }, k);
    }
  }

}

/**
 * A hospital this close to a city's point (places.yaml `at`: a town's centre, a neighbourhood's
 * landmark hospital) is in the city: no town or neighbourhood people name is smaller.
 */
export const CITY_AT_KM = 1;

const near = (at: LatLng | undefined, location: LatLng | null): boolean => at !== undefined && location !== null && haversineKm(at, location) <= CITY_AT_KM;

/** id → entry. */
type Bucket = Map<string, IndexedHospital>;
const EMPTY: ReadonlyMap<string, IndexedHospital> = new Map();

function add<K>(map: Map<K, Bucket>, key: K, e: IndexedHospital): void {
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = new Map()));
  bucket.set(e.hospital.id, e);
}

function drop<K>(map: Map<K, Bucket>, key: K, id: string): void {
  const bucket = map.get(key);
  if (!bucket) return;
  bucket.delete(id);
  if (bucket.size === 0) map.delete(key);
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Keep `hits` sorted by distance and at most k long. */
function insertSorted(hits: Hit[], hit: Hit, k: number): void {
  let i = hits.length;
  while (i > 0 && hits[i - 1]!.km > hit.km) i -= 1;
  hits.splice(i, 0, hit);
  if (hits.length > k) hits.pop();
}

/**
 * A lower bound of the distance from a point to anything in a coarse cell: the distance
 * to the cell's nearest point (the point clamped into the cell's box), less a margin for
 * the sphere's curvature across one cell.
 */
function coarseBoundKm(origin: LatLng, row: number, col: number): number {
  const lat = Math.min(Math.max(origin.lat, row * COARSE_DEG), (row + 1) * COARSE_DEG);
  const lng = Math.min(Math.max(origin.lng, col * COARSE_DEG), (col + 1) * COARSE_DEG);
  if (lat === origin.lat && lng === origin.lng) return 0;
  return Math.max(0, haversineKm(origin, { lat, lng }) - 2);
}
