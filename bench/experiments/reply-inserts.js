#!/usr/bin/env node
// Measures CPU µs per turn of builds' SQLite transcript writers alone (session UPDATE + transcript-writer.ts, 25 turns per group commit, each in a savepoint), alternating builds: node bench/experiments/reply-inserts.js [--builds dist-before,dist] [--rounds 5] [--turns 20000] [--temp-store FILE]
const Database = require('better-sqlite3');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? def : process.argv[i + 1];
};
const builds = arg('builds', 'dist-before,dist').split(',');
const rounds = Number(arg('rounds', '5'));
const turns = Number(arg('turns', '20000'));
const tempStore = arg('temp-store', 'FILE');
const root = path.resolve(__dirname, '../..');
// Replies per turn: 1.8 on average, as in the bench (1.82).
const REPLIES = [1, 2, 3, 1, 2, 1, 3, 2, 1, 2];
const GROUP = 25;
const PATIENTS = 50;

function runOnce(build) {
  const { migrate } = require(path.join(root, build, 'src/storage/sqlite/migrate'));
  const { sqliteTranscriptWriter } = require(path.join(root, build, 'src/storage/sqlite/transcript-writer'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahay-reply-inserts-'));
  const db = new Database(path.join(dir, 'sahay.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma(`temp_store = ${tempStore}`);
  const session = JSON.stringify({ stack: [{ flow: 'triage', state: 'ask_days' }], lang: 'bn', vars: { triage: { q: { fever_days: 3, cough: 'yes' } } }, turns: 1, pad: 'x'.repeat(800) });
  const insertConv = db.prepare("INSERT INTO conversations (id, channel, user_id, session, version, created_at, updated_at) VALUES (?, 'telegram', ?, ?, 0, 0, 0)");
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) insertConv.run(`conv-${i}`, `user-${i}`, session);
  })();
  const update = db.prepare('UPDATE conversations SET session = ?, version = version + 1, updated_at = ?, unreachable_since = NULL WHERE id = ? RETURNING channel, user_id, last_message_seq');
  const markSent = db.prepare("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status = 'pending'");
  const append = sqliteTranscriptWriter(db);
  const savepoint = db.transaction((work) => work());
  const text = 'আপনার জ্বর কত দিন ধরে? (দিনের সংখ্যা লিখুন)';
  let n = 0;
  let sent = [];
  const t0 = process.cpuUsage();
  while (n < turns) {
    const ids = sent;
    sent = [];
    db.transaction(() => {
      for (const id of ids) markSent.run(n, id);
      for (let g = 0; g < GROUP && n < turns; g++, n++) {
        savepoint(() => {
          const cid = `conv-${n % PATIENTS}`;
          const end = update.get(session, n, cid);
          const k = REPLIES[n % REPLIES.length];
          const replies = Array.from({ length: k }, (_, j) => ({ id: `out-${n}-${j}`, text, ...(j === 1 ? { choices: [{ id: 'yes', label: 'হ্যাঁ' }] } : {}), createdAt: n }));
          append(cid, end, { inbound: { id: `in-${n}`, platformMessageId: `pm-${n}`, content: { kind: 'text', text: 'jor' }, sentAt: n, receivedAt: n }, replies });
          for (const r of replies) sent.push(r.id);
        });
      }
    }).immediate();
  }
  const used = process.cpuUsage(t0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return (used.user + used.system) / turns;
}

const results = Object.fromEntries(builds.map((b) => [b, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...builds].reverse() : builds;
  for (const b of order) results[b].push(runOnce(b));
}
for (const b of builds) {
  const v = [...results[b]].sort((x, y) => x - y);
  console.log(`${b}: median ${v[Math.floor((v.length - 1) / 2)].toFixed(1)} µs CPU/turn (runs ${v.map((x) => x.toFixed(1)).join(', ')}), temp_store ${tempStore}`);
}
