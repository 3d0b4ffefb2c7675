/**
 * Where the durable path's SQLite time goes, statement by statement: the durable
 * case of `npm run bench` (1k stored conversations, with run.ts's patients, warm-up
 * and timed messages; `--quick` as there) run in this process with every
 * better-sqlite3 statement call timed (wall µs, by its SQL), then printed as calls
 * per turn and µs per turn, the warm-up included. COMMIT is the WAL write of the
 * pages the group's turns dirtied. The timing wrapper itself adds about a
 * microsecond per call, so the figures are a little high; their proportions are
 * what this is for (bench/README.md, "Why the targets are not met").
 *
 *   npm run build && node dist/bench/statement-costs.js [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunResult } from './drive';
import { runCase } from './case';
import { parseArgs } from './run';

type Method = 'run' | 'get' | 'all';

interface Cost {
  calls: number;
  micros: number;
}

/** Wraps the statement methods of better-sqlite3 (one prototype for every statement). */
function timeStatements(): Map<string, Cost> {
  const costs = new Map<string, Cost>();
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<Method, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method]!;
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      const t0 = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const key = `${method} ${this.source.replace(/\s+/g, ' ').trim().slice(0, 90)}`;
        const cost = costs.get(key) ?? { calls: 0, micros: 0 };
        cost.calls++;
        cost.micros += Number(process.hrtime.bigint() - t0) / 1000;
        costs.set(key, cost);
      }
    };
  }
  return costs;
}

async function main(): Promise<void> {
  const { patients, warmup, messagesPerPatient } = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'sahay-bench-statements-'));
  try {
    await runCase({ kind: 'populate', dataDir: dir, count: 1000, messages: 4 });
    const costs = timeStatements();
    const result = (await runCase({ kind: 'ours', store: 'sqlite', dataDir: dir, stored: 1000, patients, warmup, messagesPerPatient })) as RunResult;
    const turns = patients * (warmup + messagesPerPatient);
    const rows = [...costs]
      .map(([sql, c]) => ({ sql, 'calls/turn': +(c.calls / turns).toFixed(2), 'µs/call': +(c.micros / c.calls).toFixed(1), 'µs/turn': +(c.micros / turns).toFixed(1) }))
      .filter((r) => r['calls/turn'] >= 0.01)
      .sort((a, b) => b['µs/turn'] - a['µs/turn']);
    const total = rows.reduce((sum, r) => sum + r['µs/turn'], 0);
    console.log(`${turns} turns (warm-up included); ${result.messagesPerSecond.toFixed(0)} msg/s and ${result.cpuMicrosPerMessage.toFixed(0)} CPU µs/msg with the timing on`);
    console.table(rows);
    console.log(`SQLite statements in all: ${total.toFixed(1)} µs per turn`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
