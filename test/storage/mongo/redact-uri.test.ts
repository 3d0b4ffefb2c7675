/**
 * redactUri never prints a password, whatever the URI's shape, including the
 * unescaped `@ / ? #` that people paste from a password manager; and the
 * start-up error of the built command does not either.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseName, isMongoUri, redactUri, UNREADABLE_URI, withDatabase } from '../../../src/storage/mongo/topology';

const SECRET = 'S3cr3t';

describe('redactUri', () => {
  it.each([
    // [uri, what it prints]
    ['mongodb://sahay:S3cr3t@db-1:27017/sahay', 'mongodb://sahay:***@db-1:27017/sahay'],
    ['mongodb+srv://sahay:S3cr3t@cluster0.example.net/sahay?retryWrites=true&w=majority', 'mongodb+srv://sahay:***@cluster0.example.net/sahay?retryWrites&w'],
    ['mongodb://sahay:S3cr3t@db-1:27017,db-2:27017,db-3/sahay?replicaSet=rs0&authSource=admin', 'mongodb://sahay:***@db-1:27017,db-2:27017,db-3/sahay?replicaSet&authSource'],
    ['mongodb://sahay:S3cr3t@[::1]:27017,10.0.0.2/sahay', 'mongodb://sahay:***@[::1]:27017,10.0.0.2/sahay'],
    ['mongodb://sahay:S3cr3t@db-1', 'mongodb://sahay:***@db-1'],
    ['mongodb://sahay:S3cr3t@db-1?authSource=admin', 'mongodb://sahay:***@db-1?authSource'],
    // Unescaped characters in the password: credentials end at the last `@`.
    ['mongodb://sahay:Pa/S3cr3t@127.0.0.1:1/sahay', 'mongodb://sahay:***@127.0.0.1:1/sahay'],
    ['mongodb://sahay:p@ss:S3cr3t@127.0.0.1:1/sahay', 'mongodb://sahay:***@127.0.0.1:1/sahay'],
    ['mongodb://sahay:S3?cr3t@db-1/sahay?replicaSet=rs0', 'mongodb://sahay:***@db-1/sahay?replicaSet'],
    ['mongodb://sahay:S3#cr3t@db-1/sahay', 'mongodb://sahay:***@db-1/sahay'],
    ['mongodb+srv://sahay:a@b/c?d#S3cr3t@cluster0.example.net/sahay', 'mongodb+srv://sahay:***@cluster0.example.net/sahay'],
    ['mongodb://sahay:S3cr3t@@db-1/sahay', 'mongodb://sahay:***@db-1/sahay'],
    // Secrets in query values are dropped, names kept.
    ['mongodb://db-1/sahay?authMechanismProperties=AWS_SESSION_TOKEN:S3cr3t', 'mongodb://db-1/sahay?authMechanismProperties'],
    // A `@` in the query: the part before it cannot be told apart, so none of it is shown.
    ['mongodb://db-1/sahay?appName=S3cr3t@x', 'mongodb://***@x'],
    // No credentials, or a user name only.
    ['mongodb://db-1:27017,db-2:27017/sahay?replicaSet=rs0', 'mongodb://db-1:27017,db-2:27017/sahay?replicaSet'],
    ['mongodb+srv://cluster0.example.net', 'mongodb+srv://cluster0.example.net'],
    ['mongodb://user@host', 'mongodb://user@host'],
  ])('%s → %s', (uri, shown) => {
    expect(redactUri(uri)).toBe(shown);
  });

  it.each([
    'postgres://u:S3cr3t@h/db',
    'mongodb://sahay:S3cr3t/sahay', // the `@` forgotten: the password would read as a port
    'mongodb://sahay:S3cr3t@',
    'mongodb://sahay:S3cr3t@db-1/sahay#frag',
    'mongodb://sahay:S3cr3t@db 1/sahay',
    'mongodb://',
  ])('shows no part of a URI it cannot read: %s', (uri) => {
    expect(redactUri(uri)).toBe(UNREADABLE_URI);
    expect(isMongoUri(uri)).toBe(false);
  });

  it('reads the database and swaps it past an unescaped password', () => {
    expect(databaseName('mongodb://sahay:Pa/ss@db-1/prod')).toBe('prod');
    expect(withDatabase('mongodb://sahay:p@ss@db-1/prod?replicaSet=rs0', 't1')).toBe('mongodb://sahay:p@ss@db-1/t1?replicaSet=rs0');
  });
});

describe('sahay start with MongoDB unreachable or refused', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-redact-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['mongodb://sahay:Pa/S3cr3t@127.0.0.1:1/sahay', 'mongodb://sahay:p@ss:S3cr3t@127.0.0.1:1/sahay', 'mongodb://sahay:p?S3cr3t@127.0.0.1:1/sahay'])(
    'never prints the password of %s',
    (uri) => {
      const r = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'sahay.js'), 'start'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dir, MONGODB_URI: uri },
        timeout: 30_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/MongoDB at/);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    },
  );
});
