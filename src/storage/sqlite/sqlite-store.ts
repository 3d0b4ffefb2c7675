/**
 * The embedded default store: one SQLite file (better-sqlite3, synchronous
 * calls behind the async Store interface). Statements are prepared once here,
 * at open, because a turn runs for every message a patient sends.
 *
 * ```ts
 * const store = openSqliteStore({ file: join(dataDir, 'sahay.db') });
 * const conv = await store.conversations.findOrCreate('telegram', chatId, { id, session: newSession(), now });
 * ```
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../repositories';
import { sqliteAccounts } from './accounts';
import { sqliteAudit } from './audit';
import { sqliteConsoleSessions } from './console-sessions';
import { sqliteConversations } from './conversations';
import { sqliteFaq } from './faq';
import { sqliteFlowVersions } from './flow-versions';
import { sqliteFollowups } from './followups';
import { sqliteHospitals } from './hospitals';
import { sqliteMessages } from './messages';
import { migrate } from './migrate';
import { sqliteOutbox } from './outbox';
import { sqliteTickets } from './tickets';
import { sqliteTurns } from './turns';
import { WriteBatch } from './write-batch';
import { Checkpointer } from './checkpointer';

export interface SqliteStoreOptions {
  /** Path of the database file (its folder is created), or ':memory:'. */
  file: string;
  /** How long a write waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
}

/** A Store with its SQLite handle, for tests, benchmarks and maintenance; the rest of Sahay sees only Store. */
export interface SqliteStore extends Store {
  readonly db: Database.Database;
  readonly file: string;
  /** The schema version after migrating at open. */
  readonly schemaVersion: number;
}

/**
 * The durability of a stored turn: that of synchronous=FULL. A turn is reported
 * stored (and its replies sent) only once its WAL frames are on disk, so it
 * survives a power cut or kernel crash, not only a crash of the process (provided
 * the disk honours fsync; macOS would also want `PRAGMA fullfsync`): a patient
 * told "a doctor will call you" must not be forgotten by the next boot. Turns are
 * group-committed (write-batch.ts), so under load dozens of them share one fsync.
 * The bench's floor runs with this setting too: the same durability, one fsync
 * per message.
 */
export const SQLITE_SYNCHRONOUS = 'FULL';

export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  const inMemory = opts.file === ':memory:' || opts.file === '';
  if (!inMemory) createPrivately(opts.file);
  const db = new Database(opts.file);
  try {
    configure(db, opts.busyTimeoutMs ?? 5000);
    const { version } = migrate(db);
    keepTemporaryInMemory(db);
    if (!inMemory) keepPrivate(opts.file);
    return assemble(db, opts.file, version);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Files of patients' health data: the owner's only, whatever the umask (022 would make them world-readable). */
const FILE_MODE = 0o600;
/** A data folder the service creates (a folder the operator made keeps its mode). */
const FOLDER_MODE = 0o700;

/** The folder (when missing) and an empty database file, created private before SQLite opens it. */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: FOLDER_MODE });
  // 'a': never truncates a database created meanwhile by another process; SQLite takes an empty file as a new database.
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
}

/**
 * The database file and its -wal and -shm made private after open: one made by an older
 * version, or by hand, may be readable by all. SQLite creates a later -wal and -shm with
 * the database file's mode.
 */
function keepPrivate(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, FILE_MODE);
    } catch (err) {
      // No -wal or -shm (yet); a file of another user's we may not change is left as it is.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    }
  }
}

function configure(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
}

/**
 * Every turn runs in a savepoint of its group commit (write-batch.ts), so SQLite copies each page
 * the turn changes into a sub-journal, to undo that turn alone (and each INSERT INTO messages,
 * which carries migration 9's trigger, copies its pages again for a statement journal). Past 64 KB
 * (16 pages copied in one turn: about one group commit in eleven in the bench) SQLite moves the
 * sub-journal to a file in /var/tmp for the rest of the transaction, and every later turn of the
 * batch writes its pages there: 56,554 writes (about 120 MB, never read) in a run of 26,400 turns,
 * and pages of patients' records on a disk outside the data folder. In memory they are dropped
 * at each savepoint's release. Set after the migrations: a migration that rewrites a large table
 * (migration 9: 4 million rows) may sort or journal more than memory should hold.
 */
function keepTemporaryInMemory(db: Database.Database): void {
  db.pragma('temp_store = MEMORY');
}

function assemble(db: Database.Database, file: string, schemaVersion: number): SqliteStore {
  const ping = db.prepare('SELECT 1');
  // WAL checkpoints move to a worker thread once the store is busy (checkpointer.ts); SQLite's
  // own, inline, stays as a backstop at a higher threshold (its default is 1000 pages).
  const inMemory = file === ':memory:' || file === '';
  const checkpointer = inMemory
    ? undefined
    : new Checkpointer(file, {
        onStart: () => db.open && db.pragma('wal_autocheckpoint = 10000'),
        onFailure: () => db.open && db.pragma('wal_autocheckpoint = 1000'),
      });
  // Turns, new conversations, outbox marks and the follow-up runner's writes are group-committed: many conversations'
  // writes per transaction and per fsync.
  const batch = new WriteBatch(db, checkpointer && (() => checkpointer.committed()));
  return {
    db,
    file,
    schemaVersion,
    conversations: sqliteConversations(db, batch),
    turns: sqliteTurns(db, batch),
    messages: sqliteMessages(db),
    outbox: sqliteOutbox(db, batch),
    flowVersions: sqliteFlowVersions(db),
    accounts: sqliteAccounts(db),
    consoleSessions: sqliteConsoleSessions(db),
    audit: sqliteAudit(db),
    hospitals: sqliteHospitals(db),
    faq: sqliteFaq(db),
    tickets: sqliteTickets(db),
    followups: sqliteFollowups(db, batch),
    async ping() {
      if (!db.open) return false;
      try {
        ping.get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (!db.open) return;
      // Writes already queued are committed, not lost.
      batch.flush();
      await checkpointer?.close();
      // Lets SQLite refresh its query-planner statistics where they have drifted; cheap.
      db.pragma('optimize');
      db.close();
    },
  };
}
