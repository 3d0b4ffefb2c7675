#!/usr/bin/env node
/*
 * What an object spread costs in this Node (bench/README.md): copying an object with `{ ...o }`,
 * or overriding one of its properties, is fast; a spread that adds a property the object does not
 * have, `{ ...o, extra }`, leaves V8's fast path and costs twenty to forty times as much. The memory
 * store's replies and the phrase matcher's hits were made that way, once or more per message.
 *
 *   node bench/experiments/object-spread.js
 */
'use strict';
const item = { id: 'x', conversationId: 'c', channel: 'telegram', userId: 'u', text: 't', status: 'pending', attempts: 0, nextAttemptAt: 1, createdAt: 1 };
const hit = { code: 'fever', start: 1, end: 3 };
const N = 2_000_000;
const kept = [];
function time(name, make) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const made = make(i);
    if (i % 1000 === 0) kept.push(made);
  }
  console.log(`${name.padEnd(44)} ${(Number(process.hrtime.bigint() - t0) / N).toFixed(0)} ns`);
}
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}, Node ${process.version}`);
  time('{ ...item }', () => ({ ...item }));
  time('{ ...item, text } (a property it has)', () => ({ ...item, text: 'y' }));
  time('{ ...item, seq } (a property it has not)', (i) => ({ ...item, seq: i }));
  time('item made, then item.seq = …', (i) => {
    const made = { id: 'x', conversationId: 'c', channel: 'telegram', userId: 'u', text: 't', status: 'pending', attempts: 0, nextAttemptAt: 1, createdAt: 1 };
    made.seq = i;
    return made;
  });
  time('{ ...hit, negated } (a property it has not)', () => ({ ...hit, negated: false }));
  time('{ code, start, end, negated } built whole', () => ({ code: hit.code, start: hit.start, end: hit.end, negated: false }));
}
