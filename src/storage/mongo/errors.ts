/**
 * What the driver makes of MongoDB's errors. A duplicate key (E11000) is an
 * answer, not a failure, but only on the index that means it: a duplicate on
 * the inbound dedupe key means "this message was already stored", while one on
 * `_id` means two messages got the same id — a bug that must not be mistaken
 * for a redelivery.
 */
import type { CommitResult } from '../repositories';
import { indexesOf, type CollectionName } from './schemas';

export const DEDUPE_INDEX = 'messages_dedupe';
export const ID_INDEX = '_id_';

/** One or more documents refused by unique indexes (named, one per refused document). */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly indexes: string[],
  ) {
    super(`duplicate key in ${collection} on ${[...new Set(indexes)].join(', ')}`);
    this.name = 'DuplicateKeyError';
  }

  /** Every refused document was refused by `index` only. */
  only(index: string): boolean {
    return this.indexes.length > 0 && this.indexes.every((i) => i === index);
  }
}

/** The turn's conversation moved on (another turn committed first). Thrown to roll a transaction back. */
export class VersionConflict extends Error {
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} is no longer at the version the turn read`);
    this.name = 'VersionConflict';
  }
}

/** This (channel, platformMessageId) is already stored. Thrown to roll a transaction back. */
export class AlreadyStored extends Error {
  constructor() {
    super('inbound message already stored');
    this.name = 'AlreadyStored';
  }
}

interface ServerErrorLike {
  code?: unknown;
  errmsg?: unknown;
  message?: unknown;
  keyPattern?: unknown;
  writeErrors?: unknown;
  err?: unknown;
}

const DUPLICATE_KEY = 11000;

/**
 * A driver error as the store sees it: E11000 (from a single write or from a
 * bulk write, where every write error must be a duplicate) becomes a
 * DuplicateKeyError naming the index; anything else is returned unchanged.
 */
export function toStoreError(err: unknown, collection: CollectionName): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const e = err as ServerErrorLike;
  const writeErrors = Array.isArray(e.writeErrors) ? (e.writeErrors as ServerErrorLike[]) : [];
  if (writeErrors.length > 0) {
    if (!writeErrors.every((w) => w.code === DUPLICATE_KEY)) return err;
    return new DuplicateKeyError(collection, writeErrors.map((w) => duplicateIndex(w, collection)));
  }
  if (e.code === DUPLICATE_KEY) return new DuplicateKeyError(collection, [duplicateIndex(e, collection)]);
  return err;
}

/** The index named in an E11000 error: from its message, else from its key pattern. */
export function duplicateIndex(e: ServerErrorLike, collection: CollectionName): string {
  const inner = typeof e.err === 'object' && e.err !== null ? (e.err as ServerErrorLike) : undefined;
  for (const text of [e.errmsg, e.message, inner?.errmsg]) {
    const match = typeof text === 'string' ? / index: (\S+) dup key/.exec(text) : null;
    if (match?.[1]) return match[1];
  }
  const pattern = e.keyPattern ?? inner?.keyPattern;
  if (pattern && typeof pattern === 'object') {
    const keys = Object.keys(pattern).join(',');
    const found = indexesOf(collection).find((i) => Object.keys(i.key).join(',') === keys);
    if (found) return found.name;
  }
  return 'unknown';
}

/** What a failed commit means: the two expected outcomes, or a real error (rethrown). */
export function commitOutcome(err: unknown): CommitResult {
  if (err instanceof AlreadyStored) return { status: 'duplicate' };
  if (err instanceof DuplicateKeyError && err.collection === 'messages' && err.only(DEDUPE_INDEX)) return { status: 'duplicate' };
  if (err instanceof VersionConflict) return { status: 'conflict' };
  throw err;
}
