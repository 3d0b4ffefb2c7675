/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (never
 * sent with a request another site starts; the console's page holds no data and
 * loads everything with same-origin fetches, so Strict costs nothing, not even
 * when the console is opened from a link), Path=/ (the APIs live under /api),
 * no Max-Age (it ends with the browser; the server ends it sooner when idle),
 * and Secure whenever the request came over TLS.
 */
import type { Request, Response } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'sahay_console';

export function readSessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE];
}

/** 'auto' trusts req.secure, which reads X-Forwarded-Proto only when TRUST_PROXY says so. */
export function isSecureRequest(req: Request, setting: 'auto' | boolean): boolean {
  return setting === 'auto' ? req.secure : setting;
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure }));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 0, expires: new Date(0) }));
}
