/**
 * Where a turn's CPU time goes, from a V8 CPU profile of a bench case:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/case.js '{"kind":"ours",...}'
 *   node dist/bench/profile-summary.js /tmp/prof/CPU.*.cpuprofile [--top N]
 *
 * Every sample is charged to the first frame, from the innermost outwards, that
 * belongs to a phase of the message path (PHASES): so JSON.parse called by the
 * store's conversation read counts as "load conversation", an i18next call made
 * by the renderer as "render", and better-sqlite3's native work as the store
 * method that called it. Prints the share of busy time per phase, the
 * heaviest functions by self time, and by total time (with what they call).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A phase and the frames that belong to it; the first rule that matches a frame wins. */
const PHASES: ReadonlyArray<{ phase: string; test: (f: CallFrame) => boolean }> = [
  { phase: 'dedupe check (seen)', test: (f) => f.url.includes('/storage/') && f.functionName === 'seen' },
  { phase: 'load conversation (findOrCreate + JSON.parse)', test: (f) => f.url.includes('/storage/') && /findOrCreate|toConversation/.test(f.functionName) },
  { phase: 'commit (one transaction)', test: (f) => (f.url.includes('/storage/') && /commit|flush|applyTurn/i.test(f.functionName)) || f.url.includes('/storage/sqlite/turns') },
  { phase: 'outbox (due, markSent)', test: (f) => f.url.includes('/storage/') && /due|markSent|markFailed|toItem/.test(f.functionName) },
  { phase: 'outbox (due, markSent)', test: (f) => f.url.includes('/router/outbox') || f.url.includes('/storage/sqlite/outbox') },
  { phase: 'render (i18next)', test: (f) => f.url.includes('/router/render') || f.url.includes('/i18n/translator') || f.url.includes('node_modules/i18next') },
  { phase: 'engine (flow, interpreter, triage)', test: (f) => /\/src\/(engine|triage|i18n|faq|beds|helplines)\//.test(f.url) },
  { phase: 'router (lock, ids, metrics)', test: (f) => /\/src\/router\/|\/src\/metrics|prom-client|node:crypto/.test(f.url) || f.functionName === 'randomUUID' },
  { phase: 'profiler (not counted)', test: (f) => f.url.includes('node:inspector') },
  { phase: 'bench driver', test: (f) => f.url.includes('/bench/') },
  { phase: 'garbage collection', test: (f) => f.functionName === '(garbage collector)' },
  { phase: 'idle', test: (f) => f.functionName === '(idle)' },
];

export interface ProfileSummary {
  busyMs: number;
  phases: Array<{ phase: string; ms: number; share: number }>;
  top: Array<{ fn: string; where: string; selfMs: number; share: number }>;
  /** The heaviest functions by total time: their own and that of everything they call. */
  topTotal: Array<{ fn: string; where: string; totalMs: number; share: number }>;
}

export function summarizeProfile(profile: CpuProfile, topN = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = phaseOf.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    const rule = PHASES.find((r) => r.test(frame));
    const up = parent.get(id);
    const phase = rule ? rule.phase : up === undefined ? 'other (node internals, promises)' : classify(up);
    phaseOf.set(id, phase);
    return phase;
  };

  const keyOf = (f: CallFrame) => `${f.functionName || '(anonymous)'}\u0000${shortUrl(f.url)}:${f.lineNumber + 1}`;
  const phaseMs = new Map<string, number>();
  const selfMs = new Map<string, number>();
  const totalMs = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const phase = classify(id);
    phaseMs.set(phase, (phaseMs.get(phase) ?? 0) + ms);
    if (phase === 'idle' || phase.startsWith('profiler')) return;
    busy += ms;
    const key = keyOf(byId.get(id)!.callFrame);
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    // Each function on the sample's stack, once (a recursive one is not counted twice).
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(keyOf(byId.get(at)!.callFrame));
    for (const k of onStack) totalMs.set(k, (totalMs.get(k) ?? 0) + ms);
  });
  const phases = [...phaseMs]
    .filter(([p]) => p !== 'idle' && !p.startsWith('profiler'))
    .map(([phase, ms]) => ({ phase, ms, share: ms / busy }))
    .sort((a, b) => b.ms - a.ms);
  const heaviest = (byKey: Map<string, number>) =>
    [...byKey]
      .filter(([k]) => !k.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([k, ms]) => {
        const [fn, where] = k.split('\u0000') as [string, string];
        return { fn, where, ms, share: ms / busy };
      });
  const top = heaviest(selfMs).map(({ ms, ...t }) => ({ ...t, selfMs: ms }));
  const topTotal = heaviest(totalMs).map(({ ms, ...t }) => ({ ...t, totalMs: ms }));
  return { busyMs: busy, phases, top, topTotal };
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const i = url.search(/\/(src|bench|node_modules)\//);
  return i >= 0 ? url.slice(i + 1) : url.replace(/^file:\/\//, '');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--top');
  const topN = at >= 0 ? Number(args[at + 1]) : 15;
  if (at >= 0) args.splice(at, 2);
  const [file, ...rest] = args;
  if (!file || rest.length > 0 || !(topN > 0)) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const s = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, topN);
  console.log(`busy CPU time ${Math.round(s.busyMs)} ms`);
  console.table(s.phases.map((p) => ({ phase: p.phase, ms: Math.round(p.ms), '%': (100 * p.share).toFixed(1) })));
  console.table(s.top.map((t) => ({ function: t.fn, where: t.where, 'self ms': Math.round(t.selfMs), '%': (100 * t.share).toFixed(1) })));
  console.table(s.topTotal.map((t) => ({ function: t.fn, where: t.where, 'total ms': Math.round(t.totalMs), '%': (100 * t.share).toFixed(1) })));
}
