/**
 * Signing in and out over real HTTP: the cookie's attributes, CSRF, the idle
 * timeout and maximum age, sign-out, disabling and password resets ending
 * sessions, and login throttling.
 */
import { hashToken } from '../../src/console/tokens';
import { Client, MIN, PASSWORDS, startConsole, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function signedIn(username: string, password: string): Promise<Client> {
  const c = h.client();
  expect((await c.signIn(username, password)).status).toBe(200);
  return c;
}

describe('sign-in', () => {
  beforeEach(async () => {
    h = await startConsole();
    await h.account('asha', ['admin']);
    await h.account('ravi', ['operator']);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain http) and answers who is signed in', async () => {
    const c = h.client();
    const res = await c.signIn('  Asha ', PASSWORDS.admin);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie();
    expect(cookie).toHaveLength(1);
    expect(cookie[0]).toMatch(/^sahay_console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      account: { id: expect.any(String), username: 'asha', displayName: 'Name of asha', roles: ['admin'], languages: ['bn'], queues: [], active: true, createdAt: h.clock.now, updatedAt: h.clock.now },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nav: [
        { id: 'home', label: 'nav.home', script: 'screens/home.js' },
        { id: 'accounts', label: 'nav.accounts', script: 'screens/accounts.js' },
        { id: 'audit', label: 'nav.audit', script: 'screens/audit.js' },
      ],
      idleMinutes: 30,
    });
    const me = await c.req('GET', '/api/console/session');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body);
  });

  it('stores only the hash of the token', async () => {
    await signedIn('asha', PASSWORDS.admin);
    const token = h.tokens[0]!;
    const rows = h.store.db.prepare('SELECT * FROM console_sessions').all() as Array<{ id: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('shows operators only the screens their roles allow', async () => {
    const c = await signedIn('ravi', PASSWORDS.operator);
    const me = await c.req('GET', '/api/console/session');
    expect(me.body.nav.map((n: { id: string }) => n.id)).toEqual(['home']);
    expect((await c.req('GET', '/api/admin/accounts')).status).toBe(403);
  });

  it('answers 401 with one message for a wrong password, an unknown name and a disabled account, and audits each without the password', async () => {
    const ravi = await h.store.accounts.findByUsername('ravi');
    await h.consoleApp.accounts.update(ravi!.id, { active: false }, { cli: true });
    for (const [username, password] of [['asha', 'wrong password!'], ['nobody', 'whatever pass'], ['ravi', PASSWORDS.operator]]) {
      const res = await h.client().signIn(username!, password!);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'Wrong username or password.' } });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const failed = await h.store.audit.list({ limit: 10, action: 'auth.sign_in_failed' });
    expect(failed.map((e) => [e.actorId, e.targetId, e.details.reason])).toEqual([
      [null, ravi!.id, 'disabled'],
      [null, null, 'unknown_account'],
      [null, (await h.store.accounts.findByUsername('asha'))!.id, 'wrong_password'],
    ]);
    expect(failed.every((e) => typeof e.ipHash === 'string' && /^[0-9a-f]{16}$/.test(e.ipHash))).toBe(true);
  });

  it('refuses a sign-in that is not JSON, or comes from another site', async () => {
    const c = h.client();
    const form = await c.req('POST', '/api/console/session', `username=asha&password=${encodeURIComponent(PASSWORDS.admin)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const foreign = await c.req('POST', '/api/console/session', { username: 'asha', password: PASSWORDS.admin }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const same = await c.req('POST', '/api/console/session', { username: 'asha', password: PASSWORDS.admin }, { origin: h.base });
    expect(same.status).toBe(200);
  });

  it('gives a new token at every sign-in and ends the session the browser had', async () => {
    const c = await signedIn('asha', PASSWORDS.admin);
    const first = c.cookie;
    await c.signIn('asha', PASSWORDS.admin);
    expect(c.cookie).not.toBe(first);
    const old = h.client();
    old.cookie = first;
    expect((await old.req('GET', '/api/console/session')).status).toBe(401);
    expect(h.store.db.prepare('SELECT count(*) FROM console_sessions').pluck().get()).toBe(1);
  });

  it('signs out: the session ends in the store, the cookie is cleared, and the old cookie no longer works', async () => {
    const c = await signedIn('asha', PASSWORDS.admin);
    const cookie = c.cookie;
    const out = await c.req('DELETE', '/api/console/session');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^sahay_console=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect(h.store.db.prepare('SELECT count(*) FROM console_sessions').pluck().get()).toBe(0);
    const replay = h.client();
    replay.cookie = cookie;
    expect((await replay.req('GET', '/api/console/session')).status).toBe(401);
    expect((await h.store.audit.list({ limit: 1 }))[0]).toMatchObject({ action: 'auth.signed_out' });
  });

  it('requires the CSRF token, compared exactly, for every state-changing request', async () => {
    const c = await signedIn('asha', PASSWORDS.admin);
    const body = { displayName: 'Ravi R' };
    const ravi = (await h.store.accounts.findByUsername('ravi'))!;
    for (const token of ['', 'x', c.csrf!.slice(0, -1), `${c.csrf}x`, c.csrf!.toUpperCase()]) {
      const res = await c.req('PATCH', `/api/admin/accounts/${ravi.id}`, body, { 'x-csrf-token': token });
      expect([token, res.status, res.body.error.message]).toEqual([token, 403, 'Missing or wrong CSRF token: reload the console.']);
    }
    expect((await c.req('DELETE', '/api/console/session', undefined, { 'x-csrf-token': '' })).status).toBe(403);
    // Another session's token is not this session's token.
    const other = await signedIn('asha', PASSWORDS.admin);
    expect((await c.req('PATCH', `/api/admin/accounts/${ravi.id}`, body, { 'x-csrf-token': other.csrf! })).status).toBe(403);
    expect((await c.req('PATCH', `/api/admin/accounts/${ravi.id}`, body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await h.store.accounts.get(ravi.id))!.displayName).toBe('Name of ravi');
    const ok = await c.req('PATCH', `/api/admin/accounts/${ravi.id}`, body);
    expect(ok.status).toBe(200);
    expect(ok.body.account.displayName).toBe('Ravi R');
  });

  it('ends a session idle for longer than the idle timeout, and any session older than the maximum age', async () => {
    const c = await signedIn('asha', PASSWORDS.admin);
    h.clock.now += 29 * MIN;
    expect((await c.req('GET', '/api/console/session')).status).toBe(200);
    h.clock.now += 29 * MIN; // active 29 minutes ago: still fine
    expect((await c.req('GET', '/api/console/session')).status).toBe(200);
    h.clock.now += 31 * MIN;
    expect((await c.req('GET', '/api/console/session')).status).toBe(401);
    expect(h.store.db.prepare('SELECT count(*) FROM console_sessions').pluck().get()).toBe(0);

    // Active every 20 minutes: it still ends once it is more than 12 hours old.
    const busy = await signedIn('asha', PASSWORDS.admin);
    const start = h.clock.now;
    let endedAfter: number | undefined;
    while (endedAfter === undefined && h.clock.now - start < 24 * 60 * MIN) {
      h.clock.now += 20 * MIN;
      if ((await busy.req('GET', '/api/console/session')).status === 401) endedAfter = h.clock.now - start;
    }
    expect(endedAfter).toBe(12 * 60 * MIN + 20 * MIN);
  });

  it('ends every session of an account that is disabled, at once', async () => {
    const admin = await signedIn('asha', PASSWORDS.admin);
    const phone = await signedIn('ravi', PASSWORDS.operator);
    const laptop = await signedIn('ravi', PASSWORDS.operator);
    const ravi = (await h.store.accounts.findByUsername('ravi'))!;
    expect((await admin.req('PATCH', `/api/admin/accounts/${ravi.id}`, { active: false })).status).toBe(200);
    expect((await phone.req('GET', '/api/console/session')).status).toBe(401);
    expect((await laptop.req('GET', '/api/console/session')).status).toBe(401);
    expect(h.store.db.prepare('SELECT count(*) FROM console_sessions WHERE account_id = ?').pluck().get(ravi.id)).toBe(0);
    expect((await h.client().signIn('ravi', PASSWORDS.operator)).status).toBe(401);
    expect((await admin.req('PATCH', `/api/admin/accounts/${ravi.id}`, { active: true })).status).toBe(200);
    expect((await h.client().signIn('ravi', PASSWORDS.operator)).status).toBe(200);
  });

  it('applies a role change on the next request', async () => {
    const admin = await signedIn('asha', PASSWORDS.admin);
    const ravi = await signedIn('ravi', PASSWORDS.operator);
    const id = (await h.store.accounts.findByUsername('ravi'))!.id;
    expect((await ravi.req('GET', '/api/admin/accounts')).status).toBe(403);
    await admin.req('PATCH', `/api/admin/accounts/${id}`, { roles: ['operator', 'admin'] });
    expect((await ravi.req('GET', '/api/admin/accounts')).status).toBe(200);
    await admin.req('PATCH', `/api/admin/accounts/${id}`, { roles: ['operator'] });
    expect((await ravi.req('GET', '/api/admin/accounts')).status).toBe(403);
  });

  it("ends an account's sessions when an admin resets its password; the new one works, the old one not", async () => {
    const admin = await signedIn('asha', PASSWORDS.admin);
    const ravi = await signedIn('ravi', PASSWORDS.operator);
    const id = (await h.store.accounts.findByUsername('ravi'))!.id;
    expect((await admin.req('PUT', `/api/admin/accounts/${id}/password`, { password: 'short' })).status).toBe(400);
    expect((await admin.req('PUT', `/api/admin/accounts/${id}/password`, { password: 'a brand new one' })).status).toBe(204);
    expect((await ravi.req('GET', '/api/console/session')).status).toBe(401);
    expect((await h.client().signIn('ravi', PASSWORDS.operator)).status).toBe(401);
    expect((await h.client().signIn('ravi', 'a brand new one')).status).toBe(200);
    expect((await admin.req('GET', '/api/console/session')).status).toBe(200);
  });

  it('changes one own password only with the current one, keeping this session and ending the others', async () => {
    const here = await signedIn('ravi', PASSWORDS.operator);
    const there = await signedIn('ravi', PASSWORDS.operator);
    const wrong = await here.req('PUT', '/api/console/password', { current: 'not my password', password: 'my new password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'current', message: 'wrong password' }]);
    expect((await here.req('PUT', '/api/console/password', { current: PASSWORDS.operator, password: 'ravi' })).status).toBe(400);
    expect((await here.req('PUT', '/api/console/password', { current: PASSWORDS.operator, password: 'my new password' })).status).toBe(204);
    expect((await here.req('GET', '/api/console/session')).status).toBe(200);
    expect((await there.req('GET', '/api/console/session')).status).toBe(401);
    expect((await h.client().signIn('ravi', 'my new password')).status).toBe(200);
    const [entry] = await h.store.audit.list({ limit: 1, action: 'account.password_changed' });
    expect(entry).toMatchObject({ actorId: entry!.targetId, targetType: 'account', details: {} });
  });

  it('ignores cookies that are not session tokens', async () => {
    const c = h.client();
    for (const cookie of ['sahay_console=', 'sahay_console=abc', `sahay_console=${'A'.repeat(43)}`, 'other=1']) {
      c.cookie = cookie;
      expect((await c.req('GET', '/api/console/session')).status).toBe(401);
      expect((await c.req('GET', '/api/admin/accounts')).status).toBe(401);
    }
  });
});

describe('login throttling', () => {
  it('answers 429 with Retry-After after 5 failures for one account, even with the right password', async () => {
    h = await startConsole();
    await h.account('asha', ['admin']);
    await h.account('ravi', ['operator']);
    const c = h.client();
    for (let i = 0; i < 5; i++) expect((await c.signIn('asha', `wrong password ${i}`)).status).toBe(401);
    const blocked = await c.signIn('asha', PASSWORDS.admin);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_requests');
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(250);
    expect(retry).toBeLessThanOrEqual(300);
    // The name is matched as typed in any case.
    expect((await c.signIn('ASHA', PASSWORDS.admin)).status).toBe(429);
    // Blocked attempts are not checked at all, so they are not audited as failures.
    expect(await h.store.audit.list({ limit: 100, action: 'auth.sign_in_failed' })).toHaveLength(5);
  });

  it('answers 429 after 5 failures from one IP address, across account names', async () => {
    h = await startConsole({ env: { TRUST_PROXY: 'loopback' } });
    await h.account('ravi', ['operator']);
    const attacker = h.client();
    attacker.forwardedFor = '203.0.113.7';
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) expect((await attacker.signIn(name, 'guess guess guess')).status).toBe(401);
    expect((await attacker.signIn('ravi', PASSWORDS.operator)).status).toBe(429);
    // Another address is not blocked.
    const colleague = h.client();
    colleague.forwardedFor = '198.51.100.20';
    expect((await colleague.signIn('ravi', PASSWORDS.operator)).status).toBe(200);
    const hashes = new Set((await h.store.audit.list({ limit: 100 })).filter((e) => e.ipHash !== null).map((e) => e.ipHash));
    expect(hashes.size).toBe(2);
  });

  it('clears the account counter after a success', async () => {
    h = await startConsole({ env: { CONSOLE_LOGIN_MAX_FAILURES_PER_IP: '100' } });
    await h.account('ravi', ['operator']);
    const c = h.client();
    for (let i = 0; i < 4; i++) await c.signIn('ravi', 'not it at all');
    expect((await c.signIn('ravi', PASSWORDS.operator)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await c.signIn('ravi', 'not it at all')).status).toBe(401);
    expect((await c.signIn('ravi', PASSWORDS.operator)).status).toBe(200);
  });

  it('marks the cookie Secure over TLS behind a trusted proxy, or when COOKIE_SECURE=true', async () => {
    h = await startConsole({ env: { TRUST_PROXY: 'loopback' } });
    await h.account('asha', ['admin']);
    const viaTls = await h.client().req('POST', '/api/console/session', { username: 'asha', password: PASSWORDS.admin }, { 'x-forwarded-proto': 'https' });
    expect(viaTls.headers.getSetCookie()[0]).toMatch(/; Secure(;|$)/);
    const plain = await h.client().signIn('asha', PASSWORDS.admin);
    expect(plain.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    await h.close();

    h = await startConsole({ env: { COOKIE_SECURE: 'true' } });
    await h.account('asha', ['admin']);
    expect((await h.client().signIn('asha', PASSWORDS.admin)).headers.getSetCookie()[0]).toMatch(/; Secure(;|$)/);
    // Without TRUST_PROXY, a client cannot claim TLS by sending the header itself.
    await h.close();
    h = await startConsole();
    await h.account('asha', ['admin']);
    const claimed = await h.client().req('POST', '/api/console/session', { username: 'asha', password: PASSWORDS.admin }, { 'x-forwarded-proto': 'https' });
    expect(claimed.headers.getSetCookie()[0]).not.toMatch(/Secure/);
  });
});
