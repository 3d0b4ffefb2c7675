/**
 * Done-when of the beds issue: every file in ../shared/data/beds/ imports with its
 * mapping, and the figures in the store match the source rows — all of them for the
 * three dashboard CSVs (compared field by field), counted and spot-checked for the rest.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { parseCsv } from '../../src/beds/csv';
import { BedsService } from '../../src/beds/service';
import { silentLogger } from '../../src/log';
import { projectRoot } from '../../src/paths';
import type { Hospital } from '../../src/storage/repositories';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';

const DATA = resolve(projectRoot, '..', 'shared', 'data', 'beds');
const MAPPINGS = join(projectRoot, 'config', 'beds', 'mappings');
/** After the last figure in the files (2 May 2021): none of them is "in the future". */
const NOW = Date.UTC(2021, 4, 3, 0, 0, 0);

/** Which mapping reads which file. A new file in shared/data/beds must be added here. */
const MAPPING_OF: Record<string, string> = {
  'West_Bengal.csv': 'covidbedsindia',
  'Pune.csv': 'covidbedsindia',
  'Chhattisgarh.csv': 'covidbedsindia',
  'Chhattisgarh_info_raw.js': 'chhattisgarh-dashboard-js',
  'West_Bengal_vacant_beds_2021-04-25.csv': 'wb-vacant-beds-csv',
  'West_Bengal_vacant_beds_wlatlong.json': 'wb-vacant-beds-json',
};

let dir: string;
let store: SqliteStore;
let beds: BedsService;
const config = loadConfig({ DATA_DIR: tmpdir() });
const opened: SqliteStore[] = [];

