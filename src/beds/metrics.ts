/**
 * Bed refresh metrics at /metrics, registered on the process's registry (src/metrics.ts)
 * by the scheduler, so that a failing feed shows on a dashboard and can page someone:
 * alert on `sahay_beds_refresh_up == 0` or on `time() - sahay_beds_refresh_last_success_seconds`.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface BedMetrics {
  refreshes: Counter<'source' | 'result'>;
  lastSuccess: Gauge<'source'>;
  up: Gauge<'source'>;
  hospitals: Gauge;
}

export function createBedMetrics(registry: Registry, hospitals: () => number): BedMetrics {
  const registers = [registry];
  return {
    refreshes: new Counter({ name: 'sahay_beds_refresh_total', help: 'Scheduled bed refreshes, by source and result (ok | failed)', labelNames: ['source', 'result'], registers }),
    lastSuccess: new Gauge({ name: 'sahay_beds_refresh_last_success_seconds', help: 'Unix time of the last successful refresh of each bed source', labelNames: ['source'], registers }),
    up: new Gauge({ name: 'sahay_beds_refresh_up', help: '1 when the last refresh of the bed source succeeded, 0 when it failed', labelNames: ['source'], registers }),
    hospitals: new Gauge({
      name: 'sahay_beds_hospitals',
      help: 'Hospitals in the bed registry (in memory)',
      registers,
      collect() {
        this.set(hospitals());
      },
    }),
  };
}
