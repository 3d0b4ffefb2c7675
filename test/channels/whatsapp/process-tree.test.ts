/**
 * Finding and killing a browser's processes: the tree by parent and process
 * group, the helpers that name our folder, and SIGKILL that never reaches us.
 */
import { spawn } from 'node:child_process';
import { isRunning, killTree, listProcesses, processTree, processesUsingFolder, readProc, type ProcInfo } from '../../../src/channels/whatsapp/process-tree';
import { until } from '../../support/until';

const proc = (pid: number, ppid: number, pgid: number, args: string[] = [], state = 'S'): ProcInfo => ({ pid, ppid, pgid, state, startTime: pid * 10, args });

describe('processTree', () => {
  const procs = [
    proc(100, 1, 100, ['/usr/lib/chromium/chromium']),
    proc(101, 100, 100, ['chromium', '--type=zygote']),
    proc(102, 101, 100, ['chromium', '--type=renderer']),
    // A renderer whose parent died: re-parented to init, still in the group.
    proc(103, 1, 100, ['chromium', '--type=renderer']),
    // A child that left the group, found by its parent.
    proc(104, 100, 104, ['chromium', '--type=utility']),
    proc(200, 1, 200, ['unrelated']),
  ];

  it('is the process, its descendants and its process group', () => {
    expect(processTree(100, procs).map((p) => p.pid).sort()).toEqual([100, 101, 102, 103, 104]);
  });

  it('is empty for a pid that is gone', () => {
    expect(processTree(999, procs)).toEqual([]);
  });
});

describe('processesUsingFolder', () => {
  const procs = [
    proc(1, 0, 1, ['chromium', '--user-data-dir=/data/whatsapp/session']),
    proc(2, 0, 2, ['chrome_crashpad_handler', '--database=/data/whatsapp/chromium/config/chromium/Crash Reports']),
    proc(3, 0, 3, ['chromium', '--user-data-dir=/data/whatsapp-other/session']),
    proc(4, 0, 4, ['chromium', '--user-data-dir=/data/whatsapp/session'], 'Z'),
    proc(5, 0, 5, ['cat', '/data/whatsapp/session/x']),
    proc(6, 0, 6, ['tool', '--root=/data/whatsapp']),
  ];

  it('finds what names the folder (or a path inside it) in a --flag=, not a neighbour, a zombie or a plain argument', () => {
    expect(processesUsingFolder('/data/whatsapp', procs).map((p) => p.pid)).toEqual([1, 2, 6]);
  });
});

describe('killTree', () => {
  it('never signals this process, its parent or init', async () => {
    const me = readProc(process.pid) ?? proc(process.pid, process.ppid, process.pid);
    const left = await killTree([me, proc(1, 0, 1)], { groupLeader: me.pgid, timeoutMs: 200 });
    expect(left).toEqual([]);
    expect(isRunning(process.pid)).toBe(true);
  });

  it('kills a real process group with children, and waits until none runs', async () => {
    // A group leader with two children, like Chromium and its helpers.
    const child = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    const pid = child.pid!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let tree: ProcInfo[] = [];
    await until(() => (tree = processTree(pid, listProcesses())).length >= 3);
    expect(tree.length).toBeGreaterThanOrEqual(3);
    const left = await killTree(tree, { groupLeader: pid });
    expect(left).toEqual([]);
    await exited;
    expect(tree.filter((p) => isRunning(p.pid, p.startTime))).toEqual([]);
  });
});
