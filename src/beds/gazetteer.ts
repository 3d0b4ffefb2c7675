/**
 * Places people name when they look for a bed: states, districts and cities from
 * config/beds/places.yaml, in English, Bengali, Hindi and romanized spellings.
 *
 * Two kinds of matching:
 * - `exact` for feeds (import): the name, after normalisation, must be one of the
 *   place's names or aliases; nothing is guessed, so no hospital is filed under the
 *   wrong district.
 * - `match` for patients: any part of the message ("beds in kolkatay", "রায়পুরে বেড",
 *   "पुणे में") is compared with every name, allowing small typos (edit distance,
 *   more for longer names). The closest wins; a district wins a tie with a city.
 */
import { toAsciiDigits } from '../i18n/digits';
import { looseText } from '../i18n/normalize';
import type { PlacesData } from './config';
import { codePoints, editDistance } from './edit-distance';

export interface Place {
  id: string;
  kind: 'district' | 'city';
  /** The district itself, or the district a city is in. */
  districtId: string;
  regionId: string;
  names: { en: string; bn: string; hi: string };
  aliases: string[];
}

export interface Region {
  id: string;
  name: string;
  /** A region id of config/helplines.yaml. */
  helplines: string;
  aliases: string[];
}

export interface PlaceMatch {
  place: Place;
  /** 0 for an exact name. */
  distance: number;
}

/** Words that say what a name is, not which place: "Raipur district", "पुणे शहर", "কলকাতা জেলা". */
const FILLER = new Set([
  'district', 'dist', 'distt', 'city', 'town', 'zila', 'zilla', 'jila', 'jilla', 'jela', 'zela', 'shahar', 'sahar', 'state',
  'জেলা', 'জেলার', 'শহর', 'শহরে', 'রাজ্য', 'जिला', 'जिले', 'ज़िला', 'शहर', 'राज्य',
  'in', 'at', 'near', 'of', 'the', 'bed', 'beds', 'hospital', 'hospitals', 'free', 'oxygen', 'icu', 'me', 'mein', 'e',
  'में', 'के', 'का', 'की', 'पास', 'बेड', 'अस्पताल', 'এ', 'র', 'কাছে', 'বেড', 'হাসপাতাল',
]);

/** One comparable form of a place name: loose text, ASCII digits, no filler words. */
export function placeKey(name: string): string {
  return words(name).join(' ');
}

function words(text: string): string[] {
  return toAsciiDigits(looseText(text))
    .split(' ')
    .filter((w) => w !== '' && !FILLER.has(w));
}

/** Names this long or shorter must also keep their first letter to match with an edit. */
const SHORT_NAME = 5;

