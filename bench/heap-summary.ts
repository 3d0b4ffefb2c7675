/**
 * Where a case's allocations are made: the functions that allocated most, by bytes (self),
 * from a sampling heap profile written with BENCH_HEAP_PROFILE (bench/profiler.ts).
 *
 *   BENCH_HEAP_PROFILE=/tmp/turn.heapprofile node dist/bench/case.js '<case JSON>'
 *   node dist/bench/heap-summary.js /tmp/turn.heapprofile [--top N] [--messages N]
 *
 * With --messages (the timed messages of the case: patients × messagesPerPatient), bytes per message.
 */
import { readFileSync } from 'node:fs';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error('usage: heap-summary.js <file.heapprofile> [--top N] [--messages N]');
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const top = option('--top', 30);
const messages = option('--messages', 0);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };

const bySite = new Map<string, number>();
let total = 0;
const visit = (node: HeapNode): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = `${functionName || '(anonymous)'} ${url.replace(/^.*?\/(src|bench|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  bySite.set(where, (bySite.get(where) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) visit(child);
};
visit(head);

console.log(`sampled allocations ${(total / 1e6).toFixed(1)} MB${messages ? `, ${Math.round(total / messages)} bytes a message` : ''}`);
console.table(
  [...bySite.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, bytes]) => ({ where, KB: Math.round(bytes / 1024), '%': ((100 * bytes) / total).toFixed(1), ...(messages ? { 'B/msg': Math.round(bytes / messages) } : {}) })),
);
