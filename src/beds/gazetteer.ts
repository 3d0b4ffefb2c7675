/**
 * Places people name when they look for a bed: states, districts and cities from
 * config/beds/places.yaml, in English, Bengali, Hindi and romanized spellings.
 *
 * Two kinds of matching:
 * - `exact` for feeds (import): the name, after normalisation, must be one of the
 *   place's names or aliases; nothing is guessed, so no hospital is filed under the
 *   wrong district.
 * - `match` for patients: any part of the message ("beds in kolkatay", "রায়পুরে বেড",
 *   "पुणे में") is compared with every name, allowing small typos (edit distance: one
 *   edit up to 8 letters, two up to 12 when the first letter is kept; a Bengali case ending
 *   is no edit). The closest wins; a district wins a tie with a city in it. Equally close places in different districts are no answer rather than a
 *   guess ("Barampur": Barrackpore in West Bengal, or Balrampur in Chhattisgarh?), unless the
 *   patient's region leaves one of them; `choices` lists them for a "did you mean" question.
 *
 * And `elsewhere`, for a name no place matches: the places the data does not cover that
 * people write from (Dhaka, Riyadh, Delhi; places.yaml `elsewhere`), matched the same way, so
 * that the patient hears that there is no bed data there rather than that the place is unknown.
 */
import { toAsciiDigits } from '../i18n/digits';
import { looseText } from '../i18n/normalize';
import type { PlacesData } from './config';
import { codePoints, editDistance } from './edit-distance';
import type { LatLng } from './geo';
import type { StdCode } from './phones';

export interface Place {
  id: string;
  kind: 'district' | 'city';
  /** The district itself, or the district a city is in. */
  districtId: string;
  regionId: string;
  names: { en: string; bn: string; hi: string };
  aliases: string[];
  /**
   * Where the town the place is named for is (a city, a neighbourhood, or a district named
   * for its headquarters town): distances are measured from here. Absent for a district named
   * for no town (North 24 Parganas, Nadia): no distance is measured from such a district.
   */
  at?: LatLng;
  /** A district's landline code, when one code serves all its local numbers of that length. */
  std?: StdCode;
}

export interface Region {
  id: string;
  name: string;
  /** ISO 3166-1 code of the country the region is in. */
  country: string;
  /** A region id of config/helplines.yaml. */
  helplines: string;
  aliases: string[];
  /** Kinds that this region's feeds count as machines in beds of other kinds (ventilator → icu, hdu). */
  within: Readonly<Record<string, readonly string[]>>;
}

