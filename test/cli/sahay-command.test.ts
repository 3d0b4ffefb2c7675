/**
 * The built `sahay` command as a user runs it (npm test builds before jest).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const sahay = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [join(root, 'bin', 'sahay.js'), ...args], {
    cwd: root,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...opts.env },
    timeout: 20000,
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sahay flows check', () => {
  it('passes the shipped flows', () => {
    const r = sahay(['flows', 'check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no errors/);
  });

  it('rejects a broken flow naming file, line, state and field', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      ['id: broken', 'spec: 1', 'start: q', 'states:', '  q:', '    ask: menu.ask', '    expect: yes_no', '    next: nowhere', '  lonely:', '    say: menu.about', '    end: true', ''].join('\n'),
    );
    const r = sahay(['flows', 'check', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:8: state "q", field "next": unknown state "nowhere"/);
    expect(r.stderr).toMatch(/broken\.yaml:9: state "lonely".*unreachable/);
  });

  it('exits 2 for a file that does not exist', () => {
    expect(sahay(['flows', 'check', join(dir, 'missing.yaml')]).status).toBe(2);
  });
});

describe('sahay start with a bad configuration', () => {
  it('stops with one line per problem naming the variable', () => {
    const r = sahay(['start'], { env: { PORT: 'eighty', LOG_LEVEL: 'loud', DATA_DIR: dir } });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/PORT: .*"eighty"/);
    expect(r.stderr).toMatch(/LOG_LEVEL: .*"loud"/);
  });

  it('stops with file and field when a config file is wrong', () => {
    const configDir = join(dir, 'config');
    require('node:fs').mkdirSync(configDir, { recursive: true });
    copyFileSync(join(root, 'config', 'helplines.yaml'), join(configDir, 'helplines.yaml'));
    writeFileSync(join(configDir, 'engine.yaml'), readFileSync(join(root, 'config', 'engine.yaml'), 'utf8').replace('retries: 2', 'retries: many'));
    const r = sahay(['start'], { env: { CONFIG_DIR: configDir, DATA_DIR: dir } });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/engine\.yaml: retries: /);
  });
});

describe('sahay chat', () => {
  it('talks through the same router and store, and continues the conversation on the next run', () => {
    const env = { DATA_DIR: join(dir, 'chat') };
    const first = sahay(['chat'], { input: 'নমস্কার\nহ্যাঁ\n', env });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Sahay: হ্যালো');
    expect(first.stdout).toMatch(/ {2}\d\. হেল্পলাইন ও অ্যাম্বুলেন্স/);
    const second = sahay(['chat'], { input: 'হেল্পলাইন ও অ্যাম্বুলেন্স\nবাংলাদেশ\n', env });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('হেল্পলাইন (বাংলাদেশ)');
  });
});
