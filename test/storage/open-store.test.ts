import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store';

describe('openStore', () => {
  it('opens a SQLite file store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-open-'));
    const store = await openStore({ driver: 'sqlite', file: join(dir, 'sahay.db') });
    await expect(store.ping()).resolves.toBe(true);
    expect(store).toHaveProperty('db'); // the SQLite driver underneath
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a memory store', async () => {
    const store = await openStore({ driver: 'memory' });
    await expect(store.conversations.count()).resolves.toBe(0);
    await store.close();
  });
});
