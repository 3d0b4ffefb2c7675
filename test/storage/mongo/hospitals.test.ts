/**
 * Beyond the hospital contract (test/storage/contract-hospitals.ts): one longer
 * script of imports, merges, desk tokens, searches and refresh statuses must
 * give, call by call, the same answers on the MongoDB driver (on both kinds of
 * deployment) as on the memory driver, which follows the SQLite one.
 */
import { createMemoryStore } from '../../../src/storage/memory/memory-store';
import { createMongoStore } from '../../../src/storage/mongo/mongo-store';
import type { BedCount, HospitalInput, Store } from '../../../src/storage/repositories';
import { EmulatedMongo } from './emulated-mongo';

const T0 = 1_700_000_000_000;
const count = (vacant: number | null, updatedAt: number | null, source = 'file:kolkata.csv'): BedCount => ({ total: 40, vacant, updatedAt, source });

function hospital(id: string, overrides: Partial<HospitalInput> = {}): HospitalInput {
  return {
    id,
    name: `Hospital ${id}`,
    names: {},
    region: 'West Bengal',
    district: 'Kolkata',
    city: 'Kolkata',
    pincode: null,
    address: null,
    phones: null,
    ownership: null,
    category: null,
    location: null,
    beds: {},
    ...overrides,
  };
}

/** Every answer of a fixed script of registry calls. */
async function script(store: Store): Promise<unknown[]> {
  const h = store.hospitals;
  const seen: unknown[] = [];
  const note = async (p: Promise<unknown>) => seen.push(await p);
  await note(
    h.upsertMany(
      [
        hospital('wb-sskm', { name: 'SSKM Hospital', names: { bn: 'এসএসকেএম' }, phones: ['033 2204 1101'], ownership: 'government', location: { lat: 22.54, lng: 88.34 }, beds: { icu: count(3, T0), all: count(12, null) } }),
        hospital('wb-amri', { name: 'AMRI Dhakuria', ownership: 'private', beds: { icu: count(0, T0) } }),
        hospital('mh-pune-1', { name: 'Sassoon General', region: 'Maharashtra', district: 'Pune', city: 'Pune', names: { hi: 'ससून' } }),
      ],
      T0,
    ),
  );
  // A re-import with gaps and an older figure: nulls keep what is stored, the older count is kept out.
  await note(h.upsertMany([hospital('wb-sskm', { name: 'SSKM', names: { hi: 'एसएसकेएम' }, district: null, city: null, beds: { icu: count(9, T0 - 1), oxygen: count(7, T0 + 5) } }), hospital('wb-new', { name: 'New Town CCU' })], T0 + 10));
  await note(h.updateBeds('wb-amri', { icu: count(2, T0 + 20, 'desk'), all: count(30, T0 + 20, 'desk') }, T0 + 20));
  await note(h.updateBeds('wb-amri', { icu: count(5, T0 + 1, 'console') }, T0 + 21));
  await note(h.updateBeds('ghost', { icu: count(1, T0) }, T0));
  await note(h.setDeskToken('wb-sskm', { hash: 'ab'.repeat(32), issuedAt: T0 + 30 }));
  await note(h.setDeskToken('ghost', { hash: 'cd', issuedAt: T0 }));
  await note(h.deskToken('wb-sskm'));
  await note(h.setDeskToken('wb-sskm', null));
  await note(h.deskToken('wb-sskm'));
  await note(h.deskToken('ghost'));
  await note(h.upsertMany([], T0 + 40));
  await note(h.revision());
  await note(h.count());
  await note(h.get('wb-sskm'));
  await note(h.get('ghost'));
  await note(h.list());
  await note(h.list({ district: 'Kolkata' }));
  await note(h.list({ text: 'KOL' }));
  await note(h.list({ text: 'sass' }));
  await note(h.list({ text: 'a.m' }));
  await note(h.list({ afterId: 'wb-amri', limit: 2 }));
  await note(h.list({ district: 'Kolkata', text: 'new', limit: 5 }));
  await note(h.list({ limit: 0 }));
  await h.saveSourceStatus({ id: 'wb-portal', lastAttemptAt: T0, lastSuccessAt: null, ok: false, error: 'HTTP 503', rows: 0, imported: 0, skipped: 0 });
  await h.saveSourceStatus({ id: 'csv-pune', lastAttemptAt: T0, lastSuccessAt: T0, ok: true, error: null, rows: 10, imported: 9, skipped: 1 });
  await h.saveSourceStatus({ id: 'wb-portal', lastAttemptAt: T0 + 60, lastSuccessAt: T0 + 60, ok: true, error: null, rows: 120, imported: 118, skipped: 2 });
  await note(h.listSourceStatus());
  return seen;
}

describe.each([true, false])('hospital registry on MongoDB (replica set: %s) answers as the memory driver does', (transactions) => {
  it('for a script of imports, merges, desk tokens, searches and refresh statuses', async () => {
    const expected = await script(createMemoryStore());
    const mongo = await createMongoStore(new EmulatedMongo().database({ transactions }));
    expect(await script(mongo)).toStrictEqual(expected);
    await mongo.close();
  });
});
