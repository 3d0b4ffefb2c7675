/**
 * One feed record → one HospitalInput, through a mapping. Pure: everything it
 * needs comes in (the gazetteer files districts, `now` rejects future times).
 *
 * A record that cannot be read yields errors (the import reports them by line and
 * field and, unless partial, writes nothing); oddities that do not stop a record
 * (more vacant than total beds, an ownership word we do not know) are warnings.
 */
import { toAsciiDigits } from '../i18n/digits';
import type { BedCount, BedSplit, HospitalInput, Ownership } from '../storage/repositories';
import { DISTRICT_REACH_KM, outsideDistrict } from './district-reach';
import { isInTheFuture } from './future-time';
import type { Gazetteer } from './gazetteer';
import { EXPLICIT_ID, hospitalId, slug } from './identity';
import type { BedSpec, FieldSpec, Mapping } from './mapping';
import { extractPhones } from './phones';
import { parseTimestamp } from './timestamps';

/** One problem with one record, by line (CSV, and JSON when known) and the feed's own column name. */
export interface RowProblem {
  line: number;
  /** JSON: the record's position in the array. */
  record?: number;
  field?: string;
  message: string;
  /** The offending cell, shortened: for the person fixing the file, never for logs. */
  value?: string;
}

export interface FeedRecord {
  line: number;
  record?: number;
  /** The raw cell of a column; undefined when the record has no such column. */
  get(column: string): string | undefined;
}

export interface MapContext {
  mapping: Mapping;
  gazetteer: Gazetteer;
  now: number;
}

export type MapResult = { ok: true; hospital: HospitalInput; warnings: RowProblem[] } | { ok: false; errors: RowProblem[]; warnings: RowProblem[] };

