/**
 * Every query the MongoDB driver runs (src/storage/mongo/queries.ts) is served
 * by an index of its collection, checked without a server. The emulation used by
 * the contract suite also refuses any filter whose shape differs from its entry,
 * so the table below is what the code really asks.
 *
 * An index serves a query when (MongoDB's Equality-Sort-Range rule):
 * - its first keys are the query's equality fields (in any order);
 * - the query's sort fields come next, in order, all in the index's direction or all reversed;
 * - the range field is a later key of the index;
 * or when the equality fields cover a unique index (at most one document: a point lookup).
 * Residual fields (checked on the documents read) need a point lookup or a stated reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES, filterShapeProblems, type QueryName, type QuerySpec } from '../../../src/storage/mongo/queries';
import { indexesOf, type IndexDef } from '../../../src/storage/mongo/schemas';

type Served = { index: string; how: 'point lookup' | 'index scan' };

function servingIndex(spec: QuerySpec, indexes: IndexDef[]): Served | undefined {
  for (const idx of indexes) {
    const keys = Object.entries(idx.key);
    if (idx.unique && keys.every(([k]) => spec.eq.includes(k))) return { index: idx.name, how: 'point lookup' };
  }
  for (const idx of indexes) {
    const keys = Object.entries(idx.key);
    const eq = new Set(spec.eq);
    let i = 0;
    while (i < keys.length && eq.has(keys[i]![0])) i++;
    if (i !== eq.size) continue;
    const sort = Object.entries(spec.sort ?? {});
    const next = keys.slice(i, i + sort.length);
    const sortServed =
      next.length === sort.length &&
      next.every(([k], j) => k === sort[j]![0]) &&
      new Set(next.map(([, d], j) => d * sort[j]![1])).size <= 1;
    if (!sortServed) continue;
    if (spec.range !== undefined && !keys.slice(i).some(([k]) => k === spec.range)) continue;
    return { index: idx.name, how: 'index scan' };
  }
  return undefined;
}

const names = Object.keys(QUERIES) as QueryName[];

describe('every query has an index', () => {
  it.each(names)('%s', (name) => {
    const spec: QuerySpec = QUERIES[name];
    const served = servingIndex(spec, indexesOf(spec.collection));
    expect(served).toBeDefined();
    if (served?.how === 'index scan' && (spec.residual?.length ?? 0) > 0) expect(spec.why).toEqual(expect.any(String));
  });
});

describe('the coverage rule itself', () => {
  const idx = (name: string, key: Record<string, 1 | -1>, unique = false): IndexDef => ({ name, key, unique, sparse: false });
  const indexes = [idx('_id_', { _id: 1 }, true), idx('a_b_c', { a: 1, b: 1, c: 1 }), idx('x_t', { x: 1, t: -1 })];

  it.each<[string, QuerySpec, string | undefined]>([
    ['point lookup by _id, whatever else', { collection: 'outbox', eq: ['_id', 'z'], residual: ['y'] }, '_id_'],
    ['equality prefix in any order', { collection: 'outbox', eq: ['b', 'a'] }, 'a_b_c'],
    ['equality then sort', { collection: 'outbox', eq: ['a', 'b'], sort: { c: -1 } }, 'a_b_c'],
    ['sort read backwards', { collection: 'outbox', eq: ['x'], sort: { t: 1 } }, 'x_t'],
    ['range after the prefix', { collection: 'outbox', eq: ['a'], range: 'c' }, 'a_b_c'],
    ['a gap in the prefix', { collection: 'outbox', eq: ['a', 'c'] }, undefined],
    ['sort not next to the prefix', { collection: 'outbox', eq: ['a'], sort: { c: 1 } }, undefined],
    ['mixed sort directions', { collection: 'outbox', eq: [], sort: { a: 1, b: -1 } }, undefined],
    ['range not in the index', { collection: 'outbox', eq: ['a'], range: 'q' }, undefined],
    ['no index at all', { collection: 'outbox', eq: ['q'] }, undefined],
  ])('%s', (_, spec, expected) => {
    expect(servingIndex(spec, indexes)?.index).toBe(expected);
  });
});

describe('the query table', () => {
  const sources = readdirSync(join(__dirname, '../../../src/storage/mongo'))
    .filter((f) => f.endsWith('.ts') && f !== 'queries.ts')
    .map((f) => readFileSync(join(__dirname, '../../../src/storage/mongo', f), 'utf8'))
    .join('\n');

  it.each(names)('%s is used by the driver', (name) => {
    expect(sources).toContain(`'${name}'`);
  });

  it('refuses a filter whose shape differs from the entry', () => {
    expect(filterShapeProblems('outbox.dueForUser', { status: 'pending', channel: 'telegram', userId: 'u', nextAttemptAt: { $lte: 1 } })).toEqual([]);
    expect(filterShapeProblems('outbox.dueForUser', { status: 'pending', channel: 'telegram' })).toEqual(['outbox.dueForUser: equality field userId missing from the filter']);
    expect(filterShapeProblems('outbox.byId', { _id: 'x', text: 'y' })).toEqual(['outbox.byId: field text is not declared in queries.ts']);
    expect(filterShapeProblems('leases.acquire', { _id: 'x', $or: [{ until: { $lte: 1 } }, { owner: 'a' }] })).toEqual([]);
    expect(filterShapeProblems('leases.byName', { _id: 'x', $or: [{ owner: 'a' }] })).toEqual(['leases.byName: $or field owner is not declared in queries.ts']);
  });
});
