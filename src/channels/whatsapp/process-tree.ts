/**
 * Finding and killing Chromium's processes, so that none is ever left behind.
 *
 * puppeteer starts Chromium as the leader of a new process group; its zygote,
 * renderer, GPU and utility processes join that group and carry the profile
 * folder in `--user-data-dir=`; its crash handler runs in a session of its own
 * but names its database folder. On Linux we read /proc to see them all (a
 * renderer whose parent died is re-parented to init, so parent links alone are
 * not enough). Elsewhere the group kill is all we can do.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** R, S, D, Z (zombie: dead, waiting to be reaped)… */
  state: string;
  /** Clock ticks after boot: with the pid, identifies a process even if the pid is reused. */
  startTime: number;
  args: string[];
}

/** Every process we can see (empty where there is no /proc). */
export function listProcesses(): ProcInfo[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) out.push(info);
  }
  return out;
}

export function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let args: string[] = [];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      // Gone between the two reads, or not ours to read.
    }
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]), startTime: Number(fields[19]), args };
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie; with `startTime`, also the same process (not a reused pid). */
export function isRunning(pid: number, startTime?: number): boolean {
  const info = readProc(pid);
  if (!info) {
    if (existsProc()) return false;
    // No /proc: ask the kernel (signal 0 checks existence).
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  if (info.state === 'Z' || info.state === 'X') return false;
  return startTime === undefined || Number.isNaN(startTime) || info.startTime === startTime;
}

function existsProc(): boolean {
  try {
    readdirSync('/proc/self');
    return true;
  } catch {
    return false;
  }
}

/** The process, its descendants, and everything in its process group. */
export function processTree(rootPid: number, procs: ProcInfo[] = listProcesses()): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const found = new Map<number, ProcInfo>();
  const stack = procs.filter((p) => p.pid === rootPid || p.pgid === rootPid);
  while (stack.length) {
    const p = stack.pop()!;
    if (found.has(p.pid)) continue;
    found.set(p.pid, p);
    stack.push(...(byParent.get(p.pid) ?? []));
  }
  return [...found.values()];
}

/**
 * Processes (not zombies) with a `--flag=<dir>` or `--flag=<dir>/…` argument:
 * Chromium on a profile in that folder (`--user-data-dir=`), and its crash
 * handler (`--database=`), which runs outside the browser's process group.
 */
export function processesUsingFolder(dir: string, procs: ProcInfo[] = listProcesses()): ProcInfo[] {
  const inside = `=${dir}/`;
  const exact = `=${dir}`;
  return procs.filter((p) => p.state !== 'Z' && p.args.some((a) => a.startsWith('--') && (a.includes(inside) || a.endsWith(exact))));
}

/**
 * SIGKILL a process tree (the group, then each member by pid) and wait until none
 * of it runs. Resolves with the processes still running after `timeoutMs` (empty
 * when all is well).
 */
export async function killTree(all: ProcInfo[], opts: { groupLeader?: number; timeoutMs?: number } = {}): Promise<ProcInfo[]> {
  // Never ourselves, our parent or init, whatever a caller passes.
  const spared = new Set([0, 1, process.pid, process.ppid]);
  const targets = all.filter((p) => !spared.has(p.pid));
  if (opts.groupLeader && !spared.has(opts.groupLeader) && opts.groupLeader !== selfGroup()) signal(-opts.groupLeader);
  for (const p of targets) signal(p.pid);
  const deadline = Date.now() + (opts.timeoutMs ?? 3000);
  for (;;) {
    const left = targets.filter((p) => isRunning(p.pid, p.startTime));
    if (left.length === 0 || Date.now() >= deadline) return left;
    for (const p of left) signal(p.pid);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function selfGroup(): number | undefined {
  return readProc(process.pid)?.pgid;
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone (ESRCH), or the group is empty.
  }
}
