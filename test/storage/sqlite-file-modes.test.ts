/**
 * The SQLite database holds patients' health data: its folder, when the service creates it,
 * is the owner's only (0700), and sahay.db with its -wal and -shm are 0600 whatever the umask
 * (022 would give drwxr-xr-x and -rw-r--r--). A folder the operator made keeps its mode.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sahay-modes-'));
  // The usual default: without care, new files are world-readable.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe('SQLite file modes', () => {
  it('creates the data folder 0700 and the database, -wal and -shm 0600', async () => {
    const dataDir = join(root, 'data', 'nested');
    const file = join(dataDir, 'sahay.db');
    const store = openSqliteStore({ file });
    try {
      await store.conversations.count();
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(root, 'data'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      for (const suffix of ['-wal', '-shm']) {
        expect(existsSync(file + suffix)).toBe(true);
        expect(mode(file + suffix)).toBe(0o600);
      }
    } finally {
      await store.close();
    }
    // Reopened, SQLite makes a new -wal and -shm: with the database's mode.
    const again = openSqliteStore({ file });
    try {
      for (const suffix of ['', '-wal', '-shm']) expect(mode(file + suffix)).toBe(0o600);
    } finally {
      await again.close();
    }
  });

  it('makes an existing world-readable database private, and leaves the operator\'s folder as it is', async () => {
    const dataDir = join(root, 'made-by-operator');
    mkdirSync(dataDir, { mode: 0o750 });
    chmodSync(dataDir, 0o750);
    const file = join(dataDir, 'sahay.db');
    // A database from an older version: WAL mode, all three files readable by all.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE IF NOT EXISTS left_open (x)');
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o644);
    const store = openSqliteStore({ file });
    try {
      expect(mode(dataDir)).toBe(0o750);
      for (const suffix of ['', '-wal', '-shm']) expect(mode(file + suffix)).toBe(0o600);
    } finally {
      await store.close();
      old.close();
    }
  });

  it('does not truncate or replace an existing database', async () => {
    const file = join(root, 'sahay.db');
    const first = openSqliteStore({ file });
    const version = first.schemaVersion;
    first.db.exec('CREATE TABLE keep_me (x)');
    await first.close();
    const second = openSqliteStore({ file });
    try {
      expect(second.schemaVersion).toBe(version);
      expect(second.db.prepare("SELECT name FROM sqlite_master WHERE name = 'keep_me'").get()).toEqual({ name: 'keep_me' });
    } finally {
      await second.close();
    }
  });
});
