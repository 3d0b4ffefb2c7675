/**
 * The express app (it never listens: main.ts owns the http.Server).
 *
 * Routes are mounted in two phases so that later modules (webhooks, the web chat
 * channel, the admin API, the console) can add theirs before the fallbacks:
 *
 *   const http = createHttpApp({ metrics, log, readiness });
 *   createWebchatChannel({ app: http.app, server, ... }); // registers POST /api/webchat
 *   http.app.use('/api/admin', adminRouter);
 *   http.finish();                                         // JSON 404 for /api/*, then the error handler
 *
 * Anything mounted after finish() is unreachable for /api/* and bypasses the error
 * mapping, so finish() must come last (calling it twice is harmless).
 */
import express, { type Express, type Request, type RequestHandler } from 'express';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { mountChatPage } from './chat-page';
import { errorHandler, notFoundApi } from './error-handler';
import { opsRoutes, type ReadinessCheck } from './ops-routes';

export interface HttpAppDeps {
  metrics: Metrics;
  log: Logger;
  readiness: ReadinessCheck;
}

export interface HttpApp {
  app: Express;
  /** Install the JSON 404 for unknown /api routes and the error handler. Call after mounting every route. */
  finish(): void;
}

/**
 * The JSON body any route takes: webhooks, the web chat, and every console route
 * whose schema stays under it. A client that is not signed in can make the app read
 * this much (the parser runs before the console's barrier), and no more.
 */
export const JSON_BODY_LIMIT = 64 * 1024;

/** Routes whose own schema allows a larger JSON body (largeJsonBody): read by the route, not by the app. */
const largerJsonRoutes: Array<{ method: string; pattern: RegExp }> = [];

/**
 * The body parser of a route whose schema allows JSON bodies over JSON_BODY_LIMIT
 * (a flow's YAML): the app-wide parser leaves such a route's body unread, and this
 * one, placed after the route's guard, reads it up to `limitBytes`. So the larger
 * body is read only for a signed-in account with the route's role (and its CSRF
 * token): a client that is not signed in gets 401 before a byte of it is parsed.
 *
 * ```ts
 * routes.routeWithLargeBody('put', '/api/admin/flows/:id', ['admin'], 1_300_000, handler); // src/console/authorize.ts
 * ```
 *
 * `path` is the route's own pattern (`:name` segments), declared here because the
 * app-wide parser runs before express has matched a route (the declaration holds for
 * every app of the process: in one without the route, the request finds no route
 * and its body is never read). Size `limitBytes` from
 * the schema's own limit, in bytes of JSON: a client may write any character as a
 * six-byte `\uXXXX` escape.
 */
export function largeJsonBody(method: string, path: string, limitBytes: number): RequestHandler {
  const pattern = routePattern(path);
  if (!largerJsonRoutes.some((r) => r.method === method.toUpperCase() && r.pattern.source === pattern.source)) largerJsonRoutes.push({ method: method.toUpperCase(), pattern });
  return express.json({ limit: limitBytes });
}

/** Whether a route reads this request's JSON body itself, after its guard (largeJsonBody). */
function readByItsRoute(req: Request): boolean {
  for (const r of largerJsonRoutes) if (r.method === req.method && r.pattern.test(req.path)) return true;
  return false;
}

/** An express route path (`/api/admin/flows/:id/check`) as a RegExp: case-insensitive, a trailing slash allowed, as express matches it. */
function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

export function createHttpApp(deps: HttpAppDeps): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy with TRUST_PROXY unset, every client has the proxy's address, so the limits per
  // address (web chat, sign-in) count every patient as one. Said once, when first seen.
  let proxyUntrustedSaid = false;
  app.use((req, _res, next) => {
    if (!proxyUntrustedSaid && req.headers['x-forwarded-for'] !== undefined && !app.get('trust proxy')) {
      proxyUntrustedSaid = true;
      deps.log.warn('requests come through a proxy (X-Forwarded-For) but TRUST_PROXY is not set: every client has the proxy\'s address, so the per-address limits count all of them as one; set TRUST_PROXY (.env.example)');
    }
    next();
  });
  // Every JSON body up to JSON_BODY_LIMIT, but those a route reads itself, after its guard (largeJsonBody).
  const json = express.json({ limit: JSON_BODY_LIMIT });
  app.use((req, res, next) => (readByItsRoute(req) ? next() : json(req, res, next)));
  app.use(opsRoutes(deps));
  // The web chat page and its texts (chat-page.ts).
  mountChatPage(app);

  let finished = false;
  return {
    app,
    finish() {
      if (finished) return;
      finished = true;
      app.use('/api', notFoundApi);
      app.use(errorHandler(deps.log));
    },
  };
}
