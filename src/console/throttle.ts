/**
 * Login throttling: at most N failed sign-ins per account name and per client IP
 * within a window (5 in 5 minutes by default). Past that, sign-in answers 429 with
 * Retry-After until the window has passed, even with the right password, so that
 * guessing cannot continue. A success clears the account's counter, not the IP's
 * (one valid account must not reset an attacker's address).
 *
 * Counters live in this process's memory (rate-limiter-flexible): a restart clears
 * them, and several instances each count their own share.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface ThrottleOptions {
  maxFailures: number;
  maxFailuresPerIp: number;
  windowMs: number;
}

export class LoginThrottle {
  private readonly byAccount: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(opts: ThrottleOptions) {
    const duration = Math.max(1, Math.ceil(opts.windowMs / 1000));
    this.byAccount = new RateLimiterMemory({ keyPrefix: 'acct', points: opts.maxFailures, duration });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'ip', points: opts.maxFailuresPerIp, duration });
  }

  /** Seconds to wait before trying again; 0 when a sign-in may be tried now. */
  async retryAfter(username: string, ip: string | undefined): Promise<number> {
    const waits = await Promise.all([blockedFor(this.byAccount, username), ip ? blockedFor(this.byIp, ip) : 0]);
    return Math.max(...waits);
  }

  async failed(username: string, ip: string | undefined): Promise<void> {
    await Promise.all([spend(this.byAccount, username), ip ? spend(this.byIp, ip) : undefined]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byAccount.delete(username);
  }
}

async function blockedFor(limiter: RateLimiterMemory, key: string): Promise<number> {
  const res = await limiter.get(key);
  if (!res || res.consumedPoints < limiter.points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

async function spend(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    // Rejected with a RateLimiterRes once the counter is full: that is the point, not an error.
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
