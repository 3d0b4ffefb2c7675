/**
 * Importing a bed feed: read (CSV or JSON), map every record, then write the
 * readable ones in one transaction — or nothing at all when any record could not
 * be read, unless `partial` is asked for. The same code serves `sahay beds import`,
 * the scheduled refresh and the console.
 *
 * ```ts
 * const prepared = prepareImport(readFileSync(file, 'utf8'), { mapping, gazetteer, now });
 * const report = await writeImport(store, prepared, { partial: false, now });
 * ```
 */
import { closest } from '../flows/suggest';
import type { HospitalInput, Store } from '../storage/repositories';
import { parseCsv } from './csv';
import type { Gazetteer } from './gazetteer';
import { readJsonRecords } from './json-records';
import { mapRecord, type FeedRecord, type RowProblem } from './map-record';
import type { FieldSpec, Mapping } from './mapping';

export interface Prepared {
  format: 'csv' | 'json';
  /** Records read from the file (blank lines aside). */
  records: number;
  hospitals: HospitalInput[];
  /** Unreadable records (and problems of the whole file, on line 0 or the header's line). */
  errors: RowProblem[];
  warnings: RowProblem[];
  /** A problem of the whole file (its header, JSON that does not parse): no record could be read, so `partial` cannot help. */
  fatal: boolean;
}

export interface ImportReport extends Prepared {
  /** false when errors stopped the import (nothing changed). */
  written: boolean;
  created: number;
  updated: number;
  /** Counts not replaced because the stored ones are newer (e.g. a desk's update). */
  countsKept: number;
}

export interface PrepareContext {
  mapping: Mapping;
  gazetteer: Gazetteer;
  now: number;
  /** Called as records are mapped (for a progress bar). */
  progress?: (done: number, total: number) => void;
}

export function prepareImport(text: string, ctx: PrepareContext): Prepared {
  const { mapping } = ctx;
  const read = mapping.format === 'csv' ? readCsv(text, mapping) : readJson(text, mapping);
  const out: Prepared = { format: mapping.format, records: read.records.length, hospitals: [], errors: [...read.errors], warnings: [], fatal: read.fatal };
  if (read.fatal) return out;
  const seen = new Map<string, number>();
  const every = Math.max(1, Math.floor(read.records.length / 100));
  read.records.forEach((rec, i) => {
    const result = mapRecord(rec, ctx);
    out.warnings.push(...result.warnings);
    if (!result.ok) out.errors.push(...result.errors);
    else {
      // A hospital listed twice (Pune's dashboard lists some under two authorities) is one
      // hospital: the write merges the rows in order, later details and newer counts winning.
      const first = seen.get(result.hospital.id);
      if (first !== undefined) {
        out.warnings.push({
          line: rec.line,
          ...(rec.record !== undefined ? { record: rec.record } : {}),
          field: describe(mapping.fields.name, 'name'),
          message: `the same hospital as ${rec.line ? 'line' : 'record'} ${first} (id ${result.hospital.id}): merged, newer counts kept`,
        });
      } else seen.set(result.hospital.id, rec.line || rec.record || 0);
      out.hospitals.push(result.hospital);
    }
    if (ctx.progress && (i % every === 0 || i === read.records.length - 1)) ctx.progress(i + 1, read.records.length);
  });
  return out;
}

export async function writeImport(store: Store, prepared: Prepared, opts: { partial: boolean; now: number }): Promise<ImportReport> {
  const blocked = prepared.errors.length > 0 && !opts.partial;
  if (blocked || prepared.hospitals.length === 0) return { ...prepared, written: false, created: 0, updated: 0, countsKept: 0 };
  const summary = await store.hospitals.upsertMany(prepared.hospitals, opts.now);
  return { ...prepared, written: true, ...summary };
}

interface Read {
  records: FeedRecord[];
  errors: RowProblem[];
  /** A problem of the whole file: no record can be read. */
  fatal: boolean;
}

