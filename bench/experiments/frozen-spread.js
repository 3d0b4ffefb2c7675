#!/usr/bin/env node
/*
 * What a shallow copy of a frozen object costs in this Node (bench/README.md, "Issue 8, late
 * evening"): a spread of a plain object is copied on V8's fast path; of a frozen (or sealed, or
 * non-extensible) one, on its slow path, about ten times the cost. Object.assign and for-in are
 * no faster. The memory store keeps sessions frozen (src/storage/memory/frozen.ts), and every
 * read spread the stored session and its vars; the engine spreads the objects it writes under.
 *
 *   node bench/experiments/frozen-spread.js
 */
'use strict';
const make = () => ({
  started_at: 1, danger_signs: false, symptoms_text: 'a', parse: 'none', symptoms: ['fever'], has_symptoms: true,
  has_fever: true, has_breathless: false, symptoms_confirmed: true, fever_days: 2, spo2: 98, urgent: false, age: 34,
  pregnant: false, conditions_text: '0', comorbidities: [], test_result: 'x', close_contact: true,
});
const plain = make();
const frozen = Object.freeze(make());
const sealed = Object.seal(make());
const frame = () => ({ flow: 'main_menu', version: 'abc', state: 'menu', waiting: { retries: 0 } });
const framePlain = frame();
const frameFrozen = Object.freeze(frame());
const N = 2_000_000;
const kept = [];
function time(name, make) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const made = make();
    if (i % 1000 === 0) kept.push(made);
  }
  console.log(`${name.padEnd(44)} ${(Number(process.hrtime.bigint() - t0) / N).toFixed(0)} ns`);
}
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}, Node ${process.version}`);
  time('{ ...o }, o plain, 18 fields', () => ({ ...plain }));
  time('{ ...o }, o frozen, 18 fields', () => ({ ...frozen }));
  time('{ ...o }, o sealed, 18 fields', () => ({ ...sealed }));
  time('Object.assign({}, o), o frozen', () => Object.assign({}, frozen));
  time('for-in copy, o frozen', () => {
    const o = {};
    for (const k in frozen) o[k] = frozen[k];
    return o;
  });
  time('{ ...frame }, plain, 4 fields', () => ({ ...framePlain }));
  time('{ ...frame }, frozen, 4 fields', () => ({ ...frameFrozen }));
}
