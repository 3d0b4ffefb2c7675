/**
 * The in-memory index follows the store: its own writes at once, another
 * process's writes (here: a second handle on the same SQLite file) within the
 * check interval, and a failed check never loses the index it has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { BedsService } from '../../src/beds/service';
import { silentLogger } from '../../src/log';
import { projectRoot } from '../../src/paths';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-directory-test' });
const FIXTURE = join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv');
const MAPPING = join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml');

let dir: string;
let service: SqliteStore;
let cli: SqliteStore;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-directory-'));
  service = openSqliteStore({ file: join(dir, 'sahay.db') });
  cli = openSqliteStore({ file: join(dir, 'sahay.db') });
  clock = Date.UTC(2021, 4, 1, 10);
});
afterEach(async () => {
  await service.close();
  await cli.close();
  rmSync(dir, { recursive: true, force: true });
});

const make = () => new BedsService({ config, now: () => clock, newId: () => Math.random().toString(36), log: silentLogger });

it('sees an import made by another process at the next check, not before', async () => {
  const running = make();
  await running.attach(service);
  expect(running.directory.index.size).toBe(0);

  const other = make();
  await other.attach(cli);
  await other.importFile(FIXTURE, { mapping: MAPPING });

  await running.directory.ensureFresh(); // checked at attach, less than 5 s ago: no read yet
  expect(running.directory.index.size).toBe(0);
  clock += 5000;
  await running.directory.ensureFresh();
  expect(running.directory.index.size).toBe(10);
  expect(running.finder.find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen' }).results[0]?.id).toBe('chhattisgarh.raipur.aiims-raipur');
});

it('keeps answering from memory when the store cannot be read', async () => {
  const running = make();
  await running.attach(service);
  await running.importFile(FIXTURE, { mapping: MAPPING });
  await service.close();
  clock += 60_000;
  await expect(running.directory.ensureFresh()).resolves.toBeUndefined();
  expect(running.directory.index.size).toBe(10);
  service = openSqliteStore({ file: join(dir, 'sahay.db') });
});

it('its own writes need no reload; another process\'s desk update is picked up', async () => {
  const running = make();
  await running.attach(service);
  await running.importFile(FIXTURE, { mapping: MAPPING });
  await running.updateBeds('chhattisgarh.raipur.aiims-raipur', { oxygen: { vacant: 1 } }, { source: 'desk' });
  expect(running.directory.index.get('chhattisgarh.raipur.aiims-raipur')?.hospital.beds.oxygen?.vacant).toBe(1);

  const other = make();
  await other.attach(cli);
  clock += 60_000;
  await other.updateBeds('chhattisgarh.raipur.aiims-raipur', { oxygen: { vacant: 9 } }, { source: 'console' });
  await running.directory.ensureFresh();
  expect(running.directory.index.get('chhattisgarh.raipur.aiims-raipur')?.hospital.beds.oxygen).toMatchObject({ vacant: 9, source: 'console' });
});
