/**
 * The real service on a port with an admin signed in to the console, for tests of what the HTTP
 * layer does with requests (body sizes, guards): set up before the file's tests, stopped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import { PASSWORDS, testConfig } from '../console/harness';
import { signInToConsole, type ConsoleSession } from './console-session';

export interface AdminService {
  readonly service: RunningService;
  /** The admin's console session (cookie and CSRF token). */
  readonly session: ConsoleSession;
  /** A JSON request as the signed-in admin (or, with `null`, with no session), and its answer. */
  send(method: string, path: string, body: string, session?: ConsoleSession | null): Promise<{ status: number; body: any }>;
}

export function adminServiceForEachFile(name: string): AdminService {
  let dir: string;
  let service: RunningService | undefined;
  let base: string;
  let signedIn: ConsoleSession;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `sahay-${name}-`));
    service = await startService(testConfig(dir, { PORT: '0', HOST: '127.0.0.1' }), silentLogger);
    base = `http://127.0.0.1:${service.port}`;
    await service.console.accounts.create({ username: 'asha', displayName: 'Asha', roles: ['admin'], languages: [], queues: [], password: PASSWORDS.admin }, { cli: true });
    signedIn = await signInToConsole(base, 'asha', PASSWORDS.admin);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    get service() {
      if (!service) throw new Error('the service starts before the tests');
      return service;
    },
    get session() {
      return signedIn;
    },
    async send(method, path, body, session = signedIn) {
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
      if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      const res = await fetch(base + path, { method, headers, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}
