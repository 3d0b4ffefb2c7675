#!/usr/bin/env node
/*
 * Schema experiment for Sahay's durable turn path (SQLite, better-sqlite3): the figures
 * of bench/README.md, "Measured since, on SQLite alone". Plain Node, outside the build
 * (it reads today's migrations from dist/ for V0):
 * it rebuilds the conversations, messages and outbox tables in each variant itself
 * (V0 as migrations 1, 3 and 7 built them until migration 9; V0M the same with the dedupe and
 * transcript indexes merged into one unique index on (conversation_id, platform_message_id);
 * V0L the same without the transcript index, each message chained to its conversation's
 * previous one, as migration 9 made it; V1 integer conversation keys; V1L integer keys and
 * the chain of V0L (today's schema with integer keys); V1B the same keeping
 * the outbox's text ids; V2 the transcript clustered by conversation; V3 V2 with a delivery
 * cursor instead of outbox rows; V4 one row per turn).
 *
 *   npm run build && node bench/experiments/schema-variants.js [--sizes 1000,100000] [--variants V0,V0M,V0L,V1,V1L,V1B,V2,V3,V4]
 *        [--rounds 3] [--turns 20000] [--sync NORMAL,FULL] [--rebuild] [--attrib] [--no-seen] [--fk OFF]
 *        [--temp-store FILE,MEMORY] [--trigger ON,OFF]
 *
 * --no-seen leaves out the dedupe look-up before each turn (the service stopped making it);
 * --fk OFF runs with foreign keys unenforced (what their checks cost);
 * --temp-store FILE,MEMORY runs each variant with each `PRAGMA temp_store` (where the turns'
 * savepoint sub-journals go once past 64 KB; the store sets MEMORY since 2026-12-07);
 * --trigger ON,OFF runs V0L with and without migration 9's `messages_chained` trigger (what its
 * program and WHEN test cost every INSERT INTO messages).
 *
 * Per variant and size a template database is populated once (kept in
 * $TMPDIR/sahay-schema-variants/db, about 2 GB with 100k stored, reused unless --rebuild)
 * and copied afresh for each timed run. Runs alternate variants (rotated order per round)
 * and synchronous modes. Results: one JSON line per run in
 * $TMPDIR/sahay-schema-variants/results.jsonl, and a summary table on stdout.
 *
 * Per turn (as the service does): seen SELECT, findOrCreate SELECT + JSON.parse; then
 * 25 turns of different conversations per IMMEDIATE transaction, each in a SAVEPOINT:
 * session UPDATE (JSON.stringify), inbound INSERT, per reply an outbound INSERT (+ outbox
 * INSERT in V0-V2); after the commit, per turn the pending SELECT, then the marks of
 * those 25 turns in one IMMEDIATE transaction (no savepoints, as WriteBatch atomic:false).
 * CPU = process.cpuUsage user+system over the timed part only. WAL bytes = growth of the
 * -wal file with wal_autocheckpoint=0; the WAL is truncated between chunks of 2,000 turns
 * while the CPU clock is stopped.
 */
'use strict';
const Database = require('better-sqlite3');
const { v7 } = require('uuid');
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const SIZES = arg('sizes', '1000,100000').split(',').map(Number);
const VARIANTS = arg('variants', 'V0,V1,V1B,V2,V3,V4').split(',');
const ROUNDS = Number(arg('rounds', '3'));
const TURNS = Number(arg('turns', '20000'));
const SYNCS = arg('sync', 'NORMAL,FULL').split(',');
const REBUILD = process.argv.includes('--rebuild');
// --no-seen: no dedupe look-up before a turn (the service stopped making one at 4dbfd7e).
const NO_SEEN = process.argv.includes('--no-seen');
// --fk OFF: foreign keys not enforced during the timed runs (what their checks cost).
const FK = arg('fk', 'ON');
// --temp-store FILE,MEMORY: where SQLite keeps the savepoints' sub-journals (and temporary tables).
const TEMPS = arg('temp-store', 'FILE').split(',');
// --trigger ON,OFF: migration 9's messages_chained trigger kept (as built) or dropped before the timed run.
const TRIGGERS = arg('trigger', 'ON').split(',');
// --attrib: after each chunk (untimed) attribute the WAL's frames to tables/indexes via dbstat.
const ATTRIB = process.argv.includes('--attrib');
function tally(db, walFile, acc) {
  const buf = fs.readFileSync(walFile);
  const pageSize = buf.readUInt32BE(8);
  const names = new Map(db.prepare("SELECT pageno, name FROM dbstat").raw().all());
  for (let off = 32; off + 24 + pageSize <= buf.length; off += 24 + pageSize) {
    const name = names.get(buf.readUInt32BE(off)) ?? (buf.readUInt32BE(off) === 1 ? 'page 1' : 'other');
    acc[name] = (acc[name] ?? 0) + 1;
  }
}
const ROOT = path.join(os.tmpdir(), 'sahay-schema-variants');
const DBDIR = path.join(ROOT, 'db');
const RESULTS = path.join(ROOT, process.argv.includes('--attrib') ? 'attrib.jsonl' : 'results.jsonl');
const BATCH = 25; // turns per group commit
const ACTIVE = 50;
const WARMUP = 1000; // untimed turns first (fills the connection's page cache)
const CHUNK = 2000; // turns between (untimed) WAL truncations
const CHANNEL = 'telegram';
const BOT = '7000000001';

