/**
 * An in-memory stand-in for a MongoDB deployment, implementing the driver's
 * Collections port (src/storage/mongo/collections.ts), so that the MongoDB store's
 * own logic — commit protocols, dedupe, leases, recovery, imports — runs through
 * the whole contract suite on a machine without a MongoDB server.
 *
 * It is strict where a real server would be, and stricter where it helps:
 * - every document written (inserted, or as it is after an update) is validated
 *   by the real mongoose schema, with strict 'throw' (unknown fields fail);
 * - unique indexes are the schemas' own (sparse ones skip documents without any
 *   of their fields), and refusals come back as DuplicateKeyError naming the index;
 * - every named query's filter must have the shape queries.ts declares, and the
 *   sort is the declared one;
 * - filters and updates are cast by mongoose as a real run would cast them (strict
 *   'throw': a path the schema does not know fails, as do values of the wrong type);
 * - every operation yields to the event loop first, so concurrent callers interleave
 *   between operations as they would between round trips;
 * - `crashAt` makes the n-th document write (counted from 1) fail, to stand for a
 *   process dying between two writes.
 *
 * What it does not do: transactions are serialized and rolled back by an undo log
 * (a real server isolates them by snapshot and retries write conflicts), and
 * readers outside a transaction can see its writes before it ends. The MongoDB run of
 * the contract suite (mongo.test.ts with MONGODB_URI) covers the real thing.
 */
import mongoose, { type Model } from 'mongoose';
import type { Coll, Collections, Database, Filter, Update } from '../../../src/storage/mongo/collections';
import { DuplicateKeyError } from '../../../src/storage/mongo/errors';
import { filterShapeProblems, QUERIES, type QueryName } from '../../../src/storage/mongo/queries';
import { COLLECTION_NAMES, indexesOf, MODEL_NAMES, SCHEMAS, type CollectionName, type DocOf, type IndexDef } from '../../../src/storage/mongo/schemas';

type Doc = Record<string, unknown>;

export class SimulatedCrash extends Error {
  constructor(readonly write: number) {
    super(`simulated crash before document write ${write}`);
    this.name = 'SimulatedCrash';
  }
}

let validationConnection: mongoose.Connection | undefined;
function validationModels(): Record<CollectionName, Model<unknown>> {
  // Never opened: models on it only construct and validate documents.
  validationConnection ??= mongoose.createConnection();
  const conn = validationConnection;
  return Object.fromEntries(COLLECTION_NAMES.map((n) => [n, conn.models[MODEL_NAMES[n]] ?? conn.model(MODEL_NAMES[n], SCHEMAS[n])])) as unknown as Record<CollectionName, Model<unknown>>;
}

export class EmulatedMongo {
  readonly data = new Map<CollectionName, Map<string, Doc>>(COLLECTION_NAMES.map((n) => [n, new Map()]));
  /** Document writes so far. */
  writes = 0;
  /** The write (counted from 1) that fails with SimulatedCrash; undefined: none. */
  crashAt: number | undefined;
  /** Every named query run, for tests that look at what was asked. */
  readonly queries: Array<{ collection: CollectionName; query: QueryName; filter: Filter }> = [];
  private readonly models = validationModels();
  private readonly indexes = new Map(COLLECTION_NAMES.map((n) => [n, indexesOf(n).filter((i) => i.unique)]));
  private txTail: Promise<unknown> = Promise.resolve();
  private holds: Array<{ when: (collection: CollectionName, query: QueryName, filter: Filter) => boolean; gate: Promise<void>; reached: () => void }> = [];
  private ids = 0;

