#!/usr/bin/env node
/*
 * What the readers every message goes through cost, alone: the interpreter's `command` (the
 * exact command words), the red-flag check (`find`, `lowSpo2`) and the crisis reader, composed
 * as src/core.ts composes them, over the bench's patients' messages (bench/patients.ts).
 *
 * Two ways: `repeated` calls each message as the bench sends it (its clauses and readings are
 * then the ones remembered from the message's last turn, as in `npm run bench`, whose patients
 * repeat their words); `fresh` makes every call's text new (a nonsense word of its own at the
 * end, which no reader knows), so nothing is remembered: what a service pays for a message
 * no patient sent before.
 *
 *   npm run build && node bench/experiments/safety-scans.js dist [dist-before ...]
 *
 * Prints ns per message for each part and build, the median of 5 rounds; builds alternate.
 */
'use strict';
const path = require('node:path');

const builds = process.argv.slice(2);
if (!builds.length) builds.push('dist');
const ROUNDS = 5;
const PASSES = 400;

function load(build) {
  const root = path.resolve(build);
  const req = (p) => require(path.join(root, p));
  const { loadConfig } = req('src/config');
  const { createTranslator } = req('src/i18n/translator');
  const { localesDir } = req('src/paths');
  const { createInterpreter } = req('src/i18n/interpreter');
  const { createTriage, withRedFlags } = req('src/triage');
  const { crisisDetector, withCrisis } = req('src/crisis');
  const { SCRIPTS } = req('bench/patients');
  const config = loadConfig({ DATA_DIR: '/tmp', LOG_LEVEL: 'silent' });
  const translator = createTranslator(localesDir);
  const triage = createTriage(config.triage);
  const inner = createInterpreter(translator);
  const crisis = crisisDetector(translator);
  const full = withCrisis(withRedFlags(inner, triage.redFlags), crisis);
  const texts = SCRIPTS.flatMap((s) => s.loop);
  return { build, inner, triage, crisis, full, texts };
}

/** A nonsense word no reader knows, different for every i (Latin letters only). */
function nonce(i) {
  let s = 'zq';
  do {
    s += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

let counter = 0;
let sink = 0;
function time(b, fn, fresh) {
  const n = b.texts.length * PASSES;
  const inputs = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = b.texts[i % b.texts.length];
    inputs[i] = fresh ? `${t} ${nonce(counter++)}` : t;
  }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = fn(inputs[i]);
    if (r !== null && r !== undefined) sink++;
  }
  return Number(process.hrtime.bigint() - t0) / n;
}

const parts = {
  'command (all three, as core.ts composes them)': (b) => b.full.command,
  'interpreter command alone': (b) => b.inner.command,
  'red flags: find': (b) => (t) => b.triage.redFlags.find(t),
  'red flags: lowSpo2': (b) => (t) => b.triage.redFlags.lowSpo2(t),
  'crisis read': (b) => (t) => b.crisis.read(t),
};

const loaded = builds.map(load);
const results = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const b of loaded) {
    for (const [name, make] of Object.entries(parts)) {
      for (const fresh of [false, true]) {
        const key = `${b.build}|${name}|${fresh ? 'fresh' : 'repeated'}`;
        (results[key] ??= []).push(time(b, make(b), fresh));
      }
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const name of Object.keys(parts)) {
  for (const mode of ['repeated', 'fresh']) {
    const cells = loaded.map((b) => `${b.build} ${median(results[`${b.build}|${name}|${mode}`]).toFixed(0)} ns`);
    console.log(`${`${name}, ${mode}`.padEnd(58)} ${cells.join('   ')}`);
  }
}
if (sink < 0) console.log(sink);