// ---------------------------------------------------------------- data
const LANGS = ['en', 'hi', 'ta'];
function sessionFor(k, turns) {
  const lang = LANGS[k % 3];
  return {
    stack: [{ flow: 'main_menu', version: '2026-11-20.3', state: 'menu', waiting: { retries: 0 } }],
    lang,
    vars: {
      consent: { given: true, at: 1760000000000 + k * 1000, version: '2026-10-01', channel: 'telegram' },
      profile: { ageBand: '30-44', sex: k % 2 ? 'female' : 'male', district: 'Pune', pincode: '411001', language: lang },
      triage: {
        flow: 'fever_check',
        version: '2026-11-20.3',
        level: 'self_care',
        score: 3,
        answers: {
          duration: '2-3 days', temperature: '100-102F', breathing: 'normal', rash: 'no', vomiting: 'no',
          bleeding: 'no', confusion: 'no', comorbidities: ['diabetes'], pregnancy: 'not_applicable', age: 38,
        },
        advice: ['rest', 'fluids', 'paracetamol_dose_adult', 'return_if_worse', 'helpline_104'],
        at: 1760000000000 + k * 1000 + 600000,
      },
      menu: { last: 'symptom_check', shown: 4, options: ['symptom_check', 'find_hospital', 'beds', 'talk_to_doctor', 'language'] },
      hospitalSearch: { district: 'Pune', kind: 'general', results: ['0191a7c2-5d3e-7c41-9a0b-3f5e2d1c4b6a', '0191a7c2-5d3e-7c41-9a0b-3f5e2d1c4b6b', '0191a7c2-5d3e-7c41-9a0b-3f5e2d1c4b6c'] },
    },
    turns,
  };
}
const INBOUND_TEXT = ['I have fever since two days and headache', 'मुझे दो दिन से बुखार है', 'எனக்கு இரண்டு நாட்களாக காய்ச்சல்'];
const BASE_REPLY =
  'Thank you. Based on your answers this looks like a mild fever that can usually be managed at home: rest, drink plenty of fluids and take paracetamol as directed. If you develop breathing difficulty, confusion, a rash or bleeding, or the fever lasts more than three days, please see a doctor or call 104 at once. ';
const CHOICES = [
  { id: 'symptom_check', label: 'Check symptoms' },
  { id: 'find_hospital', label: 'Find a hospital' },
  { id: 'talk_to_doctor', label: 'Talk to a doctor' },
];
function repliesOf(t) {
  // 2 on even turns; on odd turns 2 three times in five, else 1: 1.8 on average.
  const n = t % 2 === 0 ? 2 : (t >> 1) % 5 < 3 ? 2 : 1;
  const out = [];
  for (let r = 0; r < n; r++) {
    const len = 150 + ((t * 37 + r * 71) % 151); // 150..300 chars
    const reply = { text: BASE_REPLY.slice(0, len) };
    if (r === n - 1 && t % 3 === 0) reply.choices = CHOICES;
    out.push(reply);
  }
  return out;
}
const contentOf = (r) => (r.choices ? { kind: 'text', text: r.text, choices: r.choices } : { kind: 'text', text: r.text });
const userOf = (k) => `user-${k}`;
const pmidOf = (k, n) => `m:${BOT}:${userOf(k)}:${n}`;

// ---------------------------------------------------------------- variants
// Each: ddl (array of SQL), populate(db, N, now), prepare(db) -> ops.
// The schema before migration 9: the migrations that build the turn path's tables (1:
// conversations, messages, outbox; 3: unreachable_since; 7: the outbox's partial indexes),
// read from the build; V0L adds what migration 9 changed. Migration 1's other tables are
// never written here.
const MIGRATIONS = (() => {
  const built = path.join(__dirname, '..', '..', 'dist', 'src', 'storage', 'sqlite', 'migrations.js');
  if (!fs.existsSync(built)) throw new Error(`schema-variants: ${built} is missing; run npm run build first`);
  return require(built).MIGRATIONS;
})();
const V0_DDL = MIGRATIONS.filter((m) => [1, 3, 7].includes(m.version)).map((m) => m.sql);

/** `sql` with `pattern` replaced, which must be found (else the variant would quietly be another). */
function replacing(sql, pattern, by) {
  if (!pattern.test(sql)) throw new Error(`schema-variants: ${pattern} is not in the schema it changes any more`);
  return sql.replace(pattern, by);
}
// V0M: V0's schema with the two indexes of messages merged into one: the dedupe key is the
// conversation and the platform id (unique), and the same index serves the transcript (its
// rows found by conversation, sorted by time when read). Run it with --no-seen: its seen
// check has no (channel, platform id) index to use.
const V0M_DDL = V0_DDL.map((sql) =>
  sql.includes('CREATE TABLE messages')
    ? replacing(
        replacing(sql, /CREATE UNIQUE INDEX messages_platform_id[^;]*;/, 'CREATE UNIQUE INDEX messages_conversation_platform ON messages (conversation_id, platform_message_id);'),
        /CREATE INDEX messages_conversation_at[^;]*;/,
        '',
      )
    : sql,
);

