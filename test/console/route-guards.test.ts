/**
 * Authorization in one place, proved on the real service: every route under
 * /api/admin and /api/operator that the composition root (src/main.ts) mounts —
 * the console's and any other module's — is found by walking express's routing
 * table, and each one answers 401 without a session, 403 to every role it does
 * not allow (and to an account with no role), and lets an allowed role through.
 * No answer holds a password, a password hash or a session token: list routes and
 * detail routes alike, the latter also about objects that exist (an account, a ticket
 * and its photo, an FAQ entry, a flow). A route registered without a guard fails the
 * walk (and stops the service).
 */
import express from 'express';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/console/passwords';
import { ROLES, type Role } from '../../src/console/roles';
import { assertRoutesGuarded, GUARDED_PREFIXES, listRoutes, unguardedRoutes } from '../../src/console/route-check';
import { hashToken } from '../../src/console/tokens';
import { createTranslator } from '../../src/i18n/translator';
import { silentLogger } from '../../src/log';
import { localesDir, publicDir } from '../../src/paths';
import { startService, type RunningService } from '../../src/main';
import { desksAlwaysOpen } from '../handoff/support';
import { askForDoctor, say } from '../support/patient';
import { RecordingChannel } from '../support/recording-channel';
import { PASSWORDS, startConsole, testConfig } from './harness';
import { signInToConsole, type ConsoleSession } from '../support/console-session';

