/**
 * The floor: the bare SQLite work per message of a durable chatbot that commits
 * each message by itself — in one transaction, read the patient's session, write
 * it back, insert the message — with the same driver and settings as our store
 * (better-sqlite3, WAL, SQLITE_SYNCHRONOUS: a commit is on disk before it
 * returns), the same session JSON (parsed and written back), and no conversation
 * logic at all. Our turn stores more than this (the replies and their outbox rows
 * too), and runs the flow. With an fsync per commit the floor's throughput is
 * bound by the disk, which our group commit (one fsync per batch) escapes by
 * design; its CPU per message is the other measure. `synchronous: 'NORMAL'` gives
 * the reference floor of a store that is durable against a crash of the process
 * only (no fsync per commit): the least CPU a message costs in SQLite.
 *
 * The same patients, messages and concurrency as the other cases. The work is
 * synchronous, so patients only take turns; the awaits are what any Node
 * handler has.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Language } from '../../src/engine/flow';
import { SQLITE_SYNCHRONOUS } from '../../src/storage/sqlite/sqlite-store';
import { drive, type DriveOptions, type RunResult } from '../drive';
import { messageOf, scriptOf } from '../patients';
import type { StoredSample } from '../stored-sessions';

export interface Floor {
  db: Database.Database;
  /** One message: the transaction. */
  handle(sessionId: string, text: string): void;
  close(): void;
}

export const floorSessionId = (k: number): string => `stored-${k}`;

export type Synchronous = 'FULL' | 'NORMAL';

export function openFloor(dir: string, stored: number, samples: Record<Language, StoredSample>, synchronous: Synchronous = SQLITE_SYNCHRONOUS): Floor {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, session TEXT NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);
  `);
  const insert = db.prepare<[string, string, number]>('INSERT OR REPLACE INTO sessions (id, session, updated_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let k = 0; k < stored; k++) insert.run(floorSessionId(k), JSON.stringify(samples[scriptOf(k).lang].session), Date.now());
  })();

  const read = db.prepare<[string], string>('SELECT session FROM sessions WHERE id = ?').pluck();
  const write = db.prepare<[string, number, string]>('UPDATE sessions SET session = ?, updated_at = ? WHERE id = ?');
  const addMessage = db.prepare<[string, string, number]>('INSERT INTO messages (session_id, text, at) VALUES (?, ?, ?)');
  const turn = db.transaction((id: string, text: string) => {
    const json = read.get(id);
    if (json === undefined) throw new Error(`floor: no session ${id}`);
    const session = JSON.parse(json) as { turns: number };
    session.turns += 1;
    const now = Date.now();
    write.run(JSON.stringify(session), now, id);
    addMessage.run(id, text, now);
  });
  return {
    db,
    handle: (id, text) => turn.immediate(id, text),
    close: () => db.close(),
  };
}

export async function benchSqliteFloor(
  opts: DriveOptions & { dir: string; stored: number; samples: Record<Language, StoredSample>; active: (p: number) => number; synchronous?: Synchronous },
): Promise<RunResult> {
  const floor = openFloor(opts.dir, opts.stored, opts.samples, opts.synchronous);
  try {
    return await drive(opts, async (p, i) => floor.handle(floorSessionId(opts.active(p)), messageOf(scriptOf(p), i)));
  } finally {
    floor.close();
  }
}
