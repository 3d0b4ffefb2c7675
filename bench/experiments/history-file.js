'use strict';
/*
 * What bench/experiments/closed-tickets.js and audit-filter.js share: the command line
 * (`[build] [--<what> N]`), a fresh SQLite file of a build's store in $TMPDIR, filled by the
 * caller, closed and opened again (as a service leaves a file: `PRAGMA optimize` at close),
 * then a read timed a few times, and the file removed.
 */
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

/**
 * `fill(db, count)` writes the history; `read(store)` is timed `times` times and returns what
 * `describe(result)` prints next to the time.
 */
async function timeOnHistory({ name, countFlag, defaultCount, fill, reads, times }) {
  const args = process.argv.slice(2);
  const at = args.indexOf(countFlag);
  const count = at >= 0 ? Number(args[at + 1]) : defaultCount;
  if (at >= 0) args.splice(at, 2);
  const build = path.resolve(args[0] ?? 'dist');
  const label = path.relative(process.cwd(), build) || '.';
  const { openSqliteStore } = require(path.join(build, 'src/storage/sqlite/sqlite-store.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sahay-${name}-`));
  const file = path.join(dir, 'sahay.db');
  try {
    const filling = openSqliteStore({ file });
    filling.db.transaction(() => fill(filling.db, count))();
    await filling.close();
    const store = openSqliteStore({ file });
    for (const { what, read, describe } of reads) {
      for (let i = 0; i < times; i++) {
        const t0 = process.hrtime.bigint();
        const result = await read(store);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        console.log(`${label}: ${count.toLocaleString('en-US')} ${what}, ${describe(result)} in ${ms.toFixed(2)} ms`);
      }
    }
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { timeOnHistory };
