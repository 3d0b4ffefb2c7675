/**
 * One point of a rate-limiter-flexible counter, or how long to wait for one: what the console's
 * sign-in throttle (src/console/throttle.ts), the web chat's per-address limits
 * (src/channels/webchat/limits.ts) and the flood guard (src/router/flood-guard.ts) all ask of
 * their counters. Each counts in fixed windows of the limiter's `duration` (the library's);
 * which key and which window (the flood guard names the minute of the router's clock in its
 * keys) is the caller's.
 *
 * ```ts
 * const perMinute = new RateLimiterMemory({ points: 2, duration: 60 });
 * await takePoint(perMinute, 'k') // → 0
 * await takePoint(perMinute, 'k') // → 0
 * await takePoint(perMinute, 'k') // → 60 (seconds until the window ends)
 * ```
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Takes one of `key`'s points: 0, or when none was left the seconds to wait (at least 1, for
 * Retry-After). A refused point is still counted by the library (a reward() gives it back).
 * Anything but the limiter's refusal (a database error) is thrown.
 */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (err) {
    // Rejected with a RateLimiterRes once the points are spent: that is the answer, not an error.
    if (!(err instanceof RateLimiterRes)) throw err;
    return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
  }
}