/** A place the data does not cover (places.yaml `elsewhere`). */
export interface ElsewherePlace {
  id: string;
  /** ISO 3166-1 code. */
  country: string;
  names: { en: string; bn: string; hi: string };
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

/**
 * How many edits a name of this length forgives (the shorter of the typed words and the
 * name counts). Two edits in a name of 6–9 letters reached other places as often as typos:
 * Jadavpur → Jagdalpur, Sealdah → Maldah, Raigad → Raiganj.
 */
function allowed(length: number): number {
  if (length <= 3) return 0;
  if (length <= 8) return 1;
  if (length <= 12) return 2;
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
  /** District id → the points of the towns in it (its own, its cities'). */
  private readonly towns = new Map<string, Array<{ place: Place; at: LatLng }>>();
  private readonly elsewhereTable: MatchTable<ElsewherePlace>;
  private readonly countries: Readonly<Record<string, { en: string; bn: string; hi: string }>>;

  constructor(data: PlacesData) {
    for (const r of data.regions) {
      this.regions.set(r.id, r);
      for (const n of [r.id, r.name, ...r.aliases]) this.regionByKey.set(placeKey(n), r);
    }
    const districts = new Map(data.places.filter((p) => p.kind === 'district').map((p) => [p.id, p]));
    for (const p of data.places) {
      const district = p.kind === 'district' ? p : districts.get(p.district);
      if (!district || district.kind !== 'district') continue;
      const place: Place = {
        id: p.id,
        kind: p.kind,
        districtId: district.id,
        regionId: district.region,
        names: p.names,
        aliases: p.aliases,
        ...(p.at ? { at: { lat: p.at[0], lng: p.at[1] } } : {}),
        ...(p.kind === 'district' && p.std ? { std: p.std } : {}),
      };
      this.places.set(p.id, place);
      if (place.at) this.towns.set(place.districtId, [...(this.towns.get(place.districtId) ?? []), { place, at: place.at }]);
      for (const name of new Set([p.names.en, p.names.bn, p.names.hi, ...p.aliases].map(placeKey))) {
        if (!name) continue;
        this.entries.push({ key: name, length: [...name].length, place });
        const list = this.byKey.get(name) ?? [];
        list.push(place);
        this.byKey.set(name, list);
      }
    }
    this.pincodes = new Map(Object.entries(data.pincodes));
    this.countries = data.countries;
    this.elsewhereTable = matchTable(
      data.elsewhere.flatMap((e) => {
        const place: ElsewherePlace = { id: e.id, country: e.country, names: e.names };
        return [...new Set([e.names.en, e.names.bn, e.names.hi, ...e.aliases].map(placeKey))].filter(Boolean).map((key) => ({ key, place }));
      }),
    );
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

  /**
   * The place a patient's message names, forgiving typos; null when nothing is close, or
   * when equally close places lie in different districts and `regionIds` (the patient's
   * regions, when known) does not leave just one of them.
   */
  match(text: string, opts: { regionIds?: readonly string[] } = {}): PlaceMatch | null {
    const found = this.closest(text);
    if (!found) return null;
    const place = oneArea(found.places, opts.regionIds, (id) => this.places.get(id));
    return place ? { place, distance: found.distance } : null;
  }

  /**
   * The places equally close to what the patient typed, one per district (for "did you mean
   * Barrackpore, West Bengal or Balrampur, Chhattisgarh?"): one place when `match` finds it, several
   * when it cannot choose, none when nothing is close.
   */
  choices(text: string, opts: { regionIds?: readonly string[] } = {}): Place[] {
    const found = this.closest(text) ?? this.sharedPart(text);
    if (!found) return [];
    const place = oneArea(found.places, opts.regionIds, (id) => this.places.get(id));
    if (place) return [place];
    const byDistrict = new Map<string, Place>();
    for (const p of found.places) if (!byDistrict.has(p.districtId) || p.kind === 'district') byDistrict.set(p.districtId, p);
    return [...byDistrict.values()];
  }

  /**
   * The places of two or more districts whose names share the whole of what was typed as whole
   * words: "Dinajpur" is Uttar and Dakshin Dinajpur, "24 Parganas" / "২৪ পরগনা" North and South
   * 24 Parganas. Not a typo of either (too short a part for edits to reach), and no guess: the
   * patient is asked which (placeChoices). Null when the words are in one district's names only,
   * or in none (a part of one name alone stays unknown, as before).
   */
  private sharedPart(text: string): { places: Place[]; distance: number } | null {
    const typed = words(text);
    if (typed.length === 0 || typed.length > 3 || !typed.some((w) => /\p{L}/u.test(w))) return null;
    const places = this.entries.filter((e) => containsRun(e.key.split(' '), typed)).map((e) => e.place);
    if (new Set(places.map((p) => p.districtId)).size < 2) return null;
    return { places: [...new Set(places)], distance: 1 };
  }

  private closest(text: string): { places: Place[]; distance: number } | null {
    this.table ??= matchTable(this.entries);
    return fuzzyCandidates(text, this.table);
  }

  /**
   * The place outside the data a patient's text names (Dhaka, Riyadh, Delhi), forgiving typos;
   * null when none is close, or when two are equally close. Ask `match` first: a place of the
   * data always comes before one outside it.
   */
  elsewhere(text: string): ElsewherePlace | null {
    return fuzzyMatch(text, this.elsewhereTable)?.place ?? null;
  }

  /** A country's names (places.yaml `countries`), by its ISO 3166-1 code. */
  countryNames(code: string): { en: string; bn: string; hi: string } | undefined {
    return Object.hasOwn(this.countries, code) ? this.countries[code] : undefined;
  }

  /**
   * The towns of a district with a point (places.yaml `at`: its own, and its cities'): where its
   * hospitals are expected to be (district-reach.ts). Empty for a district none of whose towns has one.
   */
  townsOf(districtId: string): ReadonlyArray<{ place: Place; at: LatLng }> {
    return this.towns.get(districtId) ?? [];
  }

  /** The district a PIN code's longest known prefix points to. */
  pincodePlace(pin: string): Place | undefined {
    for (let n = Math.min(pin.length, 6); n >= 3; n--) {
      const id = this.pincodes.get(pin.slice(0, n));
      if (id) return this.places.get(id);
    }
    return undefined;
  }

  regionIds(): string[] {
    return [...this.regions.keys()];
  }

  allPlaces(): Place[] {
    return [...this.places.values()];
  }
}

/**
 * The one place that equally close `places` stand for, or undefined when they lie in different
 * districts that `regionIds` (when given) does not narrow to one. A district wins a tie with its
 * own cities; two of its cities equally close stand for the district.
 */
function oneArea(places: readonly Place[], regionIds: readonly string[] | undefined, byId: (id: string) => Place | undefined): Place | undefined {
  let fits = places;
  if (new Set(fits.map((p) => p.districtId)).size > 1 && regionIds?.length) fits = fits.filter((p) => regionIds.includes(p.regionId));
  const districts = new Set(fits.map((p) => p.districtId));
  if (districts.size !== 1) return undefined;
  const district = fits.find((p) => p.kind === 'district');
  if (district) return district;
  return new Set(fits.map((p) => p.id)).size === 1 ? fits[0] : byId(fits[0]!.districtId);
}

/** Whether `run` is in `words` as consecutive whole words. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, j) => words[i + j] === w)) return true;
  return false;
}

/** The one closest entry of a table, or null when nothing is close or several different ones are equally close. */
export function fuzzyMatch<P>(text: string, table: MatchTable<P>): { place: P; distance: number } | null {
  const found = fuzzyCandidates(text, table);
  return found && found.places.length === 1 ? { place: found.places[0]!, distance: found.distance } : null;
}

/**
 * The closest entries to any run of 1–4 words of `text`: the least edits, then the most
 * letters covered ("north 24 parganas" before "24"); every entry that ties, each once.
 */
export function fuzzyCandidates<P>(text: string, table: MatchTable<P>): { places: P[]; distance: number } | null {
  const ws = words(text).slice(0, MAX_WORDS);
  if (ws.length === 0) return null;
  // Each run of words, and the same without a Bengali case ending ("কলকাতায়" is "in Kolkata"),
  // which covers as much of the message as the word it came from.
  const grams = new Map<string, number>();
  for (let n = Math.min(4, ws.length); n >= 1; n--) {
    for (let i = 0; i + n <= ws.length; i++) {
      const gram = ws.slice(i, i + n).join(' ');
      const covered = codePoints(gram).length;
      for (const g of [gram, ...withoutCaseEnding(gram)]) if ((grams.get(g) ?? -1) < covered) grams.set(g, covered);
    }
  }
  let best: { places: P[]; distance: number; covered: number } | null = null;
  for (const [gram, covered] of grams) {
    const chars = codePoints(gram);
    const size = chars.length;
    // Only names within the largest allowance (3 edits) of this length can match.
    for (let length = Math.max(1, size - 3); length <= size + 3; length++) {
      for (const e of table.byLength.get(length) ?? []) {
        // Only an equal or better distance can win: it bounds the work for the rest.
        const limit = Math.min(allowed(Math.min(length, size)), best ? best.distance : Number.POSITIVE_INFINITY);
        if (Math.abs(length - size) > limit) continue;
        // A short name misspelt keeps its first letter: "Puri" (Odisha, not in the gazetteer) is not
        // a typo of "Suri" (Birbhum), though one edit apart; "Drug" still finds Durg.
        if (gram !== e.key && length <= SHORT_NAME && chars[0] !== e.chars[0]) continue;
        const d = gram === e.key ? 0 : editDistance(chars, e.chars, limit);
        if (d > limit) continue;
        // Two edits and another first letter is another name: Bhagalpur (Bihar) is not Jagdalpur.
        if (d >= 2 && chars[0] !== e.chars[0]) continue;
        if (!best || d < best.distance || (d === best.distance && covered > best.covered)) best = { places: [e.place], distance: d, covered };
        else if (d === best.distance && covered === best.covered && !best.places.includes(e.place)) best.places.push(e.place);
      }
    }
  }
  return best && { places: best.places, distance: best.distance };
}

/** Bengali case endings after a place name, longest first: -য় (কলকাতায়), -তে, -ের, -র, -ে, -এ. */
const BENGALI_ENDINGS = ['\u09AF\u09BC', '\u09DF', '\u09A4\u09C7', '\u09C7\u09B0', '\u09B0', '\u09C7', '\u098F'];

/**
 * The locative after a vowel, longest first: -য়েতে, -য়ে ("দুবাইয়ে", "মুম্বাইয়ে"), with য় composed
 * or as য and its nukta. Only after a vowel: after a consonant the য় is the name's own
 * ("মেঘালয়ে" is মেঘালয় with -ে), which BENGALI_ENDINGS takes off.
 */
const BENGALI_ENDINGS_AFTER_VOWEL = ['\u09DF\u09C7\u09A4\u09C7', '\u09AF\u09BC\u09C7\u09A4\u09C7', '\u09DF\u09C7', '\u09AF\u09BC\u09C7'];

/** Bengali vowels: the independent letters অ–ঔ and the vowel signs া–ৌ. */
const BENGALI_VOWEL = /[\u0985-\u0994\u09BE-\u09CC]$/u;

/** A Bengali word's stem without its case ending (at most one), when three letters or more are left. */
function withoutCaseEnding(gram: string): string[] {
  const stemOf = (end: string): string | null => (gram.endsWith(end) && codePoints(gram).length - codePoints(end).length >= 3 ? gram.slice(0, -end.length) : null);
  for (const end of BENGALI_ENDINGS_AFTER_VOWEL) {
    const stem = stemOf(end);
    if (stem !== null && BENGALI_VOWEL.test(stem)) return [stem];
  }
  for (const end of BENGALI_ENDINGS) {
    const stem = stemOf(end);
    if (stem !== null) return [stem];
  }
  return [];
}
