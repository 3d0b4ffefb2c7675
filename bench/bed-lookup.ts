/**
 * Bed search over 10,000 hospitals: what one chat message costs the bed lookup
 * (resolving the place the patient typed, the search, and composing the answer),
 * on the in-memory index the service uses. Target: p99 under 5 ms.
 *
 * The hospitals are synthetic, placed around the coordinates of real hospitals
 * (the shared 2021 bed files when they are beside the project, else the test
 * fixtures), in their districts, with random counts per kind and times up to two
 * days old; the queries mix district names (with typos, in three scripts), PIN
 * codes and shared locations, and every bed kind. Seeded: runs are comparable.
 *
 *   npm run build && node dist/bench/bed-lookup.js [--hospitals 10000] [--queries 20000]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { answerMessage } from '../src/beds/answer';
import { parseCsv } from '../src/beds/csv';
import type { BedTarget } from '../src/beds/lookup';
import { BedsService } from '../src/beds/service';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { projectRoot } from '../src/paths';
import { createMemoryStore } from '../src/storage/memory/memory-store';
import type { BedCount, HospitalInput } from '../src/storage/repositories';
import { summarize, type LatencySummary } from './stats';

export interface BedLookupResult {
  name: string;
  hospitals: number;
  queries: number;
  /** Where the seed coordinates came from. */
  seeds: string;
  /** ms per lookup: resolve + search + answer, as the chat action does. */
  latencyMs: LatencySummary;
  /**
   * CPU time per lookup (process user + system): the work itself, without the time the
   * process waited for a core. On a busy machine wall-clock tails measure the neighbours.
   */
  cpuMs: LatencySummary;
  /** The same by how the patient said where: district name, PIN code, shared location. */
  byWay: Record<'district' | 'pincode' | 'location', LatencySummary>;
  /** ms to build the index from the store (start-up, and after an import). */
  indexBuildMs: number;
}

