/**
 * The Collections port (collections.ts) on a mongoose connection. Every write
 * is validated by the schema first (inserts by mongoose, updates with
 * runValidators, imports explicitly), and MongoDB's duplicate-key errors leave
 * here as DuplicateKeyError naming the index (errors.ts).
 */
import mongoose, { type ClientSession, type Connection, type Model } from 'mongoose';
import type { Coll, Collections, Database, Filter, Update } from './collections';
import { toStoreError } from './errors';
import { QUERIES, type QueryName } from './queries';
import { COLLECTION_NAMES, MODEL_NAMES, SCHEMAS, type CollectionName, type DocOf } from './schemas';
import { databaseName, redactUri, supportsTransactions, type HelloReply } from './topology';

export interface MongooseConnectOptions {
  /** mongodb:// or mongodb+srv:// URI; the database is the URI's path (default `sahay`). */
  uri: string;
  /** 'auto' (default): transactions when the deployment supports them; 'off': the ordered-writes protocol always. */
  transactions?: 'auto' | 'off';
  /** How long to look for a server before failing (default 10 s). */
  serverSelectionTimeoutMs?: number;
}

/** Could not reach MongoDB or use it; the message names the deployment without its password. */
export class MongoConnectError extends Error {
  constructor(uri: string, cause: unknown) {
    super(`MongoDB at ${redactUri(uri)}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'MongoConnectError';
  }
}

export async function connectMongoose(opts: MongooseConnectOptions): Promise<Database> {
  const conn = mongoose.createConnection(opts.uri, {
    dbName: databaseName(opts.uri),
    // Fail at once when the server is gone rather than queueing operations in memory.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? 10_000,
  });
  let hello: HelloReply;
  try {
    await conn.asPromise();
    hello = (await admin(conn).command({ hello: 1 })) as HelloReply;
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw new MongoConnectError(opts.uri, err);
  }
  const models = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, conn.model(MODEL_NAMES[name], SCHEMAS[name])])) as unknown as Record<CollectionName, Model<unknown>>;
  const collectionsFor = (session?: ClientSession): Collections =>
    Object.fromEntries(COLLECTION_NAMES.map((name) => [name, mongooseColl(name, models[name], session)])) as unknown as Collections;
  const useTransactions = opts.transactions !== 'off' && supportsTransactions(hello);

  return {
    collections: collectionsFor(),
    transaction: useTransactions
      ? async <T>(fn: (c: Collections) => Promise<T>): Promise<T> => {
          const session = await conn.startSession();
          try {
            // withTransaction retries the whole callback on TransientTransactionError (a write conflict with another process).
            return await session.withTransaction(() => fn(collectionsFor(session)), {
              readConcern: { level: 'snapshot' },
              writeConcern: { w: 'majority' },
              readPreference: 'primary',
            });
          } finally {
            await session.endSession();
          }
        }
      : null,
    async prepare() {
      for (const name of COLLECTION_NAMES) {
        const model = models[name];
        try {
          // Collections must exist before a transaction writes to them (MongoDB < 4.4 cannot create them inside one).
          await model.createCollection();
        } catch (err) {
          if ((err as { codeName?: string }).codeName !== 'NamespaceExists') throw new MongoConnectError(opts.uri, err);
        }
        try {
          await model.createIndexes();
        } catch (err) {
          throw new MongoConnectError(opts.uri, new Error(`creating the indexes of ${model.collection.collectionName}: ${(err as Error).message}`));
        }
      }
    },
    async ping() {
      if (conn.readyState !== mongoose.ConnectionStates.connected) return false;
      try {
        await withTimeout(admin(conn).command({ ping: 1 }), 2000);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await conn.close();
    },
  };
}

function admin(conn: Connection) {
  if (!conn.db) throw new Error('not connected');
  return conn.db.admin();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function mongooseColl<K extends CollectionName>(name: K, model: Model<unknown>, session?: ClientSession): Coll<DocOf[K]> {
  type D = DocOf[K];
  const s = session ? { session } : {};
  async function run<T>(query: QueryName | null, op: () => Promise<T>): Promise<T> {
    if (query !== null && QUERIES[query].collection !== name) throw new Error(`query ${query} is not a query of ${name}`);
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err, name);
    }
  }
  const sortOf = (query: QueryName): Record<string, 1 | -1> | undefined => ('sort' in QUERIES[query] ? (QUERIES[query] as { sort: Record<string, 1 | -1> }).sort : undefined);

  return {
    name,
    findOne: (query, filter) =>
      run(query, async () => {
        const sort = sortOf(query);
        return (await model.findOne(filter, null, { ...s, ...(sort ? { sort } : {}) }).lean()) as D | null;
      }),
    find: (query, filter, o = {}) =>
      run(query, async () => {
        let q = model.find(filter, null, s);
        const sort = sortOf(query);
        if (sort) q = q.sort(sort);
        if (o.limit !== undefined && o.limit > 0) q = q.limit(o.limit);
        return (await q.lean()) as unknown as D[];
      }),
    count: (query, filter) => run(query, () => model.countDocuments(filter, s).exec()),
    estimatedCount: () => run(null, () => model.estimatedDocumentCount().exec()),
    insert: (docs, o) =>
      run(null, async () => {
        if (docs.length === 0) return;
        await model.insertMany(docs, { ...s, ordered: o.ordered, throwOnValidationError: true });
      }),
    updateOne: (query, filter, update, o = {}) =>
      run(query, async () => {
        const r = await model.updateOne(filter, update, { ...s, upsert: o.upsert === true, runValidators: true });
        return { matched: r.matchedCount, upserted: r.upsertedCount > 0 };
      }),
    updateMany: (query, filter, update) =>
      run(query, async () => {
        const r = await model.updateMany(filter, update, { ...s, runValidators: true });
        return { matched: r.matchedCount };
      }),
    deleteOne: (query, filter) =>
      run(query, async () => {
        const r = await model.deleteOne(filter, s);
        return { deleted: r.deletedCount };
      }),
    deleteMany: (query, filter) =>
      run(query, async () => {
        const r = await model.deleteMany(filter, s);
        return { deleted: r.deletedCount };
      }),
    findOneAndUpdate: (query, filter, update, o = {}) =>
      run(query, async () => (await model.findOneAndUpdate(filter, update, { ...s, upsert: o.upsert === true, returnDocument: 'after', runValidators: true }).lean()) as D | null),
    insertMissing: (query, items) =>
      run(query, async () => {
        if (items.length === 0) return { inserted: 0, refused: 0 };
        // bulkWrite does not validate upserts: validate every document as an insert would.
        for (const { doc } of items) await new model(doc).validate();
        const ops = items.map(({ filter, doc }) => ({ updateOne: { filter, update: { $setOnInsert: without(doc as unknown as Record<string, unknown>, filter) } as Update, upsert: true } }));
        try {
          const r = await model.bulkWrite(ops as never, { ...s, ordered: false });
          return { inserted: r.upsertedCount, refused: 0 };
        } catch (err) {
          const e = err as { writeErrors?: Array<{ code?: number }>; result?: { upsertedCount?: number } };
          const writeErrors = e.writeErrors ?? [];
          if (writeErrors.length === 0 || !writeErrors.every((w) => w.code === 11000)) throw err;
          return { inserted: e.result?.upsertedCount ?? 0, refused: writeErrors.length };
        }
      }),
  };
}

/** The document without the fields its upsert filter sets already (MongoDB copies equality fields into an upserted document). */
function without(doc: Record<string, unknown>, filter: Filter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !(k in filter)));
}
