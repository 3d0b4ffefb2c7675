/**
 * The console page: static files from src/http/public/console/ at /console/,
 * and its strings at /console/locales/<lng>.json (from locales/<lng>/console.json,
 * so that the locale completeness test covers them). Both are public: the page
 * holds no data until the APIs behind it have checked the session.
 */
import express, { type Express } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../engine/flow';
import { AppError } from '../http/errors';
import { localesDir, publicDir } from '../paths';

/** Same-origin scripts and styles only; no inline code, no frames, no plugins. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: express.Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function mountConsolePage(app: Express, opts: { localesDir?: string } = {}): void {
  const dir = opts.localesDir ?? localesDir;
  // Read once: the files change with a deploy, not at run time.
  const strings = new Map(LANGUAGES.map((lng) => [`${lng}.json`, readFileSync(join(dir, lng, 'console.json'), 'utf8')]));
  app.get('/console/locales/:file', (req, res) => {
    const text = strings.get(req.params.file);
    if (text === undefined) throw new AppError('not_found', 'No such language.');
    securityHeaders(res);
    res.type('application/json').send(text);
  });
  // GET /console redirects to /console/, so that the page's relative URLs resolve under it.
  app.use('/console', express.static(join(publicDir, 'console'), { setHeaders: securityHeaders }));
}