// V0L: the schema since migration 9 (read from the build, as V0): no transcript index; each
// message names the one before it in its conversation (prev_seq) and the conversation its last
// (last_message_seq), so a transcript is read by following the chain back from the
// conversation, and a turn's rows are only appended. Its trigger chains the rows populate()
// inserts without prev_seq.
const V0L_DDL = [...V0_DDL, MIGRATIONS.find((m) => m.version === 9).sql];

const CONV_INT = `CREATE TABLE conversations (
    key        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    channel    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    session    TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    unreachable_since INTEGER,
    seq        INTEGER NOT NULL DEFAULT 0,
    delivered_seq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel, user_id)
  );`;
const OUTBOX_INT = (keyCol) => `CREATE TABLE outbox (
    ${keyCol},
    conversation_key INTEGER NOT NULL REFERENCES conversations (key),
    channel         TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    text            TEXT NOT NULL,
    choices         TEXT,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_pending_user ON outbox (channel, user_id, created_at) WHERE status = 'pending';
  CREATE INDEX outbox_dead ON outbox (created_at) WHERE status = 'dead';`;
const V1_DDL = [
  CONV_INT,
  `CREATE TABLE messages (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL,
    conversation_key    INTEGER NOT NULL REFERENCES conversations (key),
    direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    channel             TEXT NOT NULL,
    platform_message_id TEXT,
    content             TEXT NOT NULL,
    sent_at             INTEGER,
    at                  INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX messages_platform_id ON messages (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;
  CREATE INDEX messages_conversation_at ON messages (conversation_key, at);`,
  // outbox keyed by the outbound message's integer seq (the rowid).
  OUTBOX_INT('seq INTEGER PRIMARY KEY'),
];
const V1B_DDL = [V1_DDL[0], V1_DDL[1], OUTBOX_INT('id TEXT PRIMARY KEY')];
// V1L: V0L's chain with V1's integer keys: no transcript index; the conversation names its
// last message and each message the one before it, by the integer key; the outbox keyed by
// its outbound message's seq. Its trigger chains the rows populate() inserts, as V0L's does.
const V1L_DDL = [
  replacing(CONV_INT, /delivered_seq INTEGER NOT NULL DEFAULT 0,/, 'delivered_seq INTEGER NOT NULL DEFAULT 0,\n    last_message_seq INTEGER,'),
  replacing(
    replacing(V1_DDL[1], /at {18}INTEGER NOT NULL\n {2}\);/, 'at                  INTEGER NOT NULL,\n    prev_seq            INTEGER\n  );'),
    /CREATE INDEX messages_conversation_at[^;]*;/,
    `CREATE TRIGGER messages_chained AFTER INSERT ON messages WHEN NEW.prev_seq IS NULL
  BEGIN
    UPDATE messages SET prev_seq = (SELECT last_message_seq FROM conversations WHERE key = NEW.conversation_key) WHERE seq = NEW.seq;
    UPDATE conversations SET last_message_seq = NEW.seq WHERE key = NEW.conversation_key;
  END;`,
  ),
  V1_DDL[2],
];
const MSG_CLUSTERED = `CREATE TABLE messages (
    conversation_key    INTEGER NOT NULL REFERENCES conversations (key),
    seq                 INTEGER NOT NULL,
    id                  TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    channel             TEXT NOT NULL,
    platform_message_id TEXT,
    content             TEXT NOT NULL,
    sent_at             INTEGER,
    at                  INTEGER NOT NULL,
    PRIMARY KEY (conversation_key, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX messages_platform_id ON messages (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;`;
const V2_DDL = [CONV_INT, MSG_CLUSTERED, OUTBOX_INT('id INTEGER PRIMARY KEY, msg_seq INTEGER NOT NULL')];
const V3_DDL = [CONV_INT, MSG_CLUSTERED];
const V4_DDL = [
  CONV_INT,
  `CREATE TABLE turns (
    conversation_key    INTEGER NOT NULL REFERENCES conversations (key),
    seq                 INTEGER NOT NULL,
    id                  TEXT NOT NULL,
    channel             TEXT NOT NULL,
    platform_message_id TEXT NOT NULL,
    content             TEXT NOT NULL,
    sent_at             INTEGER,
    at                  INTEGER NOT NULL,
    replies             TEXT NOT NULL,
    reply_count         INTEGER NOT NULL,
    PRIMARY KEY (conversation_key, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX turns_platform_id ON turns (channel, platform_message_id);`,
];

const DDL = { V0: V0_DDL, V0M: V0M_DDL, V0L: V0L_DDL, V1: V1_DDL, V1L: V1L_DDL, V1B: V1B_DDL, V2: V2_DDL, V3: V3_DDL, V4: V4_DDL };

