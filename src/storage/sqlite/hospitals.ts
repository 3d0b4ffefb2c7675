/**
 * The hospital registry in SQLite (tables from the "hospital registry" migration).
 * Bed counts are one JSON column: nothing queries inside them (bed search runs on
 * an in-memory index, src/beds/bed-index.ts), and a hospital is read and written
 * whole. Merges run read-merge-write inside one IMMEDIATE transaction with the
 * rules shared by every driver (../hospital-merge.ts).
 */
import type Database from 'better-sqlite3';
import { mergeBeds, mergeHospital } from '../hospital-merge';
import type { BedCount, BedSourceStatus, Hospital, HospitalRepository, Ownership } from '../repositories';

interface HospitalRow {
  id: string;
  name: string;
  names: string;
  region: string | null;
  district: string | null;
  city: string | null;
  pincode: string | null;
  address: string | null;
  phones: string;
  ownership: Ownership | null;
  category: string | null;
  lat: number | null;
  lng: number | null;
  beds: string;
  created_at: number;
  updated_at: number;
}

interface SourceRow {
  id: string;
  last_attempt_at: number;
  last_success_at: number | null;
  ok: 0 | 1;
  error: string | null;
  rows: number;
  imported: number;
  skipped: number;
}

const COLUMNS = 'id, name, names, region, district, city, pincode, address, phones, ownership, category, lat, lng, beds, created_at, updated_at';

