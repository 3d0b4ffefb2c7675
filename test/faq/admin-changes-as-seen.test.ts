/**
 * An admin's publish, withdrawal, publishing save and rollback change the entry only if it is
 * still as their page showed it, and that check is made by the store in the same transaction
 * as the write: a colleague's change that lands after the check was read and before the write
 * is not undone unseen. And a change that changes nothing (withdrawing an entry not answered
 * with, rolling back to the version already latest and live) stores nothing.
 */
import { FaqAdmin } from '../../src/faq/faq-admin';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { FaqContent, Store } from '../../src/storage/repositories';

const T0 = Date.UTC(2021, 4, 1);
const content = (answer: string): FaqContent => ({
  id: 'masks-why',
  topics: ['masks'],
  questions: { en: ['why wear a mask'] },
  answers: { en: answer },
  source: 'WHO',
  reviewed: '2021-05-01',
});

/**
 * The store with a colleague's change run just before the admin's write reaches it: after
 * every check FaqAdmin makes from what it read. `colleague` is given the store's own methods.
 */
function withColleagueBeforeWrite(store: Store, colleague: (faq: Store['faq']) => Promise<unknown>): Store {
  const own = { ...store.faq, save: store.faq.save.bind(store.faq), setPublished: store.faq.setPublished.bind(store.faq) };
  let fired = false;
  const first = async () => {
    if (fired) return;
    fired = true;
    await colleague(own);
  };
  store.faq.save = async (...args) => (await first(), own.save(...args));
  store.faq.setPublished = async (...args) => (await first(), own.setPublished(...args));
  return store;
}

describe.each([
  ['memory', async () => createMemoryStore()],
  ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
])('on the %s store', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
    // v1 published, v2 a draft: the admin's page shows { baseVersion: 2, basePublishedVersion: 1 }.
    await store.faq.save([{ content: content('v1'), publish: true, note: 'starter' }], { actorId: null, at: T0 });
    await store.faq.save([{ content: content('v2'), publish: false, note: 'edit', baseVersion: 1 }], { actorId: null, at: T0 + 1 });
  });
  afterEach(async () => store.close());
  const seen = { baseVersion: 2, basePublishedVersion: 1 };

  it('a publish is refused when a colleague withdrew the entry in between', async () => {
    const admin = new FaqAdmin({ store: withColleagueBeforeWrite(store, (faq) => faq.setPublished('masks-why', null, T0 + 2)), now: () => T0 + 3 });
    await expect(admin.publish('masks-why', seen, 2)).resolves.toEqual({ status: 'conflict', latestVersion: 2, publishedVersion: null });
    expect((await store.faq.get('masks-why'))?.published).toBeNull();
  });

  it('a withdrawal is refused when a colleague saved a new version in between', async () => {
    const colleague = (faq: Store['faq']) => faq.save([{ content: content('v3'), publish: true, note: 'edit', baseVersion: 2 }], { actorId: null, at: T0 + 2 });
    const admin = new FaqAdmin({ store: withColleagueBeforeWrite(store, colleague), now: () => T0 + 3 });
    await expect(admin.withdraw('masks-why', seen)).resolves.toEqual({ status: 'conflict', latestVersion: 3, publishedVersion: 3 });
    expect((await store.faq.get('masks-why'))?.published?.version).toBe(3);
  });

  it('a publishing save is refused when a colleague withdrew the entry in between', async () => {
    const admin = new FaqAdmin({ store: withColleagueBeforeWrite(store, (faq) => faq.setPublished('masks-why', null, T0 + 2)), now: () => T0 + 3 });
    await expect(admin.save(content('v3'), { publish: true, baseVersion: 2, basePublishedVersion: 1, actorId: null })).resolves.toEqual({ status: 'conflict', latestVersion: 2, publishedVersion: null });
    expect((await store.faq.get('masks-why'))?.latest.version).toBe(2);
  });

  it('a rollback is refused when a colleague withdrew the entry in between', async () => {
    const admin = new FaqAdmin({ store: withColleagueBeforeWrite(store, (faq) => faq.setPublished('masks-why', null, T0 + 2)), now: () => T0 + 3 });
    await expect(admin.rollback('masks-why', 1, seen, { actorId: null })).resolves.toEqual({ status: 'conflict', latestVersion: 2, publishedVersion: null });
    expect((await store.faq.get('masks-why'))?.latest.version).toBe(2);
  });

  it('withdrawing an entry not answered with, and rolling back to the latest live version, store nothing', async () => {
    const admin = new FaqAdmin({ store, now: () => T0 + 3 });
    await store.faq.setPublished('masks-why', null, T0 + 2);
    const r0 = await store.faq.revision();
    await expect(admin.withdraw('masks-why', { baseVersion: 2, basePublishedVersion: null })).resolves.toMatchObject({ status: 'unchanged' });
    await store.faq.setPublished('masks-why', 2, T0 + 2);
    const r1 = await store.faq.revision();
    expect(r1).toBeGreaterThan(r0);
    await expect(admin.rollback('masks-why', 2, { baseVersion: 2, basePublishedVersion: 2 }, { actorId: null })).resolves.toMatchObject({ status: 'unchanged' });
    expect(await store.faq.revision()).toBe(r1);
    expect((await store.faq.versions('masks-why')).length).toBe(2);
  });
});
