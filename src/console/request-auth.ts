/**
 * Who is signed in on a request, set by the console's guards (authorize.ts) and
 * read by route handlers. A WeakMap rather than a property on `req`: nothing
 * outside the guards can set it, and it goes away with the request.
 */
import type { Request } from 'express';
import type { Account, ConsoleSession } from '../storage/repositories';

export interface ConsoleAuth {
  account: Account;
  session: ConsoleSession;
  /** The cookie's token, to derive the CSRF token; never logged or sent back. */
  token: string;
}

const byRequest = new WeakMap<Request, ConsoleAuth>();

export function setAuth(req: Request, auth: ConsoleAuth): void {
  byRequest.set(req, auth);
}

/** The signed-in account, or undefined on a request no guard has passed. */
export function currentAuth(req: Request): ConsoleAuth | undefined {
  return byRequest.get(req);
}

/** For handlers of guarded routes: the guard has run, so this cannot be missing. */
export function consoleAuth(req: Request): ConsoleAuth {
  const auth = byRequest.get(req);
  if (!auth) throw new Error('consoleAuth(req) on a route without a console guard');
  return auth;
}
