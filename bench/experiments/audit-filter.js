#!/usr/bin/env node
/*
 * What the admin's audit list costs when filtered by actor or target, on a long log
 * (bench/README.md): a SQLite file of the store's own schema (opened from a build) with N entries
 * over a year, 200 operators acting on tickets, one of them rarely; then a page of 50 entries
 * (the console's page) by that actor, by one ticket, and unfiltered, each timed three times.
 *
 *   npm run build && node bench/experiments/audit-filter.js [build] [--entries 900000]
 *
 * The file is made afresh in $TMPDIR for each run (about 200 MB at 900k entries).
 */
'use strict';
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const args = process.argv.slice(2);
const at = args.indexOf('--entries');
const ENTRIES = at >= 0 ? Number(args[at + 1]) : 900_000;
if (at >= 0) args.splice(at, 2);
const build = path.resolve(args[0] ?? 'dist');
const { openSqliteStore } = require(path.join(build, 'src/storage/sqlite/sqlite-store.js'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahay-audit-filter-'));
const file = path.join(dir, 'sahay.db');
const now = Date.UTC(2026, 11, 6);
const YEAR = 365 * 86_400_000;
let store = openSqliteStore({ file });
const insert = store.db.prepare(
  `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, ip_hash, details) VALUES (?, ?, ?, ?, 'ticket', ?, NULL, '{}')`,
);
store.db.transaction(() => {
  for (let i = 0; i < ENTRIES; i++) {
    // Operator op-rare acts once in 10,000 entries; the others share the rest.
    const actor = i % 10_000 === 0 ? 'op-rare' : `op-${i % 199}`;
    insert.run(`a${String(i).padStart(8, '0')}`, now - YEAR + Math.floor((i / ENTRIES) * YEAR), actor, i % 3 ? 'ticket.reply' : 'ticket.claim', `t${Math.floor(i / 3)}`);
  }
})();
(async () => {
  await store.close();
  store = openSqliteStore({ file });
  const cases = [
    ['by a rare actor', { actorId: 'op-rare', limit: 50 }],
    ['by one ticket', { targetType: 'ticket', targetId: 't1000', limit: 50 }],
    ['unfiltered', { limit: 50 }],
  ];
  for (const [name, q] of cases) {
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const rows = await store.audit.list(q);
      console.log(`${path.relative(process.cwd(), build) || '.'}: ${ENTRIES.toLocaleString('en-US')} entries, ${name}: ${rows.length} rows in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(2)} ms`);
    }
  }
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
})();
