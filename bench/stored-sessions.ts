/**
 * What a returning patient's stored conversation looks like: the session after
 * the opening and one symptom check (back at the main menu, language chosen,
 * consent given, a triage result stored), produced by running each script
 * through the real router once. The pre-populated databases hold copies of
 * these, so the bench resumes sessions the engine itself wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import type { Language } from '../src/engine/flow';
import type { Session } from '../src/engine/session';
import { silentLogger } from '../src/log';
import { createMetrics } from '../src/metrics';
import { createMemoryStore } from '../src/storage/memory/memory-store';
import { SCRIPTS } from './patients';

export interface StoredSample {
  session: Session;
  /** The turns count the session reached (its conversation version). */
  version: number;
  /** The first inbound text and reply of the loop, for the stored messages. */
  inbound: string;
  reply: string;
}

export async function storedSamples(): Promise<Record<Language, StoredSample>> {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-bench-sample-'));
  const core = await buildCore(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { log: silentLogger, metrics: createMetrics(), store: createMemoryStore() });
  const sent: string[] = [];
  core.channels.set('webchat', { name: 'webchat', send: async (m) => void sent.push(m.text) });
  const out = {} as Record<Language, StoredSample>;
  try {
    for (const script of SCRIPTS) {
      const userId = `sample-${script.lang}`;
      let i = 0;
      let reply = '';
      for (const text of [...script.opening, ...script.loop]) {
        sent.length = 0;
        await core.router.handle({ channel: 'webchat', userId, platformMessageId: `sample-${script.lang}-${i++}`, sentAt: 0, content: { kind: 'text', text } });
        if (i === script.opening.length + 1) reply = sent.join('\n');
      }
      const conv = await core.store.conversations.findOrCreate('webchat', userId, { id: 'unused', session: { stack: [], lang: null, vars: {}, turns: 0 }, now: 0 });
      const frame = conv.session.stack.at(-1);
      if (frame?.flow !== 'main_menu' || frame.state !== 'menu') throw new Error(`bench: the ${script.lang} script does not end at the main menu`);
      out[script.lang] = { session: conv.session, version: conv.version, inbound: script.loop[0]!, reply };
    }
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