  /** A connection to this deployment; `transactions` says whether it is a replica set. */
  database(opts: { transactions: boolean }): Database {
    let closed = false;
    const live = (): void => {
      if (closed) throw new Error('connection closed');
    };
    const collectionsWith = (undo?: UndoLog): Collections =>
      Object.fromEntries(COLLECTION_NAMES.map((n) => [n, this.coll(n, live, undo)])) as unknown as Collections;
    return {
      collections: collectionsWith(),
      transaction: opts.transactions
        ? <T>(fn: (c: Collections) => Promise<T>): Promise<T> => {
            const run = this.txTail.then(async () => {
              live();
              const undo: UndoLog = [];
              try {
                return await fn(collectionsWith(undo));
              } catch (err) {
                for (const { collection, key, before } of undo.reverse()) {
                  if (before === undefined) this.data.get(collection)!.delete(key);
                  else this.data.get(collection)!.set(key, before);
                }
                throw err;
              }
            });
            this.txTail = run.catch(() => undefined);
            return run;
          }
        : null,
      prepare: async () => undefined,
      ping: async () => !closed,
      close: async () => {
        closed = true;
      },
    };
  }

  /**
   * Pauses the first operation matching `when` before it reads or writes anything,
   * until `release()`: a process stalled between two round trips.
   */
  hold(when: (collection: CollectionName, query: QueryName, filter: Filter) => boolean): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reachedP = new Promise<void>((resolve) => (reached = resolve));
    this.holds.push({ when, gate, reached });
    return { reached: reachedP, release };
  }

  /** All documents of a collection (copies). */
  all<K extends CollectionName>(collection: K): DocOf[K][] {
    return [...this.data.get(collection)!.values()].map((d) => structuredClone(d) as unknown as DocOf[K]);
  }

  private coll<K extends CollectionName>(name: K, live: () => void, undo: UndoLog | undefined): Coll<DocOf[K]> {
    type D = DocOf[K];
    const docs = this.data.get(name)!;
    const out = (d: Doc | undefined): D | null => (d ? (structuredClone(d) as unknown as D) : null);
    const begin = async (query: QueryName | null, filter?: Filter): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      live();
      if (query === null) return;
      if (QUERIES[query].collection !== name) throw new Error(`query ${query} is not a query of ${name}`);
      const held = this.holds.findIndex((h) => h.when(name, query, filter ?? {}));
      if (held >= 0) {
        const [h] = this.holds.splice(held, 1);
        h!.reached();
        await h!.gate;
        live();
      }
      const problems = filterShapeProblems(query, filter ?? {});
      if (problems.length) throw new Error(problems.join('\n'));
      this.queries.push({ collection: name, query, filter: structuredClone(filter ?? {}) });
      // As mongoose casts it before sending: throws on unknown paths (strictQuery 'throw') and bad values.
      this.models[name].find(filter ?? {}).cast();
    };
    const castUpdate = (update: Update): void => {
      // Query#_castUpdate is internal to mongoose; fail loudly if an upgrade removes it rather than skip the check.
      const q = this.models[name].updateOne({}, update) as unknown as { _castUpdate?: (u: unknown) => unknown };
      if (typeof q._castUpdate !== 'function') throw new Error('mongoose no longer has Query#_castUpdate: update how the emulation casts updates');
      q._castUpdate(structuredClone(update));
    };
    const matching = (query: QueryName, filter: Filter): Doc[] => sortDocs([...docs.values()].filter((d) => matches(d, filter)), sortOf(query));

    const write = async (key: string, next: Doc | undefined, inserting = false): Promise<void> => {
      this.writes += 1;
      if (this.crashAt !== undefined && this.writes >= this.crashAt) throw new SimulatedCrash(this.writes);
      if (inserting && docs.has(key)) throw new DuplicateKeyError(name, ['_id_']);
      if (next) {
        await this.validate(name, next);
        this.checkUnique(name, key, next);
      }
      undo?.push({ collection: name, key, before: docs.get(key) });
      if (next) docs.set(key, next);
      else docs.delete(key);
    };
    /** Returns the new document's key. ObjectIds are made in order, as one process makes them. */
    const insertOne = async (doc: Doc): Promise<string> => {
      const copy = structuredClone(doc);
      if (copy._id === undefined) copy._id = (++this.ids).toString(16).padStart(24, '0');
      await write(String(copy._id), copy, true);
      return String(copy._id);
    };
    const updateDoc = async (d: Doc, update: Update): Promise<Doc> => {
      const next = applyUpdate(d, update, false);
      await write(String(d._id), next);
      return next;
    };
    const upsert = async (filter: Filter, update: Update): Promise<Doc> => {
      const seed: Doc = {};
      for (const [k, v] of Object.entries(filter)) if (!k.startsWith('$') && !isOperatorObject(v)) setPath(seed, k, structuredClone(v));
      return docs.get(await insertOne(applyUpdate(seed, update, true)))!;
    };

    return {
      name,
      findOne: async (query, filter) => {
        await begin(query, filter);
        return out(matching(query, filter)[0]);
      },
      find: async (query, filter, o = {}) => {
        await begin(query, filter);
        const found = matching(query, filter);
        return (o.limit ? found.slice(0, o.limit) : found).map((d) => out(d)!);
      },
      count: async (query, filter) => {
        await begin(query, filter);
        return matching(query, filter).length;
      },
      estimatedCount: async () => {
        await begin(null);
        return docs.size;
      },
      insert: async (list, o) => {
        await begin(null);
        const refused: string[] = [];
        for (const doc of list) {
          try {
            await insertOne(doc as unknown as Doc);
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err;
            refused.push(...err.indexes);
            if (o.ordered) break;
          }
        }
        if (refused.length) throw new DuplicateKeyError(name, refused);
      },
      updateOne: async (query, filter, update, o = {}) => {
        await begin(query, filter);
        castUpdate(update);
        const found = matching(query, filter)[0];
        if (found) {
          await updateDoc(found, update);
          return { matched: 1, upserted: false };
        }
        if (!o.upsert) return { matched: 0, upserted: false };
        await upsert(filter, update);
        return { matched: 0, upserted: true };
      },
      updateMany: async (query, filter, update) => {
        await begin(query, filter);
        castUpdate(update);
        const found = matching(query, filter);
        for (const d of found) await updateDoc(d, update);
        return { matched: found.length };
      },
      deleteOne: async (query, filter) => {
        await begin(query, filter);
        const found = matching(query, filter)[0];
        if (!found) return { deleted: 0 };
        await write(String(found._id), undefined);
        return { deleted: 1 };
      },
      deleteMany: async (query, filter) => {
        await begin(query, filter);
        const found = matching(query, filter);
        for (const d of found) await write(String(d._id), undefined);
        return { deleted: found.length };
      },
      findOneAndUpdate: async (query, filter, update, o = {}) => {
        await begin(query, filter);
        castUpdate(update);
        const found = matching(query, filter)[0];
        if (found) return out(await updateDoc(found, update));
        if (!o.upsert) return null;
        return out(await upsert(filter, update));
      },
      insertMissing: async (query, items) => {
        await begin(query, items[0]?.filter ?? {});
        let inserted = 0;
        let refused = 0;
        for (const { filter, doc } of items) {
          if ([...docs.values()].some((d) => matches(d, filter))) continue;
          try {
            await insertOne(doc as unknown as Doc);
            inserted += 1;
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err;
            refused += 1;
          }
        }
        return { inserted, refused };
      },
    };
  }

  private async validate(collection: CollectionName, doc: Doc): Promise<void> {
    // The constructor throws on unknown fields (strict 'throw'); validate() checks the rest.
    await new this.models[collection](doc).validate();
  }

  private checkUnique(collection: CollectionName, key: string, doc: Doc): void {
    for (const index of this.indexes.get(collection)!) {
      const tuple = indexKey(index, doc);
      if (tuple === undefined) continue;
      for (const [otherKey, other] of this.data.get(collection)!) {
        if (otherKey !== key && indexKey(index, other) === tuple) throw new DuplicateKeyError(collection, [index.name]);
      }
    }
  }
}

