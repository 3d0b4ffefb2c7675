/**
 * `login_throttle`: the console's failed sign-ins per account name and per IP, shared by
 * every process (src/console/throttle.ts, through login-throttle.ts). The documents are
 * rate-limiter-flexible's RateLimiterMongo format: `key` (prefix:name), `points` (failures
 * so far) and `expire`, a Date so that MongoDB's TTL monitor deletes finished windows.
 */
import { Schema } from 'mongoose';
import { nonEmptyString, schemaOptions } from './schema-types';

export const loginThrottleSchema = new Schema(
  { key: nonEmptyString(), points: { type: Number, required: true }, expire: { type: Date, default: null } },
  schemaOptions('login_throttle'),
);

// One counter per key (an upsert that races another fails on it, and the limiter retries).
loginThrottleSchema.index({ key: 1 }, { name: 'login_throttle_key', unique: true });
// Finished windows are deleted by MongoDB (expired counters are also ignored when read).
loginThrottleSchema.index({ expire: 1 }, { name: 'login_throttle_expire', expireAfterSeconds: 0 });
