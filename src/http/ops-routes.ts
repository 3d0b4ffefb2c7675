/**
 * Operational endpoints for load balancers and Prometheus:
 * - `/healthz`: the process is alive (always 200 while it can answer).
 * - `/readyz`: every readiness check passes (store open, channels started...); 503 otherwise.
 * - `/metrics`: prom-client text from the process's registry.
 */
import { Router } from 'express';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export function opsRoutes(deps: { metrics: Metrics; log: Logger; readiness: ReadinessCheck }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  router.get('/readyz', async (_req, res) => {
    let checks: Record<string, boolean>;
    try {
      checks = await deps.readiness();
    } catch (err) {
      // A check that throws is a check that failed; the probe itself must still answer.
      deps.log.warn({ err: err instanceof Error ? err.name : typeof err }, 'readiness check threw');
      checks = { readiness: false };
    }
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(text);
  });

  return router;
}
