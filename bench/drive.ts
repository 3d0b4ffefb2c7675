/**
 * The load every conversation bench puts on its target: `patients` patients at
 * once, each sending its messages one at a time and waiting for each turn to
 * finish (as a person waits for the reply before answering the next question).
 */
import { profiled } from './profiler';
import { RssSampler, summarize, type LatencySummary } from './stats';

export interface RunResult {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  /** Process CPU time (user + system) per message, in µs: steadier than msg/s on a busy machine. */
  cpuMicrosPerMessage: number;
  latencyMs: LatencySummary;
  /** Highest resident set size seen during the run (MB). */
  rssMB: number;
  /** JS heap in use at the end (MB), to tell the heap from SQLite's page cache and the code. */
  heapMB: number;
}

/** Patient p's i-th message; resolves when its turn is done. */
export type Send = (patient: number, i: number) => Promise<unknown>;

export interface DriveOptions {
  patients: number;
  /** Untimed messages per patient first (JIT, caches), then `messagesPerPatient` timed ones. */
  warmup: number;
  messagesPerPatient: number;
}

export async function drive(opts: DriveOptions, send: Send): Promise<RunResult> {
  await sendAll(opts.patients, 0, opts.warmup, send, null);
  const latencies: number[] = [];
  const rss = new RssSampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await profiled(() => sendAll(opts.patients, opts.warmup, opts.messagesPerPatient, send, latencies));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const rssMB = rss.stop();
  return {
    messages: latencies.length,
    seconds,
    messagesPerSecond: latencies.length / seconds,
    cpuMicrosPerMessage: (used.user + used.system) / latencies.length,
    latencyMs: summarize(latencies),
    rssMB,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

async function sendAll(patients: number, from: number, count: number, send: Send, latencies: number[] | null): Promise<void> {
  await Promise.all(
    Array.from({ length: patients }, async (_, p) => {
      for (let i = from; i < from + count; i++) {
        const t0 = performance.now();
        await send(p, i);
        latencies?.push(performance.now() - t0);
      }
    }),
  );
}
