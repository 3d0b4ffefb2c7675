/**
 * Import rules: problems by line and field; a file with problems changes nothing
 * unless partial; re-imports update instead of duplicating; newer counts win;
 * the canonical schema (male/female splits, Bengali and Hindi names).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { parseMapping } from '../../src/beds/mapping';
import { BedsService } from '../../src/beds/service';
import { silentLogger } from '../../src/log';
import { projectRoot } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { Store } from '../../src/storage/repositories';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-importer-test' });
const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
const fixture = (f: string) => join(projectRoot, 'test', 'fixtures', 'beds', f);
const mappingFile = (m: string) => join(projectRoot, 'config', 'beds', 'mappings', `${m}.yaml`);
const shared = (f: string) => resolve(projectRoot, '..', 'shared', 'data', 'beds', f);

let store: Store;
let beds: BedsService;
let clock: number;
beforeEach(async () => {
  store = createMemoryStore();
  clock = NOW;
  let n = 0;
  beds = new BedsService({ config, now: () => clock, newId: () => `id-${++n}`, log: silentLogger });
  await beds.attach(store);
});

const simple = parseMapping(
  {
    format: 'csv',
    source: 'test-feed',
    fields: { name: 'Hospital', district: 'District', region: { value: 'West Bengal' }, phones: 'Contact', lat: 'Lat', lng: 'Lng' },
    updated: { column: 'Updated', formats: ['DD/MM/YYYY HH:mm', 'D MMM YYYY, hmmA'], unknown: ['Not Updated'] },
    beds: { oxygen: { total: 'O2 Total', vacant: 'O2 Free' }, all: { total: 'Total', vacant: 'Free' } },
  },
  config.beds.kinds,
  'test mapping',
  'file:test.csv',
);
const HEADER = 'Hospital,District,Contact,Lat,Lng,Updated,O2 Total,O2 Free,Total,Free\r\n';

describe('a messy feed', () => {
  const text =
    '\ufeff' +
    HEADER +
    '"Desun Hospital, Kolkata",Kolkata,"Dr. A. Roy 98300 11111 / 033-2345 6789",22.51,88.40,01/05/2021 10:04,20,NA,25,-\r\n' +
    'CNCI,Kolkata,na,22.52,88.34,"2 May 2021, 500PM",,,425,7\r\n' +
    'Bad Count Hospital,Howrah,,,,01/05/2021 09:00,ten,2,10,2\r\n' +
    ',Howrah,,,,01/05/2021 09:00,1,1,1,1\r\n' +
    'Bad Date Hospital,Howrah,,,,31/02/2021 09:00,1,1,1,1\r\n' +
    'Bad Place Hospital,Howrah,,95.5,88.1,Not Updated,1,1,1,1\r\n' +
    'Short Row,Howrah\r\n';

  it('reports every unreadable record by line and column, and writes nothing', async () => {
    clock = Date.UTC(2021, 4, 3);
    const report = await beds.importText(text, simple);
    expect(report.written).toBe(false);
    expect(await store.hospitals.count()).toBe(0);
    expect(report.errors.map((e) => ({ line: e.line, field: e.field, value: e.value }))).toEqual([
      { line: 8, field: undefined, value: undefined },
      { line: 4, field: 'O2 Total', value: 'ten' },
      { line: 5, field: 'Hospital', value: undefined },
      { line: 6, field: 'Updated', value: '31/02/2021 09:00' },
      { line: 7, field: 'Lat', value: '95.5' },
    ]);
    expect(report.errors[0]!.message).toBe('2 fields, but the header has 10');
    expect(report.errors[1]!.message).toBe('not a whole number of beds (0 or more)');
    expect(report.errors[2]!.message).toBe('the hospital name is missing');
  });

  it('with partial, writes the readable records: blanks, NA and "-" are "not given", names are dropped from phone cells', async () => {
    clock = Date.UTC(2021, 4, 3);
    const report = await beds.importText(text, simple, { partial: true });
    expect(report.written).toBe(true);
    expect(report.created).toBe(2);
    const desun = (await store.hospitals.get('west-bengal.kolkata.desun-hospital-kolkata'))!;
    expect(desun.phones).toEqual(['98300 11111', '033-2345 6789']);
    expect(desun.beds.oxygen).toEqual({ total: 20, vacant: null, updatedAt: Date.UTC(2021, 4, 1, 4, 34), source: 'test-feed' });
    expect(desun.beds.all).toEqual({ total: 25, vacant: null, updatedAt: Date.UTC(2021, 4, 1, 4, 34), source: 'test-feed' });
    const cnci = (await store.hospitals.get('west-bengal.kolkata.cnci'))!;
    expect(cnci.phones).toEqual([]);
    expect(cnci.beds.oxygen).toBeUndefined();
    expect(cnci.beds.all).toMatchObject({ total: 425, vacant: 7, updatedAt: Date.UTC(2021, 4, 2, 11, 30) });
  });

  it('refuses times in the future (a wrong format or zone), by line', async () => {
    clock = Date.UTC(2021, 4, 1, 4, 0); // before 10:04 IST on 1 May
    const report = await beds.importText(HEADER + 'Early,Kolkata,,,,01/05/2021 10:04,1,1,1,1\r\n', simple);
    expect(report.errors).toEqual([{ line: 2, field: 'Updated', message: 'the time is in the future (check the format and time zone)', value: '01/05/2021 10:04' }]);
  });
});

describe('file-level problems', () => {
  it('a column the mapping names but the header lacks stops the import, naming it', async () => {
    const report = await beds.importText('Hospital,District\nX,Kolkata\n', simple);
    expect(report.written).toBe(false);
    expect(report.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['Contact', 'Updated', 'O2 Total']));
    expect(report.errors.every((e) => e.line === 1)).toBe(true);
  });

  it('a header naming a column twice stops the import', async () => {
    const report = await beds.importText(HEADER.replace('Lat', 'Lng'), simple);
    expect(report.errors).toContainEqual({ line: 1, field: 'Lng', message: 'the header names this column twice' });
  });

  it('JSON that does not parse, or is not a list of records', async () => {
    const json = parseMapping({ format: 'json', fields: { name: 'name' } }, config.beds.kinds, 'm', 'file:x.json');
    expect((await beds.importText('{oops', json)).errors[0]!.message).toMatch(/^not valid JSON/);
    expect((await beds.importText('{"a": 1}', json)).errors[0]!.message).toBe('the document is not an array of records');
  });

  it('JSON that does not parse is reported by line and column, never quoting the feed (names, phone numbers)', async () => {
    // The Chhattisgarh dashboard's script with one contact in single quotes, as a hand edit leaves it.
    const real = readFileSync(shared('Chhattisgarh_info_raw.js'), 'utf8');
    const broken = real.replace('"CONTACT": "Dr. Indra Kumar Chandrakar 9826105264"', `"CONTACT": 'Dr. Indra Kumar Chandrakar 9826105264'`);
    expect(broken).not.toBe(real);
    const report = await beds.importText(broken, beds.mappingFor('x.js', { mapping: mappingFile('chhattisgarh-dashboard-js') }));
    expect(report).toMatchObject({ written: false, fatal: true, errors: [{ line: 0, message: 'not valid JSON at line 8, column 16' }] });
    const repro = `chhattisgarh_data=[{ "HOSPITAL_NAME": "X", "CONTACT": 'Dr. Indra Kumar Chandrakar 9826105264' }]`;
    const json = parseMapping({ format: 'json', fields: { name: 'HOSPITAL_NAME' } }, config.beds.kinds, 'm', 'file:x.json');
    expect((await beds.importText(repro, json)).errors).toEqual([{ line: 0, message: 'not valid JSON at line 1, column 55' }]);
    expect((await beds.importText('[\n  {"name": "कोविड अस्पताल" x}]', json)).errors[0]!.message).toBe('not valid JSON at line 2, column 28');
    expect((await beds.importText('\ufeff[{"name": "A"},', json)).errors[0]!.message).toBe('not valid JSON at line 1, column 16 (the text ends before the JSON does)');
  });
});

describe('a spreadsheet saved by Excel', () => {
  // West Bengal's vacant-bed list as Excel saves it once cells to its right were used:
  // two columns without a name (`…,Last_Updated,,`), every line ending in `,,`, and rows
  // of only empty cells after the last hospital.
  const plain = readFileSync(shared('West_Bengal_vacant_beds_2021-04-25.csv'), 'utf8');
  const lines = plain.split(/\r?\n/).filter((l) => l !== '');
  const excel = (cell: (line: number) => string = () => '') => [...lines.map((l, i) => `${l},${cell(i + 1)},`), ',,,,,,,', ',,,,,,,', ''].join('\r\n');
  const wb = () => beds.mappingFor('x.csv', { mapping: mappingFile('wb-vacant-beds-csv') });

  it('imports as the file without them: empty rows and empty unnamed columns are nothing to read', async () => {
    const expected = await beds.importText(plain, wb());
    expect(expected).toMatchObject({ written: true, errors: [] });
    const hospitals = await store.hospitals.list();
    store = createMemoryStore();
    await beds.attach(store);
    const report = await beds.importText(excel(), wb());
    expect(report).toMatchObject({ written: true, errors: [], warnings: expected.warnings, records: expected.records, created: expected.created });
    expect(await store.hospitals.list()).toEqual(hospitals);
  });

  it('refuses an unnamed column that holds data, naming it by its place, as a problem of the whole file', async () => {
    const report = await beds.importText(excel((line) => (line === 5 ? 'note' : '')), wb());
    expect(report).toMatchObject({ written: false, fatal: true, created: 0 });
    expect(report.errors).toEqual([{ line: 1, field: '(unnamed column 7)', message: 'a column without a name holds data (line 5): name it (and read it in the mapping), or remove it' }]);
  });

  it('reports header problems on the header\'s own line, after blank lines', async () => {
    const report = await beds.importText('\r\n,,,,,,,\r\n' + excel().replace('Vacant beds', 'Vacant'), wb());
    expect(report.errors).toEqual([{ line: 3, field: 'Vacant beds', message: 'the mapping names this column, but the header has only: District, Hospital Name, Total beds, Total Patients, Vacant, Last_Updated' }]);
    const twice = await beds.importText('\n' + HEADER.replace('Lat', 'Lng'), simple);
    expect(twice.errors).toContainEqual({ line: 2, field: 'Lng', message: 'the header names this column twice' });
    expect(twice.errors.every((e) => e.line === 2)).toBe(true);
  });
});

describe('JSON feeds', () => {
  it('reads a dashboard script (`name=[...]`), with records by line and index', async () => {
    const mapping = parseMapping(
      { format: 'json', fields: { name: 'HOSPITAL', district: 'DISTRICT', region: { value: 'Chhattisgarh' } }, beds: { icu: { total: 'ICU_T', vacant: 'ICU_V' } } },
      config.beds.kinds,
      'm',
      'file:x.js',
    );
    const text = 'var data = [\n  {"HOSPITAL": "A", "DISTRICT": "RAIPUR", "ICU_T": 10, "ICU_V": 2},\n  {"HOSPITAL": "B", "DISTRICT": "DURG",\n   "ICU_T": 4, "ICU_V": -1},\n  "not a record"\n];\n';
    const report = await beds.importText(text, mapping);
    expect(report.errors).toEqual([
      { line: 5, record: 3, message: 'not an object with named fields' },
      { line: 3, record: 2, field: 'ICU_V', message: 'not a whole number of beds (0 or more)', value: '-1' },
    ]);
    const partial = await beds.importText(text, mapping, { partial: true });
    expect(partial.created).toBe(1);
    expect((await store.hospitals.get('chhattisgarh.raipur.a'))?.beds.icu).toEqual({ total: 10, vacant: 2, updatedAt: null, source: 'file:x.js' });
  });

  it('reads records at a path inside the document', async () => {
    const mapping = parseMapping({ format: 'json', records: 'data.hospitals', fields: { name: 'n' } }, config.beds.kinds, 'm', 'file:x.json');
    const report = await beds.importText('{"data": {"hospitals": [{"n": "One"}, {"n": "Two"}]}}', mapping);
    expect(report.created).toBe(2);
  });
});

describe('the canonical schema (no mapping)', () => {
  it('reads ids, names in three languages, PIN, male/female splits and ISO or local times', async () => {
    const report = await beds.importFile(fixture('canonical.csv'));
    expect(report.errors).toEqual([]);
    const one = (await store.hospitals.get('test-sahay-1'))!;
    expect(one).toMatchObject({
      name: 'Sahay Test Hospital',
      names: { bn: 'সহায় টেস্ট হাসপাতাল', hi: 'सहाय टेस्ट अस्पताल' },
      district: 'Howrah',
      pincode: '711101',
      phones: ['033-0000-0001', '90000 00001'],
      ownership: 'government',
    });
    expect(one.beds.oxygen).toEqual({ total: 20, vacant: 4, male: { total: null, vacant: 0 }, female: { total: null, vacant: 4 }, updatedAt: Date.UTC(2021, 4, 1, 8), source: 'file:canonical.csv' });
    const two = (await store.hospitals.get('test-sahay-2'))!;
    expect(two.beds.all).toEqual({ total: 30, vacant: 3, updatedAt: Date.UTC(2021, 4, 1, 6, 30), source: 'file:canonical.csv' });
    expect(two.phones).toEqual([]);
  });

  it('needs only a name column', async () => {
    const report = await beds.importText('district,name\nKolkata,Only A Name\n', beds.mappingFor('x.csv'));
    expect(report.created).toBe(1);
    expect(await store.hospitals.get('kolkata.only-a-name')).toBeDefined();
    const none = await beds.importText('district\nKolkata\n', beds.mappingFor('x.csv'));
    expect(none.errors[0]).toMatchObject({ line: 1, field: 'name' });
  });
});

describe('columns the canonical schema does not know', () => {
  const text = 'name,district,region,Oxygen_Vacant,oxygen_total,icu_vacnt,notes\nNew Town Covid Centre,Kolkata,West Bengal,12,40,3,x\n';

  it('refuse the file on line 1, naming each column and the known one it probably meant; nothing is written', async () => {
    const report = await beds.importText(text, beds.mappingFor('x.csv'));
    expect(report.written).toBe(false);
    expect(report.errors).toEqual([
      { line: 1, field: 'Oxygen_Vacant', message: expect.stringMatching(/not a column of the canonical schema.*did you mean oxygen_vacant\?/) },
      { line: 1, field: 'icu_vacnt', message: expect.stringMatching(/not a column of the canonical schema.*did you mean icu_vacant\?/) },
      { line: 1, field: 'notes', message: expect.not.stringContaining('did you mean') },
    ]);
    expect(report.warnings).toEqual([]);
    expect(await store.hospitals.count()).toBe(0);
    // Even with partial: the column would be lost from every record.
    expect((await beds.importText(text, beds.mappingFor('x.csv'), { partial: true })).written).toBe(false);
  });

  it('refuse a JSON record with a key the schema does not know, naming the record and the key', async () => {
    const json = JSON.stringify([
      { name: 'New Town Covid Centre', district: 'Kolkata', Oxygen_Vacant: 12, oxygen_total: 40 },
      { name: 'Salt Lake Centre', district: 'Kolkata', oxygen_vacant: 5, oxygen_total: 10 },
    ]);
    const report = await beds.importText(json, beds.mappingFor('x.json'));
    expect(report.written).toBe(false);
    expect(report.errors).toEqual([{ line: expect.any(Number), record: 1, field: 'Oxygen_Vacant', message: expect.stringMatching(/did you mean oxygen_vacant\?/) }]);
    expect(await store.hospitals.count()).toBe(0);
  });

  it('refuse a column without a name', async () => {
    const report = await beds.importText('name,,district\nA,5,Kolkata\n', beds.mappingFor('x.csv'));
    expect(report.errors).toEqual([{ line: 1, field: '(unnamed column 2)', message: expect.stringContaining('without a name holds data (line 2)') }]);
  });

  it('are left alone by a mapping file, which names the columns it reads', async () => {
    const mapping = parseMapping({ fields: { name: 'name', district: 'district' }, beds: { oxygen: { total: 'oxygen_total' } } }, config.beds.kinds, 'm.yaml', 'file:x.csv');
    const report = await beds.importText(text, mapping);
    expect(report).toMatchObject({ written: true, created: 1, errors: [] });
  });
});

describe('re-imports', () => {
  it('update the same hospitals; an older file keeps newer counts; a desk update survives an old re-import', async () => {
    const mapping = mappingFile('covidbedsindia');
    const first = await beds.importFile(fixture('chhattisgarh-raipur.csv'), { mapping });
    expect(first.created).toBe(10);
    const again = await beds.importFile(fixture('chhattisgarh-raipur.csv'), { mapping });
    expect({ created: again.created, updated: again.updated }).toEqual({ created: 0, updated: 10 });
    expect(await store.hospitals.count()).toBe(10);

    await beds.updateBeds('chhattisgarh.raipur.aiims-raipur', { oxygen: { vacant: 3 } }, { source: 'desk' });
    const third = await beds.importFile(fixture('chhattisgarh-raipur.csv'), { mapping });
    expect(third.countsKept).toBe(1);
    const aiims = (await store.hospitals.get('chhattisgarh.raipur.aiims-raipur'))!;
    expect(aiims.beds.oxygen).toMatchObject({ vacant: 3, source: 'desk', updatedAt: NOW });
    // The desk gave no total: the stored one stays.
    expect(aiims.beds.oxygen?.total).toBe(first.hospitals.find((h) => h.id === aiims.id)?.beds.oxygen?.total);
  });

  it('reports progress for a progress bar', async () => {
    const seen: Array<[number, number]> = [];
    await beds.importFile(fixture('chhattisgarh-raipur.csv'), { mapping: mappingFile('covidbedsindia'), progress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([10, 10]);
  });

  it('keeps the search index current', async () => {
    await beds.importFile(fixture('chhattisgarh-raipur.csv'), { mapping: mappingFile('covidbedsindia') });
    expect(beds.directory.index.size).toBe(10);
    expect(beds.directory.index.inDistrict('raipur').size).toBe(9);
  });
});

describe('mapping files', () => {
  it('are checked against the bed kinds and the schema, with file and field', () => {
    expect(() => parseMapping({ fields: { name: 'n' }, beds: { oxygn: { vacant: 'x' } } }, config.beds.kinds, 'm.yaml', 's')).toThrow('m.yaml: beds.oxygn: not a bed kind');
    expect(() => parseMapping({ fields: { district: 'd' } }, config.beds.kinds, 'm.yaml', 's')).toThrow("m.yaml: fields.name: every mapping must say where the hospital's name is");
    expect(() => parseMapping({ fields: { name: 'n' }, updated: { column: 'u', formats: ['HH:mm'] } }, config.beds.kinds, 'm.yaml', 's')).toThrow('m.yaml: updated.formats.0:');
    expect(() => parseMapping({ fields: { name: 'n' }, timezone: 'Mars/Base' }, config.beds.kinds, 'm.yaml', 's')).toThrow('m.yaml: timezone:');
  });
});
