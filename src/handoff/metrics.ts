/**
 * The hand-off on /metrics (prom-client, the process's registry):
 *
 * - `sahay_handoff_waiting{queue}`: tickets waiting for a person now;
 * - `sahay_handoff_waiting_over_sla{queue}`: of those, how many waited longer than the SLA
 *   (config/handoff.yaml) — alert on this one;
 * - `sahay_handoff_wait_seconds{queue}`: how long patients waited for a person (observed
 *   when a ticket is first taken);
 * - `sahay_handoff_closed_total{outcome}`: tickets closed, by outcome.
 *
 * The gauges are read from the store at scrape time, so they are right with several
 * processes on one database.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { safeErrorText, type Logger } from '../log';
import { isOverSla } from './queue-view';
import type { HandoffService } from './service';

export function registerHandoffMetrics(registry: Registry, svc: HandoffService, log: Logger): void {
  const registers = [registry];
  const queues = () => svc.config.queues.map((q) => q.id);
  let snapshot: Promise<{ waiting: Map<string, number>; over: Map<string, number> }> | undefined;
  // One store read serves both gauges of a scrape.
  const read = () =>
    (snapshot ??= (async () => {
      try {
        const tickets = await svc.store.tickets.list({ states: ['waiting'] });
        const now = svc.deps.now();
        const waiting = new Map(queues().map((q) => [q, 0]));
        const over = new Map(queues().map((q) => [q, 0]));
        for (const t of tickets) {
          waiting.set(t.queue, (waiting.get(t.queue) ?? 0) + 1);
          if (isOverSla(svc, t, now)) over.set(t.queue, (over.get(t.queue) ?? 0) + 1);
        }
        return { waiting, over };
      } finally {
        setImmediate(() => (snapshot = undefined));
      }
    })());
  const gauge = (name: string, help: string, pick: (s: Awaited<ReturnType<typeof read>>) => Map<string, number>) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      registers,
      async collect() {
        try {
          for (const [queue, n] of pick(await read())) this.set({ queue }, n);
        } catch (err) {
          // A scrape while the store is closing: report nothing new rather than fail /metrics.
          log.debug({ err: safeErrorText(String((err as Error)?.message ?? err)) }, 'hand-off metrics: store not readable');
        }
      },
    });
  gauge('sahay_handoff_waiting', 'Hand-off tickets waiting for a person', (s) => s.waiting);
  gauge('sahay_handoff_waiting_over_sla', 'Hand-off tickets waiting longer than their SLA (config/handoff.yaml)', (s) => s.over);

  const wait = new Histogram({
    name: 'sahay_handoff_wait_seconds',
    help: 'How long patients waited for a person (ticket opened to first taken)',
    labelNames: ['queue'],
    buckets: [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200],
    registers,
  });
  const closed = new Counter({ name: 'sahay_handoff_closed_total', help: 'Hand-off tickets closed by a person, by outcome', labelNames: ['outcome'], registers });
  svc.observers.push({
    claimed(t) {
      if (t.firstAssignedAt !== null && t.firstAssignedAt === t.assignedAt) wait.observe({ queue: t.queue }, (t.firstAssignedAt - t.createdAt) / 1000);
    },
    closed(t) {
      if (t.outcome) closed.inc({ outcome: t.outcome });
    },
  });
}
