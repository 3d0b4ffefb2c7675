// ns and heap bytes per uncontended KeyedLock.run (50 keys in turn, each task an already-resolved promise), two builds alternating: node bench/experiments/keyed-lock.js dist-before dist
const path = require('node:path');
const builds = process.argv.slice(2);
const locks = builds.map((b) => require(path.resolve(b, 'src/router/keyed-lock.js')).KeyedLock);
const keys = Array.from({ length: 50 }, (_, i) => `telegram\u0000user-${i}`);
const task = () => Promise.resolve(1);
async function round(Lock, n) {
  const lock = new Lock();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 50) {
    const all = [];
    for (let k = 0; k < 50; k++) all.push(lock.run(keys[k], task));
    await Promise.all(all);
  }
  return Number(process.hrtime.bigint() - t0) / n;
}
(async () => {
  for (const L of locks) await round(L, 200_000);
  for (let r = 0; r < 5; r++) {
    const line = [];
    for (let b = 0; b < locks.length; b++) line.push(`${builds[b]} ${(await round(locks[b], 500_000)).toFixed(0)} ns/run`);
    console.log(line.join('   '));
  }
})();
