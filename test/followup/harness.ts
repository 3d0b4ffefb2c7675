/**
 * A core that can be closed and built again on the same SQLite file (a restart), with one
 * fixed clock and ids that never repeat across builds; a recording web chat channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { OutboundMessage } from '../../src/router/message';
import type { Checkin, Enrolment } from '../../src/storage/repositories';
import { existingConversation } from '../support/conversation';
import { FIXED_NOW } from '../support/core';
import { RecordingChannel } from '../support/recording-channel';

export class RestartableCore {
  readonly dir = mkdtempSync(join(tmpdir(), 'sahay-followup-'));
  readonly clock = { now: FIXED_NOW };
  core!: Core;
  channel!: RecordingChannel;
  private generation = 0;
  private msgSeq = 0;

  async start(): Promise<Core> {
    const gen = ++this.generation;
    let seq = 0;
    this.core = await this.build(gen, () => `g${gen}-${String(++seq).padStart(5, '0')}`);
    this.channel = new RecordingChannel('webchat');
    this.core.channels.set('webchat', this.channel);
    return this.core;
  }

  /** Another process on the same file (its own core, ids and channel). */
  async second(): Promise<{ core: Core; channel: RecordingChannel }> {
    const gen = ++this.generation;
    let seq = 0;
    const core = await this.build(gen, () => `g${gen}-${String(++seq).padStart(5, '0')}`);
    const channel = new RecordingChannel('webchat');
    core.channels.set('webchat', channel);
    return { core, channel };
  }

  private build(_gen: number, newId: () => string): Promise<Core> {
    return buildCore(loadConfig({ DATA_DIR: this.dir }), { log: silentLogger, metrics: createMetrics(), now: () => this.clock.now, newId });
  }

  async restart(): Promise<Core> {
    await this.core.close();
    return this.start();
  }

  async send(userId: string, text: string): Promise<OutboundMessage[]> {
    this.clock.now += 1000;
    await this.core.router.handle({ channel: 'webchat', userId, platformMessageId: `m${++this.msgSeq}`, sentAt: this.clock.now, content: { kind: 'text', text } });
    return this.channel.take();
  }

  async close(): Promise<void> {
    await this.core.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh RestartableCore for every test of the suite, started before it and closed after: `set` is handed each. */
export function coreForEachTest(set: (h: RestartableCore) => void): void {
  let h: RestartableCore;
  beforeEach(async () => {
    h = new RestartableCore();
    await h.start();
    set(h);
  });
  afterEach(async () => {
    await h.close();
  });
}

/** English, consent, the symptom check to home isolation, then yes to daily check-ins at `slot` (1 morning, 2 afternoon, 3 evening). */
export async function enrolByChat(h: RestartableCore, userId: string, slot: '1' | '2' | '3' = '1'): Promise<OutboundMessage[]> {
  for (const text of ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes']) {
    await h.send(userId, text);
  }
  await h.send(userId, 'yes');
  await h.send(userId, slot);
  // Where the patient is (the slot is in their own time): West Bengal, India's time as before.
  return h.send(userId, '1');
}

/** Enrolled by chat (enrolByChat): the patient's enrolment and its check-ins. */
export async function enrolledByChat(h: RestartableCore, userId: string): Promise<{ e: Enrolment; plan: Checkin[] }> {
  await enrolByChat(h, userId);
  const conv = await existingConversation(h.core.store, 'webchat', userId);
  const e = (await h.core.store.followups.currentFor(conv.id))!;
  return { e, plan: await h.core.store.followups.checkins(e.id) };
}
