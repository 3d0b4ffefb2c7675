/**
 * Login throttling: at most N failed sign-ins per account name and per client IP
 * within a window (5 in 5 minutes by default). Past that, sign-in answers 429 with
 * Retry-After until the window has passed, even with the right password, so that
 * guessing cannot continue. A success clears the account's counter, not the IP's
 * (one valid account must not reset an attacker's address).
 *
 * An attempt is counted when it begins, before its password is checked (begin()): bcrypt takes
 * most of a second, and a check made first and a failure recorded after would let every
 * attempt sent meanwhile through (a burst of 200 at once, all checked). An attempt whose
 * password turns out right gives its points back. And only a few are checked at once — per
 * client IP (2) and in this process overall (4), bcrypt running on the main thread: more
 * are refused at once with 429 and Retry-After: 1, instead of queuing bcrypt work that would
 * hold up every patient's turn.
 *
 * Counters (rate-limiter-flexible) live in MongoDB when the store is MongoDB
 * (`store.throttleStoreClient`): every process sharing the database counts together,
 * and a restart keeps them; should MongoDB fail, each process counts in memory meanwhile
 * (the insurance limiter). On SQLite they live in this process's memory, which a
 * restart clears.
 */
import { createHmac } from 'node:crypto';
import { addressKey } from '../http/address-key';
import { PlacesPerKey } from '../limits/places-per-key';
import { takePoint } from '../limits/take-point';
import { RateLimiterMemory, RateLimiterMongo, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
  /** Sign-ins checked at once from one client IP (default 2) and by this process overall (default 4). */
  maxInFlightPerIp?: number;
  maxInFlight?: number;
}

export const MAX_SIGN_INS_IN_FLIGHT = 4;
export const MAX_SIGN_INS_IN_FLIGHT_PER_IP = 2;

/** A sign-in (or password check) counted before the password is checked; see begin(). */
export type SignInAttempt =
  | {
      allowed: false;
      /** Seconds to wait (Retry-After). */
      retryAfter: number;
      /** true: too many being checked at this moment (try again in a second); false: too many failures in the window. */
      busy: boolean;
    }
  | {
      allowed: true;
      /** The password check is over: frees the attempt's place among those checked at once. Call it once bcrypt is done. */
      release(): void;
      /** The right password, at sign-in: the account's counter is cleared, the IP's point given back. */
      succeeded(): Promise<void>;
      /** Not a failure after all (a right current password; an error of ours): both points are given back. */
      refund(): Promise<void>;
    };

/** The collection of the MongoDB store that holds the counters (src/storage/mongo/login-throttle-schema.ts). */
const TABLE = 'login_throttle';
/** The one key of the count of all attempts being checked. */
const ALL = '';
/** Too many being checked at this moment: try again in a second. */
const busy = (): SignInAttempt => ({ allowed: false, retryAfter: 1, busy: true });

export class LoginThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;
  private readonly secret: string;
  /** Attempts being checked, all of them (one key). */
  private readonly inFlight: PlacesPerKey;
  /** Attempts being checked, by IP counter key. */
  private readonly inFlightByIp: PlacesPerKey;

  constructor(opts: ThrottleOptions) {
    this.secret = opts.secret;
    this.inFlight = new PlacesPerKey(opts.maxInFlight ?? MAX_SIGN_INS_IN_FLIGHT);
    this.inFlightByIp = new PlacesPerKey(opts.maxInFlightPerIp ?? MAX_SIGN_INS_IN_FLIGHT_PER_IP);
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

  /**
   * Count one attempt for this account name and IP before its password is checked. Refused
   * (nothing counted) when as many are being checked at this moment as allowed, or when
   * either counter is full; else the caller checks the password, calls release(), and on a
   * right one succeeded() or refund(); a wrong one leaves its points counted as a failure.
   */
  async begin(username: string, ip: string | undefined): Promise<SignInAttempt> {
    const ipKey = ip ? this.addressKeyOf(ip) : undefined;
    // Taken synchronously, so that requests arriving together see each other.
    const freeOverall = this.inFlight.take(ALL);
    if (!freeOverall) return busy();
    const freeIp = ipKey === undefined ? undefined : this.inFlightByIp.take(ipKey);
    if (ipKey !== undefined && !freeIp) {
      freeOverall();
      return busy();
    }
    const release = () => {
      freeOverall();
      freeIp?.();
    };
    const accountKey = this.key(username);
    const counters: Array<[RateLimiterAbstract, string]> = [[this.byAccount, accountKey], ...(ipKey !== undefined ? [[this.byIp, ipKey] as [RateLimiterAbstract, string]] : [])];
    // Each counter's point, or the seconds to wait when it was full (that point is still counted: see giveBack).
    const taken = await Promise.allSettled(counters.map(([limiter, key]) => takePoint(limiter, key)));
    const waits = taken.map((t) => (t.status === 'fulfilled' ? t.value : 0));
    if (taken.some((t) => t.status === 'rejected') || waits.some((w) => w > 0)) {
      // Refused attempts are not checked, so they are no failures: every counter gets its point back
      // (one at a blocked address must not use up the account's, nor the other way round).
      await Promise.all(counters.map(([limiter, key], i) => (taken[i]!.status === 'fulfilled' ? giveBack(limiter, key) : undefined))).finally(release);
      const error = taken.find((t): t is PromiseRejectedResult => t.status === 'rejected');
      if (error) throw error.reason;
      return { allowed: false, retryAfter: Math.max(...waits), busy: false };
    }
    return {
      allowed: true,
      release,
      succeeded: async () => {
        release();
        await Promise.all([this.byAccount.delete(accountKey), ipKey !== undefined ? giveBack(this.byIp, ipKey) : undefined]);
      },
      refund: async () => {
        release();
        await Promise.all(counters.map(([limiter, key]) => giveBack(limiter, key)));
      },
    };
  }

  /** An address counts by its IPv6 /64 (one subscriber's), else itself: many IPv6 addresses of one client must not each get their own tries. */
  private addressKeyOf(ip: string): string {
    return this.key(addressKey(ip));
  }

  private key(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url').slice(0, 22);
  }
}

/** One point back, unless the window has ended meanwhile (a point returned to a new window would be one extra). */
async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const res = await limiter.get(key);
  if (res && res.consumedPoints > 0) await limiter.reward(key, 1);
}