function readCsv(text: string, mapping: Mapping): Read {
  const csv = parseCsv(text, mapping.delimiter);
  const errors: RowProblem[] = csv.problems.map((p) => ({ line: p.line, message: p.message }));
  if (csv.header.length === 0) return { records: [], errors, fatal: true };
  // Header problems are on the header's own line: blank lines may come before it.
  const at = csv.headerLine;
  const index = new Map<string, number>();
  const dupes = new Set<string>();
  csv.header.forEach((h, i) => {
    if (h === '') return; // a column without a name: below
    if (index.has(h)) dupes.add(h);
    else index.set(h, i);
  });
  for (const d of dupes) errors.push({ line: at, field: d, message: 'the header names this column twice' });
  // Excel writes columns it once used without a name ("…,Last_Updated,,"). No mapping can
  // read a column without a name, so an empty one is ignored; one holding data is refused,
  // as its data would be lost without a word.
  const unnamed = csv.header.flatMap((h, i) => (h === '' ? [i] : []));
  const unnamedWithData = unnamed.flatMap((i) => {
    const used = csv.rows.find((r) => (r.fields[i] ?? '').trim() !== '');
    return used ? [{ field: unnamedColumn(i), line: used.line }] : [];
  });
  for (const u of unnamedWithData) errors.push({ line: at, field: u.field, message: unnamedColumnMessage(u.line, mapping.columnsOptional) });
  const known = referencedColumns(mapping);
  const missing = known.filter((c) => !index.has(c) && (!mapping.columnsOptional || c === 'name'));
  const named = csv.header.filter((h) => h !== '');
  for (const c of missing) errors.push({ line: at, field: c, message: `the mapping names this column, but the header has only: ${named.join(', ')}` });
  // A mapping file names the columns it reads, and a feed's other columns are deliberately
  // left out. The canonical schema reads columns by their exact names and may leave any
  // out, so a column it does not know ("Oxygen_Vacant") would be dropped from every record
  // without a word: the file is refused instead.
  const unknown = mapping.columnsOptional ? [...index.keys()].filter((h) => !known.includes(h)) : [];
  for (const c of unknown) errors.push({ line: at, field: c, message: unknownColumnMessage(c, known) });
  if (dupes.size || unnamedWithData.length || missing.length || unknown.length) return { records: [], errors, fatal: true };
  const width = csv.header.length;
  const records: FeedRecord[] = [];
  for (const row of csv.rows) {
    if (row.fields.length !== width) {
      errors.push({ line: row.line, message: `${row.fields.length} fields, but the header has ${width}` });
      continue;
    }
    records.push({ line: row.line, get: (column) => (index.has(column) ? row.fields[index.get(column)!] : undefined) });
  }
  return { records, errors, fatal: false };
}

function readJson(text: string, mapping: Mapping): Read {
  const result = readJsonRecords(text, mapping.records);
  if (!result.ok) return { records: [], errors: [{ line: 0, message: result.message }], fatal: true };
  const errors: RowProblem[] = [];
  const records: FeedRecord[] = [];
  // In the canonical schema, as for a CSV header: a key it does not know would be lost without a word.
  const known = mapping.columnsOptional ? referencedColumns(mapping) : undefined;
  for (const r of result.records) {
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) {
      errors.push({ line: r.line, record: r.index, message: 'not an object with named fields' });
      continue;
    }
    const obj = r.value as Record<string, unknown>;
    const unknown = known ? Object.keys(obj).filter((k) => !known.includes(k)) : [];
    for (const k of unknown) errors.push({ line: r.line, record: r.index, field: k, message: unknownColumnMessage(k, known!) });
    if (unknown.length) continue;
    records.push({ line: r.line, record: r.index, get: (column) => jsonCell(obj, column) });
  }
  return { records, errors, fatal: false };
}

/** A key of the record, or a dotted path into nested objects; numbers and booleans as text. */
function jsonCell(obj: Record<string, unknown>, column: string): string | undefined {
  let v: unknown = column in obj ? obj[column] : undefined;
  if (v === undefined && column.includes('.')) {
    v = obj;
    for (const part of column.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  }
  if (v === undefined) return undefined;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function referencedColumns(mapping: Mapping): string[] {
  const out = new Set<string>();
  const add = (spec: FieldSpec | undefined) => {
    if (spec === undefined) return;
    if (typeof spec === 'string') out.add(spec);
    else {
      if (spec.column) out.add(spec.column);
      for (const c of spec.columns ?? []) out.add(c);
    }
  };
  Object.values(mapping.fields).forEach(add);
  if (mapping.updated) {
    if (mapping.updated.column) out.add(mapping.updated.column);
    for (const c of mapping.updated.columns ?? []) out.add(c);
  }
  for (const bed of Object.values(mapping.beds)) Object.values(bed).forEach(add);
  return [...out];
}

/** A column without a name, as problems name it: its place in the header, counted from 1. */
function unnamedColumn(i: number): string {
  return `(unnamed column ${i + 1})`;
}

function unnamedColumnMessage(line: number, canonical: boolean): string {
  const name = canonical ? 'name it as in the canonical schema (config/beds/SCHEMA.md)' : 'name it (and read it in the mapping)';
  return `a column without a name holds data (line ${line}): ${name}, or remove it`;
}

/** Why the canonical schema refuses a column (a JSON record's key), with the known one probably meant (a case difference, a typo). */
function unknownColumnMessage(column: string, known: readonly string[]): string {
  if (column === '') return 'a column without a name: name it as in the canonical schema (config/beds/SCHEMA.md), or remove it';
  const meant = closest(column.toLowerCase(), known);
  return meant !== undefined
    ? `not a column of the canonical schema; did you mean ${meant}?`
    : 'not a column of the canonical schema (config/beds/SCHEMA.md lists them; a feed with other columns needs a mapping file)';
}

function describe(spec: FieldSpec | undefined, fallback: string): string {
  if (spec === undefined) return fallback;
  return typeof spec === 'string' ? spec : (spec.column ?? fallback);
}
