/**
 * The beds settings: bed kinds (config/beds/kinds.yaml), the gazetteer
 * (config/beds/places.yaml), what is not a hospital (config/beds/facilities.yaml),
 * refresh sources (config/beds/sources.yaml) and the BEDS_* variables. Read once at
 * start-up by src/config.ts; every problem is one line naming the file and field.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { validate as validCron } from 'node-cron';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';
import { missingHeaderVariables } from './header-variables';
import { isTimeZone } from './timestamps';

/** The overall count of a hospital, as its source reports it: not a kind in kinds.yaml. */
export const ALL = 'all';

const kindId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a lower-case id such as oxygen')
  .refine((id) => id !== ALL, `"${ALL}" is reserved for the overall count`);
const messageKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key such as beds.kind.oxygen');

const kindsSchema = z.strictObject({
  kinds: z
    .array(z.strictObject({ id: kindId, label: messageKey, hospitalsOnly: z.boolean().default(false) }))
    .min(1)
    .refine((ks) => new Set(ks.map((k) => k.id)).size === ks.length, 'kind ids must be unique'),
});

const placeId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id such as north-24-parganas');
const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 country code such as IN');
const names = z.strictObject({ en: z.string().min(1), bn: z.string().min(1), hi: z.string().min(1) });
/** `[lat, lng]`: where the town a place is named for is (places.yaml says where each point comes from). */
const point = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
/** A landline code and how many digits its local numbers have: 020 and 8 (Pune); 0 + code + local number = 11 digits. */
const std = z
  .strictObject({ code: z.string().regex(/^0[1-9]\d{1,3}$/, 'an STD code with its 0, such as "020"'), digits: z.number().int().min(6).max(8) })
  .refine((s) => s.code.length + s.digits === 11, 'the code (with its 0) and the local number make 11 digits');
const placesSchema = z
  .strictObject({
    regions: z.array(
      z.strictObject({
        id: placeId,
        name: z.string().min(1),
        country,
        helplines: z.string().min(1),
        aliases: z.array(z.string().min(1)).default([]),
        // kind → kinds: this region's feeds count the kind (ventilators) as machines in those beds, not as beds of their own.
        within: z.record(z.string(), z.array(z.string()).min(1)).default({}),
      }),
    ),
    places: z.array(
      z.discriminatedUnion('kind', [
        z.strictObject({ id: placeId, kind: z.literal('district'), region: placeId, names, aliases: z.array(z.string().min(1)).default([]), at: point.optional(), std: std.optional() }),
        z.strictObject({ id: placeId, kind: z.literal('city'), district: placeId, names, aliases: z.array(z.string().min(1)).default([]), at: point.optional() }),
      ]),
    ),
    pincodes: z.record(z.string().regex(/^[1-9][0-9]{2,5}$/, 'a PIN prefix of 3 to 6 digits'), placeId).default({}),
    countries: z.record(country, names).default({}),
    // Places the data does not cover, named so that the patient hears "no bed data there", not "unknown place".
    elsewhere: z.array(z.strictObject({ id: placeId, country, names, aliases: z.array(z.string().min(1)).default([]) })).default([]),
  })
  .superRefine((p, ctx) => {
    const regions = new Set(p.regions.map((r) => r.id));
    const ids = new Set<string>();
    const districts = new Set(p.places.filter((x) => x.kind === 'district').map((x) => x.id));
    p.places.forEach((place, i) => {
      if (ids.has(place.id)) ctx.addIssue({ code: 'custom', path: ['places', i, 'id'], message: `duplicate place id ${place.id}` });
      ids.add(place.id);
      if (place.kind === 'district' && !regions.has(place.region)) ctx.addIssue({ code: 'custom', path: ['places', i, 'region'], message: `unknown region ${place.region}` });
      if (place.kind === 'city' && !districts.has(place.district)) ctx.addIssue({ code: 'custom', path: ['places', i, 'district'], message: `unknown district ${place.district}` });
    });
    for (const [prefix, id] of Object.entries(p.pincodes)) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['pincodes', prefix], message: `unknown place ${id}` });
    }
    p.elsewhere.forEach((place, i) => {
      if (ids.has(place.id)) ctx.addIssue({ code: 'custom', path: ['elsewhere', i, 'id'], message: `${place.id} is a place of the data, or listed twice` });
      ids.add(place.id);
    });
  });

/** Words that tell a place that is not a hospital (facilities.yaml explains them). */
const facilitiesSchema = z.strictObject({
  words: z.array(z.string().min(1)).min(1),
  hospitalWords: z.array(z.string().min(1)).min(1),
});

const sourceSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a lower-case id such as wb-portal'),
    url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL').optional(),
    file: z.string().min(1).optional(),
    mapping: z.string().min(1).optional(),
    cron: z.string().refine((c) => validCron(c), 'a cron expression such as "*/15 * * * *"'),
    // Checked here, not left to node-cron: it throws at `sahay start`, after the server
    // listens, with a message that names neither this file nor the field.
    timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Kolkata').optional(),
    partial: z.boolean().default(false),
    runOnStart: z.boolean().default(true),
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .refine((s) => (s.url === undefined) !== (s.file === undefined), 'give either url or file');
const sourcesSchema = z.strictObject({
  sources: z
    .array(sourceSchema)
    .nullish()
    .transform((s) => s ?? [])
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must be unique'),
});

