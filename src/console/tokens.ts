/**
 * Session and CSRF tokens.
 *
 * - The session token is 256 random bits, sent only in an HttpOnly cookie; the store
 *   keeps its sha256, so a copy of the database signs nobody in.
 * - The CSRF token is an HMAC of the session token (synchronizer token without
 *   storage): the page reads it from the session API and sends it back in the
 *   X-CSRF-Token header; another site can neither read it nor compute it.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cheap check before touching the store: cookies from elsewhere are ignored. */
export function isTokenShaped(value: string | undefined): value is string {
  return value !== undefined && TOKEN_SHAPE.test(value);
}

/** The session's id in the store. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('sahay console csrf v1').digest('base64url');
}

/** Constant-time equality of two strings of any length (compares fixed-size digests). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}
