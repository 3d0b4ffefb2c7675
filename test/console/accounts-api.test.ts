/** The admin API for accounts and the audit log, over HTTP, with the rules AccountService keeps. */
import { Client, MIN, PASSWORDS, startConsole, type Harness } from './harness';

let h: Harness;
let admin: Client;
beforeEach(async () => {
  h = await startConsole();
  await h.account('asha', ['admin']);
  admin = h.client();
  await admin.signIn('asha', PASSWORDS.admin);
});
afterEach(async () => {
  await h.close();
});

const newAccount = (over: Record<string, unknown> = {}) => ({
  username: 'Ravi.K',
  displayName: '  রবি কুমার ',
  roles: ['operator', 'operator', 'doctor'],
  languages: ['bn', 'hi'],
  queues: ['Triage', 'beds', 'triage'],
  password: 'a long enough one',
  ...over,
});

describe('accounts API', () => {
  it('creates an account, normalising the name, roles and queues, and audits who did it from where', async () => {
    const res = await admin.req('POST', '/api/admin/accounts', newAccount());
    expect(res.status).toBe(201);
    expect(res.body.account).toEqual({
      id: expect.any(String),
      username: 'ravi.k',
      displayName: 'রবি কুমার',
      roles: ['operator', 'doctor'],
      languages: ['bn', 'hi'],
      queues: ['triage', 'beds'],
      active: true,
      createdAt: h.clock.now,
      updatedAt: h.clock.now,
    });
    expect((await h.client().signIn('RAVI.K', 'a long enough one')).status).toBe(200);
    const asha = (await h.store.accounts.findByUsername('asha'))!;
    const [entry] = await h.store.audit.list({ limit: 1, action: 'account.created' });
    expect(entry).toEqual({
      id: expect.any(String),
      at: h.clock.now,
      actorId: asha.id,
      action: 'account.created',
      targetType: 'account',
      targetId: res.body.account.id,
      ipHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      details: { username: 'ravi.k', roles: 'operator,doctor' },
    });
  });

  it('refuses bad fields with 400 naming them, and a taken username with 409', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const res = await admin.req('POST', '/api/admin/accounts', newAccount(over));
      expect(res.status).toBe(400);
      return (res.body.error.details as Array<{ path: string }>).map((d) => d.path);
    };
    expect(await bad({ username: 'a' })).toEqual(['username']);
    expect(await bad({ username: 'has space' })).toEqual(['username']);
    expect(await bad({ username: 'রবি' })).toEqual(['username']);
    expect(await bad({ roles: [] })).toEqual(['roles']);
    expect(await bad({ roles: ['superuser'] })).toEqual(['roles.0']);
    expect(await bad({ languages: ['fr'] })).toEqual(['languages.0']);
    expect(await bad({ queues: ['no spaces'] })).toEqual(['queues.0']);
    expect(await bad({ displayName: '   ' })).toEqual(['displayName']);
    expect(await bad({ displayName: '\u200b' })).toEqual(['displayName']);
    expect(await bad({ displayName: '\u202eDr Asha' })).toEqual(['displayName']);
    expect(await bad({ displayName: 'Ravi\nDr Fake (Reg. No. WBMC 1)' })).toEqual(['displayName']);
    expect(await bad({ isAdmin: true })).toEqual(['(body)']);
    expect(await bad({ password: 'too short' })).toEqual(['password']);
    expect(await bad({ password: 'x'.repeat(73) })).toEqual(['password']);
    expect(await bad({ password: 'ravi.k' })).toEqual(['password']);
    expect((await admin.req('POST', '/api/admin/accounts', newAccount())).status).toBe(201);
    const taken = await admin.req('POST', '/api/admin/accounts', newAccount({ username: 'RAVI.K' }));
    expect(taken.status).toBe(409);
    expect(await h.store.accounts.list()).toHaveLength(2);
  });

  it('gets and edits an account; an unknown id is 404; a no-op edit changes nothing', async () => {
    const id = (await admin.req('POST', '/api/admin/accounts', newAccount())).body.account.id;
    expect((await admin.req('GET', `/api/admin/accounts/${id}`)).body.account.username).toBe('ravi.k');
    expect((await admin.req('GET', '/api/admin/accounts/nope')).status).toBe(404);
    expect((await admin.req('PATCH', '/api/admin/accounts/nope', { active: false })).status).toBe(404);
    h.clock.now += MIN;
    const edited = await admin.req('PATCH', `/api/admin/accounts/${id}`, { languages: ['en'], queues: [], displayName: 'Ravi' });
    expect(edited.body.account).toMatchObject({ languages: ['en'], queues: [], displayName: 'Ravi', roles: ['operator', 'doctor'], updatedAt: h.clock.now });
    const [entry] = await h.store.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'account.updated', details: { fields: 'displayName,languages,queues' } });
    const before = await h.store.audit.list({ limit: 100 });
    expect((await admin.req('PATCH', `/api/admin/accounts/${id}`, { languages: ['en'] })).status).toBe(200);
    expect(await h.store.audit.list({ limit: 100 })).toHaveLength(before.length);
    expect((await admin.req('PATCH', `/api/admin/accounts/${id}`, { username: 'other' })).status).toBe(400);
  });

  it('keeps at least one active admin', async () => {
    const asha = (await h.store.accounts.findByUsername('asha'))!;
    expect((await admin.req('PATCH', `/api/admin/accounts/${asha.id}`, { active: false })).status).toBe(409);
    expect((await admin.req('PATCH', `/api/admin/accounts/${asha.id}`, { roles: ['operator'] })).status).toBe(409);
    const other = (await admin.req('POST', '/api/admin/accounts', newAccount({ username: 'dev', roles: ['admin'] }))).body.account;
    // A disabled admin does not count.
    await admin.req('PATCH', `/api/admin/accounts/${other.id}`, { active: false });
    expect((await admin.req('PATCH', `/api/admin/accounts/${asha.id}`, { roles: ['doctor'] })).status).toBe(409);
    await admin.req('PATCH', `/api/admin/accounts/${other.id}`, { active: true });
    expect((await admin.req('PATCH', `/api/admin/accounts/${asha.id}`, { roles: ['doctor'] })).status).toBe(200);
    // asha is no admin any more: her own session is refused at once.
    expect((await admin.req('GET', '/api/admin/accounts')).status).toBe(403);
  });

  it('records disabling and enabling as such', async () => {
    const id = (await admin.req('POST', '/api/admin/accounts', newAccount())).body.account.id;
    await admin.req('PATCH', `/api/admin/accounts/${id}`, { active: false });
    await admin.req('PATCH', `/api/admin/accounts/${id}`, { active: true });
    await admin.req('PUT', `/api/admin/accounts/${id}/password`, { password: 'new and long' });
    expect((await h.store.audit.list({ limit: 3, targetId: id })).map((e) => e.action)).toEqual(['account.password_reset', 'account.enabled', 'account.disabled']);
  });
});

