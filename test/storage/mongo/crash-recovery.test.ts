/**
 * Without a replica set a turn is several writes (src/storage/mongo/turns-ordered.ts).
 * Here the process "dies" before each of them in turn (the emulation fails the
 * n-th document write), a new process opens the same database, and the patient's
 * platform redelivers the message. Whatever the crash point, the turn ends up
 * stored exactly once, whole, with its replies queued once, and nothing is left
 * half-done (no claim, no unsettled turn).
 */
import type { Session } from '../../../src/engine/session';
import { createMongoStore, type MongoStore } from '../../../src/storage/mongo/mongo-store';
import type { Turn } from '../../../src/storage/repositories';
import { EmulatedMongo, SimulatedCrash } from './emulated-mongo';

const T0 = 1_700_000_000_000;
const TTL = 15_000;
const session = (turns: number): Session => ({ stack: [{ flow: 'triage', version: 'v1', state: `s${turns}` }], lang: 'hi', vars: { turns }, turns });

function turn(conversationId: string, pmid: string, expectedVersion: number, at: number, tag: string): Turn {
  return {
    conversationId,
    expectedVersion,
    session: session(expectedVersion + 1),
    inbound: { id: `in-${tag}`, platformMessageId: pmid, content: { kind: 'text', text: 'साँस नहीं आ रही' }, sentAt: at - 100, receivedAt: at },
    outbound: [
      { id: `out-${tag}-1`, text: 'तुरंत 108 पर कॉल करें', createdAt: at },
      { id: `out-${tag}-2`, text: 'क्या आप अकेले हैं?', choices: [{ payload: 'yes', title: 'हाँ' }], createdAt: at },
    ],
  };
}

async function setUp() {
  const mongo = new EmulatedMongo();
  const clock = { now: T0 };
  const open = (owner: string): Promise<MongoStore> => createMongoStore(mongo.database({ transactions: false }), { owner, clock: () => clock.now, claimTtlMs: TTL });
  const first = await open('first');
  const conv = await first.conversations.findOrCreate('whatsapp', '9198300', { id: 'c1', session: session(0), now: T0 });
  await first.turns.commit(turn(conv.id, 'wamid.0', 0, T0, 'zero'));
  return { mongo, clock, open, first, conv };
}

/** Writes a whole turn with two replies takes: claim, commit point, claim → message, 2 replies, 2 outbox rows, settle done. */
const WRITES_PER_TURN = 8;

/** Nothing half-done anywhere in the database. */
function expectNothingPending(mongo: EmulatedMongo): void {
  expect(mongo.all('messages').filter((m) => m.claimFor !== undefined)).toEqual([]);
  expect(mongo.all('conversations').filter((c) => c.settle !== undefined)).toEqual([]);
}

