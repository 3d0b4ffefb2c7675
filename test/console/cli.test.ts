/**
 * `sahay accounts …` and `sahay audit`, run in-process through commander with
 * a scripted stdin, and once as the built command a user runs (npm test builds
 * before jest).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { BedRefresher } from '../../src/beds/refresh';
import { BedsService } from '../../src/beds/service';
import { registerConsoleCommands } from '../../src/console/cli';
import { silentLogger } from '../../src/log';
import { projectRoot } from '../../src/paths';
import { parseTime } from '../../src/console/cli';
import { verifyPassword } from '../../src/console/passwords';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { testConfig } from './harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-cli-console-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** Run one command line; stdin is a string (a pipe) or a scripted terminal. */
async function sahay(args: string[], stdin: string | Input = '') {
  const out: string[] = [];
  const err: string[] = [];
  const prompt = new PassThrough();
  let prompted = '';
  prompt.on('data', (d) => (prompted += String(d)));
  let code = 0;
  const program = new Command('sahay').exitOverride();
  registerConsoleCommands(program, {
    config: () => testConfig(dir),
    setExitCode: (c) => (code = c),
    io: { input: typeof stdin === 'string' ? Readable.from([stdin]) : stdin, prompt, out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  await program.parseAsync(['node', 'sahay', ...args]);
  return { code, out, err, prompted };
}

async function readStore<T>(fn: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore({ file: join(dir, 'sahay.db') });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('sahay accounts', () => {
  it('adds an account with the password from the first line of stdin, and lists it', async () => {
    const added = await sahay(['accounts', 'add', 'Asha', '--name', 'আশা দাস', '--role', 'admin', '--role', 'doctor', '--lang', 'bn,en', '--queue', 'triage'], 'first admin password\nignored\n');
    expect(added).toEqual({ code: 0, out: ['Created asha (admin, doctor).'], err: [], prompted: '' });
    const account = await readStore((s) => s.accounts.findByUsername('asha'));
    expect(account).toMatchObject({ displayName: 'আশা দাস', roles: ['admin', 'doctor'], languages: ['bn', 'en'], queues: ['triage'], active: true });
    await expect(verifyPassword('first admin password', account!.passwordHash)).resolves.toBe(true);

    const list = await sahay(['accounts', 'list']);
    expect(list.out).toEqual(['USERNAME  STATUS  ROLES         LANGUAGES  QUEUES  NAME', 'asha      active  admin,doctor  bn,en      triage  আশা দাস']);
    const json = await sahay(['accounts', 'list', '--json']);
    expect(json.out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ username: 'asha', roles: ['admin', 'doctor'] })]);
    expect(json.out.join('')).not.toContain('$2');
  });

  it('says how to start when there is no account', async () => {
    expect((await sahay(['accounts', 'list'])).out).toEqual(['No accounts yet. Create the first admin: sahay accounts add <username> --name "<name>" --role admin']);
  });

  it('refuses bad input with one line and exit code 1, before asking for a password', async () => {
    for (const [args, message] of [
      [['accounts', 'add', 'x', '--name', 'X', '--role', 'admin'], 'username: 2 to 32 characters: letters, digits, dot, dash, underscore'],
      [['accounts', 'add', 'rita', '--name', 'Rita'], '--role: at least one role'],
      [['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'boss'], '--role: Invalid option: expected one of "admin"|"doctor"|"operator"'],
      [['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'doctor', '--lang', 'fr'], '--lang: Invalid option: expected one of "bn"|"hi"|"en"'],
      [['accounts', 'disable', 'nobody'], 'No account named "nobody".'],
    ] as const) {
      expect(await sahay([...args], 'a fine password\n')).toEqual({ code: 1, out: [], err: [message], prompted: '' });
    }
    expect(await sahay(['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'doctor'], '')).toMatchObject({ code: 1, err: [expect.stringContaining('No password on stdin')] });
    expect(await sahay(['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'doctor'], 'short\n')).toMatchObject({ code: 1, err: ['The password must be at least 10 characters.'] });
    await sahay(['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'doctor'], 'a fine password\n');
    expect(await sahay(['accounts', 'add', 'rita', '--name', 'Rita', '--role', 'doctor'], 'another password\n')).toMatchObject({ code: 1, err: ['The username "rita" is taken.'] });
    await expect(readStore((s) => s.accounts.list())).resolves.toHaveLength(1);
  });

  it('disables (ending sessions), enables and resets a password, each in the audit log as the command line', async () => {
    await sahay(['accounts', 'add', 'asha', '--name', 'Asha', '--role', 'admin'], 'first password 1\n');
    await sahay(['accounts', 'add', 'ravi', '--name', 'Ravi', '--role', 'operator'], 'second password 2\n');
    const ravi = (await readStore((s) => s.accounts.findByUsername('ravi')))!;
    await readStore((s) => s.consoleSessions.create({ id: 'h', accountId: ravi.id, createdAt: Date.now(), lastSeenAt: Date.now() }));

    expect((await sahay(['accounts', 'disable', 'RAVI'])).out).toEqual(['ravi is disabled.']);
    await expect(readStore((s) => s.consoleSessions.get('h'))).resolves.toBeUndefined();
    expect((await sahay(['accounts', 'enable', 'ravi'])).out).toEqual(['ravi is enabled.']);
    expect(await sahay(['accounts', 'disable', 'asha'])).toMatchObject({ code: 1, err: ['This is the last active admin: make another account admin first.'] });
    expect((await sahay(['accounts', 'reset-password', 'ravi'], 'brand new secret\n')).out).toEqual(['New password set for ravi; their sessions have ended.']);
    await expect(verifyPassword('brand new secret', (await readStore((s) => s.accounts.get(ravi.id)))!.passwordHash)).resolves.toBe(true);

    const audit = await sahay(['audit']);
    expect(audit.code).toBe(0);
    expect(audit.out.map((l) => l.replace(/^\S+ \S+ {2}/, '').replace(ravi.id, 'RAVI'))).toEqual([
      '(command line)  account.password_reset account:RAVI',
      '(command line)  account.enabled account:RAVI fields=active',
      '(command line)  account.disabled account:RAVI fields=active',
      '(command line)  account.created account:RAVI username=ravi roles=operator',
      expect.stringMatching(/^\(command line\) {2}account\.created account:\S+ username=asha roles=admin$/),
    ]);
    const json = (await sahay(['audit', '--json', '--limit', '2', '--target', `account:${ravi.id}`])).out.map((l) => JSON.parse(l));
    expect(json).toEqual([
      expect.objectContaining({ action: 'account.password_reset', actorId: null, actor: null, details: { via: 'cli' }, ipHash: null }),
      expect.objectContaining({ action: 'account.enabled' }),
    ]);
    expect((await sahay(['audit', '--action', 'auth.signed_in'])).out).toEqual(['No entries.']);
    expect((await sahay(['audit', '--since', '1h'])).out).toHaveLength(5);
    expect((await sahay(['audit', '--until', '1h'])).out).toEqual(['No entries.']);
    expect(await sahay(['audit', '--since', 'last week'])).toMatchObject({ code: 1, err: [expect.stringContaining('Not a time')] });
    expect(await sahay(['audit', '--limit', '0'])).toMatchObject({ code: 1, err: [expect.stringMatching(/^--limit: /)] });
  });

  it('filters the audit log by actor and by IP address', async () => {
    await sahay(['accounts', 'add', 'asha', '--name', 'Asha', '--role', 'admin'], 'first password 1\n');
    const asha = (await readStore((s) => s.accounts.findByUsername('asha')))!;
    const { createConsoleServices } = await import('../../src/console/mount');
    await readStore(async (store) => {
      const { audit } = createConsoleServices({ store, config: testConfig(dir), log: (await import('../../src/log')).silentLogger });
      await audit.record({ actorId: asha.id, action: 'conversation.viewed', target: { type: 'conversation', id: 'c1' }, ip: '203.0.113.5' });
      await audit.record({ actorId: asha.id, action: 'conversation.viewed', target: { type: 'conversation', id: 'c2' }, ip: '198.51.100.7' });
    });
    const byActor = (await sahay(['audit', '--actor', 'asha'])).out;
    expect(byActor).toHaveLength(2);
    expect(byActor[0]).toMatch(/ {2}asha {2}conversation\.viewed conversation:c2 {2}ip#[0-9a-f]{16}$/);
    const byIp = (await sahay(['audit', '--ip', '203.0.113.5'])).out;
    expect(byIp).toHaveLength(1);
    expect(byIp[0]).toContain('conversation:c1');
    expect((await sahay(['audit', '--ip', '::ffff:203.0.113.5'])).out).toEqual(byIp);
    // An address's entries further back than --limit newer entries of other addresses are still found.
    await readStore(async (store) => {
      const { audit } = createConsoleServices({ store, config: testConfig(dir), log: (await import('../../src/log')).silentLogger });
      for (let i = 0; i < 600; i++) await audit.record({ actorId: asha.id, action: 'conversation.viewed', target: { type: 'conversation', id: `n${i}` }, ip: '198.51.100.7' });
    });
    expect((await sahay(['audit', '--ip', '203.0.113.5', '--limit', '5'])).out).toEqual(byIp);
  });

  it('shows bed imports from the command line and from the schedule as such, not as "(unknown)"', async () => {
    const feed = join(projectRoot, 'test/fixtures/beds/chhattisgarh-raipur.csv');
    const mapping = join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml');
    await readStore(async (store) => {
      let n = 0;
      const beds = new BedsService({ config: testConfig(dir), now: () => Date.UTC(2021, 4, 1, 10, n), newId: () => `bed-audit-${++n}`, log: silentLogger });
      await beds.attach(store);
      await beds.importFile(feed, { mapping }); // as `sahay beds import` does
      const source = { id: 'raipur', file: feed, mapping, cron: '0 * * * *', partial: false, runOnStart: false, timeoutMs: 30_000, headers: {} };
      const refresher = new BedRefresher({ beds, sources: [source], log: silentLogger, now: () => Date.UTC(2021, 4, 1, 11) });
      await refresher.scheduledRefresh(source); // a cron tick of `sahay start`
      await refresher.refresh(source); // as `sahay beds refresh` does
      await beds.issueDeskToken('chhattisgarh.raipur.aiims-raipur'); // as `sahay beds token issue` does
    });
    expect((await sahay(['audit', '--action', 'hospital.desk_token_issued'])).out.map((l) => l.replace(/^\S+ \S+ {2}/, ''))).toEqual([
      '(command line)  hospital.desk_token_issued hospital:chhattisgarh.raipur.aiims-raipur',
    ]);
    const audit = await sahay(['audit', '--action', 'beds.imported']);
    expect(audit.out.map((l) => l.replace(/^\S+ \S+ {2}/, ''))).toEqual([
      '(command line)  beds.imported source=refresh:raipur records=10 written=10 errors=0',
      '(schedule)  beds.imported source=refresh:raipur records=10 written=10 errors=0',
      '(command line)  beds.imported source=covidbedsindia records=10 written=10 errors=0',
    ]);
  });

  it('asks twice at a terminal, without echo, and refuses two different passwords', async () => {
    const terminal = (typed: string): Input => {
      const s = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void; raw: boolean[] };
      s.isTTY = true;
      s.raw = [];
      s.setRawMode = (raw) => void s.raw.push(raw);
      // Typed slowly, key by key, as a person would (with a backspace).
      setImmediate(() => {
        for (const ch of typed) s.write(ch);
      });
      return s;
    };
    const ok = await sahay(['accounts', 'add', 'asha', '--name', 'Asha', '--role', 'admin'], terminal('typed passwordx\u007f\rtyped password\r'));
    expect(ok).toMatchObject({ code: 0, out: ['Created asha (admin).'] });
    expect(ok.prompted).toBe('Password for asha: \nPassword for asha again: \n');
    await expect(verifyPassword('typed password', (await readStore((s) => s.accounts.findByUsername('asha')))!.passwordHash)).resolves.toBe(true);
    const differ = await sahay(['accounts', 'reset-password', 'asha'], terminal('one password\ranother one\r'));
    expect(differ).toMatchObject({ code: 1, err: ['The two passwords differ.'] });
    expect(differ.prompted).not.toContain('one password');
    const cancelled = await sahay(['accounts', 'reset-password', 'asha'], terminal('abc\u0003'));
    expect(cancelled).toMatchObject({ code: 1, err: ['Cancelled.'] });
  });

  it('parses times: dates, ms and spans ago', () => {
    const now = Date.UTC(2021, 4, 10);
    expect(parseTime('2021-05-01', now)).toBe(Date.UTC(2021, 4, 1));
    expect(parseTime('2021-05-01T10:00:00Z', now)).toBe(Date.UTC(2021, 4, 1, 10));
    expect(parseTime(String(now - 5), now)).toBe(now - 5);
    expect(parseTime('30m', now)).toBe(now - 30 * 60_000);
    expect(parseTime('24h', now)).toBe(now - 86_400_000);
    expect(parseTime('7d', now)).toBe(now - 7 * 86_400_000);
    expect(() => parseTime('soon', now)).toThrow('Not a time');
  });
});

describe('the built sahay command', () => {
  const root = join(__dirname, '..', '..');
  const run = (args: string[], input = '') =>
    spawnSync(process.execPath, [join(root, 'bin', 'sahay.js'), ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dir },
      timeout: 20000,
    });

  it('creates the first admin from stdin (never argv), lists it and shows the audit log', () => {
    const add = run(['accounts', 'add', 'admin', '--name', 'First Admin', '--role', 'admin'], 'the first admin password\n');
    expect(add.stderr).toBe(`Database: ${join(dir, 'sahay.db')}\n`);
    expect([add.status, add.stdout]).toEqual([0, 'Created admin (admin).\n']);
    const list = run(['accounts', 'list']);
    expect(list.stdout).toContain('admin     active  admin');
    const audit = run(['audit', '--json']);
    expect(audit.status).toBe(0);
    expect(JSON.parse(audit.stdout.trim())).toMatchObject({ action: 'account.created', details: { username: 'admin', roles: 'admin', via: 'cli' } });
    expect(add.stdout + list.stdout + audit.stdout).not.toMatch(/the first admin password|\$2[aby]\$/);
  });
});
