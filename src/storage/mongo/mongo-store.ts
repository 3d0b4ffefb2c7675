/**
 * The MongoDB store (mongoose), for deployments that run several Sahay
 * processes on one database. Selected by MONGODB_URI (see open-store.ts).
 *
 * ```ts
 * const store = await openMongoStore({ uri: 'mongodb://db-1,db-2,db-3/sahay?replicaSet=rs0' });
 * store.transactions; // true on a replica set: each turn is one transaction
 * ```
 *
 * On a replica set (or sharded cluster) a turn is one transaction; on a
 * standalone server it is the ordered-writes protocol of turns-ordered.ts. Both
 * give the Store contract; the README says what differs. Several processes may
 * share the database: inbound dedupe is a unique index, a turn commits only on
 * the conversation version it read, the outbox leases what it hands out, and
 * `leases` lets a scheduled job run in one process at a time.
 */
import { randomUUID } from 'node:crypto';
import type { LeaseRepository, Store } from '../repositories';
import type { Database } from './collections';
import { mongoAccounts } from './accounts';
import { mongoAudit } from './audit';
import { mongoConsoleSessions } from './console-sessions';
import { mongoConversations } from './conversations';
import { mongoFaq } from './faq';
import { mongoFlowVersions } from './flow-versions';
import { mongoFollowups } from './followups';
import { mongoHospitals } from './hospitals';
import { mongoImporter } from './importer';
import { mongoLeases } from './leases';
import { throttleStoreClient, type ThrottleStoreClient } from './login-throttle';
import { mongoMessages } from './messages';
import { connectMongoose, type MongooseConnectOptions } from './mongoose-collections';
import { mongoOutbox } from './outbox';
import { recover, type RecoveryReport } from './recover';
import { mongoTickets } from './tickets';
import type { StoreImporter } from './transfer';
import { commitInTransaction } from './turns-transaction';
import { commitOrdered } from './turns-ordered';

export interface MongoStoreTuning {
  /** This process, as the holder of outbox leases (default: a random id per store). */
  owner?: string;
  /** How long outbox items handed out by due() stay this process's (default 5 minutes). */
  outboxLeaseMs?: number;
  /** Without a replica set: how old an uncommitted claim must be to be taken for abandoned (default 15 s). */
  claimTtlMs?: number;
  /** How often the outbox sweep also runs the crash recovery (default 10 s). */
  recoverEveryMs?: number;
  /** Wall clock for leases, claims and recovery (default Date.now). */
  clock?: () => number;
}

export interface MongoStore extends Store {
  /** true when turns commit in transactions (replica set or sharded cluster). */
  readonly transactions: boolean;
  /** Named leases: a scheduled job runs in one process at a time. */
  readonly leases: LeaseRepository;
  /** The console's sign-in throttle counters, shared by every process (login-throttle.ts). */
  readonly throttleStoreClient: ThrottleStoreClient;
  /** Inserts copied rows (sahay store migrate). */
  readonly importer: StoreImporter;
  /** Finishes turns and releases claims a crash left behind (without a replica set). Runs at open and with the outbox sweep. */
  recover(): Promise<RecoveryReport>;
}

export type MongoStoreOptions = MongooseConnectOptions & MongoStoreTuning;

export async function openMongoStore(opts: MongoStoreOptions): Promise<MongoStore> {
  const db = await connectMongoose(opts);
  try {
    await db.prepare();
    return await createMongoStore(db, opts);
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** A store on an open Database (the mongoose one, or the tests' in-memory one). */
export async function createMongoStore(db: Database, tuning: MongoStoreTuning = {}): Promise<MongoStore> {
  const c = db.collections;
  const clock = tuning.clock ?? Date.now;
  const claimTtlMs = tuning.claimTtlMs ?? 15_000;
  const recoverEveryMs = tuning.recoverEveryMs ?? 10_000;
  const outbox = mongoOutbox(c, { owner: tuning.owner ?? randomUUID(), leaseMs: tuning.outboxLeaseMs ?? 5 * 60_000, clock });
  const transaction = db.transaction;
  let closed = false;
  let lastRecovery = -Infinity;
  let recovering: Promise<RecoveryReport> | undefined;

  const runRecovery = (): Promise<RecoveryReport> =>
    (recovering ??= recover(c, clock(), claimTtlMs).finally(() => {
      lastRecovery = clock();
      recovering = undefined;
    }));

  const store: MongoStore = {
    transactions: transaction !== null,
    conversations: mongoConversations(c),
    turns: {
      async seen(channel, platformMessageId) {
        // A claim (a turn still committing, or abandoned) is not a stored message yet.
        const doc = await c.messages.findOne('messages.byDedupeKey', { channel, platformMessageId });
        return doc !== null && doc.conversationId !== undefined;
      },
      commit(turn) {
        return transaction ? commitInTransaction(transaction, turn) : commitOrdered(c, turn, { claimTtlMs });
      },
    },
    messages: mongoMessages(c),
    outbox: {
      ...outbox,
      async due(now, opts = {}) {
        // A sweep (not one user's queue) also finishes, now and then, what a crashed process left.
        if (opts.userId === undefined && clock() - lastRecovery >= recoverEveryMs) await runRecovery();
        return outbox.due(now, opts);
      },
    },
    flowVersions: mongoFlowVersions(c),
    accounts: mongoAccounts(c),
    consoleSessions: mongoConsoleSessions(c),
    audit: mongoAudit(c),
    hospitals: mongoHospitals(c, transaction),
    faq: mongoFaq(c, transaction),
    tickets: mongoTickets(c, transaction),
    followups: mongoFollowups(c, transaction),
    leases: mongoLeases(c, clock),
    throttleStoreClient: throttleStoreClient(c),
    importer: mongoImporter(c),
    recover: runRecovery,
    async ping() {
      return !closed && (await db.ping());
    },
    async close() {
      if (closed) return;
      closed = true;
      await recovering?.catch(() => undefined);
      await db.close();
    },
  };
  await runRecovery();
  return store;
}
