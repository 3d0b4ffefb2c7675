/**
 * How long building a core takes (config, flows, FAQ starter, SQLite store, then close), N times
 * in one process, as the test suite and the command line do: the figure behind "parsed once per
 * process" (src/yaml-file.ts) and `flowVersions.saveAll`. Not part of `npm run bench`.
 *
 *   npm run build && node dist/bench/core-start.js [times=10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { silentLogger } from '../src/log';
import { createMetrics } from '../src/metrics';

async function main(times: number): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-core-start-'));
    let seq = 0;
    const started = performance.now();
    const core = await buildCore(loadConfig({ DATA_DIR: dir, FLOOD_MAX_MESSAGES_PER_MINUTE: '0' }), {
      log: silentLogger,
      metrics: createMetrics(),
      now: () => Date.UTC(2021, 4, 1),
      newId: () => `id-${++seq}`,
    });
    ms.push(performance.now() - started);
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const later = ms.slice(1).sort((a, b) => a - b);
  console.log(`first core ${ms[0]!.toFixed(0)} ms (modules loaded); the next ${later.length}: ${later.map((m) => m.toFixed(0)).join(' ')} ms`);
}

void main(Number(process.argv[2] ?? 10));
