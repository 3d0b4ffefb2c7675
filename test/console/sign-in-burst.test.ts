/**
 * Sign-in attempts sent together: each is counted before its password is checked (bcrypt
 * takes most of a second at the service's cost), so a burst cannot get more wrong passwords
 * checked than the limit allows; and only a few are checked at once (per client IP and
 * overall), the rest refused at once with 429 and Retry-After: 1 instead of queuing bcrypt
 * work on the main thread, where it holds up every patient's turn.
 */
import { execFile } from 'node:child_process';
import { hashPassword } from '../../src/console/passwords';
import { LoginThrottle, MAX_SIGN_INS_IN_FLIGHT, MAX_SIGN_INS_IN_FLIGHT_PER_IP, type SignInAttempt } from '../../src/console/throttle';
import { PASSWORDS, startConsole, type Harness, type Reply } from './harness';
import { waitNow } from './throttle-probe';

/** Slow enough (tens of ms in bcryptjs) that requests sent together mostly arrive while the first are checked. */
const SLOW_COST = 10;
/**
 * Slower (a few hundred ms in bcryptjs), for the tests of how many are checked at once: on a
 * loaded machine a burst from another process can take longer to arrive than a check at
 * SLOW_COST, and requests that arrive after the first checks are over are rightly checked.
 */
const SLOWER_COST = 12;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Sent {
  status: number;
  retryAfter: string | null;
  body: any;
}

const count = (replies: Array<Reply | Sent>, status: number) => replies.filter((r) => r.status === status).length;

/**
 * Sends the requests all at once from another process, as an attacker's burst arrives: from
 * this one, the client shares the event loop with bcrypt and its requests would trickle in.
 */
function burst(requests: Array<{ method: string; path: string; body: unknown; headers?: Record<string, string> }>): Promise<Sent[]> {
  const script = `
    const [base, requests] = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    Promise.all(requests.map(async (r) => {
      const res = await fetch(base + r.path, { method: r.method, headers: { 'content-type': 'application/json', ...r.headers }, body: JSON.stringify(r.body) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json().catch(() => null) };
    })).then((all) => process.stdout.write(JSON.stringify(all)));`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { timeout: 50_000 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Sent[])));
    child.stdin!.end(JSON.stringify([h!.base, requests]));
  });
}

const signInBody = (username: string, password: string) => ({ method: 'POST', path: '/api/console/session', body: { username, password } });

async function slowHash(username: string, password: string, cost = SLOW_COST): Promise<void> {
  const account = await h!.store.accounts.findByUsername(username);
  await h!.store.accounts.update(account!.id, { passwordHash: await hashPassword(password, cost) }, h!.clock.now);
}

/**
 * Counts the passwords being checked at each moment, from the throttle's own answers (an
 * attempt allowed until it is released): the most at once is what the limit is about. How
 * many are checked in all depends on how fast the burst arrives, which a test cannot fix.
 */
function watchChecks(): { most(): number } {
  const begin = LoginThrottle.prototype.begin;
  let now = 0;
  let most = 0;
  jest.spyOn(LoginThrottle.prototype, 'begin').mockImplementation(async function (this: LoginThrottle, username: string, ip: string | undefined) {
    const attempt = await begin.call(this, username, ip);
    if (!attempt.allowed) return attempt;
    most = Math.max(most, ++now);
    let over = false;
    const end = () => {
      if (!over) now--;
      over = true;
    };
    return {
      allowed: true,
      release: () => (end(), attempt.release()),
      succeeded: () => (end(), attempt.succeeded()),
      refund: () => (end(), attempt.refund()),
    };
  });
  return { most: () => most };
}
afterEach(() => jest.restoreAllMocks());

