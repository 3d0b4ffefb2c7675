/**
 * SQLite deployments never load mongoose: opening the store the default
 * configuration asks for, in a fresh Node process (TypeScript compiled on load
 * by @swc/core), leaves no mongoose or mongodb module in require's cache. The
 * MongoDB branch of openStore loads it only when asked.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

function run(body: string): { loaded: string[]; out: string } {
  const script = `
const fs = require('node:fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core', { paths: [root] }))});
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { openStore, storeOptionsFor } = require(${JSON.stringify(join(root, 'src/storage/open-store.ts'))});
(async () => {
  ${body}
  const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](mongoose|mongodb)[\\\\/]/.test(f)).map((f) => f.split('node_modules')[1].split(/[\\\\/]/)[1]);
  console.log(JSON.stringify([...new Set(loaded)].sort()));
})().catch((err) => { console.error(err); process.exit(1); });
`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  const lines = r.stdout.trim().split('\n');
  return { loaded: JSON.parse(lines.at(-1)!) as string[], out: r.stdout };
}

describe('which driver is loaded', () => {
  it('opens SQLite without loading mongoose when MONGODB_URI is not set', () => {
    const { loaded } = run(`
      const opts = storeOptionsFor({ sqliteFile: ':memory:', mongodbUri: undefined });
      if (opts.driver !== 'sqlite') throw new Error('expected sqlite, got ' + opts.driver);
      const store = await openStore(opts);
      await store.conversations.count();
      await store.close();
    `);
    expect(loaded).toEqual([]);
  });

  it('chooses MongoDB when MONGODB_URI is set, and loads mongoose only then', () => {
    const { loaded } = run(`
      const opts = storeOptionsFor({ sqliteFile: ':memory:', mongodbUri: 'mongodb://127.0.0.1:1/sahay' });
      if (opts.driver !== 'mongodb') throw new Error('expected mongodb, got ' + opts.driver);
      require(${JSON.stringify(join(root, 'src/storage/mongo/mongo-store.ts'))});
    `);
    expect(loaded).toEqual(['mongodb', 'mongoose']);
  });
});
