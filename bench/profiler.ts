/**
 * CPU-profiles the timed part of a case only (not start-up, population or
 * warm-up) when BENCH_CPU_PROFILE names a file: the profile is written there,
 * for bench/profile-summary.ts or Chrome DevTools.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