type UndoLog = Array<{ collection: CollectionName; key: string; before: Doc | undefined }>;

/** The index key of a document as text; undefined when a sparse index skips it. Missing fields index as null. */
function indexKey(index: IndexDef, doc: Doc): string | undefined {
  const values = Object.keys(index.key).map((f) => getPath(doc, f));
  if (index.sparse && values.every((v) => v === undefined)) return undefined;
  return JSON.stringify(values.map((v) => (v === undefined ? null : v)));
}

function sortOf(query: QueryName): Record<string, 1 | -1> | undefined {
  const spec = QUERIES[query] as { sort?: Record<string, 1 | -1> };
  return spec.sort;
}

function sortDocs(list: Doc[], sort: Record<string, 1 | -1> | undefined): Doc[] {
  if (!sort) return list;
  const keys = Object.entries(sort);
  return list.sort((a, b) => {
    for (const [field, dir] of keys) {
      const c = compare(getPath(a, field), getPath(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function isOperatorObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'));
}

/** The operators the driver uses, with MongoDB's semantics for missing fields; anything else fails loudly. */
export function matches(doc: Doc, filter: Filter): boolean {
  return Object.entries(filter).every(([key, cond]) => {
    if (key === '$or') return (cond as Filter[]).some((f) => matches(doc, f));
    if (key === '$and') return (cond as Filter[]).every((f) => matches(doc, f));
    const value = getPath(doc, key);
    if (!isOperatorObject(cond)) return value !== undefined && JSON.stringify(value) === JSON.stringify(cond);
    return Object.entries(cond as Record<string, unknown>).every(([op, arg]) => {
      switch (op) {
        case '$exists':
          return (value !== undefined) === arg;
        case '$eq':
          // As MongoDB: { $eq: null } also matches a missing field.
          return arg === null ? value === undefined || value === null : value !== undefined && JSON.stringify(value) === JSON.stringify(arg);
        case '$ne':
          return value === undefined || JSON.stringify(value) !== JSON.stringify(arg);
        case '$in':
          return value !== undefined && (arg as unknown[]).some((a) => JSON.stringify(a) === JSON.stringify(value));
        case '$lte':
          return typeof value === typeof arg && value !== undefined && (value as number) <= (arg as number);
        case '$lt':
          return typeof value === typeof arg && value !== undefined && (value as number) < (arg as number);
        case '$gte':
          return typeof value === typeof arg && value !== undefined && (value as number) >= (arg as number);
        case '$gt':
          return typeof value === typeof arg && value !== undefined && (value as number) > (arg as number);
        case '$regex': {
          const options = (cond as { $options?: string }).$options ?? '';
          if (options !== '' && options !== 'i') throw new Error(`emulated MongoDB does not know $options ${options}`);
          return typeof value === 'string' && new RegExp(arg as string, `u${options}`).test(value);
        }
        case '$options':
          return true;
        default:
          throw new Error(`emulated MongoDB does not know ${op}`);
      }
    });
  });
}

export function applyUpdate(doc: Doc, update: Update, inserting: boolean): Doc {
  const next = structuredClone(doc);
  for (const op of Object.keys(update)) if (!['$set', '$unset', '$inc', '$setOnInsert'].includes(op)) throw new Error(`emulated MongoDB does not know ${op}`);
  if (inserting) for (const [k, v] of Object.entries(update.$setOnInsert ?? {})) setPath(next, k, structuredClone(v));
  for (const [k, v] of Object.entries(update.$set ?? {})) setPath(next, k, structuredClone(v));
  for (const k of Object.keys(update.$unset ?? {})) unsetPath(next, k);
  for (const [k, v] of Object.entries(update.$inc ?? {})) setPath(next, k, ((getPath(next, k) as number | undefined) ?? 0) + v);
  return next;
}

function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts.at(-1)!] = value;
}

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return;
    cur = (cur as Doc)[part];
  }
  if (typeof cur === 'object' && cur !== null) delete (cur as Doc)[parts.at(-1)!];
}
