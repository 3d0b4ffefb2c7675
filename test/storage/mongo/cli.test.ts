/**
 * `sahay store migrate` as a user runs it: the built command (npm test builds
 * before jest). The copy itself is covered by migrate.test.ts; here, the command
 * line and its answers when something is missing — never echoing the URI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-store-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sahay(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'MONGODB_URI')) as Record<string, string>;
  return spawnSync(process.execPath, [join(root, 'bin', 'sahay.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...clean, LOG_LEVEL: 'silent', DATA_DIR: dir, ...env }, timeout: 20_000 });
}

describe('sahay store migrate', () => {
  it('asks for MONGODB_URI when it is not set', () => {
    const r = sahay(['store', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], {});
    expect(r.stderr).toMatch(/^MONGODB_URI is not set/);
    expect(r.status).toBe(78);
  });

  it('rejects a URI that is not a MongoDB one without printing it', () => {
    const r = sahay(['store', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], { MONGODB_URI: 'postgres://admin:hunter2@db/sahay' });
    expect(r.stderr).toMatch(/MONGODB_URI: must look like mongodb:\/\//);
    expect(r.stderr).not.toContain('hunter2');
    expect(r.status).toBe(78);
  });

  it('says when there is nothing to copy', () => {
    const r = sahay(['store', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], { MONGODB_URI: 'mongodb://127.0.0.1:1/sahay' });
    expect(r.stderr.trim()).toBe(`There is no SQLite database at ${join(dir, 'sahay.db')} (DATA_DIR): nothing to copy.`);
    expect(r.status).toBe(1);
  });
});
