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
import express, { type Express } from 'express';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { publicDir } from '../paths';
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

/** Same-origin scripts, styles and sockets only: the chat page shows text from strangers. */
const CHAT_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'";

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
  app.use(express.json({ limit: '64kb' }));
  app.use(opsRoutes(deps));
  // GET /chat redirects to /chat/ so that the page's relative URLs (chat.js, the socket) resolve under it.
  app.use(
    '/chat',
    express.static(join(publicDir, 'chat'), {
      setHeaders: (res) => {
        res.setHeader('Content-Security-Policy', CHAT_PAGE_CSP);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
      },
    }),
  );

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