export function mapRecord(rec: FeedRecord, ctx: MapContext): MapResult {
  const { mapping, gazetteer } = ctx;
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const where = { line: rec.line, ...(rec.record !== undefined ? { record: rec.record } : {}) };
  const problem = (list: RowProblem[], spec: FieldSpec | undefined, fallback: string, message: string, value?: string) =>
    list.push({ ...where, field: columnName(spec, fallback), message, ...(value !== undefined ? { value: value.slice(0, 40) } : {}) });
  const text = (spec: FieldSpec | undefined) => readField(rec, spec, mapping);

  const name = text(mapping.fields.name);
  if (name === null) problem(errors, mapping.fields.name, 'name', 'the hospital name is missing');

  const regionText = text(mapping.fields.region);
  const region = regionText === null ? undefined : gazetteer.regionNamed(regionText);
  const districtText = text(mapping.fields.district);
  const district = districtText === null ? undefined : gazetteer.exact(districtText, { kind: 'district', ...(region ? { regionId: region.id } : {}) });
  const cityText = text(mapping.fields.city);
  const city = cityText === null ? undefined : gazetteer.exact(cityText, { kind: 'city' });

  const address = text(mapping.fields.address);
  let pincode: string | null = null;
  const pinText = text(mapping.fields.pincode);
  if (pinText !== null) {
    const pin = toAsciiDigits(pinText).replace(/\s+/g, '');
    if (/^[1-9]\d{5}$/.test(pin)) pincode = pin;
    else problem(warnings, mapping.fields.pincode, 'pincode', 'not a 6-digit PIN code; left out', pinText);
  } else if (address !== null) {
    // No PIN column: the last PIN written in the address ("..., Pune, Maharashtra 411045").
    pincode = [...toAsciiDigits(address).matchAll(/(?<!\d)([1-9]\d{2})\s?(\d{3})(?!\d)/g)].map((m) => `${m[1]}${m[2]}`).at(-1) ?? null;
  }

  const phonesText = text(mapping.fields.phones);
  const phones = phonesText === null ? [] : extractPhones(phonesText);

  let ownership: Ownership | null = null;
  const ownershipText = text(mapping.fields.ownership);
  if (ownershipText !== null) {
    ownership = readOwnership(ownershipText);
    if (ownership === null) problem(warnings, mapping.fields.ownership, 'ownership', 'not government or private; left out', ownershipText);
  }

  const lat = readNumber(text(mapping.fields.lat));
  const lng = readNumber(text(mapping.fields.lng));
  if (Number.isNaN(lat) || (lat !== null && Math.abs(lat) > 90)) problem(errors, mapping.fields.lat, 'lat', 'not a latitude (-90 to 90)', text(mapping.fields.lat) ?? '');
  if (Number.isNaN(lng) || (lng !== null && Math.abs(lng) > 180)) problem(errors, mapping.fields.lng, 'lng', 'not a longitude (-180 to 180)', text(mapping.fields.lng) ?? '');
  let location: HospitalInput['location'] = null;
  if (lat !== null && lng !== null && !Number.isNaN(lat) && !Number.isNaN(lng) && !(lat === 0 && lng === 0)) location = { lat, lng };
  else if ((lat === null) !== (lng === null)) problem(warnings, mapping.fields.lat, 'lat', 'latitude and longitude must come together; location left out');
  // A location copied from another row (another district's hospital) would be offered by distance
  // hundreds of km from where the hospital is: the row is kept, without it (district-reach.ts).
  if (location && district) {
    const far = outsideDistrict(gazetteer, district.districtId, location);
    if (far) {
      const message = `${Math.round(far.km)} km from ${far.town.names.en}, the nearest town of ${district.names.en} in places.yaml (more than ${DISTRICT_REACH_KM} km): location left out`;
      problem(warnings, mapping.fields.lat, 'lat', message, `${location.lat},${location.lng}`);
      location = null;
    }
  }

  const updatedAt = readUpdated(rec, ctx, (message, value) => errors.push({ ...where, field: updatedColumn(mapping), message, ...(value ? { value: value.slice(0, 40) } : {}) }));

  const beds: Record<string, BedCount> = {};
  for (const [kind, spec] of Object.entries(mapping.beds)) {
    const count = readCount(spec, text, (sub, message, value) => problem(errors, spec[sub], `${kind}_${sub}`, message, value));
    if (!count) continue;
    const full: BedCount = { ...count.main, updatedAt: updatedAt ?? null, source: mapping.sourceLabel };
    if (count.male) full.male = count.male;
    if (count.female) full.female = count.female;
    beds[kind] = full;
    for (const [label, split] of [['', count.main], ['male_', count.male], ['female_', count.female]] as const) {
      if (split && split.total !== null && split.vacant !== null && split.vacant > split.total) {
        problem(warnings, spec[`${label}vacant` as keyof BedSpec], `${kind}_${label}vacant`, `more vacant (${split.vacant}) than total (${split.total}) beds; stored as given`);
      }
    }
  }

  let id: string | null = null;
  const explicit = text(mapping.fields.id);
  if (explicit !== null) {
    if (EXPLICIT_ID.test(explicit)) id = explicit;
    else problem(errors, mapping.fields.id, 'id', 'an id may not contain spaces, slashes, ?, # or %, and has at most 120 characters', explicit);
  }
  if (errors.length || name === null) return { ok: false, errors, warnings };
  id ??= hospitalId({ region: region?.id ?? regionText, district: district?.districtId ?? districtText, name });
  if (!id) id = slug(name) || 'hospital';

  const names: HospitalInput['names'] = {};
  const bn = text(mapping.fields.name_bn);
  const hi = text(mapping.fields.name_hi);
  if (bn) names.bn = bn;
  if (hi) names.hi = hi;
  return {
    ok: true,
    warnings,
    hospital: {
      id,
      name,
      names,
      region: region?.name ?? regionText,
      district: district?.names.en ?? districtText,
      city: city?.names.en ?? cityText,
      pincode,
      address,
      phones: phones.length ? phones : null,
      ownership,
      category: text(mapping.fields.category),
      location,
      beds,
    },
  };
}

