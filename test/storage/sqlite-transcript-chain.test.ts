/**
 * Transcripts on SQLite are chains (migration 9, src/storage/sqlite/transcript-writer.ts):
 * each message names the one before it in its conversation, and the conversation its last.
 * Migration 9 builds the chains of what a file already holds, in the order transcripts
 * were listed in before it; every write after it must keep each chain whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src/storage/sqlite/migrate';
import { TRANSCRIPT_SQL } from '../../src/storage/sqlite/messages';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { Turn } from '../../src/storage/repositories';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-chain-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SESSION = JSON.stringify({ stack: [], lang: 'bn', vars: {}, turns: 0 });

/** Every conversation's chain, followed back from its end, holds exactly its messages, each once. */
function expectWholeChains(db: Database.Database): void {
  const convs = db.prepare<[], { id: string; last: number | null }>('SELECT id, last_message_seq AS last FROM conversations').all();
  const prevOf = db.prepare<[number], { conversation_id: string; prev_seq: number | null }>('SELECT conversation_id, prev_seq FROM messages WHERE seq = ?');
  const all = db.prepare<[string], number>('SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq').pluck();
  for (const c of convs) {
    const seen: number[] = [];
    for (let seq = c.last; seq !== null; ) {
      const row = prevOf.get(seq)!;
      expect(row.conversation_id).toBe(c.id);
      seen.push(seq);
      seq = row.prev_seq;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(all.all(c.id));
  }
}

const turnOf = (conversationId: string, pmid: string, expectedVersion: number, at: number): Turn => ({
  conversationId,
  expectedVersion,
  session: { stack: [], lang: 'bn', vars: {}, turns: expectedVersion + 1 },
  inbound: { id: `in-${pmid}`, platformMessageId: pmid, content: { kind: 'text', text: 'জ্বর' }, sentAt: at, receivedAt: at },
  outbound: [
    { id: `out-${pmid}-1`, text: 'ধন্যবাদ', createdAt: at },
    { id: `out-${pmid}-2`, text: 'আর কিছু?', createdAt: at },
  ],
});

describe('migration 9: transcripts chained per conversation', () => {
  it('chains what a version-8 file holds in the order it was listed in, and the store goes on from there', async () => {
    const file = join(dir, 'sahay.db');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 8));
    const conv = old.prepare('INSERT INTO conversations (id, channel, user_id, session, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)');
    conv.run('c1', 'telegram', 'u1', SESSION, 3);
    conv.run('c2', 'whatsapp', 'u2', SESSION, 1);
    conv.run('c3', 'telegram', 'u3', SESSION, 0); // nothing said yet
    const msg = old.prepare("INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, ?, ?, ?, '{\"kind\":\"text\",\"text\":\"x\"}', NULL, ?)");
    // Two conversations interleaved; in c1 a row stored later with an earlier time, and a tie.
    msg.run('a1', 'c1', 'in', 'telegram', 'p1', 1000);
    msg.run('b1', 'c2', 'in', 'whatsapp', 'q1', 1500);
    msg.run('a2', 'c1', 'out', 'telegram', null, 3000);
    msg.run('a3', 'c1', 'in', 'telegram', 'p2', 2000);
    msg.run('b2', 'c2', 'out', 'whatsapp', null, 1500);
    msg.run('a4', 'c1', 'out', 'telegram', null, 3000);
    const listedBefore = (id: string) => old.prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY at, seq').pluck().all(id);
    const before = { c1: listedBefore('c1'), c2: listedBefore('c2') };
    expect(before.c1).toEqual(['a1', 'a3', 'a2', 'a4']);
    old.close();

    const store: SqliteStore = openSqliteStore({ file });
    try {
      expect(store.schemaVersion).toBe(MIGRATIONS.length);
      const ids = async (id: string, limit?: number) => (await store.messages.list(id, limit === undefined ? {} : { limit })).map((m) => m.id);
      await expect(ids('c1')).resolves.toEqual(before.c1);
      await expect(ids('c2')).resolves.toEqual(before.c2);
      await expect(ids('c3')).resolves.toEqual([]);
      await expect(ids('c1', 2)).resolves.toEqual(['a2', 'a4']);
      await expect(ids('c1', 0)).resolves.toEqual([]);
      expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages_conversation_at'").pluck().get()).toBe(0);
      expectWholeChains(store.db);

      // Turns of three conversations in one group commit: one new transcript, one redelivery
      // (nothing stored), one stale turn (nothing stored); the chains stay whole.
      const results = await Promise.all([
        store.turns.commit(turnOf('c1', 'p3', 3, 4000)),
        store.turns.commit(turnOf('c3', 'r1', 0, 4000)),
        store.turns.commit(turnOf('c2', 'q1', 1, 4000)),
        store.turns.commit(turnOf('c2', 'q2', 0, 4000)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['committed', 'committed', 'duplicate', 'conflict']);
      await expect(ids('c1')).resolves.toEqual([...before.c1, 'in-p3', 'out-p3-1', 'out-p3-2']);
      await expect(ids('c3')).resolves.toEqual(['in-r1', 'out-r1-1', 'out-r1-2']);
      await expect(ids('c2')).resolves.toEqual(before.c2);
      await expect(ids('c1', 4)).resolves.toEqual(['a4', 'in-p3', 'out-p3-1', 'out-p3-2']);
      expectWholeChains(store.db);
    } finally {
      await store.close();
    }
  });

  it('chains the messages a process of the version before writes after the migration, between the new version’s turns', async () => {
    const file = join(dir, 'sahay.db');
    const store = openSqliteStore({ file });
    // The other process: its own connection, and the INSERTs of the version before (no prev_seq, no end moved).
    const before = new Database(file);
    const oldInsert = before.prepare(
      "INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, ?, 'telegram', ?, '{\"kind\":\"text\",\"text\":\"x\"}', NULL, ?)",
    );
    try {
      const conv = await store.conversations.findOrCreate('telegram', 'u1', () => ({ id: 'c1', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: 0 }));
      const other = await store.conversations.findOrCreate('telegram', 'u2', () => ({ id: 'c2', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: 0 }));
      oldInsert.run('old-1', conv.id, 'in', 'o1', 1000); // the conversation's first message, from the old version
      await store.turns.commit(turnOf(conv.id, 'n1', 0, 2000));
      before.transaction(() => {
        oldInsert.run('old-2', conv.id, 'in', 'o2', 3000);
        oldInsert.run('old-3', conv.id, 'out', null, 3000);
        oldInsert.run('old-4', other.id, 'in', 'o3', 3000);
      })();
      await store.turns.commit(turnOf(conv.id, 'n2', 1, 4000));
      const ids = async (id: string) => (await store.messages.list(id)).map((m) => m.id);
      await expect(ids(conv.id)).resolves.toEqual(['old-1', 'in-n1', 'out-n1-1', 'out-n1-2', 'old-2', 'old-3', 'in-n2', 'out-n2-1', 'out-n2-2']);
      await expect(ids(other.id)).resolves.toEqual(['old-4']);
      expectWholeChains(store.db);
    } finally {
      before.close();
      await store.close();
    }
  });

  it('stores a turn of many replies, in a group commit with another conversation: ids, consecutive seqs, chain and outbox in order', async () => {
    const store = openSqliteStore({ file: join(dir, 'sahay.db') });
    try {
      const conv = await store.conversations.findOrCreate('telegram', 'u1', () => ({ id: 'c1', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: 0 }));
      const other = await store.conversations.findOrCreate('telegram', 'u2', () => ({ id: 'c2', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: 0 }));
      const many = (pmid: string, expectedVersion: number, n: number, at: number): Turn => ({
        ...turnOf(conv.id, pmid, expectedVersion, at),
        outbound: Array.from({ length: n }, (_, i) => ({ id: `out-${pmid}-${i + 1}`, text: `উত্তর ${i + 1}`, ...(i % 3 === 0 ? { choices: [{ payload: 'yes', title: 'হ্যাঁ' }] } : {}), createdAt: at })),
      });
      // In one group commit with another conversation's turn, so that the seqs of the two interleave by turn.
      const results = await Promise.all([store.turns.commit(many('m1', 0, 19, 1000)), store.turns.commit(turnOf(other.id, 'o1', 0, 1000))]);
      expect(results.map((r) => r.status)).toEqual(['committed', 'committed']);
      await store.turns.commit(many('m2', 1, 1, 2000));
      await store.turns.commit(many('m3', 2, 0, 3000));
      const expected = ['in-m1', ...Array.from({ length: 19 }, (_, i) => `out-m1-${i + 1}`), 'in-m2', 'out-m2-1', 'in-m3'];
      await expect(store.messages.list(conv.id).then((ms) => ms.map((m) => m.id))).resolves.toEqual(expected);
      // The seqs of a turn's messages follow one another, in the order they were said.
      const rows = store.db.prepare<[string], { seq: number; id: string; prev_seq: number | null }>('SELECT seq, id, prev_seq FROM messages WHERE conversation_id = ? ORDER BY seq').all(conv.id);
      expect(rows.map((r) => r.id)).toEqual(expected);
      for (let i = 1; i <= 19; i++) expect(rows[i]!.seq).toBe(rows[0]!.seq + i);
      expect(rows[0]!.prev_seq).toBeNull();
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_seq).toBe(rows[i - 1]!.seq);
      expect(store.db.prepare('SELECT last_message_seq FROM conversations WHERE id = ?').pluck().get(conv.id)).toBe(rows.at(-1)!.seq);
      // Outbox rows in the order said, with their text and choices.
      const outbox = store.db.prepare<[string], { id: string; text: string; choices: string | null; status: string }>('SELECT id, text, choices, status FROM outbox WHERE conversation_id = ? ORDER BY rowid').all(conv.id);
      expect(outbox.map((o) => o.id)).toEqual(expected.filter((id) => id.startsWith('out-')));
      expect(outbox[3]).toEqual({ id: 'out-m1-4', text: 'উত্তর 4', choices: JSON.stringify([{ payload: 'yes', title: 'হ্যাঁ' }]), status: 'pending' });
      expect(outbox[4]!.choices).toBeNull();
      const stored = await store.messages.list(conv.id);
      expect(stored[4]!.content).toEqual({ kind: 'text', text: 'উত্তর 4', choices: [{ payload: 'yes', title: 'হ্যাঁ' }] });
      expectWholeChains(store.db);
    } finally {
      await store.close();
    }
  });

  it('reads a transcript by following its chain: each message by its seq, no scan of the table', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${TRANSCRIPT_SQL}`).all({ id: 'c', limit: 20 }) as { detail: string }[]).map((r) => r.detail);
    const onMessages = plan.filter((d) => /\b(m|messages)\b/.test(d));
    expect(onMessages.length).toBeGreaterThan(0);
    for (const step of onMessages) expect(step).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan.join('\n')).toMatch(/SEARCH conversations USING INDEX sqlite_autoindex_conversations_1 \(id=\?\)/);
    db.close();
  });
});
