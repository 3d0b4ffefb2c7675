import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '../../src/storage/sqlite/migrations';
import { migrate, SchemaTooNewError } from '../../src/storage/sqlite/migrate';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { auditListQuery } from '../../src/storage/sqlite/audit';
import { enrolmentListQuery } from '../../src/storage/sqlite/followups';
import { ticketListQuery } from '../../src/storage/sqlite/tickets';
import type { AuditQuery, TicketQuery } from '../../src/storage/repositories';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const versions = (db: Database.Database) => db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

describe('opening a SQLite store', () => {
  it('creates the parent folder and the schema, with WAL, FULL sync (a commit is on disk before it returns) and foreign keys on', async () => {
    const file = join(dir, 'a', 'b', 'sahay.db');
    const store = openSqliteStore({ file });
    expect(existsSync(file)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tables(store.db)).toEqual(['accounts', 'audit_log', 'bed_sources', 'console_sessions', 'conversations', 'faq_entries', 'faq_revision', 'faq_versions', 'flow_publications', 'flow_versions', 'followup_checkins', 'followup_enrolments', 'followup_tasks', 'hospital_revision', 'hospitals', 'messages', 'outbox', 'schema_migrations', 'ticket_events', 'tickets']);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
  });

  it('applies each migration once: reopening changes nothing and keeps the data', async () => {
    const file = join(dir, 'sahay.db');
    const first = openSqliteStore({ file });
    expect(versions(first.db)).toEqual(MIGRATIONS.map((m) => m.version));
    await first.conversations.findOrCreate('cli', 'me', { id: 'c1', session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: 1 });
    await first.close();

    const second = openSqliteStore({ file });
    expect(versions(second.db)).toEqual(MIGRATIONS.map((m) => m.version));
    await expect(second.conversations.count()).resolves.toBe(1);
    expect(migrate(second.db)).toEqual({ version: MIGRATIONS.length, applied: [] });
    await second.close();
  });

  it('refuses a database written by a newer Sahay, with a clear error, and leaves it untouched', async () => {
    const file = join(dir, 'sahay.db');
    const store = openSqliteStore({ file });
    store.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 1, 'from the future', 1);
    await store.close();

    expect(() => openSqliteStore({ file })).toThrow(SchemaTooNewError);
    expect(() => openSqliteStore({ file })).toThrow(`schema is version ${MIGRATIONS.length + 1}, but this Sahay only knows up to version ${MIGRATIONS.length}`);
    // The refused open closed its handle; the file is still readable and unchanged.
    const db = new Database(file, { readonly: true });
    expect(versions(db)).toEqual([...MIGRATIONS.map((m) => m.version), MIGRATIONS.length + 1]);
    db.close();
  });

  it('serves hot queries from their indexes', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const plan = (sql: string) => planOf(store, { sql, params: {} });
    expect(plan("SELECT 1 FROM messages WHERE channel = 'telegram' AND platform_message_id = 'x' AND platform_message_id IS NOT NULL")).toContain('messages_platform_id');
    expect(plan("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= 5")).toContain('outbox_due');
    expect(plan("SELECT * FROM conversations WHERE channel = 'telegram' AND user_id = 'u'")).toMatch(/USING INDEX sqlite_autoindex_conversations/);
    await store.close();
  });

  it('lists the audit log by actor or target along their own indexes, not the whole log', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const plan = (q: AuditQuery) => planOf(store, auditListQuery(q));
    expect(plan({ actorId: 'op-1', limit: 50 })).toMatch(/SEARCH audit_log USING INDEX audit_log_actor \(actor_id=\?\)/);
    expect(plan({ targetType: 'ticket', targetId: 't1', limit: 50, before: { at: 5, id: 'x' } })).toMatch(/SEARCH audit_log USING INDEX audit_log_target \(target_type=\? AND target_id=\?/);
    expect(plan({ since: 1, limit: 50 })).toMatch(/audit_log_at/);
    // By target type alone: newest first along audit_log_at, not every entry of the type sorted.
    expect(plan({ targetType: 'ticket', limit: 50 })).toMatch(/audit_log_at/);
    expect(plan({ targetType: 'ticket', limit: 50 })).not.toMatch(/TEMP B-TREE/);
    for (const q of [{ actorId: 'op-1', limit: 50 }, { targetType: 'ticket', targetId: 't1', limit: 50 }, { limit: 50 }]) expect(plan(q)).not.toMatch(/TEMP B-TREE/);
    await store.close();
  });

  it('reads the tickets closed since a time along their closing time, not every ticket ever closed', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const plan = (q: TicketQuery) => planOf(store, ticketListQuery(q));
    // The wait estimate's read (every patient asking for a person): a range of tickets_closed.
    expect(plan({ states: ['closed'], closedFrom: 1 })).toMatch(/SEARCH tickets USING INDEX tickets_closed \(closed_at>\?\)/);
    // Open tickets: the queue index by state, as before.
    expect(plan({ states: ['waiting', 'assigned'] })).toMatch(/SEARCH tickets USING INDEX tickets_queue \(state=\?\)/);
    await store.close();
  });

  it("pages a follow-up state's list along its creation time, sorting only the boundary millisecond by id", async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const plan = (q: Parameters<typeof enrolmentListQuery>[0]) => planOf(store, enrolmentListQuery(q));
    // The screen's first page of a state, and the pages after it.
    expect(plan({ states: ['active'], limit: 401 })).toMatch(/SEARCH followup_enrolments USING INDEX followup_enrolments_created \(state=\?\)/);
    const next = plan({ states: ['active'], limit: 401, before: { createdAt: 5, id: 'e' } });
    expect(next).toMatch(/SEARCH followup_enrolments USING INDEX followup_enrolments_created \(state=\? AND created_at<\?\)/);
    for (const p of [plan({ states: ['active'] }), next]) expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    await store.close();
  });
});

/** SQLite's query plan for a statement, its steps one per line. */
function planOf(store: SqliteStore, { sql, params }: { sql: string; params: Record<string, string | number> }): string {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('migrate', () => {
  const extra: Migration = { version: MIGRATIONS.length + 1, name: 'notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY)' };

  it('applies only the migrations a database has not seen, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS).applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db, [...MIGRATIONS, extra])).toEqual({ version: extra.version, applied: [extra.version] });
    expect(tables(db)).toContain('notes');
    expect(migrate(db, [...MIGRATIONS, extra]).applied).toEqual([]);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const db = new Database(':memory:');
    const broken: Migration = { version: MIGRATIONS.length + 2, name: 'broken', sql: 'CREATE TABLE nope (' };
    expect(() => migrate(db, [...MIGRATIONS, extra, broken])).toThrow();
    expect(tables(db)).toEqual(['schema_migrations']);
    expect(versions(db)).toEqual([]);
    db.close();
  });

  it('rejects a migration list with gaps or out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ ...extra, version: 2 }])).toThrow(/out of order/);
    expect(() => migrate(db, [...MIGRATIONS, { ...extra, version: MIGRATIONS.length + 2 }])).toThrow(/out of order/);
    db.close();
  });
});
