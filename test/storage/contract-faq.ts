/**
 * FAQ entries and flow publications: their part of the Store contract. Called
 * from describeStoreContract, so every driver (SQLite, memory, MongoDB) runs it.
 *
 * Rules pinned here that repositories.ts leaves implicit:
 * - versions are numbered 1, 2, 3… per entry; saving never changes an earlier version;
 * - a save of several items is all or nothing: one conflicting `baseVersion` stores none;
 *   two items for the same entry in one save become two consecutive versions;
 * - a new version saved as a draft keeps the published one live; `setPublished(null)` withdraws;
 * - `revision()` grows with every save and setPublished, and only then;
 * - flowVersions.publish needs a saved version; the newest publication of a flow is the live one,
 *   even when it names an older version (a rollback).
 */
import type { FaqContent, FaqEntryRecord, FlowPublication, Store } from '../../src/storage/repositories';

const T0 = 1_700_000_000_000;
const SEC = 1000;

function content(id: string, answer = 'Isolate for at least 7 days.', overrides: Partial<FaqContent> = {}): FaqContent {
  return {
    id,
    topics: ['isolation'],
    questions: { en: ['How long should I isolate?'], bn: ['কত দিন আইসোলেশনে থাকব?', 'koto din isolation'], hi: ['कितने दिन आइसोलेशन में रहना है?'] },
    answers: { en: answer, bn: 'অন্তত ৭ দিন আলাদা থাকুন।', hi: 'कम से कम 7 दिन अलग रहें।' },
    source: 'MoHFW, Revised guidelines for home isolation, 5 January 2022',
    reviewed: '2022-01-10',
    ...overrides,
  };
}

