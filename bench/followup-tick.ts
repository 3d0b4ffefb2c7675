/**
 * The follow-up runner's tick over many due check-ins, on the SQLite store on disk as
 * `sahay start` runs it: how long the morning slot takes to reach a district's patients in
 * home isolation. Patients are made through the real router (greeting, language, consent),
 * enrolled as an operator would enrol them, and the clock moved to their first check-in;
 * then the runner ticks until every check-in is started (200 a tick, as in production).
 *
 * It runs the code of any compiled build (bench/any-build.ts), so that two builds can be
 * compared in alternation:
 *
 *   npm run build && node dist/bench/followup-tick.js [build folder, default: this one's] [--patients N, default 600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel } from '../src/channels/channel';
import { buildArgs, buildLoader } from './any-build';
import { SCRIPTS } from './patients';
import { summarize, type LatencySummary } from './stats';

export interface FollowupTickResult {
  checkins: number;
  ticks: number;
  /** Wall time of each tick that started check-ins, ms. */
  tickMs: number[];
  msPerCheckin: number;
  cpuMicrosPerCheckin: number;
  tickLatency: LatencySummary;
}

// The English patient's opening: welcome, language, consent.
const OPENING = SCRIPTS.find((s) => s.lang === 'en')!.opening;

export async function benchFollowupTick(build: string, patients: number): Promise<FollowupTickResult> {
  const load = buildLoader(build);
  const { loadConfig } = load<typeof import('../src/config')>('src/config');
  const { buildCore } = load<typeof import('../src/core')>('src/core');
  const { silentLogger } = load<typeof import('../src/log')>('src/log');
  const { createMetrics } = load<typeof import('../src/metrics')>('src/metrics');
  const dir = mkdtempSync(join(tmpdir(), 'sahay-followup-bench-'));
  // 2026-12-06 02:00 UTC: before the morning slot in India and Bangladesh.
  const clock = { now: Date.UTC(2026, 11, 6, 2, 0) };
  const core = await buildCore(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { log: silentLogger, metrics: createMetrics(), now: () => clock.now });
  const dropAll: Channel = { name: 'webchat', send: async () => undefined };
  core.channels.set('webchat', dropAll);
  try {
    let firstDue = 0;
    for (let p = 0; p < patients; p++) {
      const userId = `followup-${p}`;
      for (const [i, text] of OPENING.entries()) {
        await core.router.handle({ channel: 'webchat', userId, platformMessageId: `${userId}-${i}`, sentAt: clock.now, content: { kind: 'text', text } });
      }
      const conversation = await core.store.conversations.findOrCreate('webchat', userId, () => {
        throw new Error(`bench: ${userId} has no conversation`);
      });
      const enrolled = await core.followup.enrol(conversation.id, 'morning', null);
      if (enrolled.status !== 'enrolled') throw new Error(`bench: could not enrol ${userId}: ${enrolled.status}`);
      const [first] = await core.store.followups.checkins(enrolled.enrolment.id);
      firstDue = Math.max(firstDue, first!.dueAt);
    }
    clock.now = firstDue + 60_000;

    const tickMs: number[] = [];
    let started = 0;
    const cpu = process.cpuUsage();
    for (let ticks = 0; started < patients; ticks++) {
      const t0 = performance.now();
      const counts = await core.followup.tick();
      tickMs.push(performance.now() - t0);
      started += counts.started;
      if (counts.started === 0) throw new Error(`bench: a tick started nothing (${started} of ${patients} started)`);
    }
    const used = process.cpuUsage(cpu);
    const total = tickMs.reduce((a, b) => a + b, 0);
    return {
      checkins: started,
      ticks: tickMs.length,
      tickMs: tickMs.map((ms) => Math.round(ms)),
      msPerCheckin: total / started,
      cpuMicrosPerCheckin: (used.user + used.system) / started,
      tickLatency: summarize(tickMs),
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { build, numbers } = buildArgs(process.argv.slice(2), { patients: 600 });
  benchFollowupTick(build, numbers.patients)
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    });
}
