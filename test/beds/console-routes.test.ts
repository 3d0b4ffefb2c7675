/**
 * The console's beds API (admins only): list and search hospitals, edit counts,
 * issue and revoke desk tokens, import a feed, refresh status; and the screen in
 * the navigation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mountBedsConsole } from '../../src/beds/console-routes';
import { BedRefresher } from '../../src/beds/refresh';
import { BedsService } from '../../src/beds/service';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { projectRoot } from '../../src/paths';
import { PASSWORDS, startConsole, T0, type Harness } from '../console/harness';

const FIXTURE = join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv');
const AIIMS = 'chhattisgarh.raipur.aiims-raipur';
const MISSING = join(projectRoot, 'test/fixtures/beds/no-such-feed.csv');
const DAY = 24 * 60 * 60_000;

let h: Harness;
let beds: BedsService;
beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: '/tmp/sahay-beds-console-test' });
  let n = 0;
  beds = new BedsService({ config, now: () => h.clock.now, newId: () => `b-${++n}`, log: silentLogger });
  const sources = [
    { id: 'raipur-file', file: FIXTURE, mapping: join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml'), cron: '0 * * * *', partial: false, runOnStart: false, timeoutMs: 30_000, headers: {} },
    // A refresh that writes nothing (the file is not there).
    { id: 'missing-file', file: MISSING, cron: '0 * * * *', partial: false, runOnStart: false, timeoutMs: 30_000, headers: {} },
  ];
  const refresher = new BedRefresher({ beds, sources, log: silentLogger, now: () => h.clock.now });
  h = await startConsole({ beforeFinish: ({ consoleApp }) => mountBedsConsole(consoleApp, { beds, refresher }) });
  await beds.attach(h.store);
  await h.account('admin1', ['admin']);
  await h.account('op1', ['operator']);
  // The beds service and the console once for the file: seconds of work, which a loaded machine can
  // stretch past the default 20 s (seen beside other suites).
}, 60_000);
afterAll(async () => h.close());

async function admin() {
  const c = h.client();
  expect((await c.signIn('admin1', PASSWORDS.admin)).status).toBe(200);
  return c;
}

it('shows the Beds screen to admins only', async () => {
  const c = await admin();
  expect((await c.req('GET', '/api/console/session')).body.nav.map((n: { id: string }) => n.id)).toContain('beds');
  const op = h.client();
  await op.signIn('op1', PASSWORDS.operator);
  expect((await op.req('GET', '/api/console/session')).body.nav.map((n: { id: string }) => n.id)).not.toContain('beds');
  expect((await op.req('GET', '/api/admin/beds/hospitals')).status).toBe(403);
  expect((await h.client().req('GET', '/api/admin/beds/hospitals')).status).toBe(401);
});

it('imports a feed sent as text, with a shipped mapping; problems come back by line', async () => {
  const c = await admin();
  const text = readFileSync(FIXTURE, 'utf8');
  const bad = await c.req('POST', '/api/admin/beds/import?mapping=covidbedsindia', text.replace(/,61,/, ',sixty,'), { 'content-type': 'text/plain' });
  expect(bad.status).toBe(200);
  expect(bad.body).toMatchObject({ written: false, errorCount: 1, errors: [{ field: 'oxygen_vacant', value: 'sixty' }] });
  const ok = await c.req('POST', '/api/admin/beds/import?mapping=covidbedsindia', text, { 'content-type': 'text/plain' });
  expect(ok.body).toMatchObject({ written: true, records: 10, created: 10 });
  expect((await c.req('POST', '/api/admin/beds/import?mapping=../../etc/passwd', text, { 'content-type': 'text/plain' })).status).toBe(400);
  expect((await c.req('POST', '/api/admin/beds/import?mapping=nope', text, { 'content-type': 'text/plain' })).status).toBe(400);
  // Without the CSRF token: refused.
  expect((await c.req('POST', '/api/admin/beds/import', text, { 'content-type': 'text/plain', 'x-csrf-token': 'wrong' })).status).toBe(403);
  const audit = await h.store.audit.list({ limit: 5, action: 'beds.imported' });
  expect(audit[0]?.actorId).toBeTruthy();
});

it('lists and searches hospitals, and edits counts (recorded as the console, by the admin)', async () => {
  const c = await admin();
  const list = await c.req('GET', '/api/admin/beds/hospitals?text=aiims');
  expect(list.body.hospitals.map((x: { id: string }) => x.id)).toEqual([AIIMS]);
  expect(list.body.kinds).toEqual(['general', 'oxygen', 'hdu', 'icu', 'ventilator']);
  const res = await c.req('PUT', `/api/admin/beds/hospitals/${AIIMS}/counts`, { beds: { oxygen: { vacant: 2, total: 100 } } });
  expect(res.status).toBe(200);
  expect(res.body.hospital.beds.oxygen).toEqual({ total: 100, vacant: 2, updatedAt: T0, source: 'console' });
  expect(beds.directory.index.get(AIIMS)?.hospital.beds.oxygen?.vacant).toBe(2);
  expect((await c.req('PUT', `/api/admin/beds/hospitals/${AIIMS}/counts`, { beds: { oxygen: { vacant: 200, total: 100 } } })).status).toBe(400);
  expect((await c.req('PUT', '/api/admin/beds/hospitals/nope/counts', { beds: { oxygen: { vacant: 1 } } })).status).toBe(404);
  const audit = await h.store.audit.list({ limit: 5, action: 'hospital.beds_updated' });
  expect(audit[0]).toMatchObject({ targetId: AIIMS, details: { source: 'console' } });
  expect(audit[0]?.actorId).not.toBeNull();
});

it('refuses counts dated in the future, which would outrank every real update until that date', async () => {
  const c = await admin();
  const before = (await h.store.hospitals.get(AIIMS))!.beds;
  const res = await c.req('PUT', `/api/admin/beds/hospitals/${AIIMS}/counts`, { beds: { oxygen: { vacant: 1, total: 100 } }, updatedAt: new Date(h.clock.now + 365 * DAY).toISOString() });
  expect(res.status).toBe(400);
  expect(res.body.error).toEqual({ code: 'bad_request', message: 'Invalid request: updatedAt: is in the future', details: [{ path: 'updatedAt', message: 'is in the future' }] });
  expect((await h.store.hospitals.get(AIIMS))!.beds).toEqual(before);
  // So the next real edit still counts.
  const next = await c.req('PUT', `/api/admin/beds/hospitals/${AIIMS}/counts`, { beds: { oxygen: { vacant: 3, total: 100 } } });
  expect(next.body.hospital.beds.oxygen).toMatchObject({ vacant: 3, updatedAt: h.clock.now });
});

it('checks vacant against the total that will be stored when the edit leaves the total out', async () => {
  const c = await admin();
  const put = (beds: unknown) => c.req('PUT', `/api/admin/beds/hospitals/${AIIMS}/counts`, { beds });
  expect((await put({ icu: { vacant: 1, total: 20 } })).status).toBe(200);
  const refused = await put({ icu: { vacant: 500 } });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details).toEqual([{ path: 'beds.icu.vacant', message: 'must not be more than the total (20)' }]);
  expect((await h.store.hospitals.get(AIIMS))!.beds.icu).toMatchObject({ total: 20, vacant: 1 });
  // A total given in the same edit is the one checked against.
  expect((await put({ icu: { vacant: 500, total: 600 } })).status).toBe(200);
});

it('refuses a feed in the canonical schema with a column it does not know, naming the column and the likely one', async () => {
  const c = await admin();
  const text = 'name,district,region,Oxygen_Vacant,oxygen_total\nNew Town Covid Centre,Kolkata,West Bengal,12,40\n';
  const res = await c.req('POST', '/api/admin/beds/import', text, { 'content-type': 'text/plain' });
  expect(res.status).toBe(200);
  // A problem of the whole file (`fatal`): the screen does not offer to import the readable records.
  expect(res.body).toMatchObject({ written: false, fatal: true, created: 0, errorCount: 1, errors: [{ line: 1, field: 'Oxygen_Vacant', message: expect.stringContaining('oxygen_vacant') }] });
  expect(await h.store.hospitals.get('west-bengal.kolkata.new-town-covid-centre')).toBeUndefined();
  const rows = await c.req('POST', '/api/admin/beds/import', 'name,district,oxygen_vacant\nA,Kolkata,many\n', { 'content-type': 'text/plain' });
  expect(rows.body).toMatchObject({ written: false, fatal: false, errorCount: 1 });
});

it('issues a desk token (shown once) and revokes it', async () => {
  const c = await admin();
  const issued = await c.req('POST', `/api/admin/beds/hospitals/${AIIMS}/desk-token`);
  expect(issued.status).toBe(201);
  expect(await beds.deskTokenValid(AIIMS, issued.body.token)).toBe(true);
  const listed = await c.req('GET', '/api/admin/beds/hospitals?text=aiims');
  expect(listed.body.hospitals[0].deskTokenIssuedAt).toBe(T0);
  expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
  expect((await c.req('DELETE', `/api/admin/beds/hospitals/${AIIMS}/desk-token`)).status).toBe(204);
  expect(await beds.deskTokenValid(AIIMS, issued.body.token)).toBe(false);
  expect((await c.req('POST', '/api/admin/beds/hospitals/nope/desk-token')).status).toBe(404);
});

it('shows the refresh sources with their status, and refreshes one now', async () => {
  const c = await admin();
  expect((await c.req('GET', '/api/admin/beds/sources')).body.sources).toEqual([
    { id: 'raipur-file', location: FIXTURE, cron: '0 * * * *', partial: false, status: null },
    { id: 'missing-file', location: MISSING, cron: '0 * * * *', partial: false, status: null },
  ]);
  const run = await c.req('POST', '/api/admin/beds/sources/raipur-file/refresh');
  expect(run.body.status).toMatchObject({ ok: true, rows: 10 });
  expect((await c.req('GET', '/api/admin/beds/sources')).body.sources[0].status).toMatchObject({ ok: true });
  expect((await c.req('POST', '/api/admin/beds/sources/nope/refresh')).status).toBe(404);
  expect((await c.req('GET', '/api/admin/beds/mappings')).body.mappings).toEqual(['chhattisgarh-dashboard-js', 'covidbedsindia', 'wb-vacant-beds-csv', 'wb-vacant-beds-json']);
});

it('audits a refresh an admin asks for, as that admin, even when it writes nothing', async () => {
  const c = await admin();
  const adminId = (await h.store.accounts.findByUsername('admin1'))!.id;
  h.clock.now += 60_000;
  expect((await c.req('POST', '/api/admin/beds/sources/raipur-file/refresh')).body.status).toMatchObject({ ok: true, imported: 10 });
  const [imported] = await h.store.audit.list({ limit: 1, action: 'beds.imported' });
  expect(imported).toMatchObject({ at: h.clock.now, actorId: adminId, details: { source: 'refresh:raipur-file' } });
  const [refreshed] = await h.store.audit.list({ limit: 1, action: 'beds.source_refreshed' });
  expect(refreshed).toMatchObject({ at: h.clock.now, actorId: adminId, targetType: 'bed_source', targetId: 'raipur-file', details: { ok: true, rows: 10, imported: 10, skipped: 0 } });

  h.clock.now += 60_000;
  const before = await h.store.audit.list({ limit: 1, action: 'beds.imported' });
  expect((await c.req('POST', '/api/admin/beds/sources/missing-file/refresh')).body.status).toMatchObject({ ok: false, imported: 0 });
  expect(await h.store.audit.list({ limit: 1, action: 'beds.imported' })).toEqual(before);
  const [failed] = await h.store.audit.list({ limit: 1, action: 'beds.source_refreshed' });
  expect(failed).toMatchObject({ at: h.clock.now, actorId: adminId, targetType: 'bed_source', targetId: 'missing-file', details: { ok: false, rows: 0, imported: 0, skipped: 0 } });
  // Ids and counts only: no error text (it can quote a path or a feed).
  expect(Object.keys(failed!.details).sort()).toEqual(['imported', 'ok', 'rows', 'skipped']);
});

it('the screen script is valid JavaScript that registers the beds screen', () => {
  const { Script } = require('node:vm') as typeof import('node:vm');
  const source = readFileSync(join(projectRoot, 'src/http/public/console/screens/beds.js'), 'utf8');
  const registered: string[] = [];
  new Script(source).runInNewContext({ SahayConsole: { screen: (id: string) => registered.push(id) } });
  expect(registered).toEqual(['beds']);
});