export function describeFaqRepositoryContract(current: () => { store: Store; reopen?: () => Promise<Store> }): void {
  let store: Store;
  beforeEach(() => {
    store = current().store;
  });
  const by = (at: number, actorId: string | null = 'admin-1') => ({ actorId, at });

  describe('faq', () => {
    it('saves a new entry as version 1, published or as a draft', async () => {
      const res = await store.faq.save(
        [
          { content: content('isolation-how-long'), publish: true, note: 'starter' },
          { content: content('masks-why', 'Wear a mask.', { answers: { en: 'Wear a mask.' } }), publish: false, note: 'edit' },
        ],
        by(T0, null),
      );
      expect(res).toStrictEqual({
        status: 'saved',
        versions: [
          { entryId: 'isolation-how-long', version: 1, content: content('isolation-how-long'), savedAt: T0, actorId: null, note: 'starter' },
          { entryId: 'masks-why', version: 1, content: content('masks-why', 'Wear a mask.', { answers: { en: 'Wear a mask.' } }), savedAt: T0, actorId: null, note: 'edit' },
        ],
      });
      const published = await store.faq.get('isolation-how-long');
      expect(published).toStrictEqual({
        id: 'isolation-how-long',
        latest: { entryId: 'isolation-how-long', version: 1, content: content('isolation-how-long'), savedAt: T0, actorId: null, note: 'starter' },
        published: { entryId: 'isolation-how-long', version: 1, content: content('isolation-how-long'), savedAt: T0, actorId: null, note: 'starter' },
        createdAt: T0,
        updatedAt: T0,
      });
      const draft = await store.faq.get('masks-why');
      expect(draft?.published).toBeNull();
      expect(draft?.latest.content.answers).toStrictEqual({ en: 'Wear a mask.' });
      await expect(store.faq.get('nope')).resolves.toBeUndefined();
      expect((await store.faq.list()).map((e) => e.id)).toEqual(['isolation-how-long', 'masks-why']);
    });

    it('keeps every version; a draft leaves the published version live; publishing and withdrawing move the pointer', async () => {
      await store.faq.save([{ content: content('e1', 'v1'), publish: true, note: 'starter' }], by(T0));
      await store.faq.save([{ content: content('e1', 'v2'), publish: false, note: 'edit', baseVersion: 1 }], by(T0 + SEC));
      let e = await store.faq.get('e1');
      expect(e?.latest.version).toBe(2);
      expect(e?.latest.content.answers.en).toBe('v2');
      expect(e?.published?.version).toBe(1);
      expect(e?.published?.content.answers.en).toBe('v1');
      expect(e?.updatedAt).toBe(T0 + SEC);
      expect(e?.createdAt).toBe(T0);

      e = recordOf(await store.faq.setPublished('e1', 2, T0 + 2 * SEC));
      expect(e?.published?.version).toBe(2);
      expect(e?.updatedAt).toBe(T0 + 2 * SEC);
      expect((await store.faq.get('e1'))?.published?.content.answers.en).toBe('v2');

      e = recordOf(await store.faq.setPublished('e1', null, T0 + 3 * SEC));
      expect(e?.published).toBeNull();
      expect(e?.latest.version).toBe(2);
      await expect(store.faq.setPublished('e1', 3, T0)).resolves.toBeUndefined();
      await expect(store.faq.setPublished('nope', 1, T0)).resolves.toBeUndefined();

      const versions = await store.faq.versions('e1');
      expect(versions.map((v) => [v.version, v.content.answers.en, v.note, v.savedAt])).toEqual([
        [2, 'v2', 'edit', T0 + SEC],
        [1, 'v1', 'starter', T0],
      ]);
      await expect(store.faq.version('e1', 1)).resolves.toMatchObject({ version: 1, content: { answers: { en: 'v1' } } });
      await expect(store.faq.version('e1', 9)).resolves.toBeUndefined();
      await expect(store.faq.versions('nope')).resolves.toEqual([]);
    });

    it('stores nothing when one item of a save conflicts (all or nothing)', async () => {
      await store.faq.save([{ content: content('e1', 'v1'), publish: true, note: 'starter' }], by(T0));
      const before = await store.faq.revision();
      const res = await store.faq.save(
        [
          { content: content('e2', 'new'), publish: true, note: 'import', baseVersion: 0 },
          { content: content('e1', 'stale edit'), publish: true, note: 'import', baseVersion: 0 },
        ],
        by(T0 + SEC),
      );
      expect(res).toStrictEqual({ status: 'conflict', entryId: 'e1', latestVersion: 1 });
      await expect(store.faq.get('e2')).resolves.toBeUndefined();
      expect((await store.faq.get('e1'))?.latest.version).toBe(1);
      await expect(store.faq.revision()).resolves.toBe(before);
    });

    it('numbers two items for one entry in one save as consecutive versions', async () => {
      const res = await store.faq.save(
        [
          { content: content('e1', 'a'), publish: true, note: 'import', baseVersion: 0 },
          { content: content('e1', 'b'), publish: false, note: 'import', baseVersion: 1 },
        ],
        by(T0),
      );
      expect(res.status).toBe('saved');
      const e = await store.faq.get('e1');
      expect([e?.latest.version, e?.published?.version]).toEqual([2, 1]);
    });

    it('publishes, withdraws and saves only an entry still as the editor saw it, checked as it writes', async () => {
      await store.faq.save([{ content: content('e1', 'v1'), publish: true, note: 'starter' }], by(T0));
      await store.faq.save([{ content: content('e1', 'v2'), publish: false, note: 'edit', baseVersion: 1 }], by(T0 + SEC));
      const r0 = await store.faq.revision();
      // Seen before v2 was saved: refused, nothing written.
      await expect(store.faq.setPublished('e1', 2, T0 + 2 * SEC, { latestVersion: 1, publishedVersion: 1 })).resolves.toBe('conflict');
      // Seen with another published version: refused too, a withdrawal as well.
      await expect(store.faq.setPublished('e1', null, T0 + 2 * SEC, { latestVersion: 2, publishedVersion: null })).resolves.toBe('conflict');
      expect(await store.faq.revision()).toBe(r0);
      expect((await store.faq.get('e1'))?.published?.version).toBe(1);
      // As it is: written.
      expect(recordOf(await store.faq.setPublished('e1', null, T0 + 2 * SEC, { latestVersion: 2, publishedVersion: 1 }))?.published).toBeNull();

      // A publishing save that saw the entry published: refused now that it is withdrawn; nothing stored.
      const refused = await store.faq.save([{ content: content('e1', 'v3'), publish: true, note: 'edit', baseVersion: 2, basePublishedVersion: 1 }], by(T0 + 3 * SEC));
      expect(refused).toEqual({ status: 'conflict', entryId: 'e1', latestVersion: 2 });
      expect((await store.faq.get('e1'))?.latest.version).toBe(2);
      // Seeing it withdrawn: saved and published.
      await expect(store.faq.save([{ content: content('e1', 'v3'), publish: true, note: 'edit', baseVersion: 2, basePublishedVersion: null }], by(T0 + 3 * SEC))).resolves.toMatchObject({ status: 'saved' });
      expect((await store.faq.get('e1'))?.published?.version).toBe(3);
    });

    it('bumps the revision on every write and only then', async () => {
      const r0 = await store.faq.revision();
      await store.faq.get('e1');
      await store.faq.list();
      await expect(store.faq.revision()).resolves.toBe(r0);
      await store.faq.save([{ content: content('e1'), publish: false, note: 'edit' }], by(T0));
      const r1 = await store.faq.revision();
      expect(r1).toBeGreaterThan(r0);
      await store.faq.setPublished('e1', 1, T0);
      expect(await store.faq.revision()).toBeGreaterThan(r1);
    });

    it('hands out copies and keeps Bengali, Devanagari and missing languages exactly', async () => {
      const c = content('e1', 'x', { answers: { bn: 'জ্বর ১০০.৪°F-এর বেশি? ডাক্তার দেখান।\nর‍্যাব', hi: 'बुख़ार ज़्यादा हो तो डॉक्टर से मिलें' }, topics: [] });
      await store.faq.save([{ content: c, publish: true, note: 'edit' }], by(T0));
      c.answers.bn = 'changed after saving';
      const got = await store.faq.get('e1');
      expect(got?.latest.content.answers).toStrictEqual({ bn: 'জ্বর ১০০.৪°F-এর বেশি? ডাক্তার দেখান।\nর‍্যাব', hi: 'बुख़ार ज़्यादा हो तो डॉक्टर से मिलें' });
      expect(got?.latest.content.topics).toStrictEqual([]);
      got!.latest.content.answers.hi = 'mutated';
      expect((await store.faq.get('e1'))?.latest.content.answers.hi).toBe('बुख़ार ज़्यादा हो तो डॉक्टर से मिलें');
    });

    it('keeps entries and versions across a reopen', async () => {
      const { reopen } = current();
      if (!reopen) return; // in-memory drivers have nothing to reopen
      await store.faq.save([{ content: content('e1', 'v1'), publish: true, note: 'starter' }], by(T0));
      await store.faq.save([{ content: content('e1', 'v2'), publish: false, note: 'edit' }], by(T0 + SEC));
      await store.close();
      store = await reopen();
      const e = await store.faq.get('e1');
      expect([e?.latest.version, e?.published?.version, e?.latest.content.answers.en]).toEqual([2, 1, 'v2']);
    });
  });

  describe('flow publications', () => {
    const def = (label: string) => ({ id: 'faq', spec: 1, version: label, start: 'a', states: { a: { say: `faq.${label}`, end: true } } });
    const pub = (version: string, at: number, note = 'edit'): FlowPublication => ({
      flowId: 'faq',
      version,
      source: `# edited\nid: faq\nspec: 1\nstart: a\nstates:\n  a: { say: faq.${version}, end: true }\n`,
      publishedAt: at,
      actorId: 'admin-1',
      note,
    });

    it('publishes saved versions only, lists them newest first, and the newest one is live (a rollback too)', async () => {
      await store.flowVersions.save({ flowId: 'faq', version: 'v1', definition: def('v1'), createdAt: T0 });
      await store.flowVersions.save({ flowId: 'faq', version: 'v2', definition: def('v2'), createdAt: T0 + SEC });
      await store.flowVersions.save({ flowId: 'help', version: 'h1', definition: { id: 'help' }, createdAt: T0 });
      await expect(store.flowVersions.published()).resolves.toEqual([]);
      await expect(store.flowVersions.publish(pub('v9', T0))).resolves.toBe(false);
      await expect(store.flowVersions.publications('faq')).resolves.toEqual([]);

      await expect(store.flowVersions.publish(pub('v2', T0 + 2 * SEC))).resolves.toBe(true);
      await expect(store.flowVersions.publish(pub('v1', T0 + 3 * SEC, 'rollback'))).resolves.toBe(true);
      await expect(store.flowVersions.publish({ ...pub('h1', T0 + 4 * SEC), flowId: 'help', source: null, actorId: null })).resolves.toBe(true);

      expect((await store.flowVersions.publications('faq')).map((p) => [p.version, p.note])).toEqual([
        ['v1', 'rollback'],
        ['v2', 'edit'],
      ]);
      await expect(store.flowVersions.published()).resolves.toStrictEqual([
        pub('v1', T0 + 3 * SEC, 'rollback'),
        { ...pub('h1', T0 + 4 * SEC), flowId: 'help', source: null, actorId: null },
      ]);
      await expect(store.flowVersions.publications('nope')).resolves.toEqual([]);
    });

    it('keeps two publications at the same time in the order they were made', async () => {
      await store.flowVersions.save({ flowId: 'faq', version: 'v1', definition: def('v1'), createdAt: T0 });
      await store.flowVersions.save({ flowId: 'faq', version: 'v2', definition: def('v2'), createdAt: T0 });
      await store.flowVersions.publish(pub('v1', T0));
      await store.flowVersions.publish(pub('v2', T0));
      expect((await store.flowVersions.published())[0]?.version).toBe('v2');
    });
  });
}

/** A publication's record, failing the test on a conflict (none is expected where this is used). */
function recordOf(res: FaqEntryRecord | 'conflict' | undefined): FaqEntryRecord | undefined {
  if (res === 'conflict') throw new Error('unexpected conflict');
  return res;
}
