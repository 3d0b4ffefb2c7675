/**
 * Passwords, password hashes and session tokens never appear in an API response
 * (bodies and headers; the token only in its own Set-Cookie), in the log, or in
 * the audit log. Every console API is exercised, successes and failures, with
 * the pino output captured at debug level.
 */
import { hashToken } from '../../src/console/tokens';
import { Client, PASSWORDS, startConsole, type Harness } from './harness';

const BCRYPT = /\$2[abxy]?\$\d{2}\$/;

let h: Harness;
afterAll(async () => {
  await h.close();
});

it('keeps secrets out of responses, logs and the audit log', async () => {
  h = await startConsole();
  const admin = await h.account('asha', ['admin']);
  const secrets = new Set<string>([...Object.values(PASSWORDS)]);
  const pw = (p: string) => (secrets.add(p), p);

  const a = h.client();
  await a.signIn('asha', pw('a wrong password'));
  await a.signIn('nobody', pw('nobody password'));
  await a.signIn('asha', PASSWORDS.admin);
  await a.req('GET', '/api/console/session');
  const created = await a.req('POST', '/api/admin/accounts', { username: 'ravi', displayName: 'Ravi', roles: ['operator'], languages: ['hi', 'bn'], queues: ['triage'], password: PASSWORDS.operator });
  expect(created.status).toBe(201);
  const ravi = created.body.account.id as string;
  await a.req('POST', '/api/admin/accounts', { username: 'ravi', displayName: 'Ravi', roles: ['operator'], password: pw('taken name pass') });
  await a.req('POST', '/api/admin/accounts', { username: 'shorty', displayName: 'S', roles: ['doctor'], password: pw('short') });
  await a.req('POST', '/api/admin/accounts', { username: 'x', password: pw('bad request pw 1'), extra: true });
  await a.req('GET', '/api/admin/accounts');
  await a.req('GET', `/api/admin/accounts/${ravi}`);
  await a.req('PATCH', `/api/admin/accounts/${ravi}`, { roles: ['operator', 'doctor'], passwordHash: pw('$2b$04$injectedinjectedinjecte') });
  await a.req('PUT', `/api/admin/accounts/${ravi}/password`, { password: pw('reset by admin 1') });
  await a.req('PUT', `/api/admin/accounts/${ravi}/password`, { password: pw('tiny') });
  await a.req('GET', '/api/admin/audit?limit=200');

  const r = h.client();
  await r.signIn('ravi', 'reset by admin 1');
  await r.req('PUT', '/api/console/password', { current: pw('not the current'), password: pw('another new one') });
  await r.req('PUT', '/api/console/password', { current: 'reset by admin 1', password: pw('ravi chose this') });
  await r.req('GET', '/api/admin/accounts');
  await r.req('DELETE', '/api/console/session');
  for (let i = 0; i < 6; i++) await new Client(h).signIn('ravi', pw(`guess number ${i}`));
  await a.req('PATCH', `/api/admin/accounts/${ravi}`, { active: false });
  await a.req('DELETE', '/api/console/session');

  const hashes = (h.store.db.prepare('SELECT password_hash FROM accounts').pluck().all() as string[]).concat(admin.passwordHash);
  expect(hashes.length).toBeGreaterThanOrEqual(3);
  expect(h.tokens.length).toBeGreaterThanOrEqual(2);
  const forbidden = [...secrets, ...hashes, ...h.tokens, ...h.tokens.map(hashToken)];

  const leaks: string[] = [];
  const scan = (where: string, text: string) => {
    if (BCRYPT.test(text)) leaks.push(`${where}: a bcrypt hash`);
    for (const s of forbidden) if (text.includes(s)) leaks.push(`${where}: ${s.slice(0, 6)}…`);
  };
  expect(h.exchanges.length).toBeGreaterThan(25);
  for (const x of h.exchanges) {
    scan(`${x.method} ${x.path} body`, x.text);
    const lines: string[] = [];
    x.headers.forEach((v, k) => void (k !== 'set-cookie' && lines.push(`${k}: ${v}`)));
    const headers = lines.join('\n');
    scan(`${x.method} ${x.path} headers`, headers);
    // A Set-Cookie carries this request's own new token and nothing else.
    for (const c of x.headers.getSetCookie()) scan(`${x.method} ${x.path} set-cookie`, c.replace(/^sahay_console=[^;]*/, ''));
  }
  const log = h.logLines.join('');
  expect(log).toContain('console sign-in');
  expect(log).toContain('console sign-in failed');
  scan('log', log);
  scan('audit log', JSON.stringify(h.store.db.prepare('SELECT * FROM audit_log').all()));
  expect(leaks).toEqual([]);
});