describe('every /api/admin and /api/operator route of the running service', () => {
  let dir: string;
  let service: RunningService;
  let base: string;
  /** A signed-in session (cookie + CSRF token) per role, and one for an account without roles. */
  const sessions = new Map<Role | 'none', { cookie: string; csrf: string }>();
  /** Every session token handed out, for the secrets check. */
  const tokens: string[] = [];
  /** For each detail route, a URL naming an object that exists (made in beforeAll): its answer is checked for secrets too. */
  const detailUrls: Record<string, string> = {};

  /** Signs in, and keeps the session token for the secrets check. */
  async function signIn(username: string, password: string): Promise<ConsoleSession> {
    const session = await signInToConsole(base, username, password);
    tokens.push(session.cookie.slice(session.cookie.indexOf('=') + 1));
    return session;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-guards-'));
    // Desks open round the clock, so that a patient asking for a doctor gets a ticket at any hour.
    service = await startService(desksAlwaysOpen(testConfig(dir, { PORT: '0', HOST: '127.0.0.1' })), silentLogger);
    base = `http://127.0.0.1:${service.port}`;
    for (const role of ROLES) {
      await service.console.accounts.create({ username: `only-${role}`, displayName: role, roles: [role], languages: [], queues: [], password: PASSWORDS[role] }, { cli: true });
    }
    // No API makes an account without roles; the store can hold one, and it must be refused everywhere.
    await service.core.store.accounts.create({
      id: 'roleless', username: 'roleless', displayName: 'none', roles: [], languages: [], queues: [], active: true,
      passwordHash: await hashPassword('roleless password', 4), createdAt: 0, updatedAt: 0,
    });
    for (const [who, username, password] of [...ROLES.map((r) => [r, `only-${r}`, PASSWORDS[r]] as const), ['none', 'roleless', 'roleless password'] as const]) {
      sessions.set(who, await signIn(username, password));
    }

    // Objects for the detail routes. A patient on a channel that can open media asks for a doctor and sends a photo.
    const photos = Object.assign(new RecordingChannel('whatsapp'), { openMedia: async () => ({ mimetype: 'image/jpeg', data: Buffer.from('a photo of a rash') }) });
    service.core.channels.set('whatsapp', photos);
    const ticket = await askForDoctor(service.core, 'whatsapp', 'guards-patient');
    await say(service.core, 'whatsapp', 'guards-patient', { kind: 'media', mediaType: 'image', ref: 'photo-1' });
    const photo = (await service.core.store.messages.list(ticket.conversationId)).find((m) => m.direction === 'in' && m.content.kind === 'media')!;
    // An FAQ entry, made through the admin API; a shipped flow at its current version.
    const admin = sessions.get('admin')!;
    const faq = await fetch(`${base}/api/admin/faq`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ content: { id: 'guards-entry', topics: ['help'], questions: { en: ['Is the helpline free?'] }, answers: { en: 'Yes, calls are free.' }, source: 'Helpline', reviewed: '2021-05-01' }, publish: true }),
    });
    expect(faq.status).toBe(201);
    const flow = service.core.flows.latest('help')!;
    const operator = (await service.core.store.accounts.findByUsername('only-operator'))!;
    Object.assign(detailUrls, {
      '/api/admin/accounts/:id': `/api/admin/accounts/${operator.id}`,
      '/api/operator/tickets/:id': `/api/operator/tickets/${ticket.id}`,
      '/api/operator/tickets/:id/media/:messageId': `/api/operator/tickets/${ticket.id}/media/${photo.id}`,
      '/api/admin/faq/:id': '/api/admin/faq/guards-entry',
      '/api/admin/faq/:id/versions/:version': '/api/admin/faq/guards-entry/versions/1',
      '/api/admin/flows/:id': `/api/admin/flows/${flow.id}`,
      '/api/admin/flows/:id/versions/:version': `/api/admin/flows/${flow.id}/versions/${flow.version}`,
    });
  });

  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const guarded = () => listRoutes(service.app).filter((r) => GUARDED_PREFIXES.some((p) => r.path === p || r.path.startsWith(`${p}/`)));

  /** A concrete URL for a pattern: parameters become ids that exist nowhere. */
  const urlFor = (path: string) => path.replace(/:(\w+)/g, 'no-such-$1').replace(/\*(\w+)/g, 'x');

  async function call(method: string, path: string, who?: Role | 'none', url = urlFor(path)) {
    const s = who ? sessions.get(who) : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (s) Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    const hasBody = !['get', 'head', 'delete'].includes(method);
    const res = await fetch(base + url, { method: method.toUpperCase(), headers, body: hasBody ? '{}' : undefined, redirect: 'manual' });
    // An event stream stays open: its headers are enough.
    const text = (res.headers.get('content-type') ?? '').startsWith('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
    bodies.push(`${method.toUpperCase()} ${path} ${who ?? '-'}: ${text}`);
    return res.status;
  }

  /** Every answer of every guarded route, for the secrets check at the end. */
  const bodies: string[] = [];

  it('has, for every screen in the navigation, its script and its label in all three languages', () => {
    const tr = createTranslator(localesDir);
    const screens = service.console.nav.all();
    expect(screens.map((x) => x.id)).toEqual(expect.arrayContaining(['home', 'accounts', 'audit']));
    for (const screen of screens) {
      expect([screen.id, existsSync(join(publicDir, 'console', screen.script))]).toEqual([screen.id, true]);
      for (const lng of ['bn', 'hi', 'en'] as const) expect([screen.id, lng, tr.has(`console.${screen.label}`, lng)]).toEqual([screen.id, lng, true]);
    }
  });

  it('has no route under those prefixes without a role guard', () => {
    expect(unguardedRoutes(service.app)).toEqual([]);
    expect(() => assertRoutesGuarded(service.app)).not.toThrow();
  });

  it('finds the admin routes (so the checks below check something)', () => {
    const found = guarded().map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(found).toEqual(expect.arrayContaining(['GET /api/admin/accounts', 'POST /api/admin/accounts', 'PATCH /api/admin/accounts/:id', 'GET /api/admin/audit']));
    expect(found.length).toBeGreaterThanOrEqual(6);
  });

  it('answers 401 to every one of them without a session, and with a session cookie that is not valid', async () => {
    for (const r of guarded()) {
      expect([r.method, r.path, await call(r.method, r.path)]).toEqual([r.method, r.path, 401]);
    }
    sessions.set('operator', { ...sessions.get('operator')!, cookie: `sahay_console=${'x'.repeat(43)}` });
    try {
      for (const r of guarded()) expect([r.method, r.path, await call(r.method, r.path, 'operator')]).toEqual([r.method, r.path, 401]);
    } finally {
      // restore for the next test
      sessions.set('operator', await signIn('only-operator', PASSWORDS.operator));
    }
  });

  it('answers 403 to every role a route does not allow, and to an account with no role', async () => {
    for (const r of guarded()) {
      const allowed = r.allowed as readonly Role[];
      for (const who of [...ROLES.filter((role) => !allowed.includes(role)), 'none' as const]) {
        expect([r.method, r.path, who, await call(r.method, r.path, who)]).toEqual([r.method, r.path, who, 403]);
      }
    }
  });

  it('lets every allowed role past the guard', async () => {
    for (const r of guarded()) {
      for (const role of r.allowed as readonly Role[]) {
        const status = await call(r.method, r.path, role);
        expect([r.method, r.path, role, status === 401 || status === 403]).toEqual([r.method, r.path, role, false]);
      }
    }
  });

  it('answers no route, under any role, with a password, a password hash or a session token — details of real objects included', async () => {
    // The tests above name objects that exist nowhere: here each detail route shows a real one, to each role it allows.
    const details = guarded().filter((r) => r.method === 'get' && r.path.includes(':'));
    // A new detail route needs an object in beforeAll, or its answer would go unchecked.
    expect(details.map((r) => r.path).sort()).toEqual(Object.keys(detailUrls).sort());
    for (const r of details) {
      // A route that allowed no role would have its answer go unchecked here.
      expect([r.path, (r.allowed ?? []).length > 0]).toEqual([r.path, true]);
      for (const role of r.allowed as readonly Role[]) {
        expect([r.path, role, await call(r.method, r.path, role, detailUrls[r.path])]).toEqual([r.path, role, 200]);
      }
    }

    expect(bodies.length).toBeGreaterThan(guarded().length);
    const hashes = (await service.core.store.accounts.list()).map((a) => a.passwordHash);
    expect(tokens.length).toBeGreaterThan(ROLES.length);
    const secrets = [...hashes, ...Object.values(PASSWORDS), 'roleless password', ...tokens, ...tokens.map(hashToken)];
    const leaks = bodies.filter((b) => /\$2[abxy]?\$\d{2}\$/.test(b) || secrets.some((x) => b.includes(x)));
    expect(leaks).toEqual([]);
  });
});

