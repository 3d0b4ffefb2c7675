/**
 * Scheduled refresh: a feed served over HTTP on 127.0.0.1 (and one read from a file);
 * a failed refresh keeps the last good data and shows in the stored status and /metrics.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import type { BedSource } from '../../src/beds/config';
import { createBedMetrics } from '../../src/beds/metrics';
import { BedRefresher, startBedRefresh } from '../../src/beds/refresh';
import { BedsService } from '../../src/beds/service';
import { createLogger, silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { projectRoot } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { createMongoStore } from '../../src/storage/mongo/mongo-store';
import type { Store } from '../../src/storage/repositories';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { EmulatedMongo } from '../storage/mongo/emulated-mongo';
import { until } from '../support/until';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-refresh-test' });
const FIXTURE = join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv');
const MAPPING = join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml');
const AIIMS = 'chhattisgarh.raipur.aiims-raipur';

/** What the feed server answers next. */
let reply: { status: number; body: string; headers?: Record<string, string> };
let seenHeaders: Record<string, string | string[] | undefined> = {};
let requests = 0;
let server: Server;
let url: string;
let clock: number;
let store: Store;
let beds: BedsService;

const source = (over: Partial<BedSource> = {}): BedSource => ({
  id: 'raipur-feed',
  url: `${url}/feed.csv?key=secret`,
  mapping: MAPPING,
  cron: '*/5 * * * *',
  partial: false,
  runOnStart: false,
  timeoutMs: 2000,
  headers: { 'X-Api-Key': '${SAHAY_TEST_FEED_KEY}' },
  ...over,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders = req.headers;
    requests++;
    res.writeHead(reply.status, { 'content-type': 'text/csv', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  clock = Date.UTC(2021, 4, 1, 10, 0, 0);
  store = createMemoryStore();
  let n = 0;
  beds = new BedsService({ config, now: () => clock, newId: () => `id-${++n}`, log: silentLogger });
  await beds.attach(store);
});

function refresher(sources: BedSource[]) {
  const metrics = createMetrics();
  const bedMetrics = createBedMetrics(metrics.registry, () => beds.directory.index.size);
  return { metrics, r: new BedRefresher({ beds, sources, log: silentLogger, now: () => clock, metrics: bedMetrics, env: { SAHAY_TEST_FEED_KEY: 'k-123' } }) };
}

describe('a URL source', () => {
  it('imports the feed, records the success, exports it at /metrics, and sends configured headers', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    const { metrics, r } = refresher([source()]);
    const status = await r.refresh(source());
    expect(status).toEqual({ id: 'raipur-feed', lastAttemptAt: clock, lastSuccessAt: clock, ok: true, error: null, rows: 10, imported: 10, skipped: 0 });
    expect(seenHeaders['x-api-key']).toBe('k-123');
    expect((await store.hospitals.get(AIIMS))?.beds.oxygen?.source).toBe('refresh:raipur-feed');
    expect(beds.directory.index.size).toBe(10);
    // No account asked (the console passes the admin's id): refresh() without one is the command line's.
    expect((await store.audit.list({ limit: 1, action: 'beds.imported' }))[0]).toMatchObject({ actorId: null, details: { source: 'refresh:raipur-feed', via: 'cli' } });
    const text = await metrics.registry.metrics();
    expect(text).toContain('sahay_beds_refresh_total{source="raipur-feed",result="ok"} 1');
    expect(text).toContain('sahay_beds_refresh_up{source="raipur-feed"} 1');
    expect(text).toContain(`sahay_beds_refresh_last_success_seconds{source="raipur-feed"} ${clock / 1000}`);
    expect(text).toContain('sahay_beds_hospitals 10');
    // For the console: the source with its status; the URL without its query (it may hold a key).
    expect(await r.status()).toEqual([{ id: 'raipur-feed', location: `${url}/feed.csv`, cron: '*/5 * * * *', partial: false, status }]);
    clock += 60_000;
    await r.refresh(source(), { actorId: 'admin-1' });
    const byAdmin = (await store.audit.list({ limit: 1, action: 'beds.imported' }))[0];
    expect(byAdmin).toMatchObject({ actorId: 'admin-1' });
    expect(byAdmin?.details.via).toBeUndefined();
    clock += 60_000;
    await r.scheduledRefresh(source());
    expect((await store.audit.list({ limit: 1, action: 'beds.imported' }))[0]).toMatchObject({ actorId: null, details: { via: 'schedule' } });
  });

  it('refuses a header whose ${VARIABLE} is not set, naming it, instead of sending it empty', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    requests = 0;
    const r = new BedRefresher({ beds, sources: [source()], log: silentLogger, now: () => clock, env: {} });
    expect(await r.refresh(source())).toMatchObject({ ok: false, error: 'header X-Api-Key: the environment variable SAHAY_TEST_FEED_KEY is not set' });
    expect(requests).toBe(0);
  });

  it('a failure keeps the last good data, and says what failed without quoting the feed', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    const { metrics, r } = refresher([source()]);
    const good = await r.refresh(source());
    const before = await store.hospitals.list();

    clock += 300_000;
    reply = { status: 503, body: 'down for maintenance' };
    const failed = await r.refresh(source());
    expect(failed).toMatchObject({ ok: false, error: 'HTTP 503', lastAttemptAt: clock, lastSuccessAt: good.lastSuccessAt });
    expect(await store.hospitals.list()).toEqual(before);

    clock += 300_000;
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8').replace(/,61,/, ',sixty,') };
    const unreadable = await r.refresh(source());
    expect(unreadable.ok).toBe(false);
    expect(unreadable.error).toMatch(/^1 problem\(s\), nothing imported .*first: line \d+, \w+_vacant: not a whole number of beds/);
    expect(unreadable.error).not.toContain('sixty');
    expect(await store.hospitals.list()).toEqual(before);

    const text = await metrics.registry.metrics();
    expect(text).toContain('sahay_beds_refresh_total{source="raipur-feed",result="failed"} 2');
    expect(text).toContain('sahay_beds_refresh_up{source="raipur-feed"} 0');
    expect(text).toContain(`sahay_beds_refresh_last_success_seconds{source="raipur-feed"} ${good.lastSuccessAt! / 1000}`);
    expect((await r.status())[0]?.status).toEqual(unreadable);
  });

  it('with partial, imports the readable records and reports the skipped ones', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8').replace(/,61,/, ',sixty,') };
    const s = source({ partial: true });
    const status = await refresher([s]).r.refresh(s);
    expect(status).toMatchObject({ ok: true, rows: 10, imported: 9, skipped: 1 });
  });

  it('an unreachable server or a timeout fails cleanly', async () => {
    const closed = source({ url: 'http://127.0.0.1:9/feed.csv' });
    const down = await refresher([closed]).r.refresh(closed);
    expect(down.ok).toBe(false);
    expect(down.error).toMatch(/fetch failed|ECONNREFUSED/);

    const slow = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const s = source({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/feed.csv`, timeoutMs: 1000 });
      const timedOut = await refresher([s]).r.refresh(s);
      expect(timedOut).toMatchObject({ ok: false, error: 'timed out' });
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('an empty feed is a failure, not a success that changed nothing', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8').split('\n')[0]! + '\n' };
    expect(await refresher([source()]).r.refresh(source())).toMatchObject({ ok: false, error: 'the feed has no records' });
  });
});

describe('a feed that is not valid JSON', () => {
  it('is reported by line and column: the feed\'s names and numbers stay out of the status and the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-refresh-json-'));
    const logged: string[] = [];
    try {
      const file = join(dir, 'chhattisgarh.js');
      writeFileSync(file, `chhattisgarh_data=[{ "HOSPITAL_NAME": "X", "CONTACT": 'Dr. Indra Kumar Chandrakar 9826105264' }]`);
      const s = source({ id: 'cg-file', url: undefined, file, mapping: join(projectRoot, 'config/beds/mappings/chhattisgarh-dashboard-js.yaml') });
      const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logged.push(line) } });
      const status = await new BedRefresher({ beds, sources: [s], log, now: () => clock }).refresh(s);
      // A problem of the whole feed: partial would not help, so it is not offered.
      expect(status).toMatchObject({ ok: false, error: '1 problem(s), nothing imported; first: the file: not valid JSON at line 1, column 55' });
      const stored = JSON.stringify(await store.hospitals.listSourceStatus());
      for (const text of [stored, logged.join('')]) {
        expect(text).toContain('not valid JSON at line 1, column 55');
        expect(text).not.toMatch(/Chandrakar|9826105264|Indra/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a file source', () => {
  it('reads the file; a missing file fails', async () => {
    const file = source({ id: 'raipur-file', url: undefined, file: FIXTURE });
    expect(await refresher([file]).r.refresh(file)).toMatchObject({ ok: true, imported: 10 });
    const missing = source({ id: 'gone', url: undefined, file: '/nonexistent/feed.csv' });
    expect(await refresher([missing]).r.refresh(missing)).toMatchObject({ ok: false, error: expect.stringContaining('ENOENT') });
  });
});

describe('the schedule', () => {
  it('refreshes once at start when asked, and stops cleanly', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    const s = source({ runOnStart: true, cron: '0 0 1 1 *' });
    const { r } = refresher([s]);
    const scheduler = startBedRefresh(r, silentLogger);
    // The run at start, however long a loaded machine takes to get to it.
    await until(async () => (await store.hospitals.listSourceStatus()).length > 0);
    expect((await store.hospitals.listSourceStatus())[0]).toMatchObject({ id: 'raipur-feed', ok: true });
    await scheduler.stop();
  });

  it('at shutdown, ends a fetch still running at once: no failure stored or logged, and the store is not written after', async () => {
    // A feed that never answers: without the abort, stop() would return while the fetch runs
    // on to its timeout, then log "bed refresh failed" and write to a store closed by then.
    let asked!: () => void;
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const silent = createServer(() => asked());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const logged: string[] = [];
    try {
      const s = source({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/feed.csv`, headers: {}, runOnStart: true, cron: '0 0 1 1 *', timeoutMs: 10_000 });
      const log = createLogger({ level: 'info', destination: { write: (line: string) => void logged.push(line) } });
      const scheduler = startBedRefresh(new BedRefresher({ beds, sources: [s], log, now: () => clock }), log);
      await requested;
      const started = Date.now();
      await scheduler.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
      // The feed goes away after the stop: a fetch left running would fail now, then store and log it.
      silent.closeAllConnections();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.hospitals.listSourceStatus()).toEqual([]);
      expect(logged.join('')).not.toMatch(/failed|crashed/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('two processes on one MongoDB', () => {
  it('run each scheduled tick of a source once: the lease winner refreshes, the other skips', async () => {
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    const mongo = new EmulatedMongo();
    const clockRef = { now: clock };
    const processes = await Promise.all(
      ['process-a', 'process-b'].map(async (owner) => {
        const s = await createMongoStore(mongo.database({ transactions: false }), { owner, clock: () => clockRef.now });
        let n = 0;
        const b = new BedsService({ config, now: () => clockRef.now, newId: () => `${owner}-${++n}`, log: silentLogger });
        await b.attach(s);
        return { store: s, r: new BedRefresher({ beds: b, sources: [source()], log: silentLogger, now: () => clockRef.now, owner, env: { SAHAY_TEST_FEED_KEY: 'k-123' } }) };
      }),
    );
    try {
      requests = 0;
      for (let tick = 0; tick < 3; tick++) {
        const results = await Promise.all(processes.map((p) => p.r.scheduledRefresh(source())));
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
        expect(requests).toBe(tick + 1);
        // The loser's cron firing a few seconds late (clock skew) still finds the lease taken.
        clockRef.now += 5_000;
        const loser = processes[results[0] === undefined ? 0 : 1]!;
        await expect(loser.r.scheduledRefresh(source())).resolves.toBeUndefined();
        expect(requests).toBe(tick + 1);
        clockRef.now += 300_000 - 5_000; // the next tick of */5
      }
      expect((await processes[1]!.store.hospitals.listSourceStatus())[0]).toMatchObject({ id: 'raipur-feed', ok: true, rows: 10 });
    } finally {
      await Promise.all(processes.map((p) => p.store.close()));
    }
  });

  // Each store as the service opens it: SQLite on a file (the default), and memory (`sahay chat`, tests).
  const storesWithoutLeases: Record<'SQLite' | 'memory', (dir: string) => Store> = {
    SQLite: (dir) => openSqliteStore({ file: join(dir, 'sahay.db') }),
    memory: () => createMemoryStore(),
  };
  it.each(Object.keys(storesWithoutLeases) as Array<keyof typeof storesWithoutLeases>)('a store without leases (%s) always runs the scheduled refresh', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-refresh-'));
    reply = { status: 200, body: readFileSync(FIXTURE, 'utf8') };
    store = storesWithoutLeases[kind](dir);
    await beds.attach(store);
    try {
      const { r } = refresher([source()]);
      expect(store.leases).toBeUndefined();
      requests = 0;
      await expect(r.scheduledRefresh(source())).resolves.toMatchObject({ ok: true });
      await expect(r.scheduledRefresh(source())).resolves.toMatchObject({ ok: true });
      // Both ticks fetched the feed, and this store keeps the status for the console.
      expect(requests).toBe(2);
      expect(await store.hospitals.listSourceStatus()).toEqual([expect.objectContaining({ id: 'raipur-feed', ok: true, imported: 10 })]);
      expect((await store.hospitals.get(AIIMS))?.beds.oxygen?.source).toBe('refresh:raipur-feed');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sources.yaml', () => {
  it('is checked: either url or file, a cron expression, unique ids', () => {
    const { loadBedsConfig } = require('../../src/beds/config') as typeof import('../../src/beds/config');
    const { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } = require('node:fs') as typeof import('node:fs');
    const dir = mkdtempSync(join(require('node:os').tmpdir(), 'sahay-sources-'));
    mkdirSync(join(dir, 'beds'));
    for (const f of ['kinds.yaml', 'places.yaml', 'facilities.yaml']) copyFileSync(join(projectRoot, 'config/beds', f), join(dir, 'beds', f));
    writeFileSync(join(dir, 'beds', 'sources.yaml'), 'sources:\n  - { id: a, url: "ftp://x", cron: "*/5 * * * *" }\n  - { id: b, file: x.csv, url: "http://x", cron: "every minute" }\n');
    const problems: string[] = [];
    expect(loadBedsConfig(dir, { staleHours: 24, nearbyKm: 25 }, problems)).toBeUndefined();
    expect(problems.join('\n')).toMatch(/sources\.0\.url: an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/sources\.1\.cron: a cron expression/);
    expect(problems.join('\n')).toMatch(/sources\.1: give either url or file/);
  });

  // node-cron would otherwise throw at `sahay start`, after the server listens, naming neither file nor field.
  it('is checked: the time zone is one node-cron can use; a header\'s ${VARIABLE} is set', () => {
    const { loadBedsConfig, headerVariableProblems } = require('../../src/beds/config') as typeof import('../../src/beds/config');
    const { mkdirSync, copyFileSync } = require('node:fs') as typeof import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'sahay-sources-'));
    try {
      mkdirSync(join(dir, 'beds'));
      for (const f of ['kinds.yaml', 'places.yaml', 'facilities.yaml']) copyFileSync(join(projectRoot, 'config/beds', f), join(dir, 'beds', f));
      const file = join(dir, 'beds', 'sources.yaml');
      writeFileSync(
        file,
        [
          'sources:',
          '  - { id: wb-portal, url: "https://example.org/wb.json", cron: "*/15 * * * *", timezone: Asia/Kolkatta }',
          '  - { id: cg-sheet, url: "https://example.org/cg.csv", cron: "0 * * * *", timezone: Asia/Kolkata, headers: { X-Api-Key: "${SAHAY_CG_KEY}", Accept: text/csv } }',
          '',
        ].join('\n'),
      );
      const problems: string[] = [];
      expect(loadBedsConfig(dir, { staleHours: 24, nearbyKm: 25 }, problems)).toBeUndefined();
      expect(problems).toEqual([`${file}: sources.0.timezone: an IANA time zone such as Asia/Kolkata`]);

      writeFileSync(file, readFileSync(file, 'utf8').replace('Asia/Kolkatta', 'Asia/Kolkata'));
      // An unset key does not stop the settings loading (an admin's `sahay accounts …` in a shell
      // without the service's secrets must work); what refreshes (start, beds refresh) refuses it.
      const loaded: string[] = [];
      const beds = loadBedsConfig(dir, { staleHours: 24, nearbyKm: 25 }, loaded)!;
      expect(loaded).toEqual([]);
      expect(beds.sources).toHaveLength(2);
      expect(headerVariableProblems(beds, { SAHAY_CG_KEY: '' })).toEqual([`${file}: sources.1.headers.X-Api-Key: source cg-sheet reads \${SAHAY_CG_KEY}, which is not set in the environment`]);
      expect(headerVariableProblems(beds, { SAHAY_CG_KEY: 'k' })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
