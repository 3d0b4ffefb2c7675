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
const { timeOnHistory } = require('./history-file');

const now = Date.UTC(2026, 11, 6);
const YEAR = 365 * 86_400_000;
const page = (what, q) => ({ what: `entries, ${what}`, read: (store) => store.audit.list(q), describe: (rows) => `${rows.length} rows` });

timeOnHistory({
  name: 'audit-filter',
  countFlag: '--entries',
  defaultCount: 900_000,
  fill(db, entries) {
    const insert = db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, ip_hash, details) VALUES (?, ?, ?, ?, 'ticket', ?, NULL, '{}')`,
    );
    for (let i = 0; i < entries; i++) {
      // Operator op-rare acts once in 10,000 entries; the others share the rest.
      const actor = i % 10_000 === 0 ? 'op-rare' : `op-${i % 199}`;
      insert.run(`a${String(i).padStart(8, '0')}`, now - YEAR + Math.floor((i / entries) * YEAR), actor, i % 3 ? 'ticket.reply' : 'ticket.claim', `t${Math.floor(i / 3)}`);
    }
  },
  times: 3,
  reads: [
    page('by a rare actor', { actorId: 'op-rare', limit: 50 }),
    page('by one ticket', { targetType: 'ticket', targetId: 't1000', limit: 50 }),
    page('unfiltered', { limit: 50 }),
  ],
});
