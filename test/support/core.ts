/**
 * A real core (router, engine, translator, shipped flows and config) on a SQLite
 * file in a temp folder, with a fixed clock and seeded ids, and recording channels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { silentLogger, type Logger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { ChannelName, InboundMessage, OutboundMessage } from '../../src/router/message';
import type { Store } from '../../src/storage/repositories';
import { RecordingChannel } from './recording-channel';

export const FIXED_NOW = Date.UTC(2021, 4, 1, 10, 0, 0); // 1 May 2021, the second wave

export interface TestCore {
  core: Core;
  dir: string;
  channels: Record<ChannelName, RecordingChannel>;
  clock: { now: number };
  /** Send a text (or any content) as `userId` on `channel`; returns what the bot answered. */
  send(userId: string, content: string | InboundMessage['content'], opts?: { channel?: ChannelName; id?: string }): Promise<OutboundMessage[]>;
  close(): Promise<void>;
}

export async function createTestCore(opts: { env?: Record<string, string>; store?: Store; log?: Logger } = {}): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-test-'));
  // The flood guard off unless a test sets it: `send` writes a second apart on this clock (a long
  // transcript is 24 messages in 24 seconds), faster than any patient. test/router/flood.test.ts turns it on.
  const config = loadConfig({ DATA_DIR: dir, FLOOD_MAX_MESSAGES_PER_MINUTE: '0', ...opts.env });
  const clock = { now: FIXED_NOW };
  let seq = 0;
  const core = await buildCore(config, {
    log: opts.log ?? silentLogger,
    metrics: createMetrics(),
    now: () => clock.now,
    newId: () => `id-${String(++seq).padStart(6, '0')}`,
    ...(opts.store ? { store: opts.store } : {}),
  });
  const channels = {
    webchat: new RecordingChannel('webchat'),
    telegram: new RecordingChannel('telegram'),
    whatsapp: new RecordingChannel('whatsapp'),
    cli: new RecordingChannel('cli'),
  };
  for (const c of Object.values(channels)) core.channels.set(c.name, c);
  let msgSeq = 0;
  return {
    core,
    dir,
    channels,
    clock,
    async send(userId, content, o = {}) {
      const channel = o.channel ?? 'webchat';
      clock.now += 1000;
      await core.router.handle({
        channel,
        userId,
        platformMessageId: o.id ?? `m${++msgSeq}`,
        sentAt: clock.now,
        content: typeof content === 'string' ? { kind: 'text', text: content } : content,
      });
      return channels[channel].take();
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
