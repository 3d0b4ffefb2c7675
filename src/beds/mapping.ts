/**
 * Mapping files: how a feed's columns become the canonical hospital fields
 * (config/beds/SCHEMA.md documents both). A mapping is YAML:
 *
 * ```yaml
 * format: csv                       # csv | json
 * source: covidbedsindia            # stored with every count (default: file:<name>)
 * timezone: Asia/Kolkata            # for times without a zone (the default)
 * fields:
 *   name: hospital_name             # a column...
 *   region: { value: Maharashtra }  # ...a constant...
 *   district: { column: district, pattern: '^([^/]+)' }               # ...part of a column...
 *   ownership: { column: hospital_type, values: { Private Hospital: private } }  # ...or a table
 * updated: { column: last_updated_raw, formats: ['DD/MM/YYYY HH:mm', iso], unknown: [Not Updated] }
 * beds:
 *   oxygen: { total: oxygen_total, vacant: oxygen_vacant }
 *   all: { total: all_total, vacant: all_vacant }
 * ```
 *
 * Without a mapping, a file is read in the canonical schema (`canonicalMapping`).
 */
import { basename } from 'node:path';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';
import { ALL, type BedKind } from './config';
import { isTimeZone, isTimestampFormat } from './timestamps';

const pattern = z.string().refine((p) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'a regular expression');

/** Where one canonical value comes from. A bare string is a column name. */
const fieldSpec = z.union([
  z.string().min(1),
  z
    .strictObject({
      /** A column (CSV header) or key (JSON; a dotted path reaches into nested objects). */
      column: z.string().min(1).optional(),
      /** Several columns joined with a space ("DATE", "TIME" → "01/05/2021 10:04"). */
      columns: z.array(z.string().min(1)).min(1).optional(),
      /** A constant, for every record. */
      value: z.string().optional(),
      /** Keep the first group of this pattern (or the whole match); no match = not given. */
      pattern: pattern.optional(),
      /** Replace whole values (case-insensitive); a value not listed passes through, or not when `only` is true. */
      values: z.record(z.string(), z.string()).optional(),
      only: z.boolean().optional(),
    })
    .refine((f) => [f.column, f.columns, f.value].filter((x) => x !== undefined).length === 1, 'give exactly one of column, columns or value'),
]);

const bedSpec = z.strictObject({
  total: fieldSpec.optional(),
  vacant: fieldSpec.optional(),
  male_total: fieldSpec.optional(),
  male_vacant: fieldSpec.optional(),
  female_total: fieldSpec.optional(),
  female_vacant: fieldSpec.optional(),
});

export const FIELD_NAMES = ['id', 'name', 'name_bn', 'name_hi', 'region', 'district', 'city', 'pincode', 'address', 'phones', 'ownership', 'category', 'lat', 'lng'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

const DEFAULT_BLANKS = ['', 'na', 'n/a', 'n.a.', '-', '--', 'nil', 'null', 'none', 'not available', 'no data available', 'no data'];

export const mappingSchema = z.strictObject({
  format: z.enum(['csv', 'json']).default('csv'),
  /** CSV only: the field separator. */
  delimiter: z.string().length(1).default(','),
  /** JSON only: dotted path to the array of records inside the document. */
  records: z.string().min(1).optional(),
  source: z.string().min(1).max(60).optional(),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Kolkata').default('Asia/Kolkata'),
  /** Cell values that mean "not given", besides the usual ones (blank, NA, -, nil...). */
  blanks: z.array(z.string()).default([]),
  fields: z.strictObject(Object.fromEntries(FIELD_NAMES.map((f) => [f, fieldSpec.optional()])) as Record<FieldName, z.ZodOptional<typeof fieldSpec>>),
  updated: z
    .strictObject({
      column: z.string().min(1).optional(),
      columns: z.array(z.string().min(1)).min(1).optional(),
      formats: z.array(z.string().refine(isTimestampFormat, 'a date format with YYYY, MM (or MMM) and DD, or iso')).min(1).default(['iso']),
      /** Values that mean the feed does not know when (e.g. "Not Updated", "1970-01-01T00:00:00Z"). */
      unknown: z.array(z.string()).default([]),
    })
    .refine((u) => (u.column === undefined) !== (u.columns === undefined), 'give either column or columns')
    .optional(),
  beds: z.record(z.string(), bedSpec).default({}),
});

export type FieldSpec = z.infer<typeof fieldSpec>;
export type BedSpec = z.infer<typeof bedSpec>;
export type Mapping = z.infer<typeof mappingSchema> & {
  blankSet: ReadonlySet<string>;
  sourceLabel: string;
  /** The canonical schema: a file may leave out any column but name. A mapping file's columns must all exist. */
  columnsOptional: boolean;
};

export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'MappingError';
  }
}

/** Parse and check a mapping against the configured bed kinds; throws MappingError. */
export function parseMapping(data: unknown, kinds: readonly BedKind[], where: string, defaultSource: string): Mapping {
  const result = mappingSchema.safeParse(data);
  if (!result.success) throw new MappingError(result.error.issues.map((i) => `${where}: ${i.path.join('.') || '(top)'}: ${i.message}`));
  const m = result.data;
  const problems: string[] = [];
  const known = new Set([ALL, ...kinds.map((k) => k.id)]);
  for (const kind of Object.keys(m.beds)) {
    if (!known.has(kind)) problems.push(`${where}: beds.${kind}: not a bed kind (config/beds/kinds.yaml has ${[...known].join(', ')})`);
  }
  if (!m.fields.name) problems.push(`${where}: fields.name: every mapping must say where the hospital's name is`);
  if (problems.length) throw new MappingError(problems);
  const blankSet = new Set([...DEFAULT_BLANKS, ...m.blanks.map((b) => b.trim().toLowerCase())]);
  return { ...m, blankSet, sourceLabel: m.source ?? defaultSource, columnsOptional: false };
}

export function loadMapping(file: string, kinds: readonly BedKind[], defaultSource: string): Mapping {
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    throw new MappingError([`${file}: ${(err as Error).message.split('\n')[0]}`]);
  }
  return parseMapping(data, kinds, file, defaultSource);
}

/**
 * The canonical schema as a mapping: every canonical column by its own name,
 * `updated_at` in ISO 8601 (or "YYYY-MM-DD HH:mm" local time), and for each kind
 * `<kind>_total`, `<kind>_vacant`, `<kind>_male_total` ... (SCHEMA.md).
 */
export function canonicalMapping(kinds: readonly BedKind[], format: 'csv' | 'json', defaultSource: string): Mapping {
  const beds: Record<string, BedSpec> = {};
  for (const kind of [...kinds.map((k) => k.id), ALL]) {
    beds[kind] = Object.fromEntries(['total', 'vacant', 'male_total', 'male_vacant', 'female_total', 'female_vacant'].map((p) => [p, `${kind}_${p}`]));
  }
  const mapping = parseMapping(
    {
      format,
      fields: Object.fromEntries(FIELD_NAMES.map((f) => [f, f])),
      updated: { column: 'updated_at', formats: ['iso', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD'] },
      beds,
    },
    kinds,
    'canonical schema',
    defaultSource,
  );
  return { ...mapping, columnsOptional: true };
}

/** The default source label of a file: "file:Pune.csv". */
export function fileSource(file: string): string {
  return `file:${basename(file)}`.slice(0, 60);
}
