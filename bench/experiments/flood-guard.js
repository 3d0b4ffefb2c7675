#!/usr/bin/env node
/*
 * What the flood guard (src/router/flood-guard.ts) adds to a message: FloodGuard.admit over
 * 10,000 conversations, each message a later one in its minute; one conversation; and a
 * conversation held back. Needs the build (npm run build).
 *
 *   node bench/experiments/flood-guard.js
 */
'use strict';
const { FloodGuard } = require('../../dist/src/router/flood-guard');

const interpret = { command: () => null };
const text = { kind: 'text', text: 'jor ache' };
const AT = 1_700_000_000_000;

async function perMessage(name, guard, conversations, n) {
  // Every conversation's first message of the minute, outside the timing (a counter made once a minute).
  for (let c = 0; c < conversations; c++) await guard.admit(`c${c}`, text, AT);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await guard.admit(`c${i % conversations}`, text, AT);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${name.padEnd(44)} ${us.toFixed(2)} µs per message`);
}

(async () => {
  await perMessage('later messages, 10,000 conversations', new FloodGuard({ maxPerMinute: 1_000_000, interpret }), 10_000, 200_000);
  await perMessage('later messages, one conversation', new FloodGuard({ maxPerMinute: 1_000_000, interpret }), 1, 200_000);
  await perMessage('held back (over the limit), one conversation', new FloodGuard({ maxPerMinute: 1, interpret }), 1, 200_000);
})();
