#!/usr/bin/env node
/*
 * What the hand-off's wait estimate costs once many tickets have been closed (bench/README.md):
 * a SQLite file of the store's own schema (opened from a build) with N closed tickets spread over
 * the past year and a few open ones, `PRAGMA optimize` run as the store runs it at close, then
 * `tickets.list({ states: ['closed'], closedFrom: now - 24 h })` timed five times, the query the
 * estimate makes for every patient who asks for a person (cached a minute, dropped at every close).
 *
 *   npm run build && node bench/experiments/closed-tickets.js [build] [--tickets 300000]
 *
 * Compare builds: the file is made afresh in $TMPDIR for each run (about 150 MB at 300k tickets).
 */
'use strict';
const { timeOnHistory } = require('./history-file');

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 6);

timeOnHistory({
  name: 'closed-tickets',
  countFlag: '--tickets',
  defaultCount: 300_000,
  fill(db, tickets) {
    // One conversation for the closed tickets, one each for the open ones (a conversation has one open ticket).
    const conversation = db.prepare("INSERT INTO conversations (id, channel, user_id, session, created_at, updated_at) VALUES (?, 'telegram', ?, '{}', 0, 0)");
    for (let i = 0; i <= 40; i++) conversation.run(`c${i}`, `u${i}`);
    const insert = db.prepare(
      `INSERT INTO tickets (id, conversation_id, channel, queue, language, priority, reason, emergency, state, assignee_id,
         created_at, assigned_at, first_assigned_at, closed_at, closed_by, outcome, updated_at)
       VALUES (?, ?, 'telegram', ?, 'bn', ?, 'asked', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < tickets; i++) {
      const closedAt = now - Math.floor(((tickets - i) / tickets) * 365 * DAY);
      insert.run(`t${i}`, 'c0', i % 2 ? 'bd-probash' : 'in-kolkata', i % 4, 'closed', 'op', closedAt - 30 * 60_000, closedAt - 20 * 60_000, closedAt - 20 * 60_000, closedAt, 'op', 'advice_given', closedAt);
    }
    for (let i = 1; i <= 40; i++) insert.run(`open${i}`, `c${i}`, 'bd-probash', 1, i % 2 ? 'waiting' : 'assigned', i % 2 ? null : 'op', now - i * 60_000, null, null, null, null, null, now);
  },
  times: 5,
  reads: [{ what: 'closed tickets', read: (store) => store.tickets.list({ states: ['closed'], closedFrom: now - DAY }), describe: (closed) => `${closed.length} in the last day` }],
});