describe('a burst of sign-ins', () => {
  it('gets no more passwords checked for one account than the limit, from many addresses at once', async () => {
    h = await startConsole({ env: { TRUST_PROXY: 'loopback', CONSOLE_LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    await h.account('asha', ['admin']);
    await slowHash('asha', PASSWORDS.admin);
    // Each guess from its own address (the per-IP limits do not apply), the right password last.
    const replies = await burst(
      Array.from({ length: 30 }, (_, i) => ({ ...signInBody('asha', i === 29 ? PASSWORDS.admin : `wrong password ${i}`), headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } })),
    );
    // CONSOLE_LOGIN_MAX_FAILURES=5: at most 5 passwords checked in the window, the right one among them or refused.
    expect(count(replies, 401) + count(replies, 200)).toBeLessThanOrEqual(5);
    expect(count(replies, 429)).toBeGreaterThanOrEqual(25);
    expect((await h.store.audit.list({ limit: 100, action: 'auth.sign_in_failed' })).length).toBeLessThanOrEqual(5);
    // Once the burst is over, the account is blocked for the window, the right password too (as after 5 failures one by one).
    if (count(replies, 401) === 5) {
      const after = h.client();
      after.forwardedFor = '198.51.100.1';
      const blocked = await after.signIn('asha', PASSWORDS.admin);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(250);
    }
  }, 60_000);

  it('checks at most 2 at once from one address; the rest are refused at once with Retry-After: 1', async () => {
    h = await startConsole({ env: { CONSOLE_LOGIN_MAX_FAILURES: '1000', CONSOLE_LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    await h.account('asha', ['admin']);
    await slowHash('asha', PASSWORDS.admin, SLOWER_COST);
    const checks = watchChecks();
    const replies = await burst(Array.from({ length: 20 }, (_, i) => signInBody('asha', `wrong password ${i}`)));
    const busy = replies.filter((r) => r.status === 429);
    expect(checks.most()).toBe(MAX_SIGN_INS_IN_FLIGHT_PER_IP);
    expect(count(replies, 401) + busy.length).toBe(20);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(r.retryAfter).toBe('1');
      expect(r.body.error).toMatchObject({ code: 'too_many_requests', message: 'Too many sign-ins at once: try again in a few seconds.' });
    }
    // A refusal for being busy costs nothing: once the burst is over, the right password signs in.
    expect((await h.client().signIn('asha', PASSWORDS.admin)).status).toBe(200);
  }, 60_000);

  it('checks at most 4 at once overall, from any number of addresses', async () => {
    h = await startConsole({ env: { TRUST_PROXY: 'loopback', CONSOLE_LOGIN_MAX_FAILURES: '1000' } });
    await h.account('asha', ['admin']);
    await slowHash('asha', PASSWORDS.admin, SLOWER_COST);
    const checks = watchChecks();
    const replies = await burst(Array.from({ length: 24 }, (_, i) => ({ ...signInBody('asha', `wrong password ${i}`), headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } })));
    // Each from its own address, so only the overall limit holds them back.
    expect(checks.most()).toBe(MAX_SIGN_INS_IN_FLIGHT);
    expect(count(replies, 401) + count(replies, 429)).toBe(24);
    expect(count(replies, 429)).toBeGreaterThan(0);
  }, 60_000);

  it('does not count a right password against the address (a call centre signing in one after another)', async () => {
    h = await startConsole();
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']) await h.account(name, ['operator']);
    expect((await h.client().signIn('a1', 'not the password')).status).toBe(401);
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']) expect((await h.client().signIn(name, PASSWORDS.operator)).status).toBe(200);
    // 1 failure so far from this address: 4 more are checked, then it is blocked.
    for (let i = 0; i < 4; i++) expect((await h.client().signIn('nobody', `guess ${i} guess`)).status).toBe(401);
    expect((await h.client().signIn('a1', PASSWORDS.operator)).status).toBe(429);
  });

  it('gets no more current passwords checked at a password change than the limit', async () => {
    h = await startConsole({ env: { TRUST_PROXY: 'loopback', CONSOLE_LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    await h.account('ravi', ['operator']);
    await slowHash('ravi', PASSWORDS.operator);
    const c = h.client();
    expect((await c.signIn('ravi', PASSWORDS.operator)).status).toBe(200);
    const replies = await burst(
      Array.from({ length: 20 }, (_, i) => ({
        method: 'PUT',
        path: '/api/console/password',
        body: { current: `wrong password ${i}`, password: 'my new password' },
        // The same session, from changing addresses (a stolen cookie).
        headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'x-forwarded-for': `203.0.113.${i + 1}` },
      })),
    );
    expect(count(replies, 400)).toBeLessThanOrEqual(5);
    expect(count(replies, 429)).toBeGreaterThanOrEqual(15);
    expect(count(replies, 204)).toBe(0);
  }, 60_000);

  it('gives the points back for a right current password, as before', async () => {
    h = await startConsole();
    await h.account('ravi', ['operator']);
    const c = h.client();
    expect((await c.signIn('ravi', PASSWORDS.operator)).status).toBe(200);
    const change = (current: string, password = 'my new password') => c.req('PUT', '/api/console/password', { current, password });
    for (let i = 0; i < 4; i++) expect((await change(`wrong password ${i}`)).status).toBe(400);
    expect((await change(PASSWORDS.operator)).status).toBe(204);
    expect((await change('wrong password 5')).status).toBe(400);
    const blocked = await change('my new password', 'another new password');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(250);
  });
});

describe('LoginThrottle.begin', () => {
  const OPTS = { maxFailures: 5, maxFailuresPerIp: 8, windowMs: 5 * 60_000, secret: 'a test key for the throttle counters, 32+ chars' };

  it('lets exactly the limit through when all begin together', async () => {
    const t = new LoginThrottle({ ...OPTS, maxInFlight: 1000, maxInFlightPerIp: 1000 });
    const attempts = await Promise.all(Array.from({ length: 50 }, (_, i) => t.begin('asha', `10.0.0.${i}`)));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(5);
    for (const a of attempts) if (a.allowed) a.release();
    const refused = attempts.filter((a): a is Extract<SignInAttempt, { allowed: false }> => !a.allowed);
    expect(refused.every((a) => !a.busy && a.retryAfter > 290 && a.retryAfter <= 300)).toBe(true);
    // Refused attempts used none of their addresses' points.
    expect(await waitNow(t, 'ravi', '10.0.0.49')).toBe(0);
    const ravi = await Promise.all(Array.from({ length: 8 }, () => t.begin('ravi', '10.0.0.49')));
    expect(ravi.filter((a) => a.allowed)).toHaveLength(5);
  });

  it('counts the address too, and a refusal by the address gives the account its point back', async () => {
    const t = new LoginThrottle({ ...OPTS, maxInFlight: 1000, maxInFlightPerIp: 1000 });
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => t.begin(`name-${i}`, '203.0.113.9')));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(8);
    const refusedName = attempts.findIndex((a) => !a.allowed);
    expect(await waitNow(t, `name-${refusedName}`, '198.51.100.1')).toBe(0);
  });

  it('counts the addresses of one IPv6 /64 as one address, for failures and for places', async () => {
    const t = new LoginThrottle({ ...OPTS, maxInFlight: 1000, maxInFlightPerIp: 2 });
    const spread = (i: number) => `2001:db8:1:2::${(i + 1).toString(16)}`;
    const attempts = await Promise.all(Array.from({ length: 6 }, (_, i) => t.begin(`name-${i}`, spread(i))));
    // Two at once from the /64, however many of its addresses: the rest are refused as busy.
    expect(attempts.filter((a) => a.allowed)).toHaveLength(2);
    for (const a of attempts) if (a.allowed) a.release();
    // One after another (wrong passwords: each stays counted), from ever new addresses of the /64.
    let checked = 0;
    for (let i = 0; i < 12; i++) {
      const a = await t.begin(`other-${i}`, spread(100 + i));
      if (a.allowed) {
        checked++;
        a.release();
      }
    }
    expect(checked).toBe(8 - 2);
    expect(await waitNow(t, 'someone', '2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
    expect(await waitNow(t, 'someone', '2001:db8:1:3::1')).toBe(0);
  });

  it('frees the place of an attempt once released', async () => {
    const t = new LoginThrottle({ ...OPTS, maxFailures: 100, maxFailuresPerIp: 100, maxInFlight: 3, maxInFlightPerIp: 2 });
    const [a, b, c] = await Promise.all([t.begin('asha', '10.0.0.1'), t.begin('asha', '10.0.0.1'), t.begin('asha', '10.0.0.1')]);
    expect([a!.allowed, b!.allowed, c]).toEqual([true, true, { allowed: false, busy: true, retryAfter: 1 }]);
    expect((await t.begin('asha', '10.0.0.2')).allowed).toBe(true);
    expect(await t.begin('asha', '10.0.0.3')).toMatchObject({ allowed: false, busy: true });
    if (a!.allowed) a!.release();
    expect((await t.begin('asha', '10.0.0.1')).allowed).toBe(true);
  });
});
