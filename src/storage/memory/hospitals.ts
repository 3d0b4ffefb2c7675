/**
 * The hospital registry in plain Maps, with the SQLite driver's semantics (the
 * merge rules live in ../hospital-merge.ts); copies in and out.
 */
import { mergeBeds, mergeHospital } from '../hospital-merge';
import type { BedSourceStatus, DeskToken, Hospital, HospitalRepository } from '../repositories';

const copy = <T>(value: T): T => structuredClone(value);

export function memoryHospitals(): HospitalRepository {
  const byId = new Map<string, Hospital>();
  const tokens = new Map<string, DeskToken>();
  const sources = new Map<string, BedSourceStatus>();
  let revision = 0;

  return {
    async upsertMany(inputs, now) {
      // Build every result first, then write: all or nothing, as in a transaction.
      const staged = new Map<string, Hospital>();
      let created = 0;
      let updated = 0;
      let countsKept = 0;
      for (const input of inputs) {
        const stored = staged.get(input.id) ?? byId.get(input.id);
        const { hospital, kept } = mergeHospital(stored, input, now);
        if (stored) updated += 1;
        else created += 1;
        countsKept += kept;
        staged.set(input.id, hospital);
      }
      for (const [id, h] of staged) byId.set(id, h);
      if (inputs.length) revision += 1;
      return { created, updated, countsKept };
    },
    async get(id) {
      const h = byId.get(id);
      return h && copy(h);
    },
    async list(q = {}) {
      const text = q.text?.toLowerCase();
      return [...byId.values()]
        .filter(
          (h) =>
            (q.district === undefined || h.district === q.district) &&
            (text === undefined || [h.name, h.district, h.city].some((v) => v?.toLowerCase().includes(text))) &&
            (q.afterId === undefined || h.id > q.afterId),
        )
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, q.limit === undefined || q.limit < 0 ? undefined : q.limit)
        .map(copy);
    },
    async count() {
      return byId.size;
    },
    async updateBeds(id, beds, now) {
      const h = byId.get(id);
      if (!h) return undefined;
      h.beds = mergeBeds(h.beds, beds).beds;
      h.updatedAt = now;
      revision += 1;
      return copy(h);
    },
    async revision() {
      return revision;
    },
    async setDeskToken(id, token) {
      if (!byId.has(id)) return false;
      if (token) tokens.set(id, { ...token });
      else tokens.delete(id);
      revision += 1;
      return true;
    },
    async deskToken(id) {
      const t = tokens.get(id);
      return t && { ...t };
    },
    async saveSourceStatus(status) {
      sources.set(status.id, { ...status });
    },
    async listSourceStatus() {
      return [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => ({ ...s }));
    },
  };
}
