/**
 * LoginThrottle driven through begin() alone, as sign-in and the password change drive it
 * (src/console/api-session.ts): what a test reads of the counters is what an attempt made
 * now would be told.
 */
import type { LoginThrottle } from '../../src/console/throttle';

/** Seconds an attempt made now would be told to wait; 0: it would be checked. Whatever the probe took is given back. */
export async function waitNow(t: LoginThrottle, username: string, ip: string | undefined): Promise<number> {
  const attempt = await t.begin(username, ip);
  if (!attempt.allowed) {
    if (attempt.busy) throw new Error('probe refused as busy: release the attempts begun before it');
    return attempt.retryAfter;
  }
  await attempt.refund();
  return 0;
}

/** An attempt checked and found wrong: its points stay counted. Throws when it is refused. */
export async function failAttempt(t: LoginThrottle, username: string, ip: string | undefined): Promise<void> {
  (await checked(t, username, ip)).release();
}

/** A right password at sign-in: the account's counter cleared, the address's point given back. Throws when it is refused. */
export async function succeedAttempt(t: LoginThrottle, username: string, ip: string | undefined): Promise<void> {
  const attempt = await checked(t, username, ip);
  attempt.release();
  await attempt.succeeded();
}

async function checked(t: LoginThrottle, username: string, ip: string | undefined) {
  const attempt = await t.begin(username, ip);
  if (!attempt.allowed) throw new Error(`attempt refused (${attempt.busy ? 'busy' : `wait ${attempt.retryAfter} s`}), expected it checked`);
  return attempt;
}
