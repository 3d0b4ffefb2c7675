/**
 * The console on a real HTTP server (127.0.0.1, random port) over a SQLite file
 * in a temp folder, with a settable clock, a low bcrypt cost, and every log
 * line and response kept for the secrets test. `client()` is a browser-like
 * HTTP client with a cookie jar that sends the CSRF token the way the page does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { mountConsole, type ConsoleApp } from '../../src/console/mount';
import type { Role } from '../../src/console/roles';
import { createHttpApp } from '../../src/http/app';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { Account } from '../../src/storage/repositories';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';

export const T0 = Date.UTC(2021, 4, 1, 10, 0, 0);
export const MIN = 60_000;
/** Passwords used by the tests: the secrets test looks for each of them in every response and log line. */
export const PASSWORDS = { admin: 'admin password 2021', operator: 'operator pass 1', doctor: 'doctor pass 123' } as const;

/** A Config as the service would load it, with bcrypt cost 4 (cost 12 takes ~0.4 s a hash). */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Readonly<Config> {
  const base = loadConfig({ DATA_DIR: dataDir, ...env });
  return { ...base, console: { ...base.console, passwordCost: 4 } };
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON (tests read it freely), or the text. */
  body: any;
}

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  /** Sent as X-Forwarded-For when the server trusts a proxy. */
  forwardedFor: string | undefined;

  constructor(private readonly h: Harness) {}

  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const all: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) all['content-type'] ??= 'application/json';
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) all['x-csrf-token'] = this.csrf;
    if (this.forwardedFor) all['x-forwarded-for'] = this.forwardedFor;
    const res = await fetch(this.h.base + path, { method, headers: all, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
    const text = await res.text();
    this.h.exchanges.push({ method, path, status: res.status, headers: res.headers, text });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('sahay_console='));
    if (set) {
      const value = set.slice('sahay_console='.length).split(';')[0] ?? '';
      this.cookie = value === '' ? undefined : `sahay_console=${value}`;
      if (value !== '') this.h.tokens.push(value);
    }
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async signIn(username: string, password: string): Promise<Reply> {
    const res = await this.req('POST', '/api/console/session', { username, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

export interface Harness {
  base: string;
  dir: string;
  config: Readonly<Config>;
  store: SqliteStore;
  consoleApp: ConsoleApp;
  clock: { now: number };
  logLines: string[];
  exchanges: Exchange[];
  /** Every session token a Set-Cookie handed out. */
  tokens: string[];
  client(): Client;
  /** An account made as the command line would make it. */
  account(username: string, roles: Role[], password?: string): Promise<Account>;
  close(): Promise<void>;
}

export async function startConsole(opts: { env?: Record<string, string>; beforeFinish?: (h: { app: import('express').Express; consoleApp: ConsoleApp }) => void } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-console-'));
  const config = testConfig(dir, opts.env);
  const store = openSqliteStore({ file: join(dir, 'sahay.db') });
  const clock = { now: T0 };
  const logLines: string[] = [];
  let seq = 0;
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  const http = createHttpApp({ metrics: createMetrics(), log, readiness: async () => ({ store: true }) });
  http.app.set('trust proxy', config.trustProxy);
  const consoleApp = mountConsole(http.app, { store, config, log, now: () => clock.now, newId: () => `id-${String(++seq).padStart(4, '0')}` });
  opts.beforeFinish?.({ app: http.app, consoleApp });
  http.finish();
  const server: Server = createServer(http.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const h: Harness = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dir,
    config,
    store,
    consoleApp,
    clock,
    logLines,
    exchanges: [],
    tokens: [],
    client: () => new Client(h),
    account: (username, roles, password) =>
      consoleApp.accounts.create(
        { username, displayName: `Name of ${username}`, roles, languages: ['bn'], queues: [], password: password ?? PASSWORDS[roles[0] ?? 'operator'] },
        { cli: true },
      ),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
