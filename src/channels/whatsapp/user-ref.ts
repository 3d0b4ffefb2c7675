/**
 * An opaque reference to a patient for logs: an HMAC of their WhatsApp id with a
 * secret (LOG_ID_SECRET), so that one patient's log lines can be followed without
 * the phone number ever appearing, and the number cannot be recovered by hashing
 * every possible number (which a plain hash would allow: there are few of them).
 */
import { createHmac, randomBytes } from 'node:crypto';

export type UserRef = (userId: string) => string;

/** Without a secret, a random one for this process: references then change on restart. */
export function createUserRef(secret: string | undefined): UserRef {
  const key = secret ?? randomBytes(32).toString('hex');
  return (userId) => `u_${createHmac('sha256', key).update(userId).digest('base64url').slice(0, 12)}`;
}
