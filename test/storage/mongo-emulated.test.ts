/**
 * The MongoDB driver's own code on an in-memory emulation of its collections
 * (test/storage/mongo/emulated-mongo.ts), as on a replica set (transactions) and
 * as on a standalone server (the ordered-writes protocol): the storage contract
 * suite, and two processes sharing one database. mongo.test.ts runs the same
 * against a real MongoDB when MONGODB_URI is set.
 */
import type { Store } from '../../src/storage/repositories';
import { createMongoStore } from '../../src/storage/mongo/mongo-store';
import { describeStoreContract } from './contract';
import { EmulatedMongo } from './mongo/emulated-mongo';
import { describeTwoProcesses } from './mongo/multi-process';

for (const transactions of [true, false]) {
  const deployment = transactions ? 'emulated replica set (transactions)' : 'emulated standalone server (ordered writes)';

  describeStoreContract(`mongodb driver, ${deployment}`, async () => {
    const mongo = new EmulatedMongo();
    const open = (): Promise<Store> => createMongoStore(mongo.database({ transactions }), { owner: 'test-process', clock: () => 1_700_000_000_000 });
    let current = await open();
    return {
      store: current,
      reopen: async () => (current = await open()),
      cleanup: () => current.close(),
    };
  });

  describeTwoProcesses(deployment, async () => {
    const mongo = new EmulatedMongo();
    const clock = { now: 1_700_000_000_000 };
    const reopen = (owner: string) => createMongoStore(mongo.database({ transactions }), { owner, clock: () => clock.now });
    const a = await reopen('process-a');
    const b = await reopen('process-b');
    return { a, b, clock, reopen, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
  });
}