describe('audit API', () => {
  it('lists newest first with actors named, pages with next, and filters', async () => {
    const ravi = (await admin.req('POST', '/api/admin/accounts', newAccount())).body.account;
    for (let i = 0; i < 5; i++) {
      h.clock.now += MIN;
      await admin.req('PATCH', `/api/admin/accounts/${ravi.id}`, { displayName: `Ravi ${i}` });
    }
    h.clock.now += MIN;
    await h.client().signIn('ravi.k', 'nope nope nope');

    const first = await admin.req('GET', '/api/admin/audit?limit=3');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body.entries.map((e: { action: string }) => e.action)).toEqual(['auth.sign_in_failed', 'account.updated', 'account.updated']);
    expect(first.body.entries[0]).toEqual({
      id: expect.any(String),
      at: h.clock.now,
      actor: null,
      action: 'auth.sign_in_failed',
      target: { type: 'account', id: ravi.id },
      ipHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      details: { reason: 'wrong_password' },
    });
    expect(first.body.entries[1].actor).toEqual({ id: expect.any(String), username: 'asha', displayName: 'Name of asha' });
    const seen = [...first.body.entries];
    let next = first.body.next;
    while (next) {
      const page = await admin.req('GET', `/api/admin/audit?limit=3&before=${encodeURIComponent(next)}`);
      seen.push(...page.body.entries);
      next = page.body.next;
    }
    const all = (await admin.req('GET', '/api/admin/audit?limit=200')).body.entries;
    expect(seen).toEqual(all);
    // 2 sign-ins (asha), account.created ×2 (asha by cli, ravi), 5 updates, 1 failure
    expect(all.map((e: { action: string }) => e.action).sort()).toEqual(
      ['auth.signed_in', 'account.created', 'account.created', ...Array(5).fill('account.updated'), 'auth.sign_in_failed'].sort(),
    );

    const asha = (await h.store.accounts.findByUsername('asha'))!;
    const mine = (await admin.req('GET', `/api/admin/audit?actor=${asha.id}&action=account.updated&limit=2`)).body;
    expect(mine.entries).toHaveLength(2);
    expect(mine.next).not.toBeNull();
    const since = (await admin.req('GET', `/api/admin/audit?since=${new Date(h.clock.now - MIN).toISOString()}`)).body.entries;
    expect(since.map((e: { action: string }) => e.action)).toEqual(['auth.sign_in_failed', 'account.updated']);
    const about = (await admin.req('GET', `/api/admin/audit?targetType=account&targetId=${ravi.id}&limit=200`)).body.entries;
    expect(about).toHaveLength(7);
    for (const q of ['since=yesterday', 'limit=0', 'limit=201', 'before=garbage', 'unknown=1']) {
      expect([q, (await admin.req('GET', `/api/admin/audit?${q}`)).status]).toEqual([q, 400]);
    }
  });
});
