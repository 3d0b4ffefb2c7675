/**
 * The MongoDB driver's pure parts: error mapping (on the driver's own error
 * classes), document ↔ domain mapping, URI and topology reading, and the
 * filter/update shapes of outbox leases, job leases and audit queries.
 */
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { Session } from '../../../src/engine/session';
import { auditQuery } from '../../../src/storage/mongo/audit';
import { AlreadyStored, commitOutcome, DuplicateKeyError, toStoreError, VersionConflict } from '../../../src/storage/mongo/errors';
import { escapeRegex } from '../../../src/storage/mongo/hospitals';
import { acquireLease } from '../../../src/storage/mongo/leases';
import {
  claimDoc,
  fromSettleOutbound,
  inboundDoc,
  newConversationDoc,
  outboundDoc,
  outboxDoc,
  settleOutbound,
  toConversation,
  toMessageRecord,
  toOutboxItem,
  type TurnPlace,
} from '../../../src/storage/mongo/mapping';
import { dueQuery, firstPerUser, leaseFilter } from '../../../src/storage/mongo/outbox';
import { databaseName, isMongoUri, redactUri, supportsTransactions, withDatabase } from '../../../src/storage/mongo/topology';
import type { OutboxDoc } from '../../../src/storage/mongo/documents';
import { applyUpdate, matches } from './emulated-mongo';

const T0 = 1_700_000_000_000;

describe('error mapping', () => {
  const dup = (index: string, keyPattern: object) =>
    new MongoServerError({ code: 11000, errmsg: `E11000 duplicate key error collection: sahay.messages index: ${index} dup key: { channel: "telegram" }`, keyPattern, keyValue: {} });

  it('names the index of a duplicate key from a single write', () => {
    const e = toStoreError(dup('messages_dedupe', { channel: 1, platformMessageId: 1 }), 'messages');
    expect(e).toBeInstanceOf(DuplicateKeyError);
    expect((e as DuplicateKeyError).indexes).toEqual(['messages_dedupe']);
  });

  it('falls back to the key pattern when the message does not name the index', () => {
    const e = new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error', keyPattern: { channel: 1, userId: 1 } });
    expect((toStoreError(e, 'conversations') as DuplicateKeyError).indexes).toEqual(['conversations_user']);
  });

  it('maps a bulk write whose every error is a duplicate, naming each index', () => {
    const bulk = new MongoBulkWriteError(
      {
        message: 'E11000',
        code: 11000,
        writeErrors: [
          { code: 11000, errmsg: 'E11000 duplicate key error collection: sahay.outbox index: _id_ dup key: { _id: "o1" }', index: 0 },
          { code: 11000, errmsg: 'E11000 duplicate key error collection: sahay.outbox index: _id_ dup key: { _id: "o2" }', index: 1 },
        ],
      } as never,
      {} as never,
    );
    const e = toStoreError(bulk, 'outbox') as DuplicateKeyError;
    expect(e.indexes).toEqual(['_id_', '_id_']);
    expect(e.only('_id_')).toBe(true);
  });

  it('leaves other errors alone, a bulk write with a non-duplicate error too', () => {
    const timeout = new MongoServerError({ code: 50, errmsg: 'operation exceeded time limit' });
    expect(toStoreError(timeout, 'messages')).toBe(timeout);
    const mixed = new MongoBulkWriteError({ message: 'x', code: 11000, writeErrors: [{ code: 11000, errmsg: 'E11000 index: _id_ dup key' }, { code: 121, errmsg: 'validation' }] } as never, {} as never);
    expect(toStoreError(mixed, 'messages')).toBe(mixed);
    expect(toStoreError('text', 'messages')).toBe('text');
  });

  it('turns a commit failure into duplicate or conflict, and nothing else', () => {
    expect(commitOutcome(new DuplicateKeyError('messages', ['messages_dedupe']))).toEqual({ status: 'duplicate' });
    expect(commitOutcome(new AlreadyStored())).toEqual({ status: 'duplicate' });
    expect(commitOutcome(new VersionConflict('c1'))).toEqual({ status: 'conflict' });
    // Two messages with one id is a bug, never a redelivery.
    expect(() => commitOutcome(new DuplicateKeyError('messages', ['_id_']))).toThrow('duplicate key in messages on _id_');
    expect(() => commitOutcome(new DuplicateKeyError('messages', ['messages_dedupe', '_id_']))).toThrow();
    expect(() => commitOutcome(new Error('network'))).toThrow('network');
  });
});

