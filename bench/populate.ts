/**
 * Pre-populates a Sahay SQLite file with `count` stored conversations of
 * returning patients, fast: the schema comes from the real migrations
 * (openSqliteStore), the rows from one transaction of prepared inserts.
 *
 * Conversation k is the web chat user `stored-<k>`, its session a copy of the
 * sample of language k mod 3 (bench/stored-sessions.ts: back at the main menu
 * after a symptom check). Ids are time-ordered UUIDs (src/ids.ts), as the service makes them, so the
 * indexes have the shape a real database has. Each conversation also gets
 * `messages` stored messages (inbound and reply alternating; every reply with
 * its outbox row, status sent) — the bench uses 4 at 1k and 100k conversations
 * and 1 (the inbound only) at 1M, so that the 1M file builds in well under a minute.
 */
import { newRecordId } from '../src/ids';
import { statSync } from 'node:fs';
import type { Language } from '../src/engine/flow';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store';
import { scriptOf } from './patients';
import type { StoredSample } from './stored-sessions';

export const STORED_CHANNEL = 'webchat';

export function storedUserId(k: number): string {
  return `stored-${k}`;
}

export interface PopulateResult {
  conversations: number;
  messages: number;
  seconds: number;
  fileMB: number;
}

export function populate(file: string, count: number, samples: Record<Language, StoredSample>, opts: { messages: number; now?: number }): PopulateResult {
  const started = performance.now();
  const store = openSqliteStore({ file });
  const { db } = store;
  const now = opts.now ?? Date.now();
  // Only for the build: a big page cache (in the process that builds, not the one measured),
  // no rollback journal or WAL (rows are written once, to the file) and no syncs. The file
  // goes back to WAL at the end; the bench opens it with the store's own settings.
  db.pragma('cache_size = -1048576');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const conv = db.prepare<[string, string, string, string, number, number, number]>(
    'INSERT INTO conversations (id, channel, user_id, session, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // Each message chained to the one before it, as the store writes them (src/storage/sqlite/transcript-writer.ts).
  const msg = db.prepare<[string, string, string, string, string | null, string, number | null, number, number | null]>(
    'INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at, prev_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const end = db.prepare<[number | null, number]>('UPDATE conversations SET last_message_seq = ? WHERE rowid = ?');
  const outbox = db.prepare<[string, string, string, string, string, number, number, number]>(
    `INSERT INTO outbox (id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, sent_at)
     VALUES (?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?)`,
  );
  const sessions = Object.fromEntries(Object.entries(samples).map(([lng, s]) => [lng, JSON.stringify(s.session)])) as Record<Language, string>;
  let messages = 0;
  db.transaction(() => {
    for (let k = 0; k < count; k++) {
      const lang = scriptOf(k).lang;
      const sample = samples[lang];
      const id = newRecordId();
      const userId = storedUserId(k);
      // Patients first came over the last 60 days.
      const at = now - 60 * 86_400_000 + Math.floor((k / count) * 59 * 86_400_000);
      const rowid = Number(conv.run(id, STORED_CHANNEL, userId, sessions[lang], sample.version, at, at + 600_000).lastInsertRowid);
      let last: number | null = null;
      for (let m = 0; m < opts.messages; m++) {
        const t = at + m * 30_000;
        messages++;
        if (m % 2 === 0) {
          last = Number(msg.run(newRecordId(), id, 'in', STORED_CHANNEL, `${userId}-${m}`, JSON.stringify({ kind: 'text', text: sample.inbound }), t - 500, t, last).lastInsertRowid);
        } else {
          const outId = newRecordId();
          last = Number(msg.run(outId, id, 'out', STORED_CHANNEL, null, JSON.stringify({ kind: 'text', text: sample.reply }), null, t, last).lastInsertRowid);
          outbox.run(outId, id, STORED_CHANNEL, userId, sample.reply, t, t, t + 200);
        }
      }
      if (last !== null) end.run(last, rowid);
    }
  })();
  db.pragma('journal_mode = WAL');
  void store.close();
  return { conversations: count, messages, seconds: (performance.now() - started) / 1000, fileMB: statSync(file).size / 2 ** 20 };
}
