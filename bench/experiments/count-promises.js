// Promises made in a whole case.js run (populate, warm-up and timed messages), counted by async_hooks: node -r ./bench/experiments/count-promises.js <build>/bench/case.js '<case JSON>'
const { createHook } = require('node:async_hooks');
let promises = 0;
createHook({ init(_id, type) { if (type === 'PROMISE') promises++; } }).enable();
process.on('exit', () => process.stderr.write(`promises made: ${promises}\n`));
