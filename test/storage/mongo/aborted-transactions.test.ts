/**
 * What the emulator's transactions do not do and a replica set does: an operation that
 * fails inside a transaction (a duplicate key) aborts it on the server. A callback that
 * catches the error and returns normally is then committed, refused with NoSuchTransaction
 * (labelled TransientTransactionError), and run again by the driver's withTransaction,
 * until its 120 s limit (node_modules/mongodb/lib/sessions.js warns of exactly this). Here
 * the emulator's transaction is wrapped to behave so, with the retries capped, and the
 * store's answers that rely on a duplicate key are checked through it.
 */
import type { Collections, Database } from '../../../src/storage/mongo/collections';
import { createMongoStore } from '../../../src/storage/mongo/mongo-store';
import type { Enrolment } from '../../../src/storage/repositories';
import { EmulatedMongo } from './emulated-mongo';

const T0 = 1_700_000_000_000;
const MAX_RUNS = 5;

class NoSuchTransaction extends Error {
  readonly errorLabels = ['TransientTransactionError'];
}

/** The emulator's replica set, with a server's aborts and the driver's retries of them. */
function serverLikeTransactions(mongo: EmulatedMongo): Database & { runs: number } {
  const db = mongo.database({ transactions: true });
  const inner = db.transaction!;
  const wrapped = {
    ...db,
    runs: 0,
    transaction: async <T>(fn: (c: Collections) => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        wrapped.runs += 1;
        try {
          return await inner(async (c) => {
            let aborted = false;
            // Every operation of every collection: once one has failed, the transaction is gone.
            const guarded = new Proxy(c, {
              get: (target, name) => {
                const coll = target[name as keyof Collections] as unknown as Record<string, unknown>;
                return new Proxy(coll, {
                  get: (t, op) => {
                    const value = t[op as string];
                    if (typeof value !== 'function') return value;
                    return async (...args: unknown[]) => {
                      if (aborted) throw new NoSuchTransaction('NoSuchTransaction');
                      try {
                        return await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
                      } catch (err) {
                        aborted = true;
                        throw err;
                      }
                    };
                  },
                });
              },
            });
            const result = await fn(guarded);
            // The commit of an aborted transaction: refused, and the whole callback is run again.
            if (aborted) throw new NoSuchTransaction('NoSuchTransaction at commit');
            return result;
          });
        } catch (err) {
          if (err instanceof NoSuchTransaction && attempt < MAX_RUNS) continue;
          throw err;
        }
      }
    },
  };
  return wrapped;
}

describe('MongoDB store on a replica set whose transactions abort on a failed operation', () => {
  it('a second enrolment for a conversation answers false at once, not after the driver retries until its limit', async () => {
    const db = serverLikeTransactions(new EmulatedMongo());
    const store = await createMongoStore(db, { clock: () => T0 });
    const conv = await store.conversations.findOrCreate('telegram', 'p1', { id: 'conv-p1', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: T0 });
    const enrolment = (id: string): Enrolment => ({
      id, conversationId: conv.id, state: 'active', slot: 'morning', timeZone: 'Asia/Dhaka', endsAt: T0 + 86_400_000,
      missedInARow: 0, endReason: null, enrolledBy: null, createdAt: T0, updatedAt: T0, version: 0,
    });
    expect(await store.followups.enrol(enrolment('e1'), [])).toBe(true);
    const before = db.runs;
    expect(await store.followups.enrol(enrolment('e2'), [])).toBe(false);
    expect(db.runs - before).toBe(1);
    expect(await store.followups.getEnrolment('e2')).toBeUndefined();
    await store.close();
  });
});
