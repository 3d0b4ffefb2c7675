/**
 * Login throttling on MongoDB: the counters are rate-limiter-flexible's RateLimiterMongo
 * documents in the store's `login_throttle` collection, so every process sharing the
 * database counts failures together. Run on the emulated MongoDB (its queries checked
 * against the declared shapes and indexes); the insurance limiter keeps counting in
 * memory when MongoDB fails.
 */
import { createHmac } from 'node:crypto';
import { LoginThrottle } from '../../src/console/throttle';
import { createMongoStore, type MongoStore } from '../../src/storage/mongo/mongo-store';
import { SCHEMAS } from '../../src/storage/mongo/schemas';
import { EmulatedMongo } from '../storage/mongo/emulated-mongo';

const SECRET = 'a test key for the throttle counters, 32+ chars';
const OPTS = { maxFailures: 5, maxFailuresPerIp: 8, windowMs: 5 * 60_000, secret: SECRET };
/** The stored name of a counter: a keyed hash of the value, never the value. */
const keyOf = (prefix: string, value: string) => `${prefix}:${createHmac('sha256', SECRET).update(value).digest('base64url').slice(0, 22)}`;
const T0 = Date.UTC(2021, 4, 1, 10, 0, 0);

describe('login throttle on MongoDB, two processes', () => {
  let mongo: EmulatedMongo;
  let stores: MongoStore[];
  let a: LoginThrottle;
  let b: LoginThrottle;

  beforeEach(async () => {
    // The limiter reads Date.now(); the emulation yields with setImmediate.
    jest.useFakeTimers({ now: T0, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    mongo = new EmulatedMongo();
    stores = await Promise.all(['process-a', 'process-b'].map((owner) => createMongoStore(mongo.database({ transactions: true }), { owner, clock: () => Date.now() })));
    [a, b] = stores.map((s) => new LoginThrottle({ ...OPTS, storeClient: s.throttleStoreClient })) as [LoginThrottle, LoginThrottle];
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    jest.useRealTimers();
  });

  it('counts one account name\'s failures across processes, and a success anywhere clears them', async () => {
    for (const t of [a, b, a, b]) await t.failed('asha', '10.0.0.1');
    expect(await a.retryAfter('asha', '10.0.0.2')).toBe(0);
    await b.failed('asha', '10.0.0.1');
    // Five failures, split between two processes: both refuse, for the rest of the window.
    expect(await a.retryAfter('asha', '10.0.0.2')).toBe(300);
    expect(await b.retryAfter('asha', undefined)).toBe(300);
    expect(mongo.all('loginThrottle')).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: keyOf('acct', 'asha'), points: 5, expire: new Date(T0 + 300_000) })]),
    );
    // Neither the account name nor the address is stored in clear.
    expect(JSON.stringify(mongo.all('loginThrottle'))).not.toMatch(/asha|10\.0\.0/);
    await b.succeeded('asha');
    expect(await a.retryAfter('asha', undefined)).toBe(0);
  });

  it('counts one address across account names and processes', async () => {
    for (let i = 0; i < 8; i++) await (i % 2 ? a : b).failed(`name-${i}`, '203.0.113.9');
    expect(await a.retryAfter('ravi', '203.0.113.9')).toBe(300);
    expect(await b.retryAfter('ravi', '203.0.113.10')).toBe(0);
    // A success clears the account's counter, not the address's.
    await a.succeeded('name-1');
    expect(await b.retryAfter('ravi', '203.0.113.9')).toBe(300);
  });

  it('starts a new window once the old one is over (an expired counter is replaced)', async () => {
    for (let i = 0; i < 5; i++) await a.failed('asha', undefined);
    jest.setSystemTime(T0 + 120_000);
    expect(await b.retryAfter('asha', undefined)).toBe(180);
    jest.setSystemTime(T0 + 301_000);
    expect(await b.retryAfter('asha', undefined)).toBe(0);
    // The expired document is still there (MongoDB's TTL monitor is not instant): the next failure starts over.
    await b.failed('asha', undefined);
    expect(mongo.all('loginThrottle').filter((d) => d.key === keyOf('acct', 'asha'))).toEqual([expect.objectContaining({ points: 1, expire: new Date(T0 + 601_000) })]);
  });

  it('keeps throttling in memory while MongoDB fails', async () => {
    await stores[0]!.close(); // every operation of process A now fails
    for (let i = 0; i < 5; i++) await expect(a.failed('asha', undefined)).resolves.toBeUndefined();
    expect(await a.retryAfter('asha', undefined)).toBe(300);
    expect(await b.retryAfter('asha', undefined)).toBe(0);
  });
});

it('lets MongoDB delete finished windows (a TTL index on expire)', () => {
  expect(SCHEMAS.loginThrottle.indexes()).toContainEqual([{ expire: 1 }, expect.objectContaining({ expireAfterSeconds: 0 })]);
});

describe('login throttle without a shared store', () => {
  it('counts in memory (SQLite, memory store)', async () => {
    const t = new LoginThrottle(OPTS);
    for (let i = 0; i < 5; i++) await t.failed('asha', undefined);
    expect(await t.retryAfter('asha', undefined)).toBeGreaterThan(0);
    expect(await new LoginThrottle(OPTS).retryAfter('asha', undefined)).toBe(0);
  });
});
