import type Database from 'better-sqlite3';
import type { Language } from '../../engine/flow';
import type { Account, AccountRepository, Role } from '../repositories';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  languages: string;
  queues: string;
  active: 0 | 1;
  registration: string | null;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, username, display_name, roles, languages, queues, active, registration, password_hash, created_at, updated_at';

function toAccount(row: AccountRow): Account {
  const account: Account = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    languages: JSON.parse(row.languages) as Language[],
    queues: JSON.parse(row.queues) as string[],
    active: row.active === 1,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  // Absent, not undefined, when there is none: the same shape every driver hands out.
  if (row.registration) account.registration = row.registration;
  return account;
}

function toRow(a: Account): AccountRow {
  return {
    id: a.id,
    username: a.username,
    display_name: a.displayName,
    roles: JSON.stringify(a.roles),
    languages: JSON.stringify(a.languages),
    queues: JSON.stringify(a.queues),
    active: a.active ? 1 : 0,
    registration: a.registration || null,
    password_hash: a.passwordHash,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function sqliteAccounts(db: Database.Database): AccountRepository {
  // A taken username is an answer (false), not an error; a clash on id is a bug and still throws.
  const insert = db.prepare<AccountRow>(
    `INSERT INTO accounts (${COLUMNS})
     VALUES (@id, @username, @display_name, @roles, @languages, @queues, @active, @registration, @password_hash, @created_at, @updated_at)
     ON CONFLICT (username) DO NOTHING`,
  );
  const byId = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`);
  const byUsername = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE username = ?`);
  const list = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY username`);
  const save = db.prepare<AccountRow>(
    `UPDATE accounts SET display_name = @display_name, roles = @roles, languages = @languages, queues = @queues,
       active = @active, registration = @registration, password_hash = @password_hash, updated_at = @updated_at WHERE id = @id`,
  );
  // Read, merge and write under one write lock, so that two admins' edits of different fields both land.
  const update = db.transaction((id: string, changes: Partial<Account>, now: number): Account | undefined => {
    const row = byId.get(id);
    if (!row) return undefined;
    const next: Account = { ...toAccount(row), ...definedOnly(changes), updatedAt: now };
    if (!next.registration) delete next.registration;
    save.run(toRow(next));
    return next;
  });

  return {
    async create(account) {
      return insert.run(toRow(account)).changes === 1;
    },
    async get(id) {
      const row = byId.get(id);
      return row && toAccount(row);
    },
    async findByUsername(username) {
      const row = byUsername.get(username);
      return row && toAccount(row);
    },
    async list() {
      return list.all().map(toAccount);
    },
    async update(id, changes, now) {
      return update.immediate(id, changes, now);
    },
  };
}

/** `{ a: undefined }` means "no change to a", as it does for the memory driver. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