/** How many edits a name of this length forgives. */
function allowed(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

interface Entry {
  key: string;
  length: number;
  place: Place;
}

/** Names as fuzzyMatch compares them: code points kept, grouped by length. */
export interface MatchTable<P> {
  byLength: Map<number, Array<{ key: string; chars: number[]; place: P }>>;
}

export function matchTable<P>(entries: ReadonlyArray<{ key: string; place: P }>): MatchTable<P> {
  const byLength = new Map<number, Array<{ key: string; chars: number[]; place: P }>>();
  for (const e of entries) {
    const chars = codePoints(e.key);
    const list = byLength.get(chars.length) ?? [];
    list.push({ key: e.key, chars, place: e.place });
    byLength.set(chars.length, list);
  }
  return { byLength };
}

/** Words of a message compared as place names: the first ones only (a long message is not a place). */
const MAX_WORDS = 12;

export class Gazetteer {
  private readonly places = new Map<string, Place>();
  private readonly regions = new Map<string, Region>();
  private readonly entries: Entry[] = [];
  private table: MatchTable<Place> | undefined;
  private readonly byKey = new Map<string, Place[]>();
  private readonly regionByKey = new Map<string, Region>();
  private readonly pincodes: ReadonlyMap<string, string>;

  constructor(data: PlacesData) {
    for (const r of data.regions) {
      this.regions.set(r.id, r);
      for (const n of [r.id, r.name, ...r.aliases]) this.regionByKey.set(placeKey(n), r);
    }
    const districts = new Map(data.places.filter((p) => p.kind === 'district').map((p) => [p.id, p]));
    for (const p of data.places) {
      const district = p.kind === 'district' ? p : districts.get(p.district);
      if (!district || district.kind !== 'district') continue;
      const place: Place = { id: p.id, kind: p.kind, districtId: district.id, regionId: district.region, names: p.names, aliases: p.aliases };
      this.places.set(p.id, place);
      for (const name of new Set([p.names.en, p.names.bn, p.names.hi, ...p.aliases].map(placeKey))) {
        if (!name) continue;
        this.entries.push({ key: name, length: [...name].length, place });
        const list = this.byKey.get(name) ?? [];
        list.push(place);
        this.byKey.set(name, list);
      }
    }
    this.pincodes = new Map(Object.entries(data.pincodes));
  }

  place(id: string): Place | undefined {
    return this.places.get(id);
  }

  region(id: string): Region | undefined {
    return this.regions.get(id);
  }

  /** The region a feed's state name names ("West Bengal", "WB"), exactly. */
  regionNamed(name: string): Region | undefined {
    return this.regionByKey.get(placeKey(name));
  }

  /**
   * The place a feed's name names, exactly (districts before cities). With `regionId`,
   * only places in that region: "Bilaspur" in Chhattisgarh is not the one in Himachal.
   */
  exact(name: string, opts: { kind?: Place['kind']; regionId?: string } = {}): Place | undefined {
    const found = this.byKey.get(placeKey(name)) ?? [];
    const fits = found.filter((p) => (!opts.kind || p.kind === opts.kind) && (!opts.regionId || p.regionId === opts.regionId));
    return fits.find((p) => p.kind === 'district') ?? fits[0];
  }

  /** The place a patient's message names, forgiving typos; null when nothing is close. */
  match(text: string): PlaceMatch | null {
    this.table ??= matchTable(this.entries);
    return fuzzyMatch(text, this.table);
  }

  /** The district a PIN code's longest known prefix points to. */
  pincodePlace(pin: string): Place | undefined {
    for (let n = Math.min(pin.length, 6); n >= 3; n--) {
      const id = this.pincodes.get(pin.slice(0, n));
      if (id) return this.places.get(id);
    }
    return undefined;
  }

  allPlaces(): Place[] {
    return [...this.places.values()];
  }
}

/** Best match of any run of 1–4 words of `text` against the names of a table. */
export function fuzzyMatch<P extends { kind: string }>(text: string, table: MatchTable<P>): { place: P; distance: number } | null {
  const ws = words(text).slice(0, MAX_WORDS);
  if (ws.length === 0) return null;
  const grams = new Set<string>();
  for (let n = Math.min(4, ws.length); n >= 1; n--) {
    for (let i = 0; i + n <= ws.length; i++) grams.add(ws.slice(i, i + n).join(' '));
  }
  let best: { place: P; distance: number; covered: number } | null = null;
  for (const gram of grams) {
    const chars = codePoints(gram);
    const covered = chars.length;
    // Only names within the largest allowance (3 edits) of this length can match.
    for (let length = Math.max(1, covered - 3); length <= covered + 3; length++) {
      for (const e of table.byLength.get(length) ?? []) {
        // Only an equal or better distance can win: it bounds the work for the rest.
        const limit = Math.min(allowed(length), best ? best.distance : Number.POSITIVE_INFINITY);
        if (Math.abs(length - covered) > limit) continue;
        // A short name misspelt keeps its first letter: "Puri" (Odisha, not in the gazetteer) is not
        // a typo of "Suri" (Birbhum), though one edit apart; "Drug" still finds Durg.
        if (gram !== e.key && length <= SHORT_NAME && chars[0] !== e.chars[0]) continue;
        const d = gram === e.key ? 0 : editDistance(chars, e.chars, limit);
        if (d > limit) continue;
        const better =
          !best ||
          d < best.distance ||
          (d === best.distance && covered > best.covered) ||
          (d === best.distance && covered === best.covered && e.place.kind === 'district' && best.place.kind !== 'district');
        if (better) best = { place: e.place, distance: d, covered };
      }
    }
  }
  return best && { place: best.place, distance: best.distance };
}
