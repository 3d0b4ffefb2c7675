/**
 * A bed search over a small hand-made registry (Raipur and around, by default): hospitals and
 * counts written in a line each, and a BedsService over them in a memory store, built before a
 * file's tests.
 */
import type { Config } from '../../src/config';
import { BedsService } from '../../src/beds/service';
import { silentLogger } from '../../src/log';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { BedCount, HospitalInput } from '../../src/storage/repositories';

export const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
const H = 3_600_000;

/** A count updated `hoursAgo` before NOW (null: when is not known). */
export const count = (vacant: number, total: number, hoursAgo: number | null = 1, extra: Partial<BedCount> = {}): BedCount => ({
  total,
  vacant,
  updatedAt: hoursAgo === null ? null : NOW - hoursAgo * H,
  source: 'test',
  ...extra,
});

/** A hospital in Raipur, Chhattisgarh, with one phone, and `over` written over it. */
export function hospital(id: string, over: Partial<HospitalInput>): HospitalInput {
  return { id, name: id, names: {}, region: 'Chhattisgarh', district: 'Raipur', city: null, pincode: null, address: null, phones: ['0771-0000000'], ownership: null, category: null, location: null, beds: {}, ...over };
}

/** The beds service over `registry`, built before the file's tests (read it in a test, not at load). */
export function bedsOverForEachFile(config: Readonly<Config>, registry: readonly HospitalInput[]): { readonly service: BedsService } {
  let service: BedsService | undefined;
  beforeAll(async () => {
    const store = createMemoryStore();
    service = new BedsService({ config, now: () => NOW, newId: () => 'x', log: silentLogger });
    await service.attach(store);
    await store.hospitals.upsertMany([...registry], NOW);
    await service.directory.reload();
  });
  return {
    get service() {
      if (!service) throw new Error('the beds service is built before the tests');
      return service;
    },
  };
}
