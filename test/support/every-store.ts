/**
 * One fresh store of every driver, for tests that check a behaviour the stores must share (a
 * ticket's reason, an escalation): the memory store, SQLite in memory, and MongoDB emulated as a
 * replica set (transactions) and as a standalone server (turns replayed from stored JSON). The real
 * MongoDB server runs only in the contract tests (test/storage/mongo.test.ts, MONGODB_URI).
 */
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { createMongoStore } from '../../src/storage/mongo/mongo-store';
import type { Store } from '../../src/storage/repositories';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { EmulatedMongo } from '../storage/mongo/emulated-mongo';

export type StoreOpener = () => Promise<Store>;

/** [name, opener] pairs for `describe.each`; `clock` is the MongoDB driver's (leases). */
export function everyStore(clock: () => number = () => 0): Array<[string, StoreOpener]> {
  return [
    ['memory', async () => createMemoryStore()],
    ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
    ['mongodb (emulated replica set)', async () => createMongoStore(new EmulatedMongo().database({ transactions: true }), { owner: 'test', clock })],
    ['mongodb (emulated standalone server)', async () => createMongoStore(new EmulatedMongo().database({ transactions: false }), { owner: 'test', clock })],
  ];
}