function populate(db, variant, N) {
  const now = 1765000000000;
  // The same rows; only the indexes (and the chain, which the trigger makes) differ.
  const v = variant === 'V0M' || variant === 'V0L' ? 'V0' : variant === 'V1L' ? 'V1' : variant;
  const intKeys = v !== 'V0';
  const convSql = intKeys
    ? 'INSERT INTO conversations (key, id, channel, user_id, session, version, created_at, updated_at, seq, delivered_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    : 'INSERT INTO conversations (id, channel, user_id, session, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
  const conv = db.prepare(convSql);
  let msg, outbox, turn;
  if (v === 'V0' || v === 'V1' || v === 'V1B') {
    msg = db.prepare(`INSERT INTO messages (id, ${v === 'V0' ? 'conversation_id' : 'conversation_key'}, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  } else if (v !== 'V4') {
    msg = db.prepare('INSERT INTO messages (conversation_key, seq, id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  } else {
    turn = db.prepare('INSERT INTO turns (conversation_key, seq, id, channel, platform_message_id, content, sent_at, at, replies, reply_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }
  if (v === 'V0') outbox = db.prepare(`INSERT INTO outbox (id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?)`);
  if (v === 'V1B') outbox = db.prepare(`INSERT INTO outbox (id, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?)`);
  if (v === 'V1') outbox = db.prepare(`INSERT INTO outbox (seq, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?)`);
  if (v === 'V2') outbox = db.prepare(`INSERT INTO outbox (msg_seq, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?)`);
  db.transaction(() => {
    for (let k = 0; k < N; k++) {
      const id = v7();
      const user = userOf(k);
      const key = k + 1;
      const at = now - 60 * 86400000 + Math.floor((k / N) * 59 * 86400000);
      const session = JSON.stringify(sessionFor(k, 12));
      const inText = JSON.stringify({ kind: 'text', text: INBOUND_TEXT[k % 3] });
      const reply = BASE_REPLY.slice(0, 150 + (k % 151));
      const outText = JSON.stringify({ kind: 'text', text: reply });
      if (intKeys) conv.run(key, id, CHANNEL, user, session, 12, at, at + 600000, 4, 4);
      else conv.run(id, CHANNEL, user, session, 12, at, at + 600000);
      if (v === 'V4') {
        for (let m = 0; m < 2; m++) {
          const t = at + m * 60000;
          turn.run(key, m + 1, v7(), CHANNEL, pmidOf(k, m), inText, t - 500, t, JSON.stringify([{ id: v7(), ...contentOf({ text: reply }) }]), 1);
        }
        continue;
      }
      for (let m = 0; m < 4; m++) {
        const t = at + m * 30000;
        const mid = v7();
        const isIn = m % 2 === 0;
        let rowid;
        if (v === 'V0') rowid = msg.run(mid, id, isIn ? 'in' : 'out', CHANNEL, isIn ? pmidOf(k, m) : null, isIn ? inText : outText, isIn ? t - 500 : null, t).lastInsertRowid;
        else if (v === 'V1' || v === 'V1B') rowid = msg.run(mid, key, isIn ? 'in' : 'out', CHANNEL, isIn ? pmidOf(k, m) : null, isIn ? inText : outText, isIn ? t - 500 : null, t).lastInsertRowid;
        else msg.run(key, m + 1, mid, isIn ? 'in' : 'out', CHANNEL, isIn ? pmidOf(k, m) : null, isIn ? inText : outText, isIn ? t - 500 : null, t);
        if (!isIn) {
          if (v === 'V0') outbox.run(mid, id, CHANNEL, user, reply, t, t, t + 200);
          if (v === 'V1B') outbox.run(mid, key, CHANNEL, user, reply, t, t, t + 200);
          if (v === 'V1') outbox.run(rowid, key, CHANNEL, user, reply, t, t, t + 200);
          if (v === 'V2') outbox.run(m + 1, key, CHANNEL, user, reply, t, t, t + 200);
        }
      }
    }
  })();
}

// Statements of each variant. Returns { seen(pmid), find(user) -> conv, commit(conv, turn) (inside a
// savepoint), due(conv, now) -> rows, mark(conv, rows, at) (inside the mark transaction) }.
function prepare(db, v) {
  const ops = {};
  const table = v === 'V4' ? 'turns' : 'messages';
  const seen = db.prepare(`SELECT 1 FROM ${table} WHERE channel = ? AND platform_message_id = ? AND platform_message_id IS NOT NULL`).pluck();
  ops.seen = NO_SEEN ? () => false : (pmid) => seen.get(CHANNEL, pmid) !== undefined;
  const COLS = v === 'V0' || v === 'V0M' || v === 'V0L' ? 'id, channel, user_id, session, version, created_at, updated_at, unreachable_since' : 'key, id, channel, user_id, session, version, created_at, updated_at, unreachable_since';
  const byUser = db.prepare(`SELECT ${COLS} FROM conversations WHERE channel = ? AND user_id = ?`);
  ops.find = (user) => {
    const row = byUser.get(CHANNEL, user);
    const c = { id: row.id, channel: row.channel, userId: row.user_id, session: JSON.parse(row.session), version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
    if (row.unreachable_since !== null) c.unreachableSince = row.unreachable_since;
    if (row.key !== undefined) c.key = row.key;
    return c;
  };
  class AlreadyStored extends Error {}
  if (v === 'V1B') {
    // Integer conversation keys for messages and outbox; the session UPDATE by the text id
    // (as the service's Turn carries it) RETURNING the key; outbox keeps its text primary key.
    const updateSession = db.prepare(
      `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL
       WHERE id = ? AND version = ? RETURNING key, channel, user_id`,
    );
    const insertInbound = db.prepare(
      `INSERT INTO messages (id, conversation_key, direction, channel, platform_message_id, content, sent_at, at)
       VALUES (?, ?, 'in', ?, ?, ?, ?, ?)
       ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING`,
    );
    const insertOutbound = db.prepare(`INSERT INTO messages (id, conversation_key, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?)`);
    const insertOutbox = db.prepare(
      `INSERT INTO outbox (id, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    ops.commit = (c, turn) => {
      const conv = updateSession.get(JSON.stringify(turn.session), turn.at, c.id, turn.expectedVersion);
      if (!conv) throw new Error('conflict');
      const ins = insertInbound.run(turn.inId, conv.key, conv.channel, turn.pmid, JSON.stringify(turn.inContent), turn.at - 300, turn.at);
      if (ins.changes === 0) throw new AlreadyStored();
      for (const out of turn.replies) {
        insertOutbound.run(out.id, conv.key, conv.channel, JSON.stringify(contentOf(out)), turn.at);
        insertOutbox.run(out.id, conv.key, conv.channel, conv.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, turn.at, turn.at);
      }
    };
    const dueForUser = db.prepare(`SELECT o.id, c.id AS conversation_id, o.channel, o.user_id, o.text, o.choices, o.status, o.attempts, o.next_attempt_at, o.created_at, o.last_error
      FROM outbox o JOIN conversations c ON c.key = o.conversation_key
      WHERE o.status = 'pending' AND o.channel = ? AND o.user_id = ? AND o.next_attempt_at <= ? ORDER BY o.created_at, o.rowid`);
    ops.due = (c, now) => dueForUser.all(c.channel, c.userId, now).map(toItem);
    const markSent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status <> 'sent'`);
    ops.mark = (c, items, at) => {
      for (const it of items) markSent.run(at, it.id);
    };
  } else if (v === 'V0L' || v === 'V1L') {
    // The chain; V1L by integer keys (the session UPDATE by the key the turn's conversation
    // carries, the outbox keyed by its outbound message's seq), V0L by the text ids.
    const K = v === 'V1L';
    const fk = K ? 'conversation_key' : 'conversation_id';
    const byKey = K ? 'key' : 'id';
    const keyOf = (c) => (K ? c.key : c.id);
    const updateSession = db.prepare(
      `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL
       WHERE ${byKey} = ? AND version = ? RETURNING channel, user_id, last_message_seq`,
    );
    const insertInbound = db.prepare(
      `INSERT INTO messages (id, ${fk}, direction, channel, platform_message_id, content, sent_at, at, prev_seq)
       VALUES (?, ?, 'in', ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING`,
    );
    const insertOutbound = db.prepare(`INSERT INTO messages (id, ${fk}, direction, channel, platform_message_id, content, sent_at, at, prev_seq) VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?, ?)`);
    const outboxKey = K ? 'seq' : 'id';
    const insertOutbox = db.prepare(
      `INSERT INTO outbox (${outboxKey}, ${fk}, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    const setLast = db.prepare(`UPDATE conversations SET last_message_seq = ? WHERE ${byKey} = ?`);
    ops.commit = (c, turn) => {
      const cid = keyOf(c);
      const conv = updateSession.get(JSON.stringify(turn.session), turn.at, cid, turn.expectedVersion);
      if (!conv) throw new Error('conflict');
      const ins = insertInbound.run(turn.inId, cid, conv.channel, turn.pmid, JSON.stringify(turn.inContent), turn.at - 300, turn.at, conv.last_message_seq);
      if (ins.changes === 0) throw new AlreadyStored();
      let last = ins.lastInsertRowid;
      for (const out of turn.replies) {
        last = insertOutbound.run(out.id, cid, conv.channel, JSON.stringify(contentOf(out)), turn.at, last).lastInsertRowid;
        insertOutbox.run(K ? last : out.id, cid, conv.channel, conv.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, turn.at, turn.at);
      }
      setLast.run(last, cid);
    };
    const dueForUser = db.prepare(`SELECT ${outboxKey}, ${fk}, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, last_error FROM outbox WHERE status = 'pending' AND channel = ? AND user_id = ? AND next_attempt_at <= ? ORDER BY created_at, rowid`);
    ops.due = (c, now) => dueForUser.all(c.channel, c.userId, now).map(toItem);
    const markSent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE ${outboxKey} = ? AND status <> 'sent'`);
    ops.mark = (c, items, at) => {
      for (const it of items) markSent.run(at, K ? it.seq : it.id);
    };
  } else if (v === 'V0' || v === 'V0M' || v === 'V1') {
    const V0 = v !== 'V1';
    const updateSession = db.prepare(
      `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL
       WHERE ${V0 ? 'id' : 'key'} = ? AND version = ? RETURNING channel, user_id`,
    );
    const fk = V0 ? 'conversation_id' : 'conversation_key';
    const conflictTarget = v === 'V0M' ? '(conversation_id, platform_message_id)' : '(channel, platform_message_id) WHERE platform_message_id IS NOT NULL';
    const insertInbound = db.prepare(
      `INSERT INTO messages (id, ${fk}, direction, channel, platform_message_id, content, sent_at, at)
       VALUES (?, ?, 'in', ?, ?, ?, ?, ?)
       ON CONFLICT ${conflictTarget} DO NOTHING`,
    );
    const insertOutbound = db.prepare(`INSERT INTO messages (id, ${fk}, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?)`);
    const insertOutbox = db.prepare(
      `INSERT INTO outbox (${V0 ? 'id' : 'seq'}, ${fk}, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    ops.commit = (c, turn) => {
      const cid = V0 ? c.id : c.key;
      const conv = updateSession.get(JSON.stringify(turn.session), turn.at, cid, turn.expectedVersion);
      if (!conv) throw new Error('conflict');
      const ins = insertInbound.run(turn.inId, cid, conv.channel, turn.pmid, JSON.stringify(turn.inContent), turn.at - 300, turn.at);
      if (ins.changes === 0) throw new AlreadyStored();
      for (const out of turn.replies) {
        const r = insertOutbound.run(out.id, cid, conv.channel, JSON.stringify(contentOf(out)), turn.at);
        insertOutbox.run(V0 ? out.id : r.lastInsertRowid, cid, conv.channel, conv.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, turn.at, turn.at);
      }
    };
    const OCOLS = `${V0 ? 'id, conversation_id' : 'seq, conversation_key'}, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, last_error`;
    const dueForUser = db.prepare(`SELECT ${OCOLS} FROM outbox WHERE status = 'pending' AND channel = ? AND user_id = ? AND next_attempt_at <= ? ORDER BY created_at, rowid`);
    ops.due = (c, now) => dueForUser.all(c.channel, c.userId, now).map(toItem);
    const markSent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE ${V0 ? 'id' : 'seq'} = ? AND status <> 'sent'`);
    ops.mark = (c, items, at) => {
      for (const it of items) markSent.run(at, V0 ? it.id : it.seq);
    };
  } else if (v === 'V2' || v === 'V3') {
    const updateSession = db.prepare(
      `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL, seq = seq + ?
       WHERE key = ? AND version = ? RETURNING channel, user_id, seq`,
    );
    const insertInbound = db.prepare(
      `INSERT INTO messages (conversation_key, seq, id, direction, channel, platform_message_id, content, sent_at, at)
       VALUES (?, ?, ?, 'in', ?, ?, ?, ?, ?)
       ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING`,
    );
    const insertOutbound = db.prepare(`INSERT INTO messages (conversation_key, seq, id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, ?, 'out', ?, NULL, ?, NULL, ?)`);
    const insertOutbox =
      v === 'V2' &&
      db.prepare(
        `INSERT INTO outbox (msg_seq, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      );
    ops.commit = (c, turn) => {
      const n = 1 + turn.replies.length;
      const conv = updateSession.get(JSON.stringify(turn.session), turn.at, n, c.key, turn.expectedVersion);
      if (!conv) throw new Error('conflict');
      let seq = conv.seq - n + 1;
      const ins = insertInbound.run(c.key, seq++, turn.inId, conv.channel, turn.pmid, JSON.stringify(turn.inContent), turn.at - 300, turn.at);
      if (ins.changes === 0) throw new AlreadyStored();
      for (const out of turn.replies) {
        const s = seq++;
        insertOutbound.run(c.key, s, out.id, conv.channel, JSON.stringify(contentOf(out)), turn.at);
        if (insertOutbox) insertOutbox.run(s, c.key, conv.channel, conv.user_id, out.text, out.choices ? JSON.stringify(out.choices) : null, turn.at, turn.at);
      }
    };
    if (v === 'V2') {
      const OCOLS = 'id, msg_seq, conversation_key, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at, last_error';
      const dueForUser = db.prepare(`SELECT ${OCOLS} FROM outbox WHERE status = 'pending' AND channel = ? AND user_id = ? AND next_attempt_at <= ? ORDER BY created_at, rowid`);
      ops.due = (c, now) => dueForUser.all(c.channel, c.userId, now).map(toItem);
      const markSent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status <> 'sent'`);
      ops.mark = (c, items, at) => {
        for (const it of items) markSent.run(at, it.id);
      };
    } else {
      // Pending = outbound rows past the conversation's cursor, a range of the clustered key.
      const pending = db.prepare(
        `SELECT seq, id, content FROM messages
         WHERE conversation_key = ? AND seq > (SELECT delivered_seq FROM conversations WHERE key = ?) AND direction = 'out'
         ORDER BY seq`,
      );
      ops.due = (c) => pending.all(c.key, c.key).map((r) => ({ seq: r.seq, id: r.id, ...JSON.parse(r.content) }));
      const advance = db.prepare('UPDATE conversations SET delivered_seq = ? WHERE key = ? AND delivered_seq < ?');
      ops.mark = (c, items) => {
        if (items.length) { const s = items[items.length - 1].seq; advance.run(s, c.key, s); };
      };
    }
  } else if (v === 'V4') {
    const updateSession = db.prepare(
      `UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL, seq = seq + 1
       WHERE key = ? AND version = ? RETURNING channel, user_id, seq`,
    );
    const insertTurn = db.prepare(
      `INSERT INTO turns (conversation_key, seq, id, channel, platform_message_id, content, sent_at, at, replies, reply_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, platform_message_id) DO NOTHING`,
    );
    ops.commit = (c, turn) => {
      const conv = updateSession.get(JSON.stringify(turn.session), turn.at, c.key, turn.expectedVersion);
      if (!conv) throw new Error('conflict');
      const replies = JSON.stringify(turn.replies.map((r) => ({ id: r.id, ...contentOf(r) })));
      const ins = insertTurn.run(c.key, conv.seq, turn.inId, conv.channel, turn.pmid, JSON.stringify(turn.inContent), turn.at - 300, turn.at, replies, turn.replies.length);
      if (ins.changes === 0) throw new AlreadyStored();
    };
    const pending = db.prepare(
      `SELECT seq, replies FROM turns
       WHERE conversation_key = ? AND seq > (SELECT delivered_seq FROM conversations WHERE key = ?) AND reply_count > 0
       ORDER BY seq`,
    );
    ops.due = (c) => {
      const items = [];
      for (const r of pending.all(c.key, c.key)) for (const x of JSON.parse(r.replies)) items.push({ seq: r.seq, ...x });
      return items;
    };
    const advance = db.prepare('UPDATE conversations SET delivered_seq = ? WHERE key = ? AND delivered_seq < ?');
    ops.mark = (c, items) => {
      if (items.length) { const s = items[items.length - 1].seq; advance.run(s, c.key, s); };
    };
  }
  return ops;
}
function toItem(row) {
  const item = { ...row };
  if (row.choices !== null) item.choices = JSON.parse(row.choices);
  return item;
}

// ---------------------------------------------------------------- build
/** Keyed by the variant's DDL too: a template built from an older schema is never reused. */
function templatePath(v, N) {
  const ddl = DDL[v];
  const hash = require('node:crypto').createHash('sha256').update(ddl.join('\n')).digest('hex').slice(0, 8);
  return path.join(DBDIR, `${v}-${N}-${hash}.db`);
}
function build(v, N) {
  const file = templatePath(v, N);
  if (fs.existsSync(file) && !REBUILD) return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const started = Date.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const ddl = DDL[v];
  db.transaction(() => ddl.forEach((s) => db.exec(s)))();
  db.pragma('cache_size = -1048576');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  populate(db, v, N);
  db.pragma('journal_mode = WAL');
  db.close();
  console.error(`built ${v} ${N}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB`);
}

// ---------------------------------------------------------------- measure
function measure(v, N, sync, round, temp = TEMPS[0], trigger = TRIGGERS[0]) {
  const src = templatePath(v, N);
  const file = path.join(DBDIR, `run.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(src, file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma(`foreign_keys = ${FK}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`temp_store = ${temp}`);
  if (trigger === 'OFF') db.exec('DROP TRIGGER IF EXISTS messages_chained');
  const ops = prepare(db, v);
  const savepoint = db.transaction((fn) => fn());
  const commitTx = db.transaction((jobs) => jobs.map((j) => savepoint(j)));
  const markTx = db.transaction((jobs) => jobs.forEach((j) => j()));

  const active = Array.from({ length: ACTIVE }, (_, i) => Math.floor(((i + 0.5) * N) / ACTIVE));
  const perConvN = new Map(active.map((k) => [k, 100])); // pmid counter per conversation
  let clock = 1766000000000;
  // Non-SQLite inputs made up front (ids and texts the service's engine would have produced).
  const total = WARMUP + TURNS;
  const inputs = new Array(total);
  for (let t = 0; t < total; t++) {
    const k = active[t % ACTIVE];
    const n = perConvN.get(k);
    perConvN.set(k, n + 1);
    inputs[t] = { k, pmid: pmidOf(k, n), inId: v7(), inContent: { kind: 'text', text: INBOUND_TEXT[t % 3] }, replies: repliesOf(t).map((r) => ({ id: v7(), ...r })) };
  }
  const walFile = `${file}-wal`;
  const walSize = () => (fs.existsSync(walFile) ? fs.statSync(walFile).size : 0);
  const phases = { read: 0, commit: 0, due: 0, mark: 0 };
  const attrib = {};
  let walBytes = 0;
  let replies = 0;
  let cpu0 = null;
  let wall0 = 0;
  let wall = 0;
  const cpuNow = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const runBatch = (first, timed) => {
    const batch = [];
    let c0 = timed ? cpuNow() : 0;
    // 1. per turn: dedupe pre-check, then findOrCreate (+ JSON.parse); the engine bumps the session.
    for (let t = first; t < first + BATCH; t++) {
      const inp = inputs[t];
      if (ops.seen(inp.pmid)) throw new Error('unexpected duplicate');
      const conv = ops.find(userOf(inp.k));
      const session = conv.session;
      session.turns++;
      session.vars.menu.shown = (session.vars.menu.shown + 1) % 1000;
      batch.push({ conv, turn: { ...inp, session, expectedVersion: conv.version, at: ++clock } });
    }
    let c1 = timed ? cpuNow() : 0;
    if (timed) phases.read += c1 - c0;
    // 2. the group commit: one IMMEDIATE transaction, a savepoint per turn.
    commitTx.immediate(batch.map(({ conv, turn }) => () => ops.commit(conv, turn)));
    let c2 = timed ? cpuNow() : 0;
    if (timed) phases.commit += c2 - c1;
    // 3. delivery: pending for each turn's patient...
    const now = clock;
    const marks = [];
    for (const { conv } of batch) {
      const items = ops.due(conv, now);
      if (timed) replies += items.length;
      marks.push(() => ops.mark(conv, items, now + 50));
    }
    let c3 = timed ? cpuNow() : 0;
    if (timed) phases.due += c3 - c2;
    // ...and their marks, group-committed in one later transaction.
    markTx.immediate(marks);
    if (timed) phases.mark += cpuNow() - c3;
  };
  for (let t = 0; t < WARMUP; t += BATCH) runBatch(t, false);
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (let t = WARMUP; t < total; t += CHUNK) {
    const end = Math.min(total, t + CHUNK);
    const w0 = walSize();
    const s = performance.now();
    for (let b = t; b < end; b += BATCH) runBatch(b, true);
    wall += performance.now() - s;
    walBytes += walSize() - w0;
    if (ATTRIB) tally(db, walFile, attrib);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  // Isolated costs: the seen SELECT (a miss, as for every new message) and findOrCreate + parse.
  const ISO = 20000;
  let c = cpuNow();
  for (let i = 0; i < ISO; i++) ops.seen(pmidOf(active[i % ACTIVE], 900000 + i));
  const seenUs = (cpuNow() - c) / ISO;
  c = cpuNow();
  for (let i = 0; i < ISO; i++) ops.find(userOf(active[i % ACTIVE]));
  const findUs = (cpuNow() - c) / ISO;
  const pageSize = db.pragma('page_size', { simple: true });
  db.close();
  const cpuTotal = phases.read + phases.commit + phases.due + phases.mark;
  const r = {
    variant: labelOf(v, temp, trigger), N, sync, round, temp, trigger, turns: TURNS, replies: replies / TURNS,
    cpuUs: cpuTotal / TURNS,
    phasesUs: Object.fromEntries(Object.entries(phases).map(([k, x]) => [k, +(x / TURNS).toFixed(2)])),
    walKB: walBytes / 1024 / TURNS,
    walFrames: walBytes / (pageSize + 24) / TURNS,
    wallUs: (wall * 1000) / TURNS,
    seenUs, findUs,
    dbMB: fs.statSync(file).size / 2 ** 20,
  };
  if (ATTRIB) r.framesPerTurnBy = Object.fromEntries(Object.entries(attrib).sort((a, b) => b[1] - a[1]).map(([k, x]) => [k, +(x / TURNS).toFixed(2)]));
  fs.appendFileSync(RESULTS, JSON.stringify(r) + '\n');
  if (ATTRIB) console.error(v, N, sync, JSON.stringify(r.framesPerTurnBy));
  console.error(`${r.variant} N=${N} ${sync.padEnd(6)} r${round}: ${r.cpuUs.toFixed(1)} µs CPU/turn (read ${r.phasesUs.read} commit ${r.phasesUs.commit} due ${r.phasesUs.due} mark ${r.phasesUs.mark}), WAL ${r.walKB.toFixed(2)} KB/turn (${r.walFrames.toFixed(2)} frames), wall ${r.wallUs.toFixed(0)} µs, seen ${seenUs.toFixed(2)} find ${findUs.toFixed(2)} µs, replies/turn ${r.replies.toFixed(2)}`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return r;
}

/** A run's row label: the variant, then the settings given more than one value. */
function labelOf(v, temp, trigger) {
  return `${v}${TEMPS.length > 1 ? ` temp ${temp}` : ''}${TRIGGERS.length > 1 ? ` trigger ${trigger}` : ''}`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main() {
  fs.mkdirSync(DBDIR, { recursive: true });
  const all = [];
  for (const N of SIZES) {
    for (const v of VARIANTS) build(v, N);
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order each round so that drift from other load spreads over variants.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round - 1) % VARIANTS.length]);
      const temps = round % 2 ? TEMPS : [...TEMPS].reverse();
      const triggers = round % 2 ? TRIGGERS : [...TRIGGERS].reverse();
      for (const sync of round % 2 ? SYNCS : [...SYNCS].reverse())
        for (const v of order) for (const temp of temps) for (const trigger of triggers) all.push(measure(v, N, sync, round, temp, trigger));
    }
  }
  const fmt = (rs, f, d = 1) => {
    const xs = rs.map(f);
    return `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
  };
  console.log(`\n${TURNS} turns, ${ACTIVE} active conversations, ${BATCH} turns per group commit; median (min–max) of ${ROUNDS} runs\n`);
  console.log('| stored | variant | CPU µs/turn NORMAL | CPU µs/turn FULL | WAL KB/turn (NORMAL) | WAL frames/turn | read / commit / due / mark µs (NORMAL, median) | seen µs | find+parse µs | wall µs/turn FULL |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const N of SIZES) {
    for (const v of VARIANTS.flatMap((x) => TEMPS.flatMap((t) => TRIGGERS.map((g) => labelOf(x, t, g))))) {
      const nr = all.filter((r) => r.N === N && r.variant === v && r.sync === 'NORMAL');
      const fr = all.filter((r) => r.N === N && r.variant === v && r.sync === 'FULL');
      const ph = nr.length ? ['read', 'commit', 'due', 'mark'].map((p) => median(nr.map((r) => r.phasesUs[p])).toFixed(1)).join(' / ') : '';
      console.log(
        `| ${N} | ${v} | ${nr.length ? fmt(nr, (r) => r.cpuUs) : '-'} | ${fr.length ? fmt(fr, (r) => r.cpuUs) : '-'} | ${nr.length ? fmt(nr, (r) => r.walKB, 2) : '-'} | ${nr.length ? fmt(nr, (r) => r.walFrames, 2) : '-'} | ${ph} | ${nr.length ? fmt(nr, (r) => r.seenUs, 2) : '-'} | ${nr.length ? fmt(nr, (r) => r.findUs, 2) : '-'} | ${fr.length ? fmt(fr, (r) => r.wallUs, 0) : '-'} |`,
      );
    }
  }
}

main();