describe('document mapping', () => {
  const place: TurnPlace = { conversationId: 'c1', channel: 'whatsapp', userId: '8801711000000@c.us', turn: 3 };
  const session: Session = { stack: [], lang: 'bn', vars: { 'a.b': { $x: [1, null, ''] }, neg: -0.5, empty: {} }, turns: 2 };

  it('keeps a session exactly as JSON, dotted and $-keys included', () => {
    const doc = newConversationDoc('whatsapp', 'u', { id: 'c1', session, now: T0 });
    expect(typeof doc.session).toBe('string');
    expect(toConversation(doc)).toStrictEqual({ id: 'c1', channel: 'whatsapp', userId: 'u', session, version: 0, createdAt: T0, updatedAt: T0 });
    expect(toConversation({ ...doc, unreachableSince: T0 + 1 })).toMatchObject({ unreachableSince: T0 + 1 });
  });

  it('places a turn\'s messages: inbound n=0, replies 1, 2… in the turn the commit produces', () => {
    const inbound = { id: 'i', platformMessageId: 'wamid.1', content: { kind: 'location' as const, lat: 22.57, lng: 88.36 }, sentAt: T0 - 9, receivedAt: T0 };
    expect(inboundDoc(inbound, place)).toEqual({ _id: 'i', conversationId: 'c1', direction: 'in', channel: 'whatsapp', platformMessageId: 'wamid.1', content: JSON.stringify(inbound.content), sentAt: T0 - 9, at: T0, turn: 3, n: 0 });
    const claim = claimDoc(inbound, place);
    expect(claim).not.toHaveProperty('conversationId');
    expect(claim).toMatchObject({ claimFor: 'c1', claimedAt: T0, turn: 3, n: 0 });
    const out = { id: 'o', text: 'ঠিক আছে', choices: [{ payload: 'menu', title: 'মেনু' }], createdAt: T0 };
    expect(outboundDoc(out, 1, place)).toEqual({ _id: 'o', conversationId: 'c1', direction: 'out', content: JSON.stringify({ kind: 'text', text: 'ঠিক আছে', choices: out.choices }), at: T0, turn: 3, n: 2 });
    expect(toMessageRecord(outboundDoc(out, 1, place))).toEqual({ id: 'o', conversationId: 'c1', direction: 'out', content: { kind: 'text', text: 'ঠিক আছে', choices: out.choices }, at: T0 });
    expect(() => toMessageRecord(claim)).toThrow('is a claim');
    expect(fromSettleOutbound(settleOutbound(out))).toEqual(out);
    expect(fromSettleOutbound(settleOutbound({ id: 'p', text: '', createdAt: T0 }))).toStrictEqual({ id: 'p', text: '', createdAt: T0 });
  });

  it('hands out outbox items without the fields the driver keeps for itself', () => {
    const doc: OutboxDoc = { ...outboxDoc({ id: 'o', text: 'hi', createdAt: T0 }, 0, place), leaseOwner: 'p1', leaseUntil: T0, sentAt: T0 };
    expect(toOutboxItem(doc)).toStrictEqual({ id: 'o', conversationId: 'c1', channel: 'whatsapp', userId: place.userId, text: 'hi', status: 'pending', attempts: 0, nextAttemptAt: T0, createdAt: T0 });
    expect(toOutboxItem({ ...doc, lastError: 'boom', choices: '[]' })).toMatchObject({ lastError: 'boom', choices: [] });
  });
});

describe('deployment and URI', () => {
  it('runs transactions on a replica set member or a mongos, not on a standalone server', () => {
    expect(supportsTransactions({ setName: 'rs0', logicalSessionTimeoutMinutes: 30 })).toBe(true);
    expect(supportsTransactions({ msg: 'isdbgrid', logicalSessionTimeoutMinutes: 30 })).toBe(true);
    expect(supportsTransactions({ logicalSessionTimeoutMinutes: 30 })).toBe(false);
    expect(supportsTransactions({ setName: 'rs0' })).toBe(false);
  });

  it('never shows the password', () => {
    expect(redactUri('mongodb://sahay:p%40ss@db-1:27017,db-2:27017/sahay?replicaSet=rs0&authSource=admin')).toBe('mongodb://sahay:***@db-1:27017,db-2:27017/sahay?replicaSet&authSource');
    expect(redactUri('mongodb+srv://cluster0.example.net/sahay')).toBe('mongodb+srv://cluster0.example.net/sahay');
    expect(redactUri('mongodb://user@host')).toBe('mongodb://user@host');
    expect(redactUri('postgres://u:p@h/db')).toBe('mongodb://(credentials hidden)');
  });

  it('reads and replaces the database name', () => {
    expect(databaseName('mongodb://h:27017/sahay_prod?replicaSet=rs0')).toBe('sahay_prod');
    expect(databaseName('mongodb://h:27017/')).toBe('sahay');
    expect(databaseName('mongodb://h:27017')).toBe('sahay');
    expect(withDatabase('mongodb://u:p@h1,h2/sahay?replicaSet=rs0', 'sahay_test_1')).toBe('mongodb://u:p@h1,h2/sahay_test_1?replicaSet=rs0');
    // A `@` in the query ends no credentials: the database is still the path's, as the driver reads it.
    expect(databaseName('mongodb://user:pw@host/prod?appName=ops@sahay')).toBe('prod');
    expect(withDatabase('mongodb://user:pw@host/prod?appName=ops@sahay', 'other')).toBe('mongodb://user:pw@host/other?appName=ops@sahay');
    // A password the driver refuses (unescaped) is still located by the last-@ rule.
    expect(databaseName('mongodb://sahay:Pa/ssw0rd@127.0.0.1:1/sahay_prod')).toBe('sahay_prod');
    expect(withDatabase('mongodb://h', 'x')).toBe('mongodb://h/x');
    expect(isMongoUri('mongodb+srv://c.example.net')).toBe(true);
    expect(isMongoUri('http://c.example.net')).toBe(false);
  });
});

