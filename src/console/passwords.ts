/**
 * Password hashing (bcrypt, via bcryptjs) and the password rules.
 *
 * bcrypt reads at most 72 bytes, so longer passwords are refused rather than silently
 * cut. Rules follow NIST SP 800-63B: a minimum length, no composition rules.
 */
import bcrypt from 'bcryptjs';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_BYTES = 72;

/** Why a new password is refused, or undefined when it is fine. The message never quotes it. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return `must be at most ${PASSWORD_MAX_BYTES} bytes`;
  if (password.trim() === '') return 'must not be blank';
  if (username !== undefined && password.trim().toLowerCase() === username.toLowerCase()) return 'must not be the username';
  return undefined;
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false; // a malformed hash in the store matches nothing
  }
}

/** A hash stored with a lower cost than configured: worth re-hashing at the next sign-in. */
export function needsRehash(hash: string, cost: number): boolean {
  try {
    return bcrypt.getRounds(hash) < cost;
  } catch {
    return false;
  }
}

const dummies = new Map<number, Promise<string>>();

/**
 * A hash that no password matches, to compare against when the account name is
 * unknown: a miss then takes as long as a wrong password, so the response time
 * does not tell which names exist.
 */
export function dummyHash(cost: number): Promise<string> {
  let hash = dummies.get(cost);
  if (!hash) {
    hash = bcrypt.hash(`no account ${Math.random()}`, cost);
    dummies.set(cost, hash);
  }
  return hash;
}
