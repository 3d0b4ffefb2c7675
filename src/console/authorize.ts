/**
 * Authorization in one place. Every console API route is registered through a
 * RouteTable, which puts a guard in front of its handlers:
 *
 * ```ts
 * routes.route('get', '/api/admin/accounts', ['admin'], handler);
 * routes.route('post', '/api/operator/tickets/:id/reply', ['operator', 'doctor'], handler);
 * routes.route('get', '/api/console/session', 'signed-in', handler); // any role
 * ```
 *
 * The guard answers 401 without a live session, 403 when the account has none
 * of the route's roles, and 403 for a state-changing request (anything but
 * GET/HEAD/OPTIONS) without the session's CSRF token in X-CSRF-Token or with a
 * foreign Origin. Handlers read the account with `consoleAuth(req)`.
 *
 * Two nets catch a route registered around the table: a barrier in front of
 * /api/admin and /api/operator answers 401 to every request without a session,
 * and `assertRoutesGuarded` (route-check.ts) refuses to start the service while
 * a route under those prefixes lacks a role guard.
 */
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../http/errors';
import { largeJsonBody } from '../http/app';
import type { Role } from '../storage/repositories';
import { readSessionToken } from './cookies';
import { currentAuth, setAuth, type ConsoleAuth } from './request-auth';
import type { ConsoleSessions } from './sessions';
import { csrfTokenFor, safeEqual } from './tokens';

export const CSRF_HEADER = 'x-csrf-token';

/** Marks a guard function with what it allows; route-check.ts looks for it. */
export const GUARD = Symbol.for('sahay.console.guard');

export type Allowed = readonly Role[] | 'signed-in';

export type Guard = RequestHandler & { [GUARD]: Allowed | 'barrier' };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInfo {
  method: Method;
  path: string;
  allowed: Allowed;
}

export interface RouteTable {
  /** Register a guarded route on the app. `roles`: who may call it ('signed-in': any account). */
  route(method: Method, path: string, roles: Allowed, ...handlers: RequestHandler[]): void;
  /**
   * The same, for a route whose schema allows a JSON body over the app's 64 KB (a flow's YAML,
   * a whole FAQ entry): read up to `jsonLimitBytes`, only once the guard has passed
   * (src/http/app.ts largeJsonBody).
   */
  routeWithLargeBody(method: Method, path: string, roles: Allowed, jsonLimitBytes: number, ...handlers: RequestHandler[]): void;
  /** Every route registered through this table, with what it allows. */
  list(): RouteInfo[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function markGuard(fn: RequestHandler, allowed: Allowed | 'barrier'): Guard {
  return Object.assign(fn, { [GUARD]: allowed });
}

async function authenticate(sessions: ConsoleSessions, req: Request): Promise<ConsoleAuth> {
  const known = currentAuth(req);
  if (known) return known;
  const resolved = await sessions.resolve(readSessionToken(req));
  if (!resolved) throw new AppError('unauthorized', 'Please sign in.');
  setAuth(req, resolved);
  return resolved;
}

/** The request's Origin, when the browser sent one, must be this site. */
export function checkOrigin(req: Request): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  // req.host is X-Forwarded-Host behind a trusted proxy; the Host header otherwise.
  if (host === undefined || (host !== req.headers.host && host !== req.host)) throw new AppError('forbidden', 'Cross-site request refused.');
}

function checkCsrf(req: Request, auth: ConsoleAuth): void {
  if (SAFE_METHODS.has(req.method)) return;
  checkOrigin(req);
  const sent = req.get(CSRF_HEADER);
  if (!sent || !safeEqual(sent, csrfTokenFor(auth.token))) throw new AppError('forbidden', 'Missing or wrong CSRF token: reload the console.');
}

/** 401 / 403 / CSRF in front of one route. */
export function guard(sessions: ConsoleSessions, allowed: Allowed): Guard {
  if (allowed !== 'signed-in' && allowed.length === 0) throw new Error('a console route must allow at least one role');
  return markGuard(async (req: Request, _res: Response, next: NextFunction) => {
    const auth = await authenticate(sessions, req);
    if (allowed !== 'signed-in' && !auth.account.roles.some((r) => allowed.includes(r))) {
      throw new AppError('forbidden', `This needs the role ${allowed.join(' or ')}.`);
    }
    checkCsrf(req, auth);
    next();
  }, allowed);
}

/** Default deny for a whole prefix: no session, no answer (401), whatever is mounted behind it. */
export function barrier(sessions: ConsoleSessions): Guard {
  return markGuard(async (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    await authenticate(sessions, req);
    next();
  }, 'barrier');
}

/** API answers about people and sessions must not be cached by browsers or proxies. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

export function createRouteTable(app: Express, sessions: ConsoleSessions): RouteTable {
  const routes: RouteInfo[] = [];
  const table: RouteTable = {
    route(method, path, allowed, ...handlers) {
      if (handlers.length === 0) throw new Error(`console route ${method.toUpperCase()} ${path} has no handler`);
      app[method](path, guard(sessions, allowed), ...handlers);
      routes.push({ method, path, allowed });
    },
    routeWithLargeBody(method, path, allowed, jsonLimitBytes, ...handlers) {
      if (handlers.length === 0) throw new Error(`console route ${method.toUpperCase()} ${path} has no handler`);
      table.route(method, path, allowed, largeJsonBody(method, path, jsonLimitBytes), ...handlers);
    },
    list() {
      return routes.map((r) => ({ ...r }));
    },
  };
  return table;
}
