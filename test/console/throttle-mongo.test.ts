/**
 * Login throttling on MongoDB: the counters are rate-limiter-flexible's RateLimiterMongo
 * documents in the store's `login_throttle` collection, so every process sharing the
 * database counts failures together. Run on the emulated MongoDB (its queries checked
 * against the declared shapes and indexes); the insurance limiter keeps counting in
 * memory when MongoDB fails. Driven through begin(), as sign-in drives it: the points a
 * refused or right attempt gives back are given back in MongoDB too.
 */
import { createHmac } from 'node:crypto';
import { LoginThrottle } from '../../src/console/throttle';
import { failAttempt, succeedAttempt, waitNow } from './throttle-probe';
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

  const counter = (prefix: string, value: string) => mongo.all('loginThrottle').filter((d) => d.key === keyOf(prefix, value));

  it('counts one account name\'s failures across processes, and a success anywhere clears them', async () => {
    for (const t of [a, b, a, b]) await failAttempt(t, 'asha', '10.0.0.1');
    // A success in process B clears the count that both processes made.
    await succeedAttempt(b, 'asha', '10.0.0.1');
    expect(counter('acct', 'asha')).toEqual([]);
    for (const t of [a, b, a, b]) await failAttempt(t, 'asha', '10.0.0.3');
    expect(await waitNow(a, 'asha', '10.0.0.2')).toBe(0);
    await failAttempt(b, 'asha', '10.0.0.3');
    // Five failures, split between two processes: both refuse, for the rest of the window.
    expect(await waitNow(a, 'asha', '10.0.0.2')).toBe(300);
    expect(await waitNow(b, 'asha', undefined)).toBe(300);
    // The refusals gave their points back: the count is the five failures.
    expect(mongo.all('loginThrottle')).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: keyOf('acct', 'asha'), points: 5, expire: new Date(T0 + 300_000) })]),
    );
    // Neither the account name nor the address is stored in clear.
    expect(JSON.stringify(mongo.all('loginThrottle'))).not.toMatch(/asha|10\.0\.0/);
  });

  it('counts one address across account names and processes', async () => {
    for (let i = 0; i < 7; i++) await failAttempt(i % 2 ? a : b, `name-${i}`, '203.0.113.9');
    // A success clears the account's counter, not the address's: its own point is given back, the failures stay.
    await succeedAttempt(a, 'name-1', '203.0.113.9');
    expect(counter('acct', 'name-1')).toEqual([]);
    expect(counter('ip', '203.0.113.9')).toEqual([expect.objectContaining({ points: 7 })]);
    await failAttempt(b, 'name-7', '203.0.113.9');
    expect(await waitNow(a, 'ravi', '203.0.113.9')).toBe(300);
    expect(await waitNow(b, 'ravi', '203.0.113.10')).toBe(0);
  });

  it('starts a new window once the old one is over (an expired counter is replaced)', async () => {
    for (let i = 0; i < 5; i++) await failAttempt(a, 'asha', undefined);
    jest.setSystemTime(T0 + 120_000);
    expect(await waitNow(b, 'asha', undefined)).toBe(180);
    jest.setSystemTime(T0 + 301_000);
    // The expired document is still there (MongoDB's TTL monitor is not instant): the next attempt is checked, and its failure starts over.
    await failAttempt(b, 'asha', undefined);
    expect(counter('acct', 'asha')).toEqual([expect.objectContaining({ points: 1, expire: new Date(T0 + 601_000) })]);
  });

  it('keeps throttling in memory while MongoDB fails', async () => {
    await stores[0]!.close(); // every operation of process A now fails
    for (let i = 0; i < 5; i++) await expect(failAttempt(a, 'asha', undefined)).resolves.toBeUndefined();
    expect(await waitNow(a, 'asha', undefined)).toBe(300);
    expect(await waitNow(b, 'asha', undefined)).toBe(0);
  });
});

it('lets MongoDB delete finished windows (a TTL index on expire)', () => {
  expect(SCHEMAS.loginThrottle.indexes()).toContainEqual([{ expire: 1 }, expect.objectContaining({ expireAfterSeconds: 0 })]);
});

describe('login throttle without a shared store', () => {
  it('counts in memory (SQLite, memory store)', async () => {
    const t = new LoginThrottle(OPTS);
    for (let i = 0; i < 5; i++) await failAttempt(t, 'asha', undefined);
    expect(await waitNow(t, 'asha', undefined)).toBeGreaterThan(0);
    expect(await waitNow(new LoginThrottle(OPTS), 'asha', undefined)).toBe(0);
  });
});
