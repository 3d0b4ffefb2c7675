/**
 * The hospital registry on MongoDB. Merges (../hospital-merge.ts, shared by
 * every driver) are read-merge-write; each hospital is written only on the
 * `rev` it was read at and re-merged when another process wrote it meanwhile,
 * so no update is lost. On a replica set upsertMany is one transaction (all or
 * nothing, with the revision bump); without one, hospitals are written one by
 * one — a crash midway leaves the first ones merged, and running the same
 * import again finishes it (a merge of the same input changes nothing more).
 */
import { mergeBeds, mergeHospital } from '../hospital-merge';
import type { BedCount, BedSourceStatus, Hospital, HospitalInput, HospitalRepository } from '../repositories';
import type { Collections, Filter } from './collections';
import { bumpCounter, readCounter } from './counters';
import type { HospitalDoc } from './documents';
import { DuplicateKeyError, ID_INDEX } from './errors';

export const HOSPITALS_REVISION = 'hospitals';
const REVISION = HOSPITALS_REVISION;
const MERGE_ATTEMPTS = 10;

export function toHospital(d: HospitalDoc): Hospital {
  const names: Hospital['names'] = {};
  if (d.names?.bn !== undefined && d.names.bn !== null) names.bn = d.names.bn;
  if (d.names?.hi !== undefined && d.names.hi !== null) names.hi = d.names.hi;
  return {
    id: d._id,
    name: d.name,
    names,
    region: d.region ?? null,
    district: d.district ?? null,
    city: d.city ?? null,
    pincode: d.pincode ?? null,
    address: d.address ?? null,
    phones: [...(d.phones ?? [])],
    ownership: d.ownership ?? null,
    category: d.category ?? null,
    location: d.lat === null || d.lat === undefined || d.lng === null || d.lng === undefined ? null : { lat: d.lat, lng: d.lng },
    beds: JSON.parse(d.beds) as Record<string, BedCount>,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** The fields a merge writes (not _id, rev, or the desk token). */
export function hospitalFields(h: Hospital): Omit<HospitalDoc, '_id' | 'rev' | 'deskTokenHash' | 'deskTokenIssuedAt'> {
  return {
    name: h.name,
    names: { ...h.names },
    region: h.region,
    district: h.district,
    city: h.city,
    pincode: h.pincode,
    address: h.address,
    phones: [...h.phones],
    ownership: h.ownership,
    category: h.category,
    lat: h.location?.lat ?? null,
    lng: h.location?.lng ?? null,
    beds: JSON.stringify(h.beds),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

type Run = <T>(fn: (c: Collections) => Promise<T>) => Promise<T>;

export function mongoHospitals(c: Collections, transaction: Run | null): HospitalRepository {
  /** In one transaction when the deployment has them; otherwise as it comes. */
  const atomically: Run = transaction ?? ((fn) => fn(c));

  const bump = async (cc: Collections): Promise<void> => void (await bumpCounter(cc, REVISION));

  /** Read, merge, write on the rev read; again when another writer got there first. */
  async function mergeOne(cc: Collections, id: string, merge: (stored: Hospital | undefined) => Hospital): Promise<{ hospital: Hospital; created: boolean }> {
    for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
      const doc = await cc.hospitals.findOne('hospitals.byId', { _id: id });
      const hospital = merge(doc ? toHospital(doc) : undefined);
      if (!doc) {
        try {
          await cc.hospitals.insert([{ _id: id, ...hospitalFields(hospital), rev: 1 }], { ordered: true });
          return { hospital, created: true };
        } catch (err) {
          if (!(err instanceof DuplicateKeyError && err.only(ID_INDEX))) throw err;
          continue; // created by another writer meanwhile: merge into theirs
        }
      }
      const { matched } = await cc.hospitals.updateOne('hospitals.merge', { _id: id, rev: doc.rev }, { $set: { ...hospitalFields(hospital), rev: doc.rev + 1 } });
      if (matched === 1) return { hospital, created: false };
    }
    throw new Error(`hospital ${id}: kept being changed by other writers while merging`);
  }

  return {
    async upsertMany(inputs: HospitalInput[], now) {
      if (inputs.length === 0) return { created: 0, updated: 0, countsKept: 0 };
      return atomically(async (cc) => {
        let created = 0;
        let updated = 0;
        let countsKept = 0;
        for (const input of inputs) {
          let kept = 0;
          const r = await mergeOne(cc, input.id, (stored) => {
            const merged = mergeHospital(stored, input, now);
            kept = merged.kept;
            return merged.hospital;
          });
          if (r.created) created += 1;
          else updated += 1;
          countsKept += kept;
        }
        await bump(cc);
        return { created, updated, countsKept };
      });
    },
    async get(id) {
      const d = await c.hospitals.findOne('hospitals.byId', { _id: id });
      return d ? toHospital(d) : undefined;
    },
    async list(q = {}) {
      if (q.limit === 0) return [];
      const filter: Filter = {};
      if (q.district !== undefined) filter.district = q.district;
      if (q.afterId !== undefined) filter._id = { $gt: q.afterId };
      if (q.text !== undefined) {
        const contains = { $regex: escapeRegex(q.text), $options: 'i' };
        filter.$or = [{ name: contains }, { district: contains }, { city: contains }];
      }
      const limit = q.limit !== undefined && q.limit > 0 ? { limit: q.limit } : {};
      return (await c.hospitals.find(q.district !== undefined ? 'hospitals.listDistrict' : 'hospitals.list', filter, limit)).map(toHospital);
    },
    async count() {
      return c.hospitals.estimatedCount();
    },
    async updateBeds(id, beds, now) {
      return atomically(async (cc) => {
        const exists = await cc.hospitals.findOne('hospitals.byId', { _id: id });
        if (!exists) return undefined;
        const { hospital } = await mergeOne(cc, id, (stored) => {
          const h = stored!;
          return { ...h, beds: mergeBeds(h.beds, beds).beds, updatedAt: now };
        });
        await bump(cc);
        return hospital;
      });
    },
    async revision() {
      return readCounter(c, REVISION);
    },
    async setDeskToken(id, token) {
      return atomically(async (cc) => {
        const update = token ? { $set: { deskTokenHash: token.hash, deskTokenIssuedAt: token.issuedAt } } : { $unset: { deskTokenHash: 1 as const, deskTokenIssuedAt: 1 as const } };
        const { matched } = await cc.hospitals.updateOne('hospitals.byId', { _id: id }, update);
        if (matched === 0) return false;
        await bump(cc);
        return true;
      });
    },
    async deskToken(id) {
      const d = await c.hospitals.findOne('hospitals.byId', { _id: id });
      return d?.deskTokenHash !== undefined && d.deskTokenIssuedAt !== undefined && d.deskTokenIssuedAt !== null
        ? { hash: d.deskTokenHash, issuedAt: d.deskTokenIssuedAt }
        : undefined;
    },
    async saveSourceStatus(s: BedSourceStatus) {
      await c.bedSources.updateOne(
        'bedSources.byId',
        { _id: s.id },
        { $set: { lastAttemptAt: s.lastAttemptAt, lastSuccessAt: s.lastSuccessAt, ok: s.ok, error: s.error, rows: s.rows, imported: s.imported, skipped: s.skipped } },
        { upsert: true },
      );
    },
    async listSourceStatus() {
      return (await c.bedSources.find('bedSources.all', {})).map((d) => ({
        id: d._id,
        lastAttemptAt: d.lastAttemptAt,
        lastSuccessAt: d.lastSuccessAt ?? null,
        ok: d.ok,
        error: d.error ?? null,
        rows: d.rows,
        imported: d.imported,
        skipped: d.skipped,
      }));
    },
  };
}

/** The text matched literally, as SQLite's LIKE with escapes does. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