describe('finding unguarded routes', () => {
  it('reports a route, a mounted router and a middleware under the prefixes that bypass the table, and nothing else', () => {
    const app = express();
    const ok = () => undefined;
    app.get('/chat/x', ok);
    app.get('/api/console/session', ok);
    app.get('/api/administrator', ok); // another prefix that only starts the same
    app.get('/api/admin/oops', ok);
    app.post(['/api/other', '/api/operator/also'], ok);
    const nested = express.Router();
    nested.get('/queue/:id', ok);
    app.use('/api/operator', nested);
    app.use('/api/admin/files', express.static(__dirname));
    app.get(/^\/api\/admin\/re/, ok);
    expect(unguardedRoutes(app)).toEqual([
      'GET /api/admin/oops',
      'POST /api/operator/also',
      'GET /api/operator/queue/:id',
      'GET /api/admin/^\\/api\\/admin\\/re/',
      'middleware at /api/admin/files',
    ]);
    expect(() => assertRoutesGuarded(app)).toThrow(/Console routes without a role guard[\s\S]*GET \/api\/admin\/oops/);
  });

  it('makes the console refuse a route that forgot its guard, which still answers 401 without a session', async () => {
    const h = await startConsole({
      beforeFinish: ({ app, consoleApp }) => {
        consoleApp.routes.route('get', '/api/operator/queue', ['operator', 'doctor'], (_req, res) => void res.json({ ok: true }));
        app.get('/api/admin/forgotten', (_req, res) => void res.json({ secret: 'data' }));
        expect(() => consoleApp.assertGuarded()).toThrow('GET /api/admin/forgotten');
      },
    });
    try {
      expect((await h.client().req('GET', '/api/admin/forgotten')).status).toBe(401);
      await h.account('ravi', ['operator']);
      const c = h.client();
      await c.signIn('ravi', PASSWORDS.operator);
      expect((await c.req('GET', '/api/operator/queue')).body).toEqual({ ok: true });
    } finally {
      await h.close();
    }
  });

  it('refuses a route table entry that allows no role', async () => {
    const h = await startConsole({
      beforeFinish: ({ consoleApp }) => {
        expect(() => consoleApp.routes.route('get', '/api/admin/x', [], () => undefined)).toThrow('at least one role');
      },
    });
    await h.close();
  });
});
