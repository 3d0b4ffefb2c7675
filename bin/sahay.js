#!/usr/bin/env node
// The `sahay` command. Runs the compiled TypeScript (npm install and npm start build it).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('sahay: not built yet. Run `npm install` (or `npm run build`) in ' + join(__dirname, '..'));
  process.exit(1);
}
require(entry).main(process.argv).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(err && err.message ? err.message : err); process.exit(1); },
);