describe('filter and update shapes', () => {
  const item = (id: string, userId: string, lease?: { owner: string; until: number }): OutboxDoc => ({
    ...outboxDoc({ id, text: id, createdAt: T0 }, 0, { conversationId: `c-${userId}`, channel: 'telegram', userId, turn: 1 }),
    ...(lease ? { leaseOwner: lease.owner, leaseUntil: lease.until } : {}),
  });

  it('picks the due() query by the filters given', () => {
    expect(dueQuery(T0)).toEqual({ query: 'outbox.due', filter: { status: 'pending', nextAttemptAt: { $lte: T0 } } });
    expect(dueQuery(T0, 'telegram', '42')).toEqual({ query: 'outbox.dueForUser', filter: { status: 'pending', nextAttemptAt: { $lte: T0 }, channel: 'telegram', userId: '42' } });
    expect(dueQuery(T0, 'telegram').query).toBe('outbox.dueForChannel');
    expect(dueQuery(T0, undefined, '42').query).toBe('outbox.dueForUserId');
  });

  it('leases only pending items that are free, expired, or already ours', () => {
    const filter = leaseFilter(['a', 'b', 'c', 'd'], 'me', T0);
    expect(filter).toEqual({ _id: { $in: ['a', 'b', 'c', 'd'] }, status: 'pending', $or: [{ leaseOwner: { $exists: false } }, { leaseOwner: 'me' }, { leaseUntil: { $lte: T0 } }] });
    const docs = [item('a', 'u'), item('b', 'u', { owner: 'me', until: T0 + 5 }), item('c', 'u', { owner: 'other', until: T0 }), item('d', 'u', { owner: 'other', until: T0 + 1 })];
    expect(docs.filter((d) => matches(d as never, filter)).map((d) => d._id)).toEqual(['a', 'b', 'c']);
    expect(matches({ ...item('a', 'u'), status: 'sent' } as never, filter)).toBe(false);
  });

  it('stops each user at the first item not handed out, and goes on with the others', () => {
    const docs = [item('u1-a', 'u1'), item('u2-a', 'u2'), item('u1-b', 'u1'), item('u2-b', 'u2'), item('u1-c', 'u1')];
    expect(firstPerUser(docs, (d) => d._id !== 'u1-b').map((d) => d._id)).toEqual(['u1-a', 'u2-a', 'u2-b']);
    expect(firstPerUser(docs, () => false)).toEqual([]);
  });

  it('takes a job lease when free, expired or already held by the caller', () => {
    const { filter, update } = acquireLease('beds-refresh', 'p1', T0, 60_000);
    expect(filter).toEqual({ _id: 'beds-refresh', $or: [{ until: { $lte: T0 } }, { owner: 'p1' }] });
    expect(update).toEqual({ $set: { owner: 'p1', until: T0 + 60_000 } });
    expect(matches({ _id: 'beds-refresh', owner: 'p2', until: T0 + 1 }, filter)).toBe(false);
    expect(matches({ _id: 'beds-refresh', owner: 'p2', until: T0 }, filter)).toBe(true);
    expect(matches({ _id: 'beds-refresh', owner: 'p1', until: T0 + 9 }, filter)).toBe(true);
    // The upsert that creates a free lease: _id from the filter, the rest from $set.
    expect(applyUpdate({ _id: 'beds-refresh' }, update, true)).toEqual({ _id: 'beds-refresh', owner: 'p1', until: T0 + 60_000 });
  });

  it('walks the audit log along the most selective index, and pages by (at, id)', () => {
    expect(auditQuery({ limit: 10 })).toEqual({ query: 'audit.all', filter: {} });
    expect(auditQuery({ limit: 10, actorId: 'a1', action: 'x' })).toEqual({ query: 'audit.byActor', filter: { actorId: 'a1', action: 'x' } });
    expect(auditQuery({ limit: 10, actorId: 'a1', targetType: 'account' }).query).toBe('audit.byTargetType');
    expect(auditQuery({ limit: 10, targetType: 'account', targetId: 'a2' }).query).toBe('audit.byTarget');
    expect(auditQuery({ limit: 10, targetId: 'a2' })).toEqual({ query: 'audit.all', filter: { targetId: 'a2' } });
    const paged = auditQuery({ limit: 10, since: T0, until: T0 + 9, before: { at: T0 + 5, id: 'e5' } });
    expect(paged.filter).toEqual({ at: { $gte: T0, $lt: T0 + 9, $lte: T0 + 5 }, $or: [{ at: { $lt: T0 + 5 } }, { _id: { $lt: 'e5' } }] });
  });

  it('searches hospital names for the text as written', () => {
    expect(escapeRegex('St. John (Kol)*')).toBe('St\\. John \\(Kol\\)\\*');
    expect(new RegExp(escapeRegex('a+b'), 'i').test('A+B hospital')).toBe(true);
  });
});
