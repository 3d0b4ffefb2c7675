/**
 * `npm run bench`: our message path and its peers, side by side, in one run.
 * Method, machine and the figures behind the notes: bench/README.md.
 *
 *   npm run bench                 full run (3 interleaved rounds; 1k, 100k and 1M stored conversations)
 *   npm run bench -- --quick      one short round, 1k and 100k stored conversations
 *   options: --rounds N  --scales 1000,100000  --no-save  --keep (keep the temp databases)
 *
 * Every case runs in a process of its own (bench/case.ts), so each starts from
 * a clean heap and reports its own RSS. The cases of a round run one after the
 * other and the rounds repeat them, so that ours and the peers see the same
 * moments of a shared machine; each figure is the median over the rounds.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths';
import type { BedLookupResult } from './bed-lookup';
import type { CaseResult, CaseSpec } from './case';
import type { RunResult } from './drive';
import type { FaqLookupResult } from './faq-lookup';
import type { PopulateResult } from './populate';
import { median } from './stats';

export interface BenchOptions {
  quick: boolean;
  rounds: number;
  scales: number[];
  save: boolean;
  keep: boolean;
  patients: number;
  messagesPerPatient: number;
  warmup: number;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rounds = Number(value('--rounds') ?? (quick ? 1 : 3));
  const scales = (value('--scales') ?? (quick ? '1000,100000' : '1000,100000,1000000')).split(',').map(Number);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number of 1 or more');
  if (scales.some((s) => !Number.isInteger(s) || s < 1000)) throw new Error('--scales must list whole numbers of 1000 or more');
  return {
    quick,
    rounds,
    scales,
    save: !argv.includes('--no-save'),
    keep: argv.includes('--keep'),
    patients: 50,
    // Whole symptom checks: the scripts are 10 to 12 messages long. The untimed ones are
    // as many as the timed: after 24, V8 was still compiling, and the figures were those of
    // a process just started (ours and Telegraf's alike, but not by the same amount) rather
    // than of a service that has been running (bench/README.md).
    messagesPerPatient: quick ? 24 : 264,
    warmup: quick ? 12 : 264,
  };
}

/** One case in a fresh node process; its result comes back over IPC. */
export function runInChild(spec: CaseSpec): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'case.js'), [JSON.stringify(spec)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (m: { ok: boolean; result?: CaseResult; error?: string }) => {
      settled = true;
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(`bench case ${spec.kind} failed: ${m.error ?? 'no result'}`));
    });
    // 'close', not 'exit': 'exit' can come before the child's last IPC message has been
    // read (seen with the FAQ case), 'close' only once its channel and stdio are done.
    child.on('close', (code) => {
      if (!settled) reject(new Error(`bench case ${spec.kind} exited with code ${code} before reporting`));
    });
  });
}

export interface Measured {
  name: string;
  kind: 'ours' | 'peer' | 'floor';
  stored: number;
  rounds: RunResult[];
}

/** The medians over the rounds (RSS: the highest). */
export function combine(m: Measured) {
  const of = (f: (r: RunResult) => number) => median(m.rounds.map(f));
  return {
    name: m.name,
    stored: m.stored,
    messagesPerRound: m.rounds[0]?.messages ?? 0,
    messagesPerSecond: of((r) => r.messagesPerSecond),
    cpuMicrosPerMessage: of((r) => r.cpuMicrosPerMessage),
    p50Ms: of((r) => r.latencyMs.p50),
    p99Ms: of((r) => r.latencyMs.p99),
    rssMB: Math.max(...m.rounds.map((r) => r.rssMB)),
    perRound: m.rounds.map((r) => Math.round(r.messagesPerSecond)),
  };
}
export type Combined = ReturnType<typeof combine>;

export interface Ratio {
  name: string;
  /**
   * Throughput ratio (msg/s ours / msg/s peer), taken within each round (the two ran
   * minutes apart at most, under the same load) and then the median over the rounds.
   */
  throughput: number;
  /** The same from CPU time per message (peer / ours): steadier still on a busy machine. */
  cpu: number;
  /** The throughput ratio of each round. */
  perRound: number[];
  /** null: printed for reference, no target. */
  target: number | null;
  met: boolean | null;
}

export function ratio(name: string, ours: Measured, peer: Measured, target: number | null): Ratio {
  const pairs = ours.rounds.map((r, i) => [r, peer.rounds[i]!] as const).filter(([, p]) => p !== undefined);
  const perRound = pairs.map(([o, p]) => o.messagesPerSecond / p.messagesPerSecond);
  const throughput = median(perRound);
  const cpu = median(pairs.map(([o, p]) => p.cpuMicrosPerMessage / o.cpuMicrosPerMessage));
  return { name, throughput, cpu, perRound, target, met: target === null ? null : throughput >= target };
}

