/**
 * The console, mounted on the service's express app (src/main.ts):
 *
 * ```ts
 * const consoleApp = mountConsole(http.app, { store: core.store, config, log });
 * // other modules add their screens and guarded routes:
 * consoleApp.nav.add({ id: 'beds', label: 'nav.beds', roles: ['admin'], script: 'screens/beds.js', order: 40 });
 * consoleApp.routes.route('put', '/api/admin/beds/:hospitalId', ['admin'], handler);
 * consoleApp.assertGuarded(); // after every module, before http.finish()
 * http.finish();
 * ```
 */
import type { Express } from 'express';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../storage/repositories';
import { mountAccountRoutes } from './api-accounts';
import { mountAuditRoutes } from './api-audit';
import { mountSessionRoutes } from './api-session';
import { AccountService } from './accounts';
import { AuditLog } from './audit';
import { barrier, createRouteTable, noStore, type RouteTable } from './authorize';
import type { ConsoleContext } from './context';
import { createIpHasher, loadAuditIpSecret } from './ip-hash';
import { ConsoleNav } from './nav';
import { mountConsolePage } from './static';
import { assertRoutesGuarded, GUARDED_PREFIXES } from './route-check';
import { ConsoleSessions } from './sessions';
import { LoginThrottle } from './throttle';
import { newRecordId } from '../ids';

export interface ConsoleDeps {
  store: Store;
  config: Pick<Readonly<Config>, 'console' | 'dataDir'>;
  log: Logger;
  now?: () => number;
  newId?: () => string;
}

export interface ConsoleApp {
  /** Register guarded API routes: `routes.route('get', '/api/operator/queue', ['operator', 'doctor'], handler)`. */
  routes: RouteTable;
  /** Add a screen to the navigation (nav.ts). */
  nav: ConsoleNav;
  /** Record who did what (audit.ts): `audit.recordFor(req, 'conversation.viewed', { type: 'conversation', id })`. */
  audit: AuditLog;
  accounts: AccountService;
  sessions: ConsoleSessions;
  /** Throws when a route under /api/admin or /api/operator has no role guard. */
  assertGuarded(): void;
  /** Log a hint when no active admin exists yet (a fresh install). */
  checkAccounts(): Promise<void>;
}

/** The console's parts, without an express app: for `sahay accounts` and `sahay audit`. */
export function createConsoleServices(deps: ConsoleDeps): Omit<ConsoleContext, 'routes' | 'nav'> {
  const now = deps.now ?? Date.now;
  // Time-ordered: entries of one millisecond list in the order they were made (the audit log sorts by time, then id).
  const newId = deps.newId ?? newRecordId;
  const { store, log } = deps;
  const config = deps.config.console;
  const secret = loadAuditIpSecret({ secret: config.auditIpSecret, dataDir: deps.config.dataDir });
  const audit = new AuditLog({ store, now, newId, hashIp: createIpHasher(secret) });
  const sessions = new ConsoleSessions({ store, config, now });
  const accounts = new AccountService({ store, audit, sessions, passwordCost: config.passwordCost, now, newId });
  // On MongoDB the counters are shared by every process (store.throttleStoreClient); else in memory.
  const throttle = new LoginThrottle({
    maxFailures: config.loginMaxFailures,
    maxFailuresPerIp: config.loginMaxFailuresPerIp,
    windowMs: config.loginWindowMs,
    secret,
    ...(store.throttleStoreClient ? { storeClient: store.throttleStoreClient } : {}),
  });
  return { store, config, log, sessions, throttle, accounts, audit, now };
}

export function mountConsole(app: Express, deps: ConsoleDeps): ConsoleApp {
  const services = createConsoleServices(deps);
  const nav = new ConsoleNav();
  nav.add({ id: 'home', label: 'nav.home', roles: 'signed-in', script: 'screens/home.js', order: 0 });
  nav.add({ id: 'accounts', label: 'nav.accounts', roles: ['admin'], script: 'screens/accounts.js', order: 100 });
  nav.add({ id: 'audit', label: 'nav.audit', roles: ['admin'], script: 'screens/audit.js', order: 110 });

  app.use('/api/console', noStore);
  // Before any route under these prefixes, whoever registers it: no session, no answer (and no caching).
  app.use([...GUARDED_PREFIXES], barrier(services.sessions));
  const routes = createRouteTable(app, services.sessions);
  const ctx: ConsoleContext = { ...services, routes, nav };
  mountConsolePage(app);
  mountSessionRoutes(app, ctx);
  mountAccountRoutes(ctx);
  mountAuditRoutes(ctx);

  return {
    routes,
    nav,
    audit: services.audit,
    accounts: services.accounts,
    sessions: services.sessions,
    assertGuarded: () => assertRoutesGuarded(app),
    async checkAccounts() {
      const admins = (await services.accounts.list()).filter((a) => a.active && a.roles.includes('admin'));
      if (admins.length === 0) {
        deps.log.warn('No console admin yet: create one with `npx sahay accounts add <username> --name "<name>" --role admin` (see README, Console)');
      }
    },
  };
}
