/**
 * The bench's helpers do what bench/README.md says they do: percentiles, who the
 * active patients are, the pre-populated database (which the real router must
 * resume), the SQLite floor, the FAQ entries, the profile summary and the
 * report's arithmetic. Correctness only; nothing here is timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { faqEntries } from '../../bench/faq-lookup';
import { benchFollowupTick } from '../../bench/followup-tick';
import { timedWithStops } from '../../bench/event-loop-stops';
import { outageSweep } from '../../bench/outage-sweep';
import { benchMessagePath } from '../../bench/message-path';
import { SCRIPTS, activePatients, messageOf, scriptOf } from '../../bench/patients';
import { floorSessionId, openFloor } from '../../bench/peers/sqlite-floor';
import { populate, storedUserId } from '../../bench/populate';
import { summarizeProfile, type CpuProfile } from '../../bench/profile-summary';
import { combine, parseArgs, ratio, type Measured } from '../../bench/run';
import { median, summarize } from '../../bench/stats';
import { storedSamples, type StoredSample } from '../../bench/stored-sessions';
import type { RunResult } from '../../bench/drive';
import type { Language } from '../../src/engine/flow';
import type { FaqContent } from '../../src/storage/repositories';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { createTestCore } from '../support/core';

describe('stats', () => {
  it('takes percentiles by rank and the median of an even list as the middle two', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ p50: 51, p90: 91, p99: 100, max: 100 });
    expect(summarize([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('patients', () => {
  it('speak the three languages in turn and repeat their loop', () => {
    expect([0, 1, 2, 3].map((p) => scriptOf(p).lang)).toEqual(['bn', 'hi', 'en', 'bn']);
    const en = SCRIPTS[2]!;
    expect(messageOf(en, 0)).toBe(en.loop[0]);
    expect(messageOf(en, en.loop.length + 1)).toBe(en.loop[1]);
  });

  it('are stored patients spread over the whole range, each stored in its own language', () => {
    const ks = activePatients(1_000_000, 50);
    expect(new Set(ks).size).toBe(50);
    ks.forEach((k, p) => expect(scriptOf(k).lang).toBe(scriptOf(p).lang));
    expect(Math.min(...ks)).toBeLessThan(20_000);
    expect(Math.max(...ks)).toBeGreaterThan(980_000);
    expect(() => activePatients(100, 50)).toThrow(/at least 150/);
  });
});

describe('stored conversations', () => {
  let dir: string;
  let samples: Record<Language, StoredSample>;
  beforeAll(async () => {
    samples = await storedSamples();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-bench-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are sessions the engine wrote, at the main menu after a symptom check', () => {
    for (const s of SCRIPTS) {
      const sample = samples[s.lang];
      expect(sample.session.lang).toBe(s.lang);
      expect(sample.session.stack.at(-1)).toMatchObject({ flow: 'main_menu', state: 'menu' });
      expect(sample.session.vars).toMatchObject({ triage: { level: s.level } });
      expect(sample.version).toBeGreaterThan(s.loop.length);
    }
  });

  it('are bulk-inserted with their messages, and the real router resumes them at the menu', async () => {
    const result = populate(join(dir, 'sahay.db'), 30, samples, { messages: 4 });
    expect(result).toMatchObject({ conversations: 30, messages: 120 });
    const db = new Database(join(dir, 'sahay.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare("SELECT count(*) FROM outbox WHERE status = 'sent'").pluck().get()).toBe(60);
      expect(db.prepare('SELECT count(DISTINCT conversation_id) FROM messages').pluck().get()).toBe(30);
    } finally {
      db.close();
    }

    const t = await createTestCore({ env: { DATA_DIR: dir } });
    try {
      await expect(t.core.store.conversations.count()).resolves.toBe(30);
      for (const k of [0, 1, 2, 29]) {
        const script = scriptOf(k);
        const replies = await t.send(storedUserId(k), script.loop[0]!);
        expect(replies.map((r) => r.text)).toEqual([t.core.translator.t('triage.intro', script.lang), t.core.translator.t('triage.ask.danger_signs', script.lang)]);
      }
    } finally {
      await t.close();
    }
  });

  it('first contacts: every message is a new patient greeting the bot, each answered in its own new conversation', async () => {
    const result = await benchMessagePath({ store: { kind: 'sqlite', dataDir: dir, stored: 0 }, arrivals: 'new', patients: 3, warmup: 1, messagesPerPatient: 2 });
    expect(result.messages).toBe(6);
    const store = openSqliteStore({ file: join(dir, 'sahay.db') });
    try {
      // 3 patients × (1 untimed + 2 timed) messages, each from someone new.
      await expect(store.conversations.count()).resolves.toBe(9);
      const rows = store.db.prepare('SELECT id, version FROM conversations').all() as Array<{ id: string; version: number }>;
      for (const { id, version } of rows) {
        // One turn committed: the greeting, and the bot's opening replies to it.
        expect(version).toBe(1);
        const log = await store.messages.list(id);
        expect(log[0]).toMatchObject({ direction: 'in', content: { kind: 'text' } });
        expect(SCRIPTS.map((s) => s.opening[0])).toContain((log[0]!.content as { text: string }).text);
        expect(log.filter((m) => m.direction === 'in')).toHaveLength(1);
        expect(log.filter((m) => m.direction === 'out').length).toBeGreaterThan(0);
      }
    } finally {
      await store.close();
    }
  });

  it('the floor reads, writes and logs one message per transaction', () => {
    const floor = openFloor(dir, 6, samples);
    try {
      // With our store's durability (an fsync per commit) unless told otherwise.
      expect(floor.db.pragma('synchronous', { simple: true })).toBe(2);
      floor.handle(floorSessionId(4), 'hello');
      floor.handle(floorSessionId(4), 'again');
      const session = JSON.parse(floor.db.prepare('SELECT session FROM sessions WHERE id = ?').pluck().get(floorSessionId(4)) as string);
      expect(session.turns).toBe(samples[scriptOf(4).lang].session.turns + 2);
      expect(floor.db.prepare('SELECT text FROM messages ORDER BY seq').pluck().all()).toEqual(['hello', 'again']);
      expect(() => floor.handle('nobody', 'x')).toThrow(/no session/);
    } finally {
      floor.close();
    }
    const reference = openFloor(join(dir, 'normal'), 6, samples, 'NORMAL');
    try {
      expect(reference.db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      reference.close();
    }
  });
});

describe('the follow-up tick bench', () => {
  it("starts every enrolled patient's first check-in", async () => {
    const result = await benchFollowupTick(join(__dirname, '..', '..'), 3);
    expect(result).toMatchObject({ checkins: 3, ticks: 1 });
    expect(result.tickMs).toHaveLength(1);
    expect(result.msPerCheckin).toBeGreaterThan(0);
  });
});

describe('the event-loop probe', () => {
  it('reports work that never yields as one stop as long as the work', async () => {
    const { ms, longestStopMs } = await timedWithStops(async () => {
      const until = performance.now() + 30;
      while (performance.now() < until);
    });
    expect(longestStopMs).toBeGreaterThanOrEqual(30);
    expect(longestStopMs).toBeGreaterThanOrEqual(ms - 1);
  });

  it('reports work that yields between short steps as stops shorter than the work', async () => {
    // Twelve steps, so that a step the OS stretches on a loaded machine (preempted mid-step: that
    // counts as a stop too) stays well under half of the whole.
    const { ms, longestStopMs } = await timedWithStops(async () => {
      for (let step = 0; step < 12; step++) {
        const until = performance.now() + 5;
        while (performance.now() < until);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    expect(ms).toBeGreaterThanOrEqual(60);
    expect(longestStopMs).toBeLessThan(ms / 2);
  });
});

describe('the outage sweep bench', () => {
  it('fails every waiting reply once in one sweep, and stores each failure', async () => {
    const result = await outageSweep(join(__dirname, '..', '..'), 7);
    expect(result).toMatchObject({ patients: 7, failuresStored: 7 });
  });
});

describe('FAQ entries for the look-up bench', () => {
  const starter: FaqContent[] = [
    { id: 'a', topics: [], questions: { en: ['how long to isolate'], bn: ['কত দিন'] }, answers: { en: 'x' }, source: 's', reviewed: '2021-05-01' },
    { id: 'b', topics: [], questions: { hi: ['कितने दिन'] }, answers: { hi: 'y' }, source: 's', reviewed: '2021-05-01' },
  ];

  it('are the starter set, then variants with a district in every question, all with distinct ids', () => {
    const entries = faqEntries(starter, 5);
    expect(entries.map((e) => e.id)).toEqual(['a', 'b', 'a-1', 'b-1', 'a-2']);
    expect(entries[2]!.questions.en![0]).toMatch(/^how long to isolate in \w+/);
    expect(entries[2]!.questions.bn![0]).toMatch(/^কত দিন \S+/);
    expect(entries[3]!.questions.hi![0]).toMatch(/^कितने दिन \S+ में$/);
    expect(entries[2]!.answers).toEqual(starter[0]!.answers);
  });
});

describe('profile summary', () => {
  it('charges each sample to the innermost frame that belongs to a phase', () => {
    const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber: 0 }, children });
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)', '', [2, 6, 7]),
        frame(2, 'turn', 'file:///x/src/router/router.ts', [3, 5]),
        frame(3, 'commit', 'file:///x/src/storage/sqlite/turns.ts', [4]),
        frame(4, 'run', ''),
        frame(5, 'parse', ''),
        frame(6, '(garbage collector)', ''),
        frame(7, '(idle)', ''),
      ],
      samples: [4, 4, 5, 6, 7],
      timeDeltas: [1000, 1000, 1000, 1000, 5000],
    };
    const s = summarizeProfile(profile);
    expect(s.busyMs).toBe(4);
    expect(s.phases).toEqual([
      { phase: 'commit (one transaction)', ms: 2, share: 0.5 },
      { phase: 'router (lock, ids, metrics)', ms: 1, share: 0.25 },
      { phase: 'garbage collection', ms: 1, share: 0.25 },
    ]);
    expect(s.top[0]).toMatchObject({ fn: 'run', where: '(native):1', selfMs: 2 });
    // By total time, a function counts what it calls: the turn, its commit and the commit's statement.
    expect(s.topTotal[0]).toMatchObject({ fn: 'turn', where: 'src/router/router.ts:1', totalMs: 3, share: 0.75 });
    expect(s.topTotal.find((t) => t.fn === 'commit')).toMatchObject({ totalMs: 2 });
    expect(s.topTotal.find((t) => t.fn === '(root)')).toBeUndefined();
  });
});

describe('the report', () => {
  const run = (messagesPerSecond: number, cpuMicrosPerMessage: number, rssMB = 100): RunResult => ({
    messages: 1000,
    seconds: 1000 / messagesPerSecond,
    messagesPerSecond,
    cpuMicrosPerMessage,
    latencyMs: { p50: 1, p90: 2, p99: 3, max: 4 },
    rssMB,
    heapMB: 10,
  });

  it('takes the median of the rounds (and the highest RSS), and ratios within each round by throughput and by CPU', () => {
    const ours: Measured = { name: 'ours', kind: 'ours', stored: 1000, rounds: [run(900, 500, 150), run(1000, 400, 120), run(1100, 450, 130)] };
    expect(combine(ours)).toMatchObject({ messagesPerSecond: 1000, cpuMicrosPerMessage: 450, rssMB: 150, perRound: [900, 1000, 1100] });
    // A slow round for both (the machine was busy) does not make either look better.
    const peer: Measured = { name: 'peer', kind: 'peer', stored: 1000, rounds: [run(300, 900), run(500, 900), run(400, 900)] };
    expect(ratio('ours / peer', ours, peer, 2.5)).toEqual({ name: 'ours / peer', throughput: 2.75, cpu: 2, perRound: [3, 2, 2.75], target: 2.5, met: true });
    expect(ratio('peer / ours', peer, ours, 1).met).toBe(false);
    // A reference ratio has no target, and is neither met nor missed.
    expect(ratio('ours / reference', ours, peer, null)).toMatchObject({ throughput: 2.75, target: null, met: null });
  });

  it('reads its options', () => {
    expect(parseArgs([])).toMatchObject({ quick: false, rounds: 3, scales: [1000, 100_000, 1_000_000], save: true });
    expect(parseArgs(['--quick', '--no-save'])).toMatchObject({ quick: true, rounds: 1, scales: [1000, 100_000], save: false });
    expect(parseArgs(['--rounds', '2', '--scales', '1000,5000'])).toMatchObject({ rounds: 2, scales: [1000, 5000] });
    expect(() => parseArgs(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseArgs(['--scales', '10'])).toThrow(/--scales/);
  });
});
