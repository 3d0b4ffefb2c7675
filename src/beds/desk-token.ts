/**
 * Desk tokens: a hospital desk updates its own counts with a random bearer token
 * that an admin issued (`sahay beds token issue <hospital-id>`). Only the sha256 of
 * a token is stored: tokens are 256 random bits, so a fast hash is enough (no
 * password to guess), and a copy of the database lets nobody update counts.
 * Comparison is constant-time over the hashes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function hashDeskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Does the presented token hash to the stored hash? false when none is stored. */
export function deskTokenMatches(presented: string, storedHash: string | undefined): boolean {
  const given = Buffer.from(hashDeskToken(presented), 'hex');
  // Compare against something of the same length even when no token is stored, so that
  // "no token" and "wrong token" take the same time.
  const expected = Buffer.from(storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? storedHash : '0'.repeat(64), 'hex');
  return timingSafeEqual(given, expected) && storedHash !== undefined;
}