/** The cell(s) a field spec names, cleaned: one line, trimmed, blanks → null. */
export function readField(rec: FeedRecord, spec: FieldSpec | undefined, mapping: Mapping): string | null {
  if (spec === undefined) return null;
  const s = typeof spec === 'string' ? { column: spec } : spec;
  let raw: string | null;
  if (s.value !== undefined) raw = s.value;
  else if (s.columns) raw = s.columns.map((c) => clean(rec.get(c), mapping)).filter((v): v is string => v !== null).join(' ') || null;
  else raw = clean(rec.get(s.column as string), mapping);
  if (raw === null) return null;
  if (s.pattern !== undefined) {
    const m = new RegExp(s.pattern, 'iu').exec(raw);
    raw = m ? (m[1] ?? m[0]) : null;
    if (raw === null) return null;
  }
  if (s.values) {
    const key = raw.toLowerCase();
    const hit = Object.entries(s.values).find(([k]) => k.trim().toLowerCase() === key);
    if (hit) raw = hit[1];
    else if (s.only) return null;
  }
  return clean(raw, mapping);
}

function clean(value: string | undefined, mapping: Mapping): string | null {
  if (value === undefined) return null;
  const v = value.replace(/\s+/g, ' ').trim();
  return mapping.blankSet.has(v.toLowerCase()) ? null : v;
}

function columnName(spec: FieldSpec | undefined, fallback: string): string {
  if (spec === undefined) return fallback;
  if (typeof spec === 'string') return spec;
  return spec.column ?? spec.columns?.join('+') ?? fallback;
}

function updatedColumn(mapping: Mapping): string {
  const u = mapping.updated;
  return u?.column ?? u?.columns?.join('+') ?? 'updated_at';
}

/** null for blank; NaN for text that is not a number. */
function readNumber(text: string | null): number | null {
  if (text === null) return null;
  const t = toAsciiDigits(text).replace(/,/g, '');
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function readOwnership(text: string): Ownership | null {
  const t = text.toLowerCase();
  if (/^(government|govt\.?|gov|public|state|central|municipal)\b/.test(t)) return 'government';
  if (/^(private|pvt\.?)\b/.test(t)) return 'private';
  return null;
}

function readUpdated(rec: FeedRecord, ctx: MapContext, fail: (message: string, value?: string) => void): number | null | undefined {
  const u = ctx.mapping.updated;
  if (!u) return null;
  const raw = readField(rec, u.column !== undefined ? { column: u.column } : { columns: u.columns as string[] }, ctx.mapping);
  if (raw === null) return null;
  if (u.unknown.some((x) => x.trim().toLowerCase() === raw.toLowerCase())) return null;
  const ms = parseTimestamp(toAsciiDigits(raw), u.formats, ctx.mapping.timezone);
  if (ms === null) {
    fail(`not a time in the format${u.formats.length > 1 ? 's' : ''} ${u.formats.join(' | ')}`, raw);
    return undefined;
  }
  if (isInTheFuture(ms, ctx.now)) {
    fail('the time is in the future (check the format and time zone)', raw);
    return undefined;
  }
  return ms;
}

type Sub = 'total' | 'vacant' | 'male_total' | 'male_vacant' | 'female_total' | 'female_vacant';

function readCount(
  spec: BedSpec,
  read: (spec: FieldSpec) => string | null,
  fail: (sub: Sub, message: string, value: string) => void,
): { main: BedSplit; male?: BedSplit; female?: BedSplit } | null {
  const values = {} as Record<Sub, number | null>;
  let any = false;
  let bad = false;
  for (const sub of ['total', 'vacant', 'male_total', 'male_vacant', 'female_total', 'female_vacant'] as const) {
    values[sub] = null;
    const cell = spec[sub];
    if (cell === undefined) continue;
    const raw = read(cell);
    if (raw === null) continue;
    const n = readNumber(raw);
    if (n === null) continue;
    if (Number.isNaN(n) || n < 0 || !Number.isInteger(n)) {
      fail(sub, 'not a whole number of beds (0 or more)', raw);
      bad = true;
      continue;
    }
    values[sub] = n;
    any = true;
  }
  if (bad || !any) return null;
  const split = (t: number | null, v: number | null): BedSplit | undefined => (t === null && v === null ? undefined : { total: t, vacant: v });
  const male = split(values.male_total, values.male_vacant);
  const female = split(values.female_total, values.female_vacant);
  return { main: { total: values.total, vacant: values.vacant }, ...(male ? { male } : {}), ...(female ? { female } : {}) };
}
