/**
 * The hospital desk API (src/beds/desk-routes.ts) on a real HTTP server on 127.0.0.1, the app's
 * JSON parser and error handler included, over the Raipur fixture with a desk token issued for
 * AIIMS Raipur: started before a file's tests, closed after them.
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
import type { Store } from '../../src/storage/repositories';

export const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
export const AIIMS = 'chhattisgarh.raipur.aiims-raipur';

export interface DeskServer {
  base: string;
  token: string;
  store: Store;
  beds: BedsService;
}

/** `trustProxy`: the client's address from X-Forwarded-For, as behind a trusted proxy (TRUST_PROXY). */
export function deskServerForEachFile(opts: { maxFailuresPerMinute: number; trustProxy?: boolean }): DeskServer {
  const desk = {} as DeskServer;
  let server: Server;
  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: '/tmp/sahay-desk-test' });
    desk.store = createMemoryStore();
    let n = 0;
    desk.beds = new BedsService({ config, now: () => NOW, newId: () => `id-${++n}`, log: silentLogger });
    await desk.beds.attach(desk.store);
    await desk.beds.importFile(join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv'), { mapping: join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml') });
    const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
    if (opts.trustProxy) http.app.set('trust proxy', true);
    http.app.use(deskRoutes({ beds: desk.beds, log: silentLogger, now: () => NOW, maxFailuresPerMinute: opts.maxFailuresPerMinute }));
    http.finish();
    server = createServer(http.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    desk.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    desk.token = (await desk.beds.issueDeskToken(AIIMS))!;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return desk;
}
