/**
 * `npm run bench`: the message path's throughput and latency on this machine.
 * Results are printed as a table and written to bench/results/<date>.json.
 * Method and machine notes: bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../src/storage/memory/memory-store';
import { benchMessagePath, type PathResult } from './message-path';
import { projectRoot } from '../src/paths';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const patients = 50;
  const perPatient = quick ? 20 : 200;
  // A warm-up run so that the JIT and the page cache do not count.
  await benchMessagePath({ name: 'warm-up', patients: 10, messagesPerPatient: 20 });
  const results: PathResult[] = [
    await benchMessagePath({ name: 'router + SQLite (durable)', patients, messagesPerPatient: perPatient }),
    await benchMessagePath({ name: 'router + memory store', patients, messagesPerPatient: perPatient, store: createMemoryStore() }),
  ];

  const rows = results.map((r) => ({
    path: r.name,
    patients: r.patients,
    messages: r.messages,
    'msg/s': Math.round(r.messagesPerSecond),
    'p50 ms': r.latencyMs.p50.toFixed(2),
    'p99 ms': r.latencyMs.p99.toFixed(2),
    'RSS MB': Math.round(r.rssMB),
  }));
  console.table(rows);

  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30) };
  const outDir = join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine, quick, results }, null, 2) + '\n');
  console.log(`written ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
