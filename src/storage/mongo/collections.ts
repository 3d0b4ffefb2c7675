/**
 * The small set of collection operations the MongoDB store is written
 * against. mongoose-collections.ts implements it on a mongoose connection;
 * the tests implement it in memory, which lets the whole contract suite and
 * the crash tests run on this machine, which has no MongoDB server.
 *
 * Every read and conditional write names its query in queries.ts: the sort
 * comes from there, and the filter must have the shape declared there.
 */
import type { QueryName } from './queries';
import type { CollectionName, DocOf } from './schemas';

export type Filter = Record<string, unknown>;

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, 1>;
  $inc?: Record<string, number>;
  $setOnInsert?: Record<string, unknown>;
}

export interface Coll<D> {
  readonly name: CollectionName;
  findOne(query: QueryName, filter: Filter): Promise<D | null>;
  /** Sorted as the query declares; `limit` > 0 caps the result (0 or absent: no cap). */
  find(query: QueryName, filter: Filter, opts?: { limit?: number }): Promise<D[]>;
  count(query: QueryName, filter: Filter): Promise<number>;
  /** From collection metadata: fast, and exact after a clean shutdown. */
  estimatedCount(): Promise<number>;
  /** Validated against the schema first. Throws DuplicateKeyError naming the unique indexes that refused documents. */
  insert(docs: D[], opts: { ordered: boolean }): Promise<void>;
  updateOne(query: QueryName, filter: Filter, update: Update, opts?: { upsert?: boolean }): Promise<{ matched: number; upserted: boolean }>;
  updateMany(query: QueryName, filter: Filter, update: Update): Promise<{ matched: number }>;
  deleteOne(query: QueryName, filter: Filter): Promise<{ deleted: number }>;
  deleteMany(query: QueryName, filter: Filter): Promise<{ deleted: number }>;
  /** The document after the update (or the upserted one); null when nothing matched and no upsert. */
  findOneAndUpdate(query: QueryName, filter: Filter, update: Update, opts?: { upsert?: boolean }): Promise<D | null>;
  /**
   * For imports: insert each document unless one matching its filter exists
   * (`$setOnInsert` upserts, unordered). Documents refused by a unique index
   * other than the filter's are counted, not thrown.
   */
  insertMissing(query: QueryName, items: Array<{ filter: Filter; doc: D }>): Promise<{ inserted: number; refused: number }>;
}

export type Collections = { readonly [K in CollectionName]: Coll<DocOf[K]> };

export interface Database {
  /** Outside any transaction. */
  readonly collections: Collections;
  /**
   * Runs `fn` in a transaction, retried on transient errors (a write conflict with
   * another process). null when the deployment cannot run transactions (a
   * standalone server): the store then uses the ordered-writes protocol.
   */
  readonly transaction: (<T>(fn: (c: Collections) => Promise<T>) => Promise<T>) | null;
  /** Creates the collections and their indexes (idempotent). */
  prepare(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
