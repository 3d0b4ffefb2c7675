/** Percentiles of a list of latencies (ms), and the peak memory of a run. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** The median of some numbers (0 for none). */
export function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The highest resident set size (MB) seen while it runs: sampled every 100 ms,
 * and once more at `stop`. The timer is unref'd, so it never keeps a process alive.
 */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak / 2 ** 20;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}
