/**
 * Which .env and which database the `sahay` command uses when it is run from
 * another folder (after `npm link`): the current directory's .env, else the
 * checkout's; the default DATA_DIR in the checkout; a relative path read from the
 * folder of the .env that set it, or from the current directory when the shell
 * set it. Store commands name the database file they used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { findEnvFile, loadEnvFile } from '../../src/env-file';
import { projectRoot } from '../../src/paths';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-data-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the .env file read', () => {
  it("is the current directory's when it has one, else the project root's", () => {
    const cwd = join(dir, 'elsewhere');
    const root = join(dir, 'checkout');
    mkdirSync(cwd);
    mkdirSync(root);
    expect(findEnvFile(cwd, root)).toBeUndefined();
    writeFileSync(join(root, '.env'), 'DATA_DIR=./from-root\n');
    expect(findEnvFile(cwd, root)).toBe(join(root, '.env'));
    writeFileSync(join(cwd, '.env'), 'DATA_DIR=./from-cwd\n');
    expect(findEnvFile(cwd, root)).toBe(join(cwd, '.env'));
  });

  it('never overrides the environment, and records what it set', () => {
    writeFileSync(join(dir, '.env'), 'DATA_DIR=./d\nPORT=4000\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    const file = loadEnvFile(env, dir, join(dir, 'no-root'));
    expect(env).toEqual({ PORT: '5000', DATA_DIR: './d' });
    expect(file).toEqual({ path: join(dir, '.env'), dir, names: new Set(['DATA_DIR']) });
  });
});

describe('DATA_DIR', () => {
  it('defaults to data/ in the project root, whatever the current directory', () => {
    expect(loadConfig({}, { cwd: dir }).sqliteFile).toBe(join(projectRoot, 'data', 'sahay.db'));
  });

  it('is read from the folder of the .env that set it, or from the current directory when the shell set it', () => {
    const envFile = { path: join(dir, 'checkout', '.env'), dir: join(dir, 'checkout'), names: new Set(['DATA_DIR']) };
    expect(loadConfig({ DATA_DIR: './d' }, { cwd: dir, envFile }).dataDir).toBe(join(dir, 'checkout', 'd'));
    expect(loadConfig({ DATA_DIR: './d' }, { cwd: dir, envFile: { ...envFile, names: new Set() } }).dataDir).toBe(join(dir, 'd'));
    expect(loadConfig({ DATA_DIR: '/abs/d' }, { cwd: dir, envFile }).dataDir).toBe('/abs/d');
  });
});

describe('the built command run from another folder', () => {
  const sahay = (args: string[], cwd: string, input = '') => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATA_DIR' && k !== 'MONGODB_URI')) as Record<string, string>;
    return spawnSync(process.execPath, [join(projectRoot, 'bin', 'sahay.js'), ...args], { cwd, input, encoding: 'utf8', env: { ...env, LOG_LEVEL: 'silent' }, timeout: 20_000 });
  };

  it('reads that folder’s .env, puts a relative DATA_DIR beside it, and says which database it used', () => {
    writeFileSync(join(dir, '.env'), 'DATA_DIR=./state\n');
    const add = sahay(['accounts', 'add', 'asha', '--name', 'Asha', '--role', 'admin'], dir, 'a long enough password\n');
    expect(add.stderr).toBe(`Database: ${join(dir, 'state', 'sahay.db')}\n`);
    expect(add.status).toBe(0);
    expect(existsSync(join(dir, 'state', 'sahay.db'))).toBe(true);
    const list = sahay(['accounts', 'list'], dir);
    expect(list.stdout).toContain('asha');
  });
});
