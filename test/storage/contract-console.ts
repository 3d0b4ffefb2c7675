/**
 * The console repositories' part of the Store contract (accounts, console sessions,
 * audit log). Called from describeStoreContract, so every driver runs it.
 *
 * Rules pinned here that repositories.ts leaves implicit:
 * - accounts.create answers false for a taken username and stores nothing;
 *   usernames are matched exactly (the console lower-cases them first);
 * - accounts.update merges: fields left out (or undefined) keep their value;
 * - consoleSessions.touch never moves lastSeenAt backwards;
 * - audit.list is newest first by (at, id), and `before` pages past an entry by that order.
 */
import type { Account, AuditEntry, Store } from '../../src/storage/repositories';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
/** What a bcrypt hash looks like; the store treats it as opaque text. */
const HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Ux7tR3hbM1yoUEZkhxGkCVzSWr3Wm.';

function account(id: string, username: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    username,
    displayName: `ডাঃ ${username} शर्मा`,
    roles: ['doctor', 'operator'],
    languages: ['bn', 'hi'],
    queues: ['triage', 'kolkata'],
    active: true,
    passwordHash: HASH,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function entry(id: string, at: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { id, at, actorId: 'a1', action: 'auth.signed_in', targetType: null, targetId: null, ipHash: 'f00d', details: {}, ...overrides };
}

export function describeConsoleRepositoryContract(current: () => { store: Store; reopen?: () => Promise<Store> }): void {
  let store: Store;
  beforeEach(() => {
    store = current().store;
  });

  it('keeps accounts, sessions and the audit log across close and reopen', async () => {
    const { reopen } = current();
    if (!reopen) return; // only durable drivers reopen
    await store.accounts.create(account('a1', 'rita'));
    await store.consoleSessions.create({ id: 'h1', accountId: 'a1', createdAt: T0, lastSeenAt: T0 });
    await store.audit.append(entry('e1', T0, { details: { fields: 'roles' } }));
    await store.close();
    store = await reopen();
    await expect(store.accounts.findByUsername('rita')).resolves.toStrictEqual(account('a1', 'rita'));
    await expect(store.consoleSessions.get('h1')).resolves.toStrictEqual({ id: 'h1', accountId: 'a1', createdAt: T0, lastSeenAt: T0 });
    await expect(store.audit.list({ limit: 10 })).resolves.toStrictEqual([entry('e1', T0, { details: { fields: 'roles' } })]);
  });

  describe('accounts', () => {
    it('creates, gets by id and by username, and lists by username', async () => {
      const rita = account('a1', 'rita');
      await expect(store.accounts.create(rita)).resolves.toBe(true);
      await expect(store.accounts.create(account('a2', 'admin', { roles: ['admin'], languages: [], queues: [] }))).resolves.toBe(true);
      await expect(store.accounts.get('a1')).resolves.toStrictEqual(rita);
      await expect(store.accounts.findByUsername('rita')).resolves.toStrictEqual(rita);
      await expect(store.accounts.findByUsername('Rita')).resolves.toBeUndefined();
      await expect(store.accounts.get('nope')).resolves.toBeUndefined();
      expect((await store.accounts.list()).map((a) => a.username)).toEqual(['admin', 'rita']);
      expect((await store.accounts.list())[0]).toStrictEqual(account('a2', 'admin', { roles: ['admin'], languages: [], queues: [] }));
    });

    it('answers false for a taken username and keeps the first account', async () => {
      await store.accounts.create(account('a1', 'rita'));
      await expect(store.accounts.create(account('a2', 'rita', { displayName: 'other' }))).resolves.toBe(false);
      await expect(store.accounts.get('a2')).resolves.toBeUndefined();
      await expect(store.accounts.list()).resolves.toHaveLength(1);
    });

    it('updates only the fields given, and sets updatedAt', async () => {
      await store.accounts.create(account('a1', 'rita'));
      const updated = await store.accounts.update('a1', { roles: ['operator'], active: false, queues: [], displayName: undefined }, T0 + MIN);
      const expected = account('a1', 'rita', { roles: ['operator'], active: false, queues: [], updatedAt: T0 + MIN });
      expect(updated).toStrictEqual(expected);
      await expect(store.accounts.get('a1')).resolves.toStrictEqual(expected);
      await store.accounts.update('a1', { passwordHash: '$2b$12$other', active: true }, T0 + 2 * MIN);
      await expect(store.accounts.get('a1')).resolves.toMatchObject({ passwordHash: '$2b$12$other', active: true, roles: ['operator'], updatedAt: T0 + 2 * MIN });
      await expect(store.accounts.update('ghost', { active: false }, T0)).resolves.toBeUndefined();
    });

    it('hands out copies', async () => {
      const a = account('a1', 'rita');
      await store.accounts.create(a);
      a.roles.push('admin');
      const read = await store.accounts.get('a1');
      read!.languages.push('en');
      await expect(store.accounts.get('a1')).resolves.toStrictEqual(account('a1', 'rita'));
    });
  });

  describe('console sessions', () => {
    beforeEach(async () => {
      await store.accounts.create(account('a1', 'rita'));
      await store.accounts.create(account('a2', 'sam'));
    });

    it('creates, gets, touches (never backwards) and deletes', async () => {
      await store.consoleSessions.create({ id: 'h1', accountId: 'a1', createdAt: T0, lastSeenAt: T0 });
      await expect(store.consoleSessions.get('h1')).resolves.toStrictEqual({ id: 'h1', accountId: 'a1', createdAt: T0, lastSeenAt: T0 });
      await store.consoleSessions.touch('h1', T0 + 5 * MIN);
      await store.consoleSessions.touch('h1', T0 + MIN);
      await store.consoleSessions.touch('ghost', T0);
      await expect(store.consoleSessions.get('h1')).resolves.toMatchObject({ lastSeenAt: T0 + 5 * MIN, createdAt: T0 });
      await store.consoleSessions.delete('h1');
      await store.consoleSessions.delete('h1');
      await expect(store.consoleSessions.get('h1')).resolves.toBeUndefined();
    });

    it("deletes an account's sessions, optionally but one", async () => {
      for (const [id, accountId] of [['h1', 'a1'], ['h2', 'a1'], ['h3', 'a1'], ['h4', 'a2']] as const) {
        await store.consoleSessions.create({ id, accountId, createdAt: T0, lastSeenAt: T0 });
      }
      await expect(store.consoleSessions.deleteForAccount('a1', 'h2')).resolves.toBe(2);
      await expect(store.consoleSessions.get('h2')).resolves.toBeDefined();
      await expect(store.consoleSessions.get('h4')).resolves.toBeDefined();
      await expect(store.consoleSessions.deleteForAccount('a1')).resolves.toBe(1);
      await expect(store.consoleSessions.get('h2')).resolves.toBeUndefined();
      await expect(store.consoleSessions.deleteForAccount('a1')).resolves.toBe(0);
    });

    it('deletes sessions idle too long or too old', async () => {
      await store.consoleSessions.create({ id: 'idle', accountId: 'a1', createdAt: T0 + 10 * MIN, lastSeenAt: T0 + 10 * MIN });
      await store.consoleSessions.create({ id: 'old', accountId: 'a1', createdAt: T0, lastSeenAt: T0 + 50 * MIN });
      await store.consoleSessions.create({ id: 'fresh', accountId: 'a2', createdAt: T0 + 20 * MIN, lastSeenAt: T0 + 40 * MIN });
      // Idle before T0+30min or created before T0+5min.
      await expect(store.consoleSessions.deleteExpired(T0 + 30 * MIN, T0 + 5 * MIN)).resolves.toBe(2);
      await expect(store.consoleSessions.get('fresh')).resolves.toBeDefined();
      await expect(store.consoleSessions.get('idle')).resolves.toBeUndefined();
      await expect(store.consoleSessions.get('old')).resolves.toBeUndefined();
    });
  });

  describe('audit log', () => {
    const ids = (entries: AuditEntry[]) => entries.map((e) => e.id);

    it('round-trips an entry exactly', async () => {
      const e = entry('e1', T0, {
        action: 'account.updated',
        targetType: 'account',
        targetId: 'a2',
        details: { fields: 'roles,active', count: 2, forced: false, note: null, via: 'ক্লি' },
      });
      await store.audit.append(e);
      await store.audit.append(entry('e2', T0, { actorId: null, ipHash: null }));
      await expect(store.audit.list({ limit: 10 })).resolves.toStrictEqual([entry('e2', T0, { actorId: null, ipHash: null }), e]);
    });

    it('lists newest first, filters, and pages with `before`', async () => {
      await store.audit.append(entry('e1', T0));
      await store.audit.append(entry('e3', T0 + MIN, { actorId: 'a2', action: 'conversation.viewed', targetType: 'conversation', targetId: 'c1' }));
      await store.audit.append(entry('e2', T0 + MIN, { action: 'auth.signed_out' }));
      await store.audit.append(entry('e4', T0 + 2 * MIN, { actorId: 'a2', action: 'conversation.viewed', targetType: 'conversation', targetId: 'c2' }));
      await store.audit.append(entry('e5', T0 + 3 * MIN));

      expect(ids(await store.audit.list({ limit: 100 }))).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
      expect(ids(await store.audit.list({ limit: 2 }))).toEqual(['e5', 'e4']);
      expect(ids(await store.audit.list({ limit: 2, before: { at: T0 + 2 * MIN, id: 'e4' } }))).toEqual(['e3', 'e2']);
      expect(ids(await store.audit.list({ limit: 2, before: { at: T0 + MIN, id: 'e3' } }))).toEqual(['e2', 'e1']);
      expect(ids(await store.audit.list({ limit: 2, before: { at: T0, id: 'e1' } }))).toEqual([]);
      expect(ids(await store.audit.list({ limit: 100, actorId: 'a2' }))).toEqual(['e4', 'e3']);
      expect(ids(await store.audit.list({ limit: 100, action: 'auth.signed_in' }))).toEqual(['e5', 'e1']);
      expect(ids(await store.audit.list({ limit: 100, targetType: 'conversation', targetId: 'c1' }))).toEqual(['e3']);
      expect(ids(await store.audit.list({ limit: 100, targetType: 'conversation' }))).toEqual(['e4', 'e3']);
      expect(ids(await store.audit.list({ limit: 100, since: T0 + MIN, until: T0 + 3 * MIN }))).toEqual(['e4', 'e3', 'e2']);
      expect(ids(await store.audit.list({ limit: 100, actorId: 'a1', since: T0 + MIN, before: { at: T0 + 3 * MIN, id: 'e5' } }))).toEqual(['e2']);
      expect(ids(await store.audit.list({ limit: 0 }))).toEqual([]);
    });
  });
}
