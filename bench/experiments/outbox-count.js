#!/usr/bin/env node
/*
 * What the outbox sweep's count costs on a big outbox (bench/README.md): the store's own
 * schema (opened from dist/), N items already sent plus a few pending, then each count
 * timed three times — countByStatus (every item, over the primary key) against
 * countPending (the partial index of pending items), which the sweep calls every second.
 *
 *   npm run build && node bench/experiments/outbox-count.js [build] [--items 4000000]
 *
 * The file is kept in $TMPDIR/sahay-outbox-count (about 3 GB at 4M items) and reused.
 */
'use strict';
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const args = process.argv.slice(2);
const at = args.indexOf('--items');
const ITEMS = at >= 0 ? Number(args[at + 1]) : 4_000_000;
if (at >= 0) args.splice(at, 2);
// The build to measure (dist by default); the file is the same for every build.
const build = path.resolve(args[0] ?? 'dist');
const { openSqliteStore } = require(path.join(build, 'src/storage/sqlite/sqlite-store.js'));
const { newRecordId } = require(path.join(build, 'src/ids.js'));
const dir = path.join(os.tmpdir(), 'sahay-outbox-count');
fs.mkdirSync(dir, { recursive: true });
const store = openSqliteStore({ file: path.join(dir, `outbox-${ITEMS}.db`) });
const { db } = store;

const have = db.prepare('SELECT count(*) FROM outbox').pluck().get();
if (have < ITEMS) {
  db.prepare("INSERT OR IGNORE INTO conversations (id, channel, user_id, session, created_at, updated_at) VALUES ('c', 'telegram', 'u', '{}', 0, 0)").run();
  const insert = db.prepare(
    `INSERT INTO outbox (id, conversation_id, channel, user_id, text, status, attempts, next_attempt_at, created_at, sent_at)
     VALUES (?, 'c', 'telegram', 'u', ?, ?, 1, 0, 0, 0)`,
  );
  const text = 'আপনার উত্তর পেয়েছি। '.repeat(10);
  db.transaction(() => {
    for (let i = have; i < ITEMS; i++) insert.run(newRecordId(), text, i % 100_000 === 0 ? 'pending' : 'sent');
  })();
}

const time = async (name, count) => {
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const result = await count();
    console.log(`${name}: ${(Number(process.hrtime.bigint() - t0) / 1e3).toFixed(1)} µs`, JSON.stringify(result));
  }
};
(async () => {
  console.log(`${ITEMS.toLocaleString('en-US')} outbox items`);
  await time('countByStatus', () => store.outbox.countByStatus());
  await time('countPending ', () => store.outbox.countPending());
  await store.close();
})();
