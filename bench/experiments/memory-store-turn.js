#!/usr/bin/env node
/*
 * The memory store's own cost of a turn (bench/README.md): 50 conversations taking turns, each
 * turn committed with two replies (one with choices), then both replies marked sent, through the
 * Store API of a build's memory store, with nothing else of the message path. Prints the CPU µs
 * per turn (user + system) of 60,000 turns after 10,000 untimed ones.
 *
 *   npm run build && node bench/experiments/memory-store-turn.js [build]   (build: dist by default)
 */
'use strict';
const path = require('node:path');
const { v7 } = require('uuid');

const build = path.resolve(process.argv[2] ?? 'dist');
const { createMemoryStore } = require(path.join(build, 'src/storage/memory/memory-store.js'));

(async () => {
  const store = createMemoryStore();
  const session = { stack: [{ flow: 'main_menu', version: 'x', state: 'menu', waiting: { retries: 0 } }], lang: 'bn', vars: { profile: { consent: true } }, turns: 0 };
  for (let k = 0; k < 1000; k++) await store.conversations.findOrCreate('telegram', `u${k}`, { id: `c${k}`, session, now: 0 });
  const turns = async (n, tag) => {
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const conv = await store.conversations.findOrCreate('telegram', `u${i % 50}`, () => {
        throw new Error('stored above');
      });
      const next = { ...conv.session, vars: { ...conv.session.vars, triage: { q: { step: i, text: 'জ্বর আর কাশি' } } }, turns: i };
      const replies = [
        { id: v7(), text: `আপনার উত্তর পেয়েছি ${i}`, createdAt: i },
        { id: v7(), text: 'জ্বর কত দিন?', choices: [{ payload: '1', title: '১ দিন' }, { payload: '2', title: '২ দিন' }], createdAt: i },
      ];
      await store.turns.commit({
        conversationId: conv.id,
        expectedVersion: conv.version,
        session: next,
        inbound: { id: v7(), platformMessageId: `${tag}${i}`, content: { kind: 'text', text: `বার্তা ${i}` }, sentAt: i, receivedAt: i },
        outbound: replies,
      });
      for (const r of replies) await store.outbox.markSent(r.id, i);
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / n;
  };
  await turns(10_000, 'warm-');
  console.log(`${path.relative(process.cwd(), build) || '.'}: ${(await turns(60_000, 'timed-')).toFixed(2)} µs CPU per turn`);
})();
