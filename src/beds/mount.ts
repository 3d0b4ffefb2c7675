/**
 * Beds in the running service (src/main.ts): the desk API, the console's beds
 * screen and admin routes (when the console is mounted), /metrics, and the
 * scheduled refresh of config/beds/sources.yaml.
 *
 * ```ts
 * const beds = startBeds({ app: http.app, beds: core.beds, console: consoleApp, metrics, log });
 * // ... at shutdown:
 * await beds.stop();
 * ```
 */
import type { Express } from 'express';
import type { ConsoleApp } from '../console/mount';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { mountBedsConsole } from './console-routes';
import { deskRoutes } from './desk-routes';
import { createBedMetrics } from './metrics';
import { BedRefresher, startBedRefresh } from './refresh';
import type { BedsService } from './service';

export interface RunningBeds {
  refresher: BedRefresher;
  stop(): Promise<void>;
}

export function startBeds(deps: { app: Express; beds: BedsService; console?: ConsoleApp; metrics: Metrics; log: Logger; now?: () => number }): RunningBeds {
  const now = deps.now ?? Date.now;
  const { beds, log } = deps;
  deps.app.use(deskRoutes({ beds, log, now }));
  const metrics = createBedMetrics(deps.metrics.registry, () => beds.directory.index.size);
  const refresher = new BedRefresher({ beds, sources: beds.config.sources, log, now, metrics });
  if (deps.console) mountBedsConsole(deps.console, { beds, refresher });
  const scheduler = startBedRefresh(refresher, log);
  return { refresher, stop: () => scheduler.stop() };
}
