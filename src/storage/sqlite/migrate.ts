/**
 * Brings a database up to the schema this code knows, at open. Idempotent: a
 * database already at the latest version is left alone. All pending migrations
 * run in one IMMEDIATE transaction, so a failed migration leaves the database
 * exactly as it was, and two processes opening the same file cannot both migrate.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** The database was written by a newer Sahay: opening it with older code could corrupt it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `SQLite database schema is version ${found}, but this Sahay only knows up to version ${known}. ` +
        'Upgrade Sahay, or point DATA_DIR at another database.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationResult {
  /** The schema version after migrating. */
  version: number;
  /** Versions applied by this call (empty when the database was up to date). */
  applied: number[];
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): MigrationResult {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const known = migrations.at(-1)?.version ?? 0;
  const current = db.prepare<[], number>('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck();
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');

  const run = db.transaction((): MigrationResult => {
    const found = current.get() ?? 0;
    if (found > known) throw new SchemaTooNewError(found, known);
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= found) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now());
      applied.push(m.version);
    }
    return { version: Math.max(found, known), applied };
  });
  return run.immediate();
}

/** Versions must be 1, 2, 3...: a gap or a reordering is a mistake in the list, not in the database. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: entry ${i} has version ${m.version}, expected ${i + 1}`);
  });
}