async function freshStore(): Promise<void> {
  store = openSqliteStore({ file: join(dir, `beds-${opened.length}.db`) });
  opened.push(store);
  let n = 0;
  beds = new BedsService({ config, now: () => NOW, newId: () => `id-${++n}`, log: silentLogger });
  await beds.attach(store);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-beds-import-'));
});
afterAll(async () => {
  for (const s of opened) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const importFile = (file: string) => beds.importFile(join(DATA, file), { mapping: join(MAPPINGS, `${MAPPING_OF[file]}.yaml`) });

/** Each file imported once into its own store (the figures and spot checks read it). */
const imported = new Map<string, { store: SqliteStore; beds: BedsService; report: Awaited<ReturnType<typeof importFile>> }>();
async function importedAlone(file: string) {
  let found = imported.get(file);
  if (!found) {
    await freshStore();
    found = { store, beds, report: await importFile(file) };
    imported.set(file, found);
  }
  ({ store, beds } = found);
  return found.report;
}

it('has a mapping for every file in shared/data/beds', () => {
  expect(readdirSync(DATA).sort()).toEqual(Object.keys(MAPPING_OF).sort());
});

describe.each(Object.keys(MAPPING_OF))('%s', (file) => {
  it('imports with its mapping: every record read, no errors, written', async () => {
    const report = await importedAlone(file);
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.records).toBeGreaterThan(0);
    // A hospital listed twice in one feed (Pune lists one under two authorities) is one hospital.
    const ids = new Set(report.hospitals.map((h) => h.id));
    expect(await store.hospitals.count()).toBe(ids.size);
    expect(report.created).toBe(ids.size);
    expect(beds.directory.index.size).toBe(ids.size);
  });
});

/** The dashboards' column set: the store must hold exactly what each row says. */
describe.each(['West_Bengal.csv', 'Pune.csv', 'Chhattisgarh.csv'])('%s figures', (file) => {
  it('match the source row for every hospital and kind', async () => {
    const report = await importedAlone(file);
    const { header, rows } = parseCsv(readFileSync(join(DATA, file), 'utf8'));
    expect(report.hospitals).toHaveLength(rows.length);
    const col = (r: string[], name: string) => r[header.indexOf(name)]!.trim();
    const num = (v: string) => (v === '' ? null : Number(v));
    // Row i became record i (every row is readable); its id finds the stored hospital.
    const ids = report.hospitals.map((h) => h.id);
    const unknownTime = (r: string[]) => ['1970-01-01T00:00:00Z', 'Not Updated'].includes(col(r, 'last_updated_raw'));
    const stored = new Map((await store.hospitals.list()).map((h) => [h.id, h]));
    let merged = 0;
    for (const [i, { fields: r }] of rows.entries()) {
      const h = stored.get(ids[i]!)!;
      // A hospital listed twice keeps the counts of its row with a known time.
      if (ids.indexOf(ids[i]!) !== ids.lastIndexOf(ids[i]!) && unknownTime(r)) {
        merged += 1;
        continue;
      }
      if (ids.indexOf(ids[i]!) === ids.lastIndexOf(ids[i]!)) expect(h.name).toBe(col(r, 'hospital_name').replace(/\s+/g, ' '));
      for (const kind of ['general', 'oxygen', 'hdu', 'icu', 'ventilator', 'all']) {
        const total = num(col(r, `${kind}_total`));
        const vacant = num(col(r, `${kind}_vacant`));
        if (total === null && vacant === null) expect(h.beds[kind]).toBeUndefined();
        else expect({ name: h.name, kind, total: h.beds[kind]?.total, vacant: h.beds[kind]?.vacant }).toEqual({ name: h.name, kind, total, vacant });
      }
      if (unknownTime(r)) expect(h.beds.all?.updatedAt).toBeNull();
      else expect(h.beds.all?.updatedAt).toEqual(expect.any(Number));
      if (ids.indexOf(ids[i]!) !== ids.lastIndexOf(ids[i]!)) continue; // details: the later row's
      // A location far outside the row's district (another hospital's) is left out, with a warning on its line.
      const farOff = report.warnings.some((w) => w.line === rows[i]!.line && /location left out/.test(w.message));
      expect({ name: h.name, lat: h.location?.lat ?? null, lng: h.location?.lng ?? null }).toEqual({ name: h.name, lat: farOff ? null : num(col(r, 'lat')), lng: farOff ? null : num(col(r, 'lon')) });
    }
    expect(merged).toBe(file === 'Pune.csv' ? 1 : 0);
    // The rows with another place's coordinates (district-reach.ts; checked in search-shipped.test.ts).
    const farOff = report.warnings.filter((w) => /location left out/.test(w.message)).length;
    expect(farOff).toBe({ 'West_Bengal.csv': 6, 'Pune.csv': 0, 'Chhattisgarh.csv': 5 }[file]);
  });
});

/** The West Bengal health department lists (one overall count a row) and the dashboard's JS file. */
describe('West Bengal lists and the Chhattisgarh JS file: counted row by row', () => {
  const listRows = (file: string): Array<{ name: string; total: number; vacant: number }> => {
    const text = readFileSync(join(DATA, file), 'utf8');
    if (file.endsWith('.json')) {
      return (JSON.parse(text) as Array<Record<string, string>>).map((r) => ({ name: r['Hospital Name']!, total: Number(r['Total beds']), vacant: Number(r['Vacant beds']) }));
    }
    const { header, rows } = parseCsv(text);
    const col = (r: string[], name: string) => r[header.indexOf(name)]!.trim();
    return rows.map(({ fields: r }) => ({ name: col(r, 'Hospital Name'), total: Number(col(r, 'Total beds')), vacant: Number(col(r, 'Vacant beds')) }));
  };

  it.each(['West_Bengal_vacant_beds_2021-04-25.csv', 'West_Bengal_vacant_beds_wlatlong.json'])('%s: one hospital a row, its overall count as the row says', async (file) => {
    const report = await importedAlone(file);
    const rows = listRows(file);
    expect(rows.length).toBe(file.endsWith('.json') ? 4 : 68);
    expect(report.records).toBe(rows.length);
    expect(report.hospitals).toHaveLength(rows.length);
    expect(new Set(report.hospitals.map((h) => h.id)).size).toBe(rows.length);
    expect(await store.hospitals.count()).toBe(rows.length);
    const stored = new Map((await store.hospitals.list()).map((h) => [h.id, h]));
    for (const [i, row] of rows.entries()) {
      const h = stored.get(report.hospitals[i]!.id)!;
      expect({ name: h.name, beds: h.beds }).toEqual({ name: row.name.replace(/\s+/g, ' '), beds: { all: { total: row.total, vacant: row.vacant, updatedAt: expect.any(Number), source: 'wbhealth' } } });
    }
  });

  it('Chhattisgarh_info_raw.js: one hospital an object of the array', async () => {
    const report = await importedAlone('Chhattisgarh_info_raw.js');
    const text = readFileSync(join(DATA, 'Chhattisgarh_info_raw.js'), 'utf8');
    const objects = (text.match(/"UID":/g) ?? []).length;
    expect(objects).toBeGreaterThan(400);
    expect(report.records).toBe(objects);
    expect(report.hospitals).toHaveLength(objects);
    expect(await store.hospitals.count()).toBe(new Set(report.hospitals.map((h) => h.id)).size);
  });
});

describe('spot checks', () => {
  it('Chhattisgarh: a government CCC with its officer\'s number, times in IST', async () => {
    await importedAlone('Chhattisgarh.csv');
    const h = (await store.hospitals.get('chhattisgarh.balod.livelyhood-college-balod'))!;
    expect(h).toMatchObject({ name: 'Livelyhood College Balod', region: 'Chhattisgarh', district: 'Balod', phones: ['9826105264'], ownership: 'government', category: 'Covid Care Center' });
    expect(h.location).toEqual({ lat: 20.7157719, lng: 81.1914016 });
    expect(h.beds.general).toEqual({ total: 264, vacant: 65, updatedAt: Date.UTC(2021, 4, 1, 4, 34), source: 'covidbedsindia' });
    expect(h.beds.oxygen).toMatchObject({ total: 10, vacant: 0 });
    expect(h.beds.all).toMatchObject({ total: 274, vacant: 65 });
    const notUpdated = (await store.hospitals.list({ text: 'COVID CARE CENTER ANTAGARH' }))[0]!;
    expect(notUpdated.beds.all).toMatchObject({ total: 50, vacant: 50, updatedAt: null });
    expect(notUpdated.location).toBeNull();
  });

  it('Chhattisgarh: the dashboard\'s own JS file gives the same hospitals and figures as the CSV', async () => {
    await importedAlone('Chhattisgarh_info_raw.js');
    const fromJs = await store.hospitals.list();
    await importedAlone('Chhattisgarh.csv');
    const fromCsv = await store.hospitals.list();
    expect(fromJs.map((h) => h.id)).toEqual(fromCsv.map((h) => h.id));
    const strip = (h: Hospital) => ({ id: h.id, location: h.location, phones: h.phones, beds: Object.fromEntries(Object.entries(h.beds).map(([k, c]) => [k, { total: c.total, vacant: c.vacant, updatedAt: c.updatedAt }])) });
    expect(fromJs.map(strip)).toEqual(fromCsv.map(strip));
  });

  it('Pune: district and city from "Pune/PMC", phones out of "020-29525922 /", PIN from the address, UTC times', async () => {
    await importedAlone('Pune.csv');
    const coep = (await store.hospitals.get('maharashtra.pune.coep-jumbo-hospital'))!;
    expect(coep).toMatchObject({ region: 'Maharashtra', district: 'Pune', city: 'Pune', pincode: '411005', phones: ['020-25502110'], ownership: 'government', category: 'DCH' });
    expect(coep.beds.oxygen).toEqual({ total: 535, vacant: 8, updatedAt: Date.UTC(2021, 4, 1, 5, 24, 5), source: 'covidbedsindia' });
    expect(coep.beds.icu).toMatchObject({ total: 110, vacant: 0 });
    expect(coep.beds.hdu).toBeUndefined();
    const aundh = (await store.hospitals.get('maharashtra.pune.aundh-baner-dch'))!;
    expect(aundh.phones).toEqual(['020-29525922']);
    const pcmc = await store.hospitals.list({ text: 'Pimpri-Chinchwad' });
    expect(pcmc.length).toBe(157);
    // The epoch means "no time" in this feed.
    const noTime = (await store.hospitals.list()).filter((h) => h.beds.all && h.beds.all.updatedAt === null);
    expect(noTime.length).toBe(30);
  });

  it('West Bengal: the portal\'s overall counts, dated "01 May 2021" (midnight IST)', async () => {
    await importedAlone('West_Bengal.csv');
    const cnci = (await store.hospitals.get('west-bengal.kolkata.cnci'))!;
    expect(cnci.beds).toEqual({ all: { total: 425, vacant: 7, updatedAt: Date.UTC(2021, 3, 30, 18, 30), source: 'covidbedsindia' } });
    expect((await store.hospitals.list({ district: 'North 24 Parganas' })).length).toBe(12);
  });

  it('West Bengal lists: health districts filed under their districts; an older list never overwrites newer counts', async () => {
    await freshStore();
    await importFile('West_Bengal_vacant_beds_2021-04-25.csv');
    const bangur = (await store.hospitals.get('west-bengal.kolkata.m-r-bangur-dh-and-ssh'))!;
    expect(bangur.beds.all).toEqual({ total: 603, vacant: 139, updatedAt: Date.UTC(2021, 3, 24, 18, 30), source: 'wbhealth' });
    expect((await store.hospitals.get('west-bengal.purba-medinipur.chandipur-multi-speciality-hospital'))?.district).toBe('Purba Medinipur');
    expect((await store.hospitals.get('west-bengal.paschim-bardhaman.sanaka-hospital'))?.district).toBe('Paschim Bardhaman');

    // The portal of 1 May, then the list of 25 April again: the 1 May figures stay.
    await importFile('West_Bengal.csv');
    const report = await importFile('West_Bengal_vacant_beds_2021-04-25.csv');
    expect(report.countsKept).toBeGreaterThan(40);
    expect((await store.hospitals.get('west-bengal.kolkata.m-r-bangur-dh-and-ssh'))?.beds.all).toMatchObject({ total: 603, vacant: 112, updatedAt: Date.UTC(2021, 3, 30, 18, 30) });
    // ... and a re-import updates, never duplicates.
    expect(report.created).toBe(0);
  });

  it('West Bengal JSON: one long line, with coordinates', async () => {
    await importedAlone('West_Bengal_vacant_beds_wlatlong.json');
    const desun = (await store.hospitals.get('west-bengal.kolkata.desun-hospital-kolkata'))!;
    expect(desun.beds.all).toEqual({ total: 25, vacant: 17, updatedAt: Date.UTC(2021, 3, 28, 18, 30), source: 'wbhealth' });
    expect(desun.location).toEqual({ lat: 22.5145785, lng: 88.4032621201 });
  });
});
