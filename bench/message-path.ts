/**
 * Our message path: returning patients doing the symptom check through the real
 * router, engine, translator and store — the SQLite file on disk (pre-populated
 * with `stored` conversations by bench/populate.ts) or the memory store — with
 * the outbox sweep on its timer, as `sahay start` runs it. The channel takes
 * each reply and drops it.
 *
 * With `arrivals: 'new'`, every message is instead a new patient's first one (the
 * opening's greeting): the conversation is created, then its first turn committed,
 * as when a broadcast brings a crowd of first-time patients at once.
 */
import type { Channel } from '../src/channels/channel';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import type { Language } from '../src/engine/flow';
import { silentLogger } from '../src/log';
import { createMetrics } from '../src/metrics';
import { createMemoryStore } from '../src/storage/memory/memory-store';
import type { Store } from '../src/storage/repositories';
import { drive, type DriveOptions, type RunResult } from './drive';
import { activePatients, messageOf, scriptOf } from './patients';
import { STORED_CHANNEL, storedUserId } from './populate';
import type { StoredSample } from './stored-sessions';

export interface PathOptions extends DriveOptions {
  /** `dataDir` holds sahay.db, already populated with `stored` conversations. */
  store: { kind: 'sqlite'; dataDir: string; stored: number } | { kind: 'memory'; dataDir: string; stored: number; samples: Record<Language, StoredSample> };
  /** 'returning' (the default): stored patients doing the symptom check; 'new': first contacts only. */
  arrivals?: 'returning' | 'new';
}

const nullChannel: Channel = { name: STORED_CHANNEL, send: async () => undefined };

export async function benchMessagePath(opts: PathOptions): Promise<RunResult> {
  // The flood guard off: this bench measures the path's throughput with each patient writing as
  // fast as the machine answers (hundreds of messages a second), which the guard, rightly, would
  // hold back after FLOOD_MAX_MESSAGES_PER_MINUTE. Its own cost is measured on its own.
  const config = loadConfig({ DATA_DIR: opts.store.dataDir, LOG_LEVEL: 'silent', FLOOD_MAX_MESSAGES_PER_MINUTE: '0' });
  const core = await buildCore(config, {
    log: silentLogger,
    metrics: createMetrics(),
    ...(opts.store.kind === 'memory' ? { store: createMemoryStore() } : {}),
  });
  core.channels.set(STORED_CHANNEL, nullChannel);
  core.outbox.start(config.outbox.pollMs);
  try {
    if (opts.store.kind === 'memory') await populateMemory(core.store, opts.store.stored, opts.store.samples);
    const arrivingNew = opts.arrivals === 'new';
    // Stored patients who write again; none for first contacts.
    const ks = arrivingNew ? [] : activePatients(opts.store.stored, opts.patients);
    return await drive(opts, (p, i) =>
      core.router.handle({
        channel: STORED_CHANNEL,
        userId: arrivingNew ? `new-${process.pid}-${p}-${i}` : storedUserId(ks[p]!),
        platformMessageId: `bench-${process.pid}-${p}-${i}`,
        sentAt: Date.now(),
        content: { kind: 'text', text: arrivingNew ? scriptOf(p).opening[0]! : messageOf(scriptOf(p), i) },
      }),
    );
  } finally {
    await core.close();
  }
}

/** The memory store's stored conversations, written through the Store API (one turn each). */
async function populateMemory(store: Store, count: number, samples: Record<Language, StoredSample>): Promise<void> {
  for (let k = 0; k < count; k++) {
    const sample = samples[scriptOf(k).lang];
    const conv = await store.conversations.findOrCreate(STORED_CHANNEL, storedUserId(k), { id: `c-${k}`, session: sample.session, now: 0 });
    await store.turns.commit({
      conversationId: conv.id,
      expectedVersion: 0,
      session: sample.session,
      inbound: { id: `m-${k}`, platformMessageId: `${storedUserId(k)}-0`, content: { kind: 'text', text: sample.inbound }, sentAt: 0, receivedAt: 0 },
      outbound: [],
    });
  }
}
