/** The console's small parts: audit records, IP hashing, tokens, passwords, navigation, settings. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import { ConfigError, loadConfig } from '../../src/config';
import { AuditLog } from '../../src/console/audit';
import { auditIpSecretFile, createIpHasher, loadAuditIpSecret } from '../../src/console/ip-hash';
import { ConsoleNav } from '../../src/console/nav';
import { dummyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../src/console/passwords';
import { setAuth } from '../../src/console/request-auth';
import { csrfTokenFor, hashToken, isTokenShaped, newSessionToken, safeEqual } from '../../src/console/tokens';
import { trustProxySchema } from '../../src/console/trust-proxy';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { Account } from '../../src/storage/repositories';
import { PASSWORDS, startConsole } from './harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-units-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AuditLog', () => {
  const store = createMemoryStore();
  let n = 0;
  const audit = new AuditLog({ store, hashIp: createIpHasher('k'.repeat(32)), now: () => 1000, newId: () => `e${++n}` });

  it('records an entry with the IP as a keyed hash', async () => {
    const e = await audit.record({ actorId: 'a1', action: 'faq.updated', target: { type: 'faq', id: 'f1' }, ip: '203.0.113.9', details: { fields: 'answer.bn', n: 2, ok: true, none: null } });
    expect(e).toEqual({ id: 'e1', at: 1000, actorId: 'a1', action: 'faq.updated', targetType: 'faq', targetId: 'f1', ipHash: createIpHasher('k'.repeat(32))('203.0.113.9'), details: { fields: 'answer.bn', n: 2, ok: true, none: null } });
    expect(JSON.stringify(await store.audit.list({ limit: 10 }))).not.toContain('203.0.113.9');
  });

  it('refuses malformed actions and details, and cuts long strings', async () => {
    for (const action of ['Viewed', 'conversation', 'conversation.', 'a.b c', 'conversation.Viewed']) {
      await expect(audit.record({ actorId: null, action })).rejects.toThrow('dotted lower-case');
    }
    await expect(audit.record({ actorId: null, action: 'a.b', details: { x: { nested: 1 } as never } })).rejects.toThrow('string, number, boolean or null');
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    await expect(audit.record({ actorId: null, action: 'a.b', details: many })).rejects.toThrow('at most 20');
    const long = await audit.record({ actorId: null, action: 'a.b', details: { s: 'x'.repeat(500) } });
    expect(long.details.s).toBe(`${'x'.repeat(200)}…`);
  });

  it('recordFor takes the actor and IP from a guarded request, and refuses an unguarded one', async () => {
    const req = { ip: '::ffff:198.51.100.1' } as Request;
    expect(() => audit.recordFor(req, 'conversation.viewed')).toThrow('guard the route');
    setAuth(req, { account: { id: 'acc-9' } as Account, session: { id: 's', accountId: 'acc-9', createdAt: 0, lastSeenAt: 0 }, token: 't' });
    const e = await audit.recordFor(req, 'conversation.viewed', { type: 'conversation', id: 'c-1' });
    expect(e).toMatchObject({ actorId: 'acc-9', targetType: 'conversation', targetId: 'c-1', ipHash: createIpHasher('k'.repeat(32))('198.51.100.1') });
  });
});

describe('IP hashing', () => {
  it('is keyed, short, and the same for an IPv4 client however the socket reports it', () => {
    const a = createIpHasher('a'.repeat(32));
    const b = createIpHasher('b'.repeat(32));
    expect(a('10.0.0.1')).toMatch(/^[0-9a-f]{16}$/);
    expect(a('10.0.0.1')).toBe(a('::ffff:10.0.0.1'));
    expect(a('10.0.0.1')).not.toBe(b('10.0.0.1'));
    expect(a('10.0.0.2')).not.toBe(a('10.0.0.1'));
    expect(a('2001:DB8::1')).toBe(a('2001:db8::1'));
    expect(a(undefined)).toBeNull();
  });

  it('keeps a generated key in DATA_DIR (0600) and reuses it; AUDIT_IP_SECRET wins', () => {
    const first = loadAuditIpSecret({ secret: undefined, dataDir: join(dir, 'data') });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(auditIpSecretFile(join(dir, 'data'))).mode & 0o777).toBe(0o600);
    expect(readFileSync(auditIpSecretFile(join(dir, 'data')), 'utf8').trim()).toBe(first);
    expect(loadAuditIpSecret({ secret: undefined, dataDir: join(dir, 'data') })).toBe(first);
    expect(loadAuditIpSecret({ secret: 'configured', dataDir: join(dir, 'data') })).toBe('configured');
  });
});

describe('tokens', () => {
  it('are 256-bit, url-safe, hashed with sha256, with a CSRF token bound to each', () => {
    const t = newSessionToken();
    expect(isTokenShaped(t)).toBe(true);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(csrfTokenFor(t)).toBe(csrfTokenFor(t));
    expect(csrfTokenFor(t)).not.toBe(csrfTokenFor(newSessionToken()));
    expect(isTokenShaped(`${t}x`)).toBe(false);
    expect(isTokenShaped(undefined)).toBe(false);
  });

  it('compares in constant time, any lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});

describe('passwords', () => {
  it('follow the rules: 10+ characters, at most 72 bytes, not blank, not the username', () => {
    expect(passwordProblem('correct horse')).toBeUndefined();
    expect(passwordProblem('আমার-পাসওয়ার্ড')).toBeUndefined();
    expect(passwordProblem('short')).toMatch('at least 10');
    expect(passwordProblem('অ'.repeat(25))).toMatch('at most 72 bytes'); // 25 × 3 bytes
    expect(passwordProblem(' '.repeat(12))).toMatch('blank');
    expect(passwordProblem('Ravi.Kumar', 'ravi.kumar')).toMatch('username');
  });

  it('hash with bcrypt at the given cost, verify, and tell when a stored hash is weaker than configured', async () => {
    const hash = await hashPassword('correct horse', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horsE', hash)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not a hash')).resolves.toBe(false);
    expect(needsRehash(hash, 4)).toBe(false);
    expect(needsRehash(hash, 12)).toBe(true);
    await expect(verifyPassword('', await dummyHash(4))).resolves.toBe(false);
  });

  it('are re-hashed at the next sign-in when the cost went up', async () => {
    const h = await startConsole();
    try {
      const a = await h.account('asha', ['admin']);
      expect(a.passwordHash).toMatch(/^\$2b\$04\$/);
      (h.config.console as { passwordCost: number }).passwordCost = 5;
      expect((await h.client().signIn('asha', PASSWORDS.admin)).status).toBe(200);
      expect((await h.store.accounts.get(a.id))!.passwordHash).toMatch(/^\$2b\$05\$/);
      expect((await h.client().signIn('asha', PASSWORDS.admin)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('ConsoleNav', () => {
  it('lists the screens an account may see, in order', () => {
    const nav = new ConsoleNav();
    nav.add({ id: 'home', label: 'nav.home', roles: 'signed-in', script: 'screens/home.js', order: 0 });
    nav.add({ id: 'handoff', label: 'nav.handoff', roles: ['operator', 'doctor'], script: 'screens/handoff.js', order: 10 });
    nav.add({ id: 'faq', label: 'nav.faq', roles: ['admin'], script: 'screens/faq.js', order: 100 });
    expect(nav.for(['operator']).map((s) => s.id)).toEqual(['home', 'handoff']);
    expect(nav.for(['admin', 'doctor']).map((s) => s.id)).toEqual(['home', 'handoff', 'faq']);
    expect(nav.for([]).map((s) => s.id)).toEqual(['home']);
  });

  it('refuses a duplicate, a bad id or script, or no role', () => {
    const nav = new ConsoleNav();
    const ok = { id: 'beds', label: 'nav.beds', roles: ['admin'] as const, script: 'screens/beds.js', order: 1 };
    nav.add(ok);
    expect(() => nav.add(ok)).toThrow('already registered');
    expect(() => nav.add({ ...ok, id: 'Beds' })).toThrow('lower-case');
    expect(() => nav.add({ ...ok, id: 'b2', script: 'https://cdn.example/beds.js' })).toThrow('screens/<name>.js');
    expect(() => nav.add({ ...ok, id: 'b3', script: 'screens/../x.js' })).toThrow('screens/<name>.js');
    expect(() => nav.add({ ...ok, id: 'b4', roles: [] })).toThrow('at least one role');
  });
});

describe('console settings', () => {
  it('has safe defaults', () => {
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.trustProxy).toBe(false);
    expect(c.console).toEqual({
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      cookieSecure: 'auto',
      loginMaxFailures: 5,
      loginMaxFailuresPerIp: 5,
      loginWindowMs: 5 * 60_000,
      passwordCost: 12,
      auditIpSecret: undefined,
    });
  });

  it('reads every variable, and refuses a bcrypt cost below 12 or a bad TRUST_PROXY', () => {
    const c = loadConfig({
      DATA_DIR: dir, CONSOLE_SESSION_IDLE_MINUTES: '15', CONSOLE_SESSION_MAX_HOURS: '9', COOKIE_SECURE: 'true', CONSOLE_LOGIN_MAX_FAILURES: '3',
      CONSOLE_LOGIN_MAX_FAILURES_PER_IP: '50', CONSOLE_LOGIN_WINDOW_MINUTES: '10', PASSWORD_HASH_COST: '13', AUDIT_IP_SECRET: 's3cret', TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(c.console).toEqual({ sessionIdleMs: 15 * 60_000, sessionMaxMs: 9 * 3_600_000, cookieSecure: true, loginMaxFailures: 3, loginMaxFailuresPerIp: 50, loginWindowMs: 10 * 60_000, passwordCost: 13, auditIpSecret: 's3cret' });
    expect(c.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ DATA_DIR: dir, PASSWORD_HASH_COST: '10' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ DATA_DIR: dir, COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
  });

  it('parses TRUST_PROXY', () => {
    const parse = (v: string) => trustProxySchema.safeParse(v);
    expect(parse('false').data).toBe(false);
    expect(parse('TRUE').data).toBe(true);
    expect(parse('1').data).toBe(1);
    expect(parse('uniquelocal,192.168.1.5,::1,fd00::/8').data).toEqual(['uniquelocal', '192.168.1.5', '::1', 'fd00::/8']);
    for (const bad of ['', 'x', '10.0.0.0/33', '10.0.0.1/8/2', 'loopback,,nope', '300.1.1.1']) expect([bad, parse(bad).success]).toEqual([bad, false]);
  });
});
