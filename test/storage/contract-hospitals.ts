/**
 * The hospital registry's part of the Store contract (repositories.ts, HospitalRepository).
 * Called from describeStoreContract, so every driver runs it.
 *
 * Rules pinned here:
 * - upsertMany is all or nothing, reports created/updated, and merges: a null field keeps the
 *   stored value, names merge per language, and a count replaces the stored one of its kind only
 *   when at least as new (null is oldest) — the ones kept are counted;
 * - a hospital listed twice in one upsertMany is merged in order;
 * - list is ordered by id, filters by exact district and by a case-insensitive part of the
 *   name, district or city (with % and _ taken literally), and pages with afterId and limit;
 * - every write bumps revision(); desk tokens are set, replaced and removed; unknown ids answer
 *   undefined / false; source statuses are kept by id.
 */
import type { BedCount, HospitalInput, Store } from '../../src/storage/repositories';

const T0 = 1_700_000_000_000;
const H = 3_600_000;

const count = (vacant: number, at: number | null, source = 'test'): BedCount => ({ total: 10, vacant, updatedAt: at, source });

function hospital(id: string, over: Partial<HospitalInput> = {}): HospitalInput {
  return {
    id,
    name: `Hospital ${id}`,
    names: {},
    region: 'West Bengal',
    district: 'Kolkata',
    city: null,
    pincode: null,
    address: null,
    phones: ['033-2476 5101'],
    ownership: null,
    category: null,
    location: { lat: 22.57, lng: 88.36 },
    beds: { oxygen: count(3, T0) },
    ...over,
  };
}

