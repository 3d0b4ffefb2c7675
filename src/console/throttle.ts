/**
 * Login throttling: at most N failed sign-ins per account name and per client IP
 * within a window (5 in 5 minutes by default). Past that, sign-in answers 429 with
 * Retry-After until the window has passed, even with the right password, so that
 * guessing cannot continue. A success clears the account's counter, not the IP's
 * (one valid account must not reset an attacker's address).
 *
 * Counters (rate-limiter-flexible) live in MongoDB when the store is MongoDB
 * (`store.throttleStoreClient`): every process sharing the database counts together,
 * and a restart keeps them; should MongoDB fail, each process counts in memory meanwhile
 * (the insurance limiter). On SQLite they live in this process's memory, which a
 * restart clears.
 */
import { createHmac } from 'node:crypto';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface ThrottleOptions {
  maxFailures: number;
  maxFailuresPerIp: number;
  windowMs: number;
  /** The MongoDB store's `throttleStoreClient`; absent: counters in memory. */
  storeClient?: object;
  /**
   * Key for the counters' names (the audit log's IP key): a counter is named by a keyed
   * hash of the account name or IP address, never the value itself — a name typed at
   * sign-in may be a mistyped password, and addresses are kept only hashed (ip-hash.ts).
   */
  secret: string;
}

/** The collection of the MongoDB store that holds the counters (src/storage/mongo/login-throttle-schema.ts). */
const TABLE = 'login_throttle';

export class LoginThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;
  private readonly secret: string;

  constructor(opts: ThrottleOptions) {
    this.secret = opts.secret;
    const duration = Math.max(1, Math.ceil(opts.windowMs / 1000));
    const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!opts.storeClient) return memory;
      // The store's collections and indexes are created at open, with the others.
      return new RateLimiterMongo({ storeClient: opts.storeClient, tableName: TABLE, disableIndexesCreation: true, keyPrefix, points, duration, insuranceLimiter: memory });
    };
    this.byAccount = limiter('acct', opts.maxFailures);
    this.byIp = limiter('ip', opts.maxFailuresPerIp);
  }

  /** Seconds to wait before trying again; 0 when a sign-in may be tried now. */
  async retryAfter(username: string, ip: string | undefined): Promise<number> {
    const waits = await Promise.all([blockedFor(this.byAccount, this.key(username)), ip ? blockedFor(this.byIp, this.key(ip)) : 0]);
    return Math.max(...waits);
  }

  async failed(username: string, ip: string | undefined): Promise<void> {
    await Promise.all([spend(this.byAccount, this.key(username)), ip ? spend(this.byIp, this.key(ip)) : undefined]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byAccount.delete(this.key(username));
  }

  private key(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url').slice(0, 22);
  }
}

async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const res = await limiter.get(key);
  if (!res || res.consumedPoints < limiter.points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

async function spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    // Rejected with a RateLimiterRes once the counter is full: that is the point, not an error.
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
