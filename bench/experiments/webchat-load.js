#!/usr/bin/env node
/*
 * The service itself under web chat load, and its RSS: the figures of bench/README.md, "The
 * service itself". Plain Node, outside the build and outside `npm run bench`. Start the
 * service first, on a file of stored conversations, then point this at its process:
 *
 *   node dist/bench/case.js '{"kind":"populate","dataDir":"/tmp/svc","count":1000000,"messages":1}'
 *   DATA_DIR=/tmp/svc PORT=3999 LOG_LEVEL=warn WEBCHAT_IP_MESSAGES_PER_MINUTE=0 \
 *     WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE=0 node bin/sahay.js start &
 *   node bench/experiments/webchat-load.js <pid of the service> [--port 3999] [--patients 50] [--messages 160]
 *
 * Each patient sends its messages one after the other through POST /api/webchat (webhook
 * mode), waiting for each answer; the service's RSS (VmRSS of /proc/<pid>/status) is sampled
 * every 100 ms. Every patient writes from 127.0.0.1, so the web chat's per-address limits are
 * turned off above (0), as they would refuse all but the first of them. Prints one JSON line: RSS before, highest and median of the samples, messages
 * answered, errors (non-2xx) and messages per second.
 */
'use strict';
const fs = require('node:fs');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const pid = Number(process.argv[2]);
if (!Number.isInteger(pid) || pid <= 0) throw new Error('usage: webchat-load.js <pid> [--port N] [--patients N] [--messages N]');
const PORT = arg('port', 3999);
const PATIENTS = arg('patients', 50);
const MESSAGES = arg('messages', 160);

const rssMB = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
// Greeting, consent, a menu choice and back, a symptom, in Bengali and digits.
const TEXTS = ['নমস্কার', 'হ্যাঁ', '1', 'menu', 'জ্বর আর কাশি', 'হ্যাঁ', '2', 'menu'];

async function patient(u, counts) {
  for (let i = 0; i < MESSAGES; i++) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/webchat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: TEXTS[i % TEXTS.length], user: `load-${u}`, channel: 'webhook' }),
    });
    await res.text();
    if (res.ok) counts.sent++;
    else counts.errors++;
  }
}

(async () => {
  const samples = [];
  const timer = setInterval(() => samples.push(rssMB()), 100);
  const before = rssMB();
  const counts = { sent: 0, errors: 0 };
  const started = performance.now();
  await Promise.all(Array.from({ length: PATIENTS }, (_, u) => patient(u, counts)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  samples.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      rssBeforeMB: Math.round(before),
      rssMaxMB: Math.round(samples.at(-1) ?? before),
      rssMedianMB: Math.round(samples[samples.length >> 1] ?? before),
      sent: counts.sent,
      errors: counts.errors,
      msgPerSec: Math.round(counts.sent / seconds),
    }),
  );
})();
