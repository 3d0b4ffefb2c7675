/**
 * Our message path: simulated patients through the shipped flows via the real
 * router, engine, translator and the SQLite store on disk (or the memory store).
 * Each patient sends one message at a time and waits for the turn (as a person does);
 * many patients run at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel } from '../src/channels/channel';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { silentLogger } from '../src/log';
import { createMetrics } from '../src/metrics';
import type { Store } from '../src/storage/repositories';
import { summarize, type LatencySummary } from './stats';

/** A conversation that goes on for ever: welcome, consent, then helplines in a loop. */
export const OPENING = ['আমার জ্বর', 'হ্যাঁ'];
export const LOOP = ['হেল্পলাইন ও অ্যাম্বুলেন্স', '১', '২', '৪', '১'];

export interface PathResult {
  name: string;
  patients: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  latencyMs: LatencySummary;
  rssMB: number;
}

const nullChannel: Channel = { name: 'webchat', send: async () => undefined };

export async function benchMessagePath(opts: { name: string; patients: number; messagesPerPatient: number; store?: Store }): Promise<PathResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-bench-'));
  const core = await buildCore(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), {
    log: silentLogger,
    metrics: createMetrics(),
    ...(opts.store ? { store: opts.store } : {}),
  });
  core.channels.set('webchat', nullChannel);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.patients }, async (_, p) => {
      for (let i = 0; i < opts.messagesPerPatient; i++) {
        const text = i < OPENING.length ? OPENING[i]! : LOOP[(i - OPENING.length) % LOOP.length]!;
        const t0 = performance.now();
        await core.router.handle({ channel: 'webchat', userId: `bench-${p}`, platformMessageId: `b-${p}-${i}`, sentAt: Date.now(), content: { kind: 'text', text } });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    name: opts.name,
    patients: opts.patients,
    messages: latencies.length,
    seconds,
    messagesPerSecond: latencies.length / seconds,
    latencyMs: summarize(latencies),
    rssMB,
  };
}