/** words.yaml (optional): words patients type that the bed search reads. */
const phrases = z.array(z.string().min(1)).default([]);
const wordsSchema = z.strictObject({
  wards: z.strictObject({ female: phrases, male: phrases }).default({ female: [], male: [] }),
  near_me: phrases,
  place_ties: phrases,
  request_words: phrases,
});

export type BedKind = z.infer<typeof kindsSchema>['kinds'][number];
/** Phrases that name a ward of each sex (words.yaml `wards`). */
export type WardWords = z.infer<typeof wordsSchema>['wards'];
export type PlacesData = z.infer<typeof placesSchema>;
export type FacilitiesData = z.infer<typeof facilitiesSchema>;
/** A refresh source with `file` and `mapping` resolved to absolute paths. */
export type BedSource = z.infer<typeof sourceSchema>;

export interface BedsConfig {
  kinds: BedKind[];
  places: PlacesData;
  /** What is not a hospital (facilities.yaml). */
  facilities: FacilitiesData;
  sources: BedSource[];
  /** Words that name a women's or men's ward ("mahila ward"): none when words.yaml is absent. */
  wards: WardWords;
  /** Words that ask for hospitals near the patient ("near me", "amar kache"): words.yaml `near_me`. */
  nearMe: string[];
  /**
   * Words that tie a place to a bed request ("mein", "কাছে"): words.yaml `place_ties`. The bed
   * search reads them with the menu's `place_lead` ("in", "near"), which come from the
   * interpreter's translator (src/beds/menu-words.ts, src/beds/actions.ts `bedsActions`).
   */
  placeTies: string[];
  /**
   * Words a bed request says beside the request itself ("is there a bed available in Kolkata",
   * "kolkata e bed pabo?"): words.yaml `request_words`, read with the menu's `request_words` and
   * `request_for` in the same way (src/beds/menu-words.ts).
   */
  requestWords: string[];
  /** Figures older than this are marked as possibly out of date (BEDS_STALE_HOURS). */
  staleHours: number;
  /** How far a location or PIN search looks before it says nothing is free nearby (BEDS_NEARBY_KM). */
  nearbyKm: number;
  /** config/beds: where mapping files named without a folder are found. */
  dir: string;
}

export function loadBedsConfig(configDir: string, opts: { staleHours: number; nearbyKm: number }, problems: string[]): BedsConfig | undefined {
  const dir = join(configDir, 'beds');
  const kinds = readYaml(join(dir, 'kinds.yaml'), kindsSchema, problems);
  const places = readYaml(join(dir, 'places.yaml'), placesSchema, problems);
  const facilities = readYaml(join(dir, 'facilities.yaml'), facilitiesSchema, problems);
  const sources = readYaml(join(dir, 'sources.yaml'), sourcesSchema, problems);
  const wordsFile = join(dir, 'words.yaml');
  const words = existsSync(wordsFile) ? readYaml(wordsFile, wordsSchema, problems) : { wards: { female: [], male: [] }, near_me: [], place_ties: [], request_words: [] };
  if (!kinds || !places || !facilities || !sources || !words) return undefined;
  const kindIds = new Set(kinds.kinds.map((k) => k.id));
  places.regions.forEach((r, i) => {
    for (const [kind, within] of Object.entries(r.within)) {
      for (const k of [kind, ...within]) if (!kindIds.has(k)) problems.push(`${join(dir, 'places.yaml')}: regions.${i}.within.${kind}: ${k} is not a bed kind of kinds.yaml`);
      for (const k of within) if (r.within[k]) problems.push(`${join(dir, 'places.yaml')}: regions.${i}.within.${kind}: ${k} is itself within other kinds`);
    }
  });
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const resolved = sources.sources.map((s) => ({ ...s, ...(s.file ? { file: abs(s.file) } : {}), ...(s.mapping ? { mapping: abs(s.mapping) } : {}) }));
  resolved.forEach((s, i) => {
    if (s.mapping && !existsSync(s.mapping)) problems.push(`${join(dir, 'sources.yaml')}: sources.${i}.mapping: ${s.mapping} not found`);
  });
  return { kinds: kinds.kinds, places, facilities, sources: resolved, wards: words.wards, nearMe: words.near_me, placeTies: words.place_ties, requestWords: words.request_words, staleHours: opts.staleHours, nearbyKm: opts.nearbyKm, dir };
}

/**
 * The `${NAME}`s in the sources' headers that the environment does not set, as config
 * problems naming the file and field. Checked by what refreshes (`sahay start`, `sahay beds
 * refresh`), not when the settings load: a feed's key often lives only in the service's
 * environment (a systemd unit, a container secret), and an admin's `sahay accounts …` in an
 * ordinary shell must still work.
 */
export function headerVariableProblems(beds: Pick<BedsConfig, 'sources' | 'dir'>, env: NodeJS.ProcessEnv = process.env): string[] {
  return beds.sources.flatMap((s, i) =>
    missingHeaderVariables(s.headers, env).map((m) => `${join(beds.dir, 'sources.yaml')}: sources.${i}.headers.${m.header}: source ${s.id} reads \${${m.variable}}, which is not set in the environment`),
  );
}

function readYaml<T>(file: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  return undefined;
}