describe('a process dying in the middle of a turn (no replica set)', () => {
  it(`takes ${WRITES_PER_TURN} document writes when nothing fails`, async () => {
    const { mongo, first, conv } = await setUp();
    const before = mongo.writes;
    await first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'one'));
    expect(mongo.writes - before).toBe(WRITES_PER_TURN);
  });

  for (let crashAt = 1; crashAt <= WRITES_PER_TURN; crashAt++) {
    it(`before write ${crashAt}: the restarted process and the redelivery store the turn exactly once`, async () => {
      const { mongo, clock, open, first, conv } = await setUp();
      mongo.crashAt = mongo.writes + crashAt;
      await expect(first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'dead'))).rejects.toThrow(SimulatedCrash);
      mongo.crashAt = undefined;

      // A new process starts (recovery runs at open), then the platform redelivers, later than the claim TTL.
      clock.now = T0 + 1000 + TTL + 1;
      const second = await open('second');
      const reachedCommitPoint = crashAt > 2;
      await expect(second.conversations.get(conv.id)).resolves.toMatchObject({ version: reachedCommitPoint ? 2 : 1 });
      await expect(second.turns.seen('whatsapp', 'wamid.1')).resolves.toBe(reachedCommitPoint);

      const current = (await second.conversations.get(conv.id))!.version;
      const redelivered = await second.turns.commit(turn(conv.id, 'wamid.1', current, clock.now, 'again'));
      expect(redelivered).toEqual(reachedCommitPoint ? { status: 'duplicate' } : { status: 'committed', version: 2 });

      const tag = reachedCommitPoint ? 'dead' : 'again';
      const messages = await second.messages.list(conv.id);
      expect(messages.map((m) => m.id)).toEqual(['in-zero', 'out-zero-1', 'out-zero-2', `in-${tag}`, `out-${tag}-1`, `out-${tag}-2`]);
      const due = await second.outbox.due(Number.MAX_SAFE_INTEGER);
      expect(due.map((i) => i.id)).toEqual(['out-zero-1', 'out-zero-2', `out-${tag}-1`, `out-${tag}-2`]);
      expect(due[3]).toMatchObject({ choices: [{ payload: 'yes', title: 'हाँ' }], status: 'pending', attempts: 0 });
      await expect(second.conversations.get(conv.id)).resolves.toMatchObject({ version: 2, session: session(2) });
      expectNothingPending(mongo);
    });
  }

  it('answers conflict to a redelivery while the claim may still be in flight, and takes it over after the TTL', async () => {
    const { mongo, clock, open, first, conv } = await setUp();
    mongo.crashAt = mongo.writes + 2; // the claim is written, the commit point is not
    await expect(first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'dead'))).rejects.toThrow(SimulatedCrash);
    mongo.crashAt = undefined;

    const second = await open('second');
    // Too early to tell a dead writer from a slow one: run again later (the router retries, then the platform).
    await expect(second.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 2000, 'early'))).resolves.toEqual({ status: 'conflict' });
    await expect(second.turns.seen('whatsapp', 'wamid.1')).resolves.toBe(false);
    expect(mongo.all('messages').filter((m) => m.claimFor !== undefined).map((m) => m._id)).toEqual(['in-dead']);

    clock.now = T0 + 1000 + TTL;
    await expect(second.turns.commit(turn(conv.id, 'wamid.1', 1, clock.now, 'late'))).resolves.toEqual({ status: 'committed', version: 2 });
    expect((await second.messages.list(conv.id)).map((m) => m.id).slice(3)).toEqual(['in-late', 'out-late-1', 'out-late-2']);
    expectNothingPending(mongo);
  });

  it('fences a writer taken for dead: if it wakes up after its claim was taken over, it cannot commit', async () => {
    const { mongo, clock, open, first, conv } = await setUp();
    const second = await open('second');
    // The first process claims the message, then stalls right before its commit point (a long GC pause, a frozen VM).
    const firstStall = mongo.hold((_, query, filter) => query === 'conversations.commit' && filter.fence === 0);
    const firstCommit = first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'stalled'));
    await firstStall.reached;
    // Past the TTL a redelivery takes the message over; stop it right before its own commit point.
    clock.now = T0 + 1000 + TTL + 1;
    const secondStall = mongo.hold((_, query, filter) => query === 'conversations.commit' && filter.fence === 1);
    const secondCommit = second.turns.commit(turn(conv.id, 'wamid.1', 1, clock.now, 'taken'));
    await secondStall.reached;
    // The first wakes up first, still at version 1: the fence bumped by the takeover stops it.
    firstStall.release();
    await expect(firstCommit).resolves.toEqual({ status: 'conflict' });
    secondStall.release();
    await expect(secondCommit).resolves.toEqual({ status: 'committed', version: 2 });
    expect((await second.messages.list(conv.id)).map((m) => m.id).slice(3)).toEqual(['in-taken', 'out-taken-1', 'out-taken-2']);
    // The first process's router runs the message again, and finds it stored.
    await expect(first.turns.commit(turn(conv.id, 'wamid.1', 2, T0 + 1000, 'rerun'))).resolves.toEqual({ status: 'duplicate' });
    expectNothingPending(mongo);
  });

  it('settles a turn a crash left unsettled before the next turn of the conversation commits', async () => {
    const { mongo, clock, open, first, conv } = await setUp();
    mongo.crashAt = mongo.writes + 4; // committed; the claim became a message; no reply stored yet
    await expect(first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'cut'))).rejects.toThrow(SimulatedCrash);
    mongo.crashAt = undefined;
    // Another process handles the next message (its recovery at open, or the commit itself, finishes the cut turn).
    clock.now = T0 + 2000;
    const other = await open('other');
    await expect(other.turns.commit(turn(conv.id, 'wamid.2', 2, T0 + 2000, 'next'))).resolves.toEqual({ status: 'committed', version: 3 });
    const ids = (await other.messages.list(conv.id)).map((m) => m.id);
    expect(ids).toEqual(['in-zero', 'out-zero-1', 'out-zero-2', 'in-cut', 'out-cut-1', 'out-cut-2', 'in-next', 'out-next-1', 'out-next-2']);
    expectNothingPending(mongo);
  });

  it('lets the outbox sweep of a running process finish what a dead one left', async () => {
    const { mongo, clock, open, first, conv } = await setUp();
    const survivor = await open('survivor');
    mongo.crashAt = mongo.writes + 3; // past the commit point
    await expect(first.turns.commit(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'cut'))).rejects.toThrow(SimulatedCrash);
    mongo.crashAt = undefined;
    expect(mongo.all('conversations')[0]?.settle?.inboundId).toBe('in-cut');
    // The sweep runs the recovery at most every 10 s.
    clock.now = T0 + 11_000;
    const due = await survivor.outbox.due(clock.now);
    expect(due.map((i) => i.id)).toEqual(['out-zero-1', 'out-zero-2', 'out-cut-1', 'out-cut-2']);
    expectNothingPending(mongo);
  });
});

