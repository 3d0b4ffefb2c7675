/**
 * The SQLite store keeps its temporary data (the turns' savepoint sub-journals) in memory,
 * not in files of /var/tmp (sqlite-store.ts, keepTemporaryInMemory), and sets it only after
 * the migrations, which may need more temporary space than memory should hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

/** SQLite's values of `PRAGMA temp_store`. */
const MEMORY = 2;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-temp-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite store’s temporary data', () => {
  it('is kept in memory once the store is open, on a file and in memory', async () => {
    for (const file of [join(dir, 'sahay.db'), ':memory:']) {
      const store = openSqliteStore({ file });
      try {
        expect(store.db.pragma('temp_store', { simple: true })).toBe(MEMORY);
      } finally {
        await store.close();
      }
    }
  });
});
