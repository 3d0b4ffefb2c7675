/**
 * The index's nearest-first search against a brute-force scan, over random
 * hospitals and points (dense cities, far points, radius limits, filters); and the
 * bench's own entry point, on a small registry.
 */
import { benchBedLookup } from '../../bench/bed-lookup';
import { BedIndex } from '../../src/beds/bed-index';
import { Gazetteer } from '../../src/beds/gazetteer';
import { haversineKm } from '../../src/beds/geo';
import { loadConfig } from '../../src/config';
import type { Hospital } from '../../src/storage/repositories';

const gazetteer = new Gazetteer(loadConfig({ DATA_DIR: '/tmp/sahay-index-test' }).beds.places);

function random(seed: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function hospital(id: string, lat: number, lng: number): Hospital {
  return { id, name: id, names: {}, region: null, district: null, city: null, pincode: null, address: null, phones: [], ownership: null, category: null, location: { lat, lng }, beds: {}, createdAt: 0, updatedAt: 0 };
}

it('finds exactly the k nearest accepted hospitals within the radius, nearest first', () => {
  const rand = random(7);
  const index = new BedIndex(gazetteer);
  const all: Hospital[] = [];
  const centres = [
    [22.57, 88.36],
    [21.25, 81.63],
    [18.52, 73.85],
  ] as const;
  for (let i = 0; i < 1500; i++) {
    const [lat, lng] = centres[i % 3]!;
    // Most in a dense city, some spread over a few hundred km.
    const spread = i % 10 === 0 ? 3 : 0.15;
    const h = hospital(`h${i}`, lat + (rand() - 0.5) * spread, lng + (rand() - 0.5) * spread);
    all.push(h);
    index.put(h);
  }
  for (let q = 0; q < 150; q++) {
    const [lat, lng] = centres[q % 3]!;
    const far = q % 5 === 0;
    const origin = far ? { lat: 10 + rand() * 25, lng: 70 + rand() * 25 } : { lat: lat + (rand() - 0.5) * 0.5, lng: lng + (rand() - 0.5) * 0.5 };
    const k = 1 + Math.floor(rand() * 20);
    const maxKm = rand() < 0.5 ? Number.POSITIVE_INFINITY : 5 + rand() * 60;
    const mod = 1 + Math.floor(rand() * 6);
    const accept = (id: string) => Number(id.slice(1)) % mod === 0;
    const got = index.nearest(origin, k, (e) => accept(e.hospital.id), maxKm).map((h) => h.entry.hospital.id);
    const expected = all
      .filter((h) => accept(h.id))
      .map((h) => ({ id: h.id, km: haversineKm(origin, h.location!) }))
      .filter((h) => h.km <= maxKm)
      .sort((a, b) => a.km - b.km)
      .slice(0, k)
      .map((h) => h.id);
    expect({ q, ids: got }).toEqual({ q, ids: expected });
  }
});

it('forgets a hospital that is removed or moved', () => {
  const index = new BedIndex(gazetteer);
  index.put(hospital('a', 22.57, 88.36));
  index.put(hospital('b', 22.6, 88.4));
  index.put(hospital('a', 21.25, 81.63));
  expect(index.nearest({ lat: 22.57, lng: 88.36 }, 1, () => true)[0]?.entry.hospital.id).toBe('b');
  index.remove('b');
  expect(index.nearest({ lat: 22.57, lng: 88.36 }, 5, () => true).map((h) => h.entry.hospital.id)).toEqual(['a']);
  expect(index.size).toBe(1);
});

it('the bench runs and reports latencies', async () => {
  const r = await benchBedLookup({ hospitals: 500, queries: 100 });
  expect(r.hospitals).toBe(500);
  expect(r.latencyMs.p50).toBeGreaterThan(0);
  expect(r.cpuMs.p99).toBeGreaterThan(0);
  expect(Object.keys(r.byWay)).toEqual(['district', 'pincode', 'location']);
});

describe('a city\'s hospitals', () => {
  const at = (h: Hospital, over: Partial<Hospital>): Hospital => ({ ...h, ...over });

  it('named for it or standing within a km of its point, in its own state', () => {
    const index = new BedIndex(gazetteer);
    // Islampur, Uttar Dinajpur; and an Islampur in Maharashtra (Sangli), not in the gazetteer.
    index.put(at(hospital('wb', 26.2551, 88.1988), { name: 'Islampur Urdu Academy', region: 'West Bengal', district: 'Uttar Dinajpur' }));
    index.put(at(hospital('mh', 17.05, 74.27), { name: 'Rural Hospital, Islampur', region: 'Maharashtra', district: 'Sangli' }));
    // KPC Medical College, Jadavpur: its name does not say so; its location does (places.yaml takes Jadavpur's point from it).
    index.put(at(hospital('kpc', 22.4937403, 88.373376), { name: 'KPC Medical College', region: 'West Bengal', district: 'Kolkata' }));
    // M R Bangur, Tollygunge, 2.8 km away: not in Jadavpur.
    index.put(at(hospital('mrb', 22.4972677, 88.3461023), { name: 'M R Bangur DH & SSH', region: 'West Bengal', district: 'Kolkata' }));
    expect([...index.inCity('islampur').keys()]).toEqual(['wb']);
    expect([...index.inCity('jadavpur').keys()]).toEqual(['kpc']);
    index.remove('kpc');
    expect([...index.inCity('jadavpur').keys()]).toEqual([]);
  });
});