describe('a process dying in the middle of a turn that opens a hand-off ticket (no replica set)', () => {
  const withTicket = (t: Turn): Turn => ({
    ...t,
    tickets: [
      {
        kind: 'open',
        ticket: {
          id: 'ticket-1', conversationId: t.conversationId, channel: 'whatsapp', queue: 'kolkata-doctor', language: 'hi', priority: 4, reason: 'emergency',
          emergency: true, triage: null, state: 'waiting', assigneeId: null, createdAt: t.inbound.receivedAt, assignedAt: null, firstAssignedAt: null,
          closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: t.inbound.receivedAt,
        },
      },
    ],
  });
  // The turn's writes plus the ticket, applied by the settle before it is done.
  const writes = WRITES_PER_TURN + 1;

  for (let crashAt = 1; crashAt <= writes; crashAt++) {
    it(`before write ${crashAt}: the ticket is opened once, with the turn`, async () => {
      const { mongo, clock, open, first, conv } = await setUp();
      mongo.crashAt = mongo.writes + crashAt;
      await expect(first.turns.commit(withTicket(turn(conv.id, 'wamid.1', 1, T0 + 1000, 'dead')))).rejects.toThrow(SimulatedCrash);
      mongo.crashAt = undefined;

      clock.now = T0 + 1000 + TTL + 1;
      const second = await open('second');
      const reachedCommitPoint = crashAt > 2;
      // Recovery at open settled a committed turn, ticket included.
      await expect(second.tickets.openFor(conv.id)).resolves.toEqual(reachedCommitPoint ? expect.objectContaining({ id: 'ticket-1', state: 'waiting' }) : undefined);
      const current = (await second.conversations.get(conv.id))!.version;
      const redelivered = await second.turns.commit(withTicket(turn(conv.id, 'wamid.1', current, clock.now, 'again')));
      expect(redelivered).toEqual(reachedCommitPoint ? { status: 'duplicate' } : { status: 'committed', version: 2 });
      expect(mongo.all('tickets').map((t) => [t._id, t.openFor])).toEqual([['ticket-1', conv.id]]);
      expectNothingPending(mongo);
      await second.close();
    });
  }
});
