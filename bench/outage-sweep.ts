/**
 * What a channel outage costs the bot: `patients` patients each have a reply waiting in the
 * outbox of a SQLite store on disk, the channel fails every send (retryably), and one outbox
 * sweep (`OutboxDeliverer.deliverDue`, as the timer runs it) tries them all and stores each
 * failure and its retry time. Milliseconds for the sweep, and the longest stop of the event
 * loop during it (other patients' messages wait that long).
 *
 * It runs the store and delivery code of any compiled build, so that two builds can be
 * compared in alternation:
 *
 *   npm run build && node dist/bench/outage-sweep.js [build folder, default: this one's] [--patients N] [--runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArgs, buildLoader } from './any-build';
import { timedWithStops } from './event-loop-stops';

export interface OutageSweep {
  patients: number;
  sweepMs: number;
  longestStopMs: number;
  failuresStored: number;
}

export async function outageSweep(build: string, patients: number): Promise<OutageSweep> {
  const load = buildLoader(build);
  const { openSqliteStore } = load<typeof import('../src/storage/sqlite/sqlite-store')>('src/storage/sqlite/sqlite-store');
  const { OutboxDeliverer } = load<typeof import('../src/router/outbox')>('src/router/outbox');
  const { ChannelSendError } = load<typeof import('../src/channels/channel')>('src/channels/channel');
  const { silentLogger } = load<typeof import('../src/log')>('src/log');
  const { createMetrics } = load<typeof import('../src/metrics')>('src/metrics');

  const dir = mkdtempSync(join(tmpdir(), 'sahay-outage-'));
  const store = openSqliteStore({ file: join(dir, 'sahay.db') });
  try {
    const session = { stack: [], lang: 'bn' as const, vars: {}, turns: 1 };
    await Promise.all(
      Array.from({ length: patients }, async (_, p) => {
        const conv = await store.conversations.findOrCreate('whatsapp', `88017${String(p).padStart(8, '0')}`, { id: `c-${p}`, session, now: 1 });
        await store.turns.commit({
          conversationId: conv.id,
          expectedVersion: conv.version,
          session,
          inbound: { id: `in-${p}`, platformMessageId: `wamid.${p}`, content: { kind: 'text', text: 'জ্বর' }, sentAt: 1, receivedAt: 2 },
          outbound: [{ id: `out-${p}`, text: 'কত দিন ধরে জ্বর?', createdAt: 2 }],
        });
      }),
    );
    const down = { name: 'whatsapp' as const, send: async () => Promise.reject(new ChannelSendError('whatsapp is down', true)) };
    const deliverer = new OutboxDeliverer({ store, channels: new Map([['whatsapp', down]]), now: () => 10_000, log: silentLogger, metrics: createMetrics() });

    const { ms: sweepMs, longestStopMs } = await timedWithStops(() => deliverer.deliverDue());
    const failuresStored = (await store.outbox.due(Number.MAX_SAFE_INTEGER)).filter((i) => i.attempts === 1 && i.lastError !== undefined).length;
    return { patients, sweepMs, longestStopMs, failuresStored };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { folder, build, numbers } = buildArgs(process.argv.slice(2), { patients: 500, runs: 1 });
  void (async () => {
    for (let r = 0; r < numbers.runs; r++) {
      const s = await outageSweep(build, numbers.patients);
      console.log(`${folder ?? 'this build'}: ${s.patients} failed sends in ${s.sweepMs.toFixed(0)} ms, longest stop ${s.longestStopMs.toFixed(0)} ms, ${s.failuresStored} failures stored`);
    }
  })();
}
