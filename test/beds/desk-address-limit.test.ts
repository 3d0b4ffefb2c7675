/**
 * The desk API's limit on failed tokens counts per client address as the other per-address
 * limits do (src/http/address-key.ts): an IPv4 address whether or not it comes as ::ffff:a.b.c.d,
 * and an IPv6 address by its /64; and it counts an attempt before its token is checked, so a
 * burst of guesses sent together cannot all be checked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { deskRoutes } from '../../src/beds/desk-routes';
import { BedsService } from '../../src/beds/service';
import { createHttpApp } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { projectRoot } from '../../src/paths';
import { createMemoryStore } from '../../src/storage/memory/memory-store';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-desk-address-test' });
const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
const AIIMS = 'chhattisgarh.raipur.aiims-raipur';
const MAX = 3;

let server: Server;
let base: string;
let token: string;
let beds: BedsService;

beforeAll(async () => {
  const store = createMemoryStore();
  let n = 0;
  beds = new BedsService({ config, now: () => NOW, newId: () => `id-${++n}`, log: silentLogger });
  await beds.attach(store);
  await beds.importFile(join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv'), { mapping: join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml') });
  const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
  // The client's address from X-Forwarded-For, as behind a trusted proxy (TRUST_PROXY).
  http.app.set('trust proxy', true);
  http.app.use(deskRoutes({ beds, log: silentLogger, now: () => NOW, maxFailuresPerMinute: MAX }));
  http.finish();
  server = createServer(http.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await beds.issueDeskToken(AIIMS))!;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (from: string, auth: string) =>
  fetch(`${base}/api/hospitals/${encodeURIComponent(AIIMS)}/beds`, { headers: { authorization: auth, 'x-forwarded-for': from } });

afterEach(() => jest.restoreAllMocks());

describe('desk API failures per address', () => {
  it('an IPv6 client counts by its /64: other addresses of the same /64 are refused, another /64 is not', async () => {
    for (let i = 1; i <= MAX; i++) expect((await get(`2001:db8:1:1::${i}`, 'Bearer wrong')).status).toBe(401);
    const next = await get('2001:db8:1:1:ffff::77', `Bearer ${token}`);
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('2001:db8:1:2::1', `Bearer ${token}`)).status).toBe(200);
  });

  it('an IPv4 client counts the same whether its address comes as a.b.c.d or ::ffff:a.b.c.d', async () => {
    for (let i = 0; i < MAX; i++) expect((await get(i % 2 ? '::ffff:198.51.100.7' : '198.51.100.7', 'Bearer wrong')).status).toBe(401);
    expect((await get('::FFFF:198.51.100.7', `Bearer ${token}`)).status).toBe(429);
    expect((await get('198.51.100.7', `Bearer ${token}`)).status).toBe(429);
    expect((await get('198.51.100.8', `Bearer ${token}`)).status).toBe(200);
  });

  it('a burst of wrong tokens sent at once: no more are checked than the limit allows', async () => {
    // A token check that takes a while, as a database read does: the burst is all in flight at once.
    const check = beds.deskTokenValid.bind(beds);
    const spy = jest.spyOn(beds, 'deskTokenValid').mockImplementation(async (id, t) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return check(id, t);
    });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => get('203.0.113.9', 'Bearer wrong').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - MAX);
    expect(spy).toHaveBeenCalledTimes(MAX);
  });

  it('right tokens are not failures: a desk may update as often as it needs', async () => {
    for (let i = 0; i < MAX * 3; i++) expect((await get('192.0.2.44', `Bearer ${token}`)).status).toBe(200);
    expect((await get('192.0.2.44', 'Bearer wrong')).status).toBe(401);
  });
});
