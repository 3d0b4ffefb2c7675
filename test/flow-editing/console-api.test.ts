/**
 * /api/admin/flows* on the real service: admins only; a check that answers the
 * errors with their lines; publishing and rolling back, each in the audit log;
 * an invalid flow refused with its errors and nothing stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { flowsDir } from '../../src/paths';
import { PASSWORDS, testConfig } from '../console/harness';
import { signInToConsole, type ConsoleSession } from '../support/console-session';

let dir: string;
let service: RunningService;
let base: string;
let session: ConsoleSession;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-flows-api-'));
  service = await startService(testConfig(dir, { PORT: '0', HOST: '127.0.0.1' }), silentLogger);
  base = `http://127.0.0.1:${service.port}`;
  await service.console.accounts.create({ username: 'asha', displayName: 'Asha', roles: ['admin'], languages: [], queues: [], password: PASSWORDS.admin }, { cli: true });
  await service.console.accounts.create({ username: 'dina', displayName: 'Dina', roles: ['doctor'], languages: [], queues: [], password: PASSWORDS.doctor }, { cli: true });
  session = await signInToConsole(base, 'asha', PASSWORDS.admin);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown, s = session): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json', cookie: s.cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const helpYaml = readFileSync(join(flowsDir, 'help.yaml'), 'utf8');

it('is for admins only', async () => {
  const doctor = await signInToConsole(base, 'dina', PASSWORDS.doctor);
  expect((await api('GET', '/api/admin/flows', undefined, doctor)).status).toBe(403);
  expect((await fetch(`${base}/api/admin/flows`)).status).toBe(401);
});

it('lists every flow and shows one with its YAML and diagram', async () => {
  const list = await api('GET', '/api/admin/flows');
  expect(list.body.flows.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['faq', 'help', 'main_menu', 'triage', 'welcome']));
  expect(list.body.skipped).toEqual({});
  const help = await api('GET', '/api/admin/flows/help');
  expect(help.body).toMatchObject({ id: 'help', origin: 'file', yaml: helpYaml, mermaid: expect.stringMatching(/^stateDiagram-v2\n/) });
  expect((await api('GET', '/api/admin/flows/nope')).status).toBe(404);
});

it('checks YAML with the errors at their lines, and refuses to publish it, storing nothing', async () => {
  const broken = helpYaml.replace(/\n$/, '') + '\n  orphan:\n    say: help.nope\n    end: true\n';
  const line = broken.split('\n').indexOf('  orphan:') + 1;
  const checked = await api('POST', '/api/admin/flows/help/check', { yaml: broken });
  expect(checked.body.ok).toBe(false);
  expect(checked.body.errors).toEqual(
    expect.arrayContaining([
      { line, flow: 'help', state: 'orphan', message: expect.stringContaining('unreachable') },
      { line: line + 1, flow: 'help', state: 'orphan', field: 'say', message: 'message key "help.nope" is missing in bn' },
    ]),
  );
  const refused = await api('PUT', '/api/admin/flows/help', { yaml: broken, baseVersion: service.core.flows.latest('help')!.version });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.flowErrors).toEqual(checked.body.errors);
  await expect(service.core.store.flowVersions.publications('help')).resolves.toEqual([]);
});

it('answers YAML whose alias comes before its anchor with the line, not a server error', async () => {
  const aliased = helpYaml.replace(/^start: (\S+)/m, 'start: *first_state');
  const line = aliased.split('\n').findIndex((l) => l.startsWith('start: *')) + 1;
  const checked = await api('POST', '/api/admin/flows/help/check', { yaml: aliased });
  expect(checked.status).toBe(200);
  expect(checked.body).toMatchObject({ ok: false, errors: [{ line, message: expect.stringMatching(/^YAML: Unresolved alias/) }] });
  const refused = await api('PUT', '/api/admin/flows/help', { yaml: aliased, baseVersion: service.core.flows.latest('help')!.version });
  expect(refused.status).toBe(400);
  await expect(service.core.store.flowVersions.publications('help')).resolves.toEqual([]);
});

it('publishes a new version and rolls back, both audited', async () => {
  const shipped = service.core.flows.latest('help')!.version;
  const edited = `# edited in the console\n${helpYaml}`;
  // A comment alone is the same definition: nothing to publish.
  expect((await api('PUT', '/api/admin/flows/help', { yaml: edited, baseVersion: shipped })).body).toEqual({ status: 'unchanged', version: shipped });

  const changed = helpYaml.replace('    end: true', '    say: common.menu_hint\n    end: true');
  const ok = await api('POST', '/api/admin/flows/help/check', { yaml: changed });
  expect(ok.body).toEqual({ ok: true, version: expect.any(String), mermaid: expect.stringContaining('common.menu_hint') });
  const published = await api('PUT', '/api/admin/flows/help', { yaml: changed, baseVersion: shipped });
  expect(published.body).toEqual({ status: 'published', version: ok.body.version, previous: shipped });
  expect(service.core.flows.latest('help')?.version).toBe(ok.body.version);
  const audit1 = (await service.core.store.audit.list({ limit: 1, action: 'flow.published' }))[0];
  expect(audit1).toMatchObject({ targetType: 'flow', targetId: 'help', details: { version: ok.body.version, previous: shipped } });

  const version = await api('GET', `/api/admin/flows/help/versions/${shipped}`);
  expect(version.body).toEqual({ version: shipped, yaml: helpYaml, mermaid: expect.any(String) });

  const back = await api('POST', '/api/admin/flows/help/rollback', { version: shipped, baseVersion: ok.body.version });
  expect(back.body).toEqual({ status: 'published', version: shipped, previous: ok.body.version });
  expect(service.core.flows.latest('help')?.version).toBe(shipped);
  expect((await service.core.store.audit.list({ limit: 1, action: 'flow.rolled_back' }))[0]).toMatchObject({ targetId: 'help', details: { version: shipped, previous: ok.body.version } });
  expect((await api('POST', '/api/admin/flows/help/rollback', { version: 'nope', baseVersion: shipped })).status).toBe(404);
});

it('answers 409 with the live version to a publish or rollback made from a version replaced meanwhile, and requires baseVersion', async () => {
  const opened = service.core.flows.latest('help')!.version;
  const first = helpYaml.replace('    end: true', '    say:\n      - help.text\n      - common.menu_hint\n    end: true');
  const published = await api('PUT', '/api/admin/flows/help', { yaml: first, baseVersion: opened });
  expect(published.status).toBe(200);
  const live = published.body.version;

  const stale = await api('PUT', '/api/admin/flows/help', { yaml: helpYaml.replace('    end: true', '    say: menu.about\n    end: true'), baseVersion: opened });
  expect(stale.status).toBe(409);
  expect(stale.body.error).toMatchObject({ code: 'conflict', details: { liveVersion: live } });
  expect(service.core.flows.latest('help')?.version).toBe(live);
  const staleBack = await api('POST', '/api/admin/flows/help/rollback', { version: opened, baseVersion: opened });
  expect(staleBack.status).toBe(409);
  expect(staleBack.body.error.details).toEqual({ liveVersion: live });
  expect(service.core.flows.latest('help')?.version).toBe(live);

  // Without baseVersion nothing can tell a stale edit: refused.
  expect((await api('PUT', '/api/admin/flows/help', { yaml: helpYaml })).status).toBe(400);
  expect((await api('POST', '/api/admin/flows/help/rollback', { version: opened })).status).toBe(400);
  await expect(service.core.store.audit.list({ limit: 1, action: 'flow.published' })).resolves.toEqual([expect.objectContaining({ details: { version: live, previous: opened } })]);
});

it('answers a rollback to the version already live with "unchanged", and records no publication or audit entry', async () => {
  const live = service.core.flows.latest('help')!.version;
  const publications = await service.core.store.flowVersions.publications('help');
  const audited = await service.core.store.audit.list({ limit: 100, action: 'flow.rolled_back' });

  const same = await api('POST', '/api/admin/flows/help/rollback', { version: live, baseVersion: live });
  expect(same).toEqual({ status: 200, body: { status: 'unchanged', version: live } });
  await expect(service.core.store.flowVersions.publications('help')).resolves.toEqual(publications);
  await expect(service.core.store.audit.list({ limit: 100, action: 'flow.rolled_back' })).resolves.toEqual(audited);
});
