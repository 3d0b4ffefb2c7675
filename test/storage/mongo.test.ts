/**
 * The storage contract suite and the two-process checks against a real MongoDB.
 * This machine has none, so the run is opt-in:
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27017/sahay_test npx jest test/storage
 *
 * Every run uses fresh databases named after the URI's (sahay_test_<pid>_<n>) and
 * drops them afterwards. On a replica set the suite runs twice: with transactions,
 * and with them switched off (the standalone protocol); on a standalone server once.
 */
import mongoose from 'mongoose';
import { openMongoStore, type MongoStore, type MongoStoreOptions } from '../../src/storage/mongo/mongo-store';
import { databaseName, redactUri, withDatabase } from '../../src/storage/mongo/topology';
import { describeStoreContract } from './contract';
import { describeTwoProcesses } from './mongo/multi-process';

const uri = process.env.MONGODB_URI;

if (!uri) {
  // Straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write('MongoDB contract suite skipped: MONGODB_URI is not set (run it with MONGODB_URI=mongodb://127.0.0.1:27017/sahay_test npx jest test/storage)\n');
  describe('MongoDB store', () => {
    it.skip('MongoDB contract suite skipped: MONGODB_URI is not set', () => undefined);
  });
} else {
  const base = databaseName(uri, 'sahay_test');
  let n = 0;
  const created: string[] = [];
  /** A fresh, empty database for one test. */
  const freshUri = (): string => {
    const name = `${base}_${process.pid}_${++n}`;
    created.push(name);
    return withDatabase(uri, name);
  };

  afterAll(async () => {
    // Drop what the run created, over one connection.
    const conn = await mongoose.createConnection(uri).asPromise();
    try {
      for (const name of created) await conn.useDb(name, { useCache: false }).dropDatabase();
    } finally {
      await conn.close();
    }
  }, 60_000);

  for (const transactions of ['auto', 'off'] as const) {
    const label = `MongoDB at ${redactUri(uri)}, transactions ${transactions}`;

    describeStoreContract(label, async () => {
      const opts: MongoStoreOptions = { uri: freshUri(), transactions, owner: 'test-process' };
      let current: MongoStore = await openMongoStore(opts);
      return {
        store: current,
        reopen: async () => (current = await openMongoStore(opts)),
        cleanup: () => current.close(),
      };
    });

    describeTwoProcesses(label, async () => {
      const clock = { now: 1_700_000_000_000 };
      const dbUri = freshUri();
      const reopen = (owner: string) => openMongoStore({ uri: dbUri, transactions, owner, clock: () => clock.now });
      const a = await reopen('process-a');
      const b = await reopen('process-b');
      return { a, b, clock, reopen, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
    });
  }
}