/** Mulberry32: a small seeded PRNG, so that every run draws the same registry and queries. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seed {
  region: string;
  district: string;
  lat: number;
  lng: number;
}

function loadSeeds(): { seeds: Seed[]; from: string } {
  const shared = resolve(projectRoot, '..', 'shared', 'data', 'beds');
  const files = existsSync(shared)
    ? ['West_Bengal.csv', 'Pune.csv', 'Chhattisgarh.csv'].map((f) => join(shared, f))
    : ['west-bengal-kolkata.csv', 'pune-slice.csv', 'chhattisgarh-raipur.csv'].map((f) => join(projectRoot, 'test', 'fixtures', 'beds', f));
  const seeds: Seed[] = [];
  for (const file of files.filter(existsSync)) {
    const { header, rows } = parseCsv(readFileSync(file, 'utf8'));
    const at = (name: string) => header.indexOf(name);
    for (const { fields } of rows) {
      const lat = Number(fields[at('lat')]);
      const lng = Number(fields[at('lon')]);
      if (!fields[at('lat')] || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
      const region = fields[at('region')] === 'Pune' ? 'Maharashtra' : (fields[at('region')] ?? '');
      seeds.push({ region, district: (fields[at('district')] ?? '').split('/')[0]!, lat, lng });
    }
  }
  return { seeds, from: existsSync(shared) ? 'shared/data/beds' : 'test/fixtures/beds' };
}

export async function benchBedLookup(opts: { hospitals?: number; queries?: number; seed?: number } = {}): Promise<BedLookupResult> {
  const hospitals = opts.hospitals ?? 10_000;
  const queries = opts.queries ?? 20_000;
  const rand = prng(opts.seed ?? 2021);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = Date.UTC(2021, 4, 1, 10);
  const config = loadConfig({ DATA_DIR: resolve(projectRoot, 'data') });
  const store = createMemoryStore();
  const beds = new BedsService({ config, now: () => now, newId: () => `bench-${Math.random()}`, log: silentLogger });
  await beds.attach(store);

  const { seeds, from } = loadSeeds();
  const kinds = config.beds.kinds.map((k) => k.id);
  const pins: string[] = [];
  const inputs: HospitalInput[] = [];
  for (let i = 0; i < hospitals; i++) {
    const s = pick(seeds);
    const counts: Record<string, BedCount> = {};
    for (const kind of kinds) {
      if (rand() < 0.3) continue;
      const total = Math.floor(rand() * 60);
      counts[kind] = { total, vacant: rand() < 0.5 ? 0 : Math.floor(rand() * (total + 1)), updatedAt: now - Math.floor(rand() * 48 * 3_600_000), source: 'bench' };
    }
    const pin = rand() < 0.3 ? String(400000 + Math.floor(rand() * 99999)) : null;
    if (pin) pins.push(pin);
    inputs.push({
      id: `bench-${i}`,
      name: `Hospital ${i}`,
      names: {},
      region: s.region,
      district: s.district,
      city: null,
      pincode: pin,
      address: null,
      phones: ['0000000000'],
      ownership: null,
      category: null,
      location: { lat: s.lat + (rand() - 0.5) * 0.1, lng: s.lng + (rand() - 0.5) * 0.1 },
      beds: counts,
    });
  }
  await store.hospitals.upsertMany(inputs, now);
  const built = performance.now();
  await beds.directory.reload();
  const indexBuildMs = performance.now() - built;

  const places = ['Kolkata', 'কলকাতা', 'कोलकाता', 'kolkatta', 'Raipur', 'রায়পুর', 'रायपुर', 'Raipurr', 'Pune', 'पुणे', 'Durg', 'Bilaspur', 'Howrah', 'হাওড়া', 'North 24 Pgs', 'Hooghly', 'Pimpri'];
  const kindChoices = ['any', 'oxygen', 'icu', 'ventilator'];
  const latencies: number[] = [];
  const cpu: number[] = [];
  const byWay: Record<'district' | 'pincode' | 'location', number[]> = { district: [], pincode: [], location: [] };
  const warmup = Math.min(2000, Math.floor(queries / 5));
  for (let q = 0; q < queries + warmup; q++) {
    const kind = pick(kindChoices);
    const how = rand();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let target: BedTarget | null;
    if (how < 0.4) {
      const place = beds.finder.resolvePlace(pick(places));
      target = place && { by: 'district', place: place.place };
    } else if (how < 0.6) {
      const pin = beds.finder.resolvePincode(rand() < 0.5 && pins.length ? pick(pins) : pick(['700020', '492001', '411005', '713201']));
      target = pin ? { by: 'pincode', pincode: pin } : null;
    } else {
      const s = pick(seeds);
      // Mostly near the data; sometimes far (nothing nearby: the search must reach the next nearest).
      target = rand() < 0.9 ? { by: 'location', lat: s.lat + (rand() - 0.5) * 0.2, lng: s.lng + (rand() - 0.5) * 0.2 } : { by: 'location', lat: 23.81, lng: 90.41 };
    }
    if (target) answerMessage(beds.finder.find({ target, kind }), { now, kindLabel: beds.kindLabel, lang: 'en' });
    const ms = performance.now() - t0;
    const used = process.cpuUsage(c0);
    if (q >= warmup) {
      latencies.push(ms);
      cpu.push((used.user + used.system) / 1000);
      byWay[how < 0.4 ? 'district' : how < 0.6 ? 'pincode' : 'location'].push(ms);
    }
  }
  await store.close();
  return {
    name: 'bed lookup (resolve + search + answer)',
    hospitals,
    queries,
    seeds: from,
    latencyMs: summarize(latencies),
    cpuMs: summarize(cpu),
    byWay: { district: summarize(byWay.district), pincode: summarize(byWay.pincode), location: summarize(byWay.location) },
    indexBuildMs,
  };
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  benchBedLookup({ ...(arg('--hospitals') ? { hospitals: arg('--hospitals') } : {}), ...(arg('--queries') ? { queries: arg('--queries') } : {}) })
    .then((r) => {
      const row = (path: string, l: LatencySummary) => ({ path, 'p50 ms': l.p50.toFixed(3), 'p90 ms': l.p90.toFixed(3), 'p99 ms': l.p99.toFixed(3), 'max ms': l.max.toFixed(3) });
      console.table([
        row(`${r.name}, ${r.hospitals} hospitals`, r.latencyMs),
        ...Object.entries(r.byWay).map(([way, l]) => row(`  by ${way}`, l)),
        row('  CPU time per lookup', r.cpuMs),
      ]);
      console.log(`${r.queries} queries; index built in ${Math.round(r.indexBuildMs)} ms; seed coordinates from ${r.seeds}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
