/**
 * Opens the store a deployment asked for. The composition root (main.ts) calls
 * this with what config.ts decided (storeOptionsFor). The MongoDB driver is
 * loaded with a dynamic import, so that SQLite deployments never load mongoose.
 */
import { createMemoryStore } from './memory/memory-store';
import type { Store } from './repositories';
import { openSqliteStore } from './sqlite/sqlite-store';

export type StoreOptions =
  /** One SQLite file (the default: `<DATA_DIR>/sahay.db`), or ':memory:'. */
  | { driver: 'sqlite'; file: string }
  /** Nothing survives a restart: tests, benchmarks, `sahay chat` dry runs. */
  | { driver: 'memory' }
  /** MongoDB through mongoose (MONGODB_URI): several processes on one replica set. */
  | { driver: 'mongodb'; uri: string };

/** MONGODB_URI set: MongoDB; otherwise the SQLite file under DATA_DIR. */
export function storeOptionsFor(config: { sqliteFile: string; mongodbUri?: string | undefined }): StoreOptions {
  return config.mongodbUri ? { driver: 'mongodb', uri: config.mongodbUri } : { driver: 'sqlite', file: config.sqliteFile };
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  switch (opts.driver) {
    case 'sqlite':
      return openSqliteStore({ file: opts.file });
    case 'memory':
      return createMemoryStore();
    case 'mongodb': {
      const { openMongoStore } = await import('./mongo/mongo-store');
      return openMongoStore({ uri: opts.uri });
    }
  }
}