function toHospital(r: HospitalRow): Hospital {
  return {
    id: r.id,
    name: r.name,
    names: JSON.parse(r.names) as Hospital['names'],
    region: r.region,
    district: r.district,
    city: r.city,
    pincode: r.pincode,
    address: r.address,
    phones: JSON.parse(r.phones) as string[],
    ownership: r.ownership,
    category: r.category,
    location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
    beds: JSON.parse(r.beds) as Record<string, BedCount>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(h: Hospital): HospitalRow {
  return {
    id: h.id,
    name: h.name,
    names: JSON.stringify(h.names),
    region: h.region,
    district: h.district,
    city: h.city,
    pincode: h.pincode,
    address: h.address,
    phones: JSON.stringify(h.phones),
    ownership: h.ownership,
    category: h.category,
    lat: h.location?.lat ?? null,
    lng: h.location?.lng ?? null,
    beds: JSON.stringify(h.beds),
    created_at: h.createdAt,
    updated_at: h.updatedAt,
  };
}

/** LIKE with the pattern's own % and _ taken literally. */
const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function sqliteHospitals(db: Database.Database): HospitalRepository {
  const byId = db.prepare<[string], HospitalRow>(`SELECT ${COLUMNS} FROM hospitals WHERE id = ?`);
  const save = db.prepare<HospitalRow>(
    `INSERT INTO hospitals (${COLUMNS})
     VALUES (@id, @name, @names, @region, @district, @city, @pincode, @address, @phones, @ownership, @category, @lat, @lng, @beds, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, names = excluded.names, region = excluded.region, district = excluded.district,
       city = excluded.city, pincode = excluded.pincode, address = excluded.address, phones = excluded.phones, ownership = excluded.ownership,
       category = excluded.category, lat = excluded.lat, lng = excluded.lng, beds = excluded.beds, updated_at = excluded.updated_at`,
  );
  const saveBeds = db.prepare<[string, number, string]>('UPDATE hospitals SET beds = ?, updated_at = ? WHERE id = ?');
  const bump = db.prepare('UPDATE hospital_revision SET revision = revision + 1 WHERE id = 1');
  const revision = db.prepare<[], number>('SELECT revision FROM hospital_revision WHERE id = 1').pluck();
  const count = db.prepare<[], number>('SELECT count(*) FROM hospitals').pluck();
  const setToken = db.prepare<[string | null, number | null, string]>('UPDATE hospitals SET desk_token_hash = ?, desk_token_issued_at = ? WHERE id = ?');
  const getToken = db.prepare<[string], { hash: string | null; issued_at: number | null }>(
    'SELECT desk_token_hash AS hash, desk_token_issued_at AS issued_at FROM hospitals WHERE id = ?',
  );
  const saveSource = db.prepare<SourceRow>(
    `INSERT INTO bed_sources (id, last_attempt_at, last_success_at, ok, error, rows, imported, skipped)
     VALUES (@id, @last_attempt_at, @last_success_at, @ok, @error, @rows, @imported, @skipped)
     ON CONFLICT (id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
       ok = excluded.ok, error = excluded.error, rows = excluded.rows, imported = excluded.imported, skipped = excluded.skipped`,
  );
  const listSources = db.prepare<[], SourceRow>('SELECT id, last_attempt_at, last_success_at, ok, error, rows, imported, skipped FROM bed_sources ORDER BY id');

  const upsertMany = db.transaction((inputs: Parameters<HospitalRepository['upsertMany']>[0], now: number) => {
    let created = 0;
    let updated = 0;
    let countsKept = 0;
    for (const input of inputs) {
      const row = byId.get(input.id);
      const { hospital, kept } = mergeHospital(row && toHospital(row), input, now);
      if (row) updated += 1;
      else created += 1;
      countsKept += kept;
      save.run(toRow(hospital));
    }
    if (inputs.length) bump.run();
    return { created, updated, countsKept };
  });

  const updateBeds = db.transaction((id: string, beds: Record<string, BedCount>, now: number): Hospital | undefined => {
    const row = byId.get(id);
    if (!row) return undefined;
    const h = toHospital(row);
    h.beds = mergeBeds(h.beds, beds).beds;
    h.updatedAt = now;
    saveBeds.run(JSON.stringify(h.beds), now, id);
    bump.run();
    return h;
  });

  const setDeskToken = db.transaction((id: string, hash: string | null, at: number | null): boolean => {
    const changed = setToken.run(hash, at, id).changes === 1;
    if (changed) bump.run();
    return changed;
  });

  return {
    async upsertMany(inputs, now) {
      return upsertMany.immediate(inputs, now);
    },
    async get(id) {
      const row = byId.get(id);
      return row && toHospital(row);
    },
    async list(q = {}) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (q.district !== undefined) {
        where.push('district = ?');
        params.push(q.district);
      }
      if (q.text !== undefined) {
        where.push("(lower(name) LIKE ? ESCAPE '\\' OR lower(district) LIKE ? ESCAPE '\\' OR lower(city) LIKE ? ESCAPE '\\')");
        const p = likePattern(q.text);
        params.push(p, p, p);
      }
      if (q.afterId !== undefined) {
        where.push('id > ?');
        params.push(q.afterId);
      }
      const limit = q.limit === undefined || q.limit < 0 ? -1 : q.limit;
      const sql = `SELECT ${COLUMNS} FROM hospitals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${Math.floor(limit)}`;
      return db.prepare<Array<string | number>, HospitalRow>(sql).all(...params).map(toHospital);
    },
    async count() {
      return count.get() ?? 0;
    },
    async updateBeds(id, beds, now) {
      return updateBeds.immediate(id, beds, now);
    },
    async revision() {
      return revision.get() ?? 0;
    },
    async setDeskToken(id, token) {
      return setDeskToken.immediate(id, token?.hash ?? null, token?.issuedAt ?? null);
    },
    async deskToken(id) {
      const row = getToken.get(id);
      return row?.hash && row.issued_at !== null ? { hash: row.hash, issuedAt: row.issued_at } : undefined;
    },
    async saveSourceStatus(s: BedSourceStatus) {
      saveSource.run({
        id: s.id,
        last_attempt_at: s.lastAttemptAt,
        last_success_at: s.lastSuccessAt,
        ok: s.ok ? 1 : 0,
        error: s.error,
        rows: s.rows,
        imported: s.imported,
        skipped: s.skipped,
      });
    },
    async listSourceStatus() {
      return listSources.all().map((r) => ({
        id: r.id,
        lastAttemptAt: r.last_attempt_at,
        lastSuccessAt: r.last_success_at,
        ok: r.ok === 1,
        error: r.error,
        rows: r.rows,
        imported: r.imported,
        skipped: r.skipped,
      }));
    },
  };
}