export function describeHospitalContract(current: () => { store: Store; reopen?: () => Promise<Store> }): void {
  let store: Store;
  beforeEach(() => {
    store = current().store;
  });

  it('inserts, then merges: null keeps, names merge, newer counts win, older ones are kept and counted', async () => {
    await expect(
      store.hospitals.upsertMany([hospital('a', { names: { bn: 'হাসপাতাল এ' }, address: '1 Road', beds: { oxygen: count(3, T0), icu: count(1, T0) } }), hospital('b')], T0),
    ).resolves.toEqual({ created: 2, updated: 0, countsKept: 0 });
    const r = await store.hospitals.upsertMany(
      [hospital('a', { names: { hi: 'अस्पताल ए' }, address: null, phones: null, location: null, district: 'Howrah', beds: { oxygen: count(5, T0 + H, 'desk'), icu: count(0, T0 - H), all: count(7, null) } })],
      T0 + 2 * H,
    );
    expect(r).toEqual({ created: 0, updated: 1, countsKept: 1 });
    await expect(store.hospitals.get('a')).resolves.toStrictEqual({
      ...hospital('a'),
      names: { bn: 'হাসপাতাল এ', hi: 'अस्पताल ए' },
      address: '1 Road',
      district: 'Howrah',
      beds: { oxygen: count(5, T0 + H, 'desk'), icu: count(1, T0), all: count(7, null) },
      createdAt: T0,
      updatedAt: T0 + 2 * H,
    });
    // A count without a time never replaces one with a time.
    await store.hospitals.upsertMany([hospital('a', { beds: { oxygen: count(9, null) } })], T0 + 3 * H);
    expect((await store.hospitals.get('a'))?.beds.oxygen).toStrictEqual(count(5, T0 + H, 'desk'));
  });

  it('merges a hospital listed twice in one batch, in order', async () => {
    const r = await store.hospitals.upsertMany([hospital('a', { beds: { oxygen: count(3, T0) } }), hospital('a', { name: 'Later name', beds: { oxygen: count(9, null) } })], T0);
    expect(r).toEqual({ created: 1, updated: 1, countsKept: 1 });
    expect(await store.hospitals.get('a')).toMatchObject({ name: 'Later name', beds: { oxygen: count(3, T0) } });
    expect(await store.hospitals.count()).toBe(1);
  });

  it('keeps split counts, locations and text in three scripts exactly', async () => {
    const split: BedCount = { total: 20, vacant: 4, male: { total: 10, vacant: 0 }, female: { total: 10, vacant: 4 }, updatedAt: T0, source: 'file:x.csv' };
    const h = hospital('ক-১', { name: 'কলকাতা মেডিক্যাল কলেজ', names: { hi: 'कोलकाता मेडिकल कॉलेज' }, location: { lat: -0.000001, lng: 179.999999 }, beds: { general: split }, ownership: 'government', pincode: '700073', city: 'Kolkata', category: 'Dedicated Covid Hospital' });
    await store.hospitals.upsertMany([h], T0);
    await expect(store.hospitals.get('ক-১')).resolves.toStrictEqual({ ...h, phones: h.phones ?? [], createdAt: T0, updatedAt: T0 });
  });

  it('lists by id, filters and pages', async () => {
    await store.hospitals.upsertMany(
      [
        hospital('c', { name: 'CNCI', district: 'Kolkata' }),
        hospital('a', { name: 'AMRI Salt Lake', district: 'Kolkata', city: 'Salt Lake' }),
        hospital('b', { name: 'TLJ Hospital', district: 'Howrah' }),
        hospital('d', { name: '100% Care_Clinic', district: 'Howrah' }),
      ],
      T0,
    );
    const ids = (list: Array<{ id: string }>) => list.map((h) => h.id);
    expect(ids(await store.hospitals.list())).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(await store.hospitals.list({ district: 'Howrah' }))).toEqual(['b', 'd']);
    expect(ids(await store.hospitals.list({ text: 'salt' }))).toEqual(['a']);
    expect(ids(await store.hospitals.list({ text: 'HOWRAH' }))).toEqual(['b', 'd']);
    expect(ids(await store.hospitals.list({ text: '0% c' }))).toEqual(['d']);
    expect(ids(await store.hospitals.list({ text: 'e_c' }))).toEqual(['d']);
    expect(ids(await store.hospitals.list({ text: '_' }))).toEqual(['d']);
    expect(ids(await store.hospitals.list({ afterId: 'a', limit: 2 }))).toEqual(['b', 'c']);
    expect(ids(await store.hospitals.list({ limit: 0 }))).toEqual([]);
    await expect(store.hospitals.count()).resolves.toBe(4);
  });

  it('updates beds by the same rule, and answers undefined for an unknown id', async () => {
    await store.hospitals.upsertMany([hospital('a', { beds: { oxygen: count(3, T0 + H) } })], T0);
    const updated = await store.hospitals.updateBeds('a', { oxygen: count(1, T0), icu: count(2, T0 + H, 'desk') }, T0 + 2 * H);
    expect(updated?.beds).toStrictEqual({ oxygen: count(3, T0 + H), icu: count(2, T0 + H, 'desk') });
    expect(updated?.updatedAt).toBe(T0 + 2 * H);
    await expect(store.hospitals.get('a')).resolves.toStrictEqual(updated);
    await expect(store.hospitals.updateBeds('nope', { oxygen: count(1, T0) }, T0)).resolves.toBeUndefined();
  });

  it('counts every write in revision()', async () => {
    const r0 = await store.hospitals.revision();
    await store.hospitals.upsertMany([hospital('a')], T0);
    const r1 = await store.hospitals.revision();
    await store.hospitals.updateBeds('a', { oxygen: count(1, T0 + H) }, T0);
    const r2 = await store.hospitals.revision();
    await store.hospitals.setDeskToken('a', { hash: 'f'.repeat(64), issuedAt: T0 });
    const r3 = await store.hospitals.revision();
    expect(r1).toBeGreaterThan(r0);
    expect(r2).toBeGreaterThan(r1);
    expect(r3).toBeGreaterThan(r2);
    await store.hospitals.upsertMany([], T0);
    await store.hospitals.updateBeds('nope', {}, T0);
    expect(await store.hospitals.revision()).toBe(r3);
  });

  it('sets, replaces and revokes desk tokens; never returns them with the hospital', async () => {
    await store.hospitals.upsertMany([hospital('a')], T0);
    await expect(store.hospitals.deskToken('a')).resolves.toBeUndefined();
    await expect(store.hospitals.setDeskToken('a', { hash: 'a'.repeat(64), issuedAt: T0 })).resolves.toBe(true);
    await expect(store.hospitals.setDeskToken('a', { hash: 'b'.repeat(64), issuedAt: T0 + H })).resolves.toBe(true);
    await expect(store.hospitals.deskToken('a')).resolves.toStrictEqual({ hash: 'b'.repeat(64), issuedAt: T0 + H });
    expect(JSON.stringify(await store.hospitals.get('a'))).not.toContain('bbbb');
    // An import keeps the token.
    await store.hospitals.upsertMany([hospital('a')], T0 + 2 * H);
    await expect(store.hospitals.deskToken('a')).resolves.toStrictEqual({ hash: 'b'.repeat(64), issuedAt: T0 + H });
    await expect(store.hospitals.setDeskToken('a', null)).resolves.toBe(true);
    await expect(store.hospitals.deskToken('a')).resolves.toBeUndefined();
    await expect(store.hospitals.setDeskToken('nope', { hash: 'c'.repeat(64), issuedAt: T0 })).resolves.toBe(false);
  });

  it('keeps refresh statuses by source id', async () => {
    const ok = { id: 'wb', lastAttemptAt: T0, lastSuccessAt: T0, ok: true, error: null, rows: 86, imported: 86, skipped: 0 };
    const failed = { id: 'wb', lastAttemptAt: T0 + H, lastSuccessAt: T0, ok: false, error: 'HTTP 503', rows: 0, imported: 0, skipped: 0 };
    const other = { id: 'cg', lastAttemptAt: T0, lastSuccessAt: null, ok: false, error: 'timed out', rows: 0, imported: 0, skipped: 0 };
    await store.hospitals.saveSourceStatus(ok);
    await store.hospitals.saveSourceStatus(other);
    await store.hospitals.saveSourceStatus(failed);
    await expect(store.hospitals.listSourceStatus()).resolves.toStrictEqual([other, failed]);
  });

  it('keeps hospitals, tokens and statuses across close and reopen', async () => {
    const { reopen } = current();
    if (!reopen) return; // only durable drivers reopen
    await store.hospitals.upsertMany([hospital('a')], T0);
    await store.hospitals.setDeskToken('a', { hash: 'a'.repeat(64), issuedAt: T0 });
    await store.hospitals.saveSourceStatus({ id: 'wb', lastAttemptAt: T0, lastSuccessAt: T0, ok: true, error: null, rows: 1, imported: 1, skipped: 0 });
    const revision = await store.hospitals.revision();
    await store.close();
    store = await reopen();
    await expect(store.hospitals.get('a')).resolves.toStrictEqual({ ...hospital('a'), phones: ['033-2476 5101'], createdAt: T0, updatedAt: T0 });
    await expect(store.hospitals.deskToken('a')).resolves.toStrictEqual({ hash: 'a'.repeat(64), issuedAt: T0 });
    await expect(store.hospitals.listSourceStatus()).resolves.toHaveLength(1);
    await expect(store.hospitals.revision()).resolves.toBe(revision);
  });
}
