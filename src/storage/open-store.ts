/**
 * Opens the store a deployment asked for. The composition root (main.ts) calls
 * this with what config.ts decided (storeOptionsFor). The MongoDB driver is
 * loaded with a dynamic import, so that SQLite deployments never load mongoose.
 */
import { createMemoryStore } from './memory/memory-store';
import { redactUri } from './mongo/topology';
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

/**
 * Which database, for people: the SQLite file's full path, or the MongoDB URI
 * without its password. Commands print it so that a wrong DATA_DIR or `.env`
 * shows at once, not as an account that "disappeared".
 */
export function describeStore(opts: StoreOptions): string {
  switch (opts.driver) {
    case 'sqlite':
      return opts.file;
    case 'memory':
      return 'in memory (nothing is kept)';
    case 'mongodb':
      return `MongoDB at ${redactUri(opts.uri)}`;
  }
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
