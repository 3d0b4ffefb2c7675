/**
 * Opens the store a deployment asked for. The composition root (main.ts) calls
 * this with what config.ts decided; a MongoDB branch joins here once
 * src/storage/mongo/ exists, loaded with a dynamic import so that SQLite
 * deployments never load mongoose.
 */
import { createMemoryStore } from './memory/memory-store';
import type { Store } from './repositories';
import { openSqliteStore } from './sqlite/sqlite-store';

export type StoreOptions =
  /** One SQLite file (the default: `<DATA_DIR>/sahay.db`), or ':memory:'. */
  | { driver: 'sqlite'; file: string }
  /** Nothing survives a restart: tests, benchmarks, `sahay chat` dry runs. */
  | { driver: 'memory' };

export async function openStore(opts: StoreOptions): Promise<Store> {
  switch (opts.driver) {
    case 'sqlite':
      return openSqliteStore({ file: opts.file });
    case 'memory':
      return createMemoryStore();
  }
}