/** The commit the run measured (with "+changes" when the tree differs from it), or null outside a git checkout. */
function currentCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return changed ? `${head}+changes` : head;
  } catch {
    return null;
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const label = (stored: number) => (stored >= 1e6 ? `${stored / 1e6}M` : stored >= 1e3 ? `${stored / 1e3}k` : String(stored));
/** Our durable case at one scale: the name its figures and ratios are found by. */
const durableName = (stored: number) => `ours, durable (SQLite), ${label(stored)} stored`;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30) };
  const load: Array<{ at: string; loadavg: number[] }> = [];
  const noteLoad = (at: string) => load.push({ at, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) });
  console.log(`Sahay bench — ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${opts.rounds} round(s); ${opts.patients} patients at once, ${opts.warmup} + ${opts.messagesPerPatient} messages each per case\n`);
  noteLoad('start');

  const root = mkdtempSync(join(tmpdir(), 'sahay-bench-'));
  const started = performance.now();
  try {
    // 1. The stored conversations: one SQLite file per scale (built in a child: its page cache is not ours).
    const populated: Record<number, PopulateResult> = {};
    for (const stored of opts.scales) {
      const dataDir = join(root, `stored-${stored}`);
      mkdirSync(dataDir);
      populated[stored] = (await runInChild({ kind: 'populate', dataDir, count: stored, messages: stored >= 1_000_000 ? 1 : 4 })) as PopulateResult;
      const p = populated[stored];
      console.log(`stored ${label(stored)} conversations (${fmt(p.messages)} messages): ${fmt(p.fileMB)} MB file, built in ${fmt(p.seconds, 1)} s`);
    }

    // 2. Rounds of every conversation case, interleaved.
    const base = { patients: opts.patients, messagesPerPatient: opts.messagesPerPatient, warmup: opts.warmup };
    const small = opts.scales[0]!;
    const cases: Array<{ name: string; kind: Measured['kind']; stored: number; spec: CaseSpec }> = [
      { name: durableName(small), kind: 'ours', stored: small, spec: { kind: 'ours', store: 'sqlite', dataDir: join(root, `stored-${small}`), stored: small, ...base } },
      // Every message a new patient's first (a broadcast's crowd): the conversation is created, then its turn committed.
      { name: 'ours, durable (SQLite), first contacts', kind: 'ours', stored: 0, spec: { kind: 'ours', store: 'sqlite', dataDir: join(root, 'first-contacts'), stored: 0, arrivals: 'new', ...base } },
      { name: `ours, in-memory store, ${label(small)} stored`, kind: 'ours', stored: small, spec: { kind: 'ours', store: 'memory', dataDir: join(root, 'memory'), stored: small, ...base } },
      { name: 'Telegraf WizardScene, in-memory session', kind: 'peer', stored: small, spec: { kind: 'telegraf', stored: small, ...base } },
      { name: 'Botkit BotkitConversation, in-memory dialogs', kind: 'peer', stored: small, spec: { kind: 'botkit', stored: small, ...base } },
      { name: 'floor: bare SQLite transaction per message', kind: 'floor', stored: small, spec: { kind: 'floor', dataDir: join(root, 'floor'), stored: small, ...base } },
      // For reference: the same floor without an fsync per commit, i.e. less durable than our store.
      { name: 'floor at synchronous=NORMAL (no fsync per commit)', kind: 'floor', stored: small, spec: { kind: 'floor', dataDir: join(root, 'floor-normal'), stored: small, synchronous: 'NORMAL', ...base } },
      ...opts.scales.slice(1).map((stored) => ({
        name: durableName(stored),
        kind: 'ours' as const,
        stored,
        spec: { kind: 'ours' as const, store: 'sqlite' as const, dataDir: join(root, `stored-${stored}`), stored, ...base },
      })),
    ];
    mkdirSync(join(root, 'memory'));
    const measured: Measured[] = cases.map((c) => ({ name: c.name, kind: c.kind, stored: c.stored, rounds: [] }));
    for (let r = 0; r < opts.rounds; r++) {
      noteLoad(`round ${r + 1}`);
      // Each round starts one case later, so that no case always runs first (or last).
      for (let j = 0; j < cases.length; j++) {
        const i = (j + r) % cases.length;
        const c = cases[i]!;
        let spec = c.spec;
        // First contacts write new conversations: each round starts them on a database of its own.
        if (spec.kind === 'ours' && spec.arrivals === 'new') {
          spec = { ...spec, dataDir: join(spec.dataDir, `round-${r + 1}`) };
          mkdirSync(spec.dataDir, { recursive: true });
        }
        const result = (await runInChild(spec)) as RunResult;
        measured[i]!.rounds.push(result);
        console.log(`round ${r + 1}/${opts.rounds}  ${c.name.padEnd(48)} ${fmt(result.messagesPerSecond).padStart(7)} msg/s  ${fmt(result.cpuMicrosPerMessage).padStart(6)} µs CPU/msg`);
      }
    }

    // 3. Look-ups.
    noteLoad('look-ups');
    const faq = (await runInChild({ kind: 'faq', entries: 2000, rounds: opts.quick ? 1 : 2 })) as FaqLookupResult;
    const beds = (await runInChild({ kind: 'beds', hospitals: 10_000, queries: opts.quick ? 5000 : 20_000 })) as BedLookupResult;
    noteLoad('end');

    // 4. Report.
    const combined = measured.map(combine);
    const find = (name: string) => measured.find((c) => c.name.startsWith(name))!;
    const durable = find(durableName(small));
    const memory = find('ours, in-memory');
    const ratios = [
      ratio('ours durable / Botkit (in-memory dialogs)', durable, find('Botkit'), 2.5),
      ratio('ours in-memory / Telegraf wizard (in-memory session)', memory, find('Telegraf'), 1),
      ratio('ours durable / bare SQLite floor', durable, find('floor:'), 1),
      ratio('ours durable / floor at synchronous=NORMAL (reference)', durable, find('floor at'), null),
    ];
    const biggest = combined[measured.indexOf(find(durableName(opts.scales.at(-1)!)))]!;

    console.log('\nMessage path (medians over the rounds; RSS: highest)');
    console.table(
      combined.map((c) => ({
        case: c.name,
        'msg/s': fmt(c.messagesPerSecond),
        'CPU µs/msg': fmt(c.cpuMicrosPerMessage),
        'p50 ms': fmt(c.p50Ms, 1),
        'p99 ms': fmt(c.p99Ms, 1),
        'RSS MB': fmt(c.rssMB),
        'msg/s per round': c.perRound.join(' '),
      })),
    );
    console.log('Ratios and targets');
    console.table(
      [
        ...ratios.map((r) => ({
          ratio: r.name,
          'by msg/s': `${fmt(r.throughput, 2)}×`,
          'by CPU/msg': `${fmt(r.cpu, 2)}×`,
          'msg/s, per round': r.perRound.map((x) => fmt(x, 2)).join(' '),
          target: r.target === null ? '—' : `≥ ${r.target}×`,
          met: r.met === null ? '' : r.met ? 'yes' : 'NO',
        })),
        { ratio: `RSS with ${label(biggest.stored)} stored conversations`, 'by msg/s': `${fmt(biggest.rssMB)} MB`, 'by CPU/msg': '', 'msg/s, per round': '', target: '< 300 MB', met: biggest.rssMB < 300 ? 'yes' : 'NO' },
      ],
    );
    console.log('Look-ups');
    console.table([
      { lookup: `FAQ match, ${fmt(faq.entries)} entries`, 'p50 ms': fmt(faq.latencyMs.p50, 2), 'p99 ms': fmt(faq.latencyMs.p99, 2), 'p99 CPU ms': fmt(faq.cpuMs.p99, 2), 'index build ms': fmt(faq.indexBuildMs), 'rebuild after an edit ms': fmt(faq.rebuildAfterEditMs) },
      { lookup: `bed lookup, ${fmt(beds.hospitals)} hospitals`, 'p50 ms': fmt(beds.latencyMs.p50, 2), 'p99 ms': fmt(beds.latencyMs.p99, 2), 'p99 CPU ms': fmt(beds.cpuMs.p99, 2), 'index build ms': fmt(beds.indexBuildMs), 'rebuild after an edit ms': '' },
    ]);
    const seconds = (performance.now() - started) / 1000;
    console.log(`load average during the run: ${load.map((l) => `${l.at} ${l.loadavg[0]}`).join(', ')}; took ${fmt(seconds)} s`);

    if (opts.save) {
      const outDir = join(projectRoot, 'bench', 'results');
      mkdirSync(outDir, { recursive: true });
      const at = new Date().toISOString();
      const file = join(outDir, `${at.replace(/[:.]/g, '-')}${opts.quick ? '-quick' : ''}.json`);
      const json = { at, commit: currentCommit(), machine, load, options: opts, seconds, populated, cases: combined, ratios, lookups: { faq, beds }, rounds: measured };
      writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
      console.log(`written ${file}`);
    }
  } finally {
    if (opts.keep) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
