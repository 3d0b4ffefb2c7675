/**
 * Signing in and out, and the signed-in account's own settings:
 *
 *   POST   /api/console/session   { username, password } → { account, csrfToken, nav, idleMinutes } + cookie
 *   GET    /api/console/session   the same, for the page to learn who is signed in (401 if nobody)
 *   DELETE /api/console/session   sign out: the session ends in the store, the cookie is cleared
 *   PUT    /api/console/password  { current, password }: change one's own password
 */
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import { passwordSchema } from './account-fields';
import { checkOrigin } from './authorize';
import type { ConsoleContext } from './context';
import { clearSessionCookie, isSecureRequest, readSessionToken, setSessionCookie } from './cookies';
import { dummyHash, needsRehash, verifyPassword, hashPassword } from './passwords';
import { publicAccount } from './public-account';
import { consoleAuth, type ConsoleAuth } from './request-auth';
import { csrfTokenFor } from './tokens';

const signInSchema = z.strictObject({ username: z.string().max(200), password: passwordSchema });
const changePasswordSchema = z.strictObject({ current: passwordSchema, password: passwordSchema });

const WRONG = 'Wrong username or password.';

export function sessionBody(ctx: ConsoleContext, auth: Pick<ConsoleAuth, 'account' | 'token'>) {
  return {
    account: publicAccount(auth.account),
    csrfToken: csrfTokenFor(auth.token),
    nav: ctx.nav.for(auth.account.roles),
    idleMinutes: Math.round(ctx.config.sessionIdleMs / 60_000),
  };
}

export function mountSessionRoutes(app: Express, ctx: ConsoleContext): void {
  const { store, throttle, sessions, audit, config, log } = ctx;

  // Not through the route table: signing in is the one console API call without a session.
  app.post('/api/console/session', async (req: Request, res: Response) => {
    // No session yet, so no CSRF token: a JSON body (which a form on another site cannot
    // send without CORS) and a same-site Origin keep other sites from signing someone in.
    checkOrigin(req);
    if (!req.is('application/json')) throw new AppError('unsupported_media_type', 'Send the sign-in as JSON.');
    const body = parseRequest(signInSchema, req.body);
    const username = body.username.trim().toLowerCase();
    const ip = req.ip;

    // Counted before the password is checked, so that attempts sent together cannot all get past the limit.
    const attempt = await throttle.begin(username, ip);
    if (!attempt.allowed) {
      res.setHeader('Retry-After', String(attempt.retryAfter));
      throw new AppError(
        'too_many_requests',
        attempt.busy ? 'Too many sign-ins at once: try again in a few seconds.' : `Too many failed sign-ins: try again in ${Math.ceil(attempt.retryAfter / 60)} minute(s).`,
      );
    }
    let account: Awaited<ReturnType<typeof store.accounts.findByUsername>>;
    let matches: boolean;
    try {
      account = await store.accounts.findByUsername(username);
      // Always run bcrypt, so that an unknown name takes as long as a wrong password.
      matches = await verifyPassword(body.password, account?.passwordHash ?? (await dummyHash(config.passwordCost)));
    } catch (err) {
      // Our failure, not a wrong password.
      await attempt.refund();
      throw err;
    } finally {
      attempt.release();
    }
    if (!account || !matches || !account.active) {
      // The attempt stays counted as a failure.
      const reason = !account ? 'unknown_account' : !matches ? 'wrong_password' : 'disabled';
      // Whoever tried is unknown (the actor stays null); the account they tried is the target.
      await audit.record({ actorId: null, action: 'auth.sign_in_failed', ...(account ? { target: { type: 'account', id: account.id } } : {}), ip, details: { reason } });
      log.info({ reason }, 'console sign-in failed');
      throw new AppError('unauthorized', WRONG);
    }
    await attempt.succeeded();
    if (needsRehash(account.passwordHash, config.passwordCost)) {
      await store.accounts.update(account.id, { passwordHash: await hashPassword(body.password, config.passwordCost) }, ctx.now());
    }
    // A new token at every sign-in (no session fixation); a session this browser had is ended.
    const previous = readSessionToken(req);
    if (previous) await sessions.end(previous);
    const { token } = await sessions.start(account.id);
    setSessionCookie(res, token, isSecureRequest(req, config.cookieSecure));
    await audit.record({ actorId: account.id, action: 'auth.signed_in', target: { type: 'account', id: account.id }, ip });
    log.info({ accountId: account.id }, 'console sign-in');
    res.json(sessionBody(ctx, { account, token }));
  });

  ctx.routes.route('get', '/api/console/session', 'signed-in', (req, res) => {
    res.json(sessionBody(ctx, consoleAuth(req)));
  });

  ctx.routes.route('delete', '/api/console/session', 'signed-in', async (req, res) => {
    const auth = consoleAuth(req);
    await sessions.end(auth.token);
    clearSessionCookie(res, isSecureRequest(req, config.cookieSecure));
    await audit.record({ actorId: auth.account.id, action: 'auth.signed_out', target: { type: 'account', id: auth.account.id }, ip: req.ip });
    res.status(204).end();
  });

  ctx.routes.route('put', '/api/console/password', 'signed-in', async (req, res) => {
    const auth = consoleAuth(req);
    const body = parseRequest(changePasswordSchema, req.body);
    const { username } = auth.account;
    // Counted before the password is checked, as at sign-in.
    const attempt = await throttle.begin(username, req.ip);
    if (!attempt.allowed) {
      res.setHeader('Retry-After', String(attempt.retryAfter));
      throw new AppError('too_many_requests');
    }
    let matches: boolean;
    try {
      // A stolen session must not be enough to take the account over.
      matches = await verifyPassword(body.current, auth.account.passwordHash);
    } finally {
      attempt.release();
    }
    // A wrong one stays counted as a failure; the right one is none.
    if (!matches) throw new AppError('bad_request', 'The current password is wrong.', [{ path: 'current', message: 'wrong password' }]);
    await attempt.refund();
    await ctx.accounts.setPassword(auth.account.id, body.password, { accountId: auth.account.id, ip: req.ip }, { keepSessionId: auth.session.id });
    res.status(204).end();
  });
}
