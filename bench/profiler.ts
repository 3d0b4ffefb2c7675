/**
 * Profiles the timed part of a case only (not start-up, population or warm-up):
 * its CPU when BENCH_CPU_PROFILE names a file (for bench/profile-summary.ts or Chrome
 * DevTools), its allocations when BENCH_HEAP_PROFILE does (V8's sampling heap profiler,
 * counting what the young and old collections freed too, so that short-lived garbage
 * shows where it is made: bench/heap-summary.ts, or DevTools). With BENCH_HEAP_LIVE=1 it
 * counts only what is still alive when the timed part ends: what the case keeps, which the young
 * collections had to copy and promote. With BENCH_HEAP_LIVE=old, also what died after a young
 * collection left it alive (what was promoted and later freed by a major collection): the two
 * together are what makes young collections dear, against what they free cheaply.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const cpuFile = process.env.BENCH_CPU_PROFILE;
  const heapFile = process.env.BENCH_HEAP_PROFILE;
  if (!cpuFile && !heapFile) return work();
  const session = new Session();
  session.connect();
  if (cpuFile) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  if (heapFile) {
    await session.post('HeapProfiler.enable');
    const live = process.env.BENCH_HEAP_LIVE;
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: live !== '1',
      includeObjectsCollectedByMinorGC: live !== '1' && live !== 'old',
    });
  }
  try {
    return await work();
  } finally {
    if (cpuFile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(cpuFile, JSON.stringify(profile));
    }
    if (heapFile) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(heapFile, JSON.stringify(profile));
    }
    session.disconnect();
  }
}
