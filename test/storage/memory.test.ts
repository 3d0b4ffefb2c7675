import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { describeStoreContract } from './contract';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});
