/**
 * Operational endpoints for load balancers and Prometheus:
 * - `/healthz`: the process is alive (always 200 while it can answer).
 * - `/readyz`: every readiness check passes (store open, channels started...); 503 otherwise.
 *   A check may also report a state as a string (e.g. WhatsApp's link state, `waiting_for_qr`):
 *   shown, but not part of the verdict — an unlinked phone must not take the web chat and the
 *   console (which shows the QR code) out of the load balancer.
 * - `/metrics`: prom-client text from the process's registry.
 */
import { Router } from 'express';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';

export type ReadinessCheck = () => Promise<Record<string, boolean | string>>;

export function opsRoutes(deps: { metrics: Metrics; log: Logger; readiness: ReadinessCheck }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  router.get('/readyz', async (_req, res) => {
    let checks: Record<string, boolean | string>;
    try {
      checks = await deps.readiness();
    } catch (err) {
      // A check that throws is a check that failed; the probe itself must still answer.
      deps.log.warn({ err: err instanceof Error ? err.name : typeof err }, 'readiness check threw');
      checks = { readiness: false };
    }
    const ok = Object.values(checks).every((v) => typeof v === 'string' || v);
    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(text);
  });

  return router;
}
