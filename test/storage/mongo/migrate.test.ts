/**
 * `sahay store migrate --from sqlite --to mongodb` without a MongoDB server: a
 * SQLite file filled through the SQLite store is copied into the MongoDB
 * driver running on the emulated database, then read back through the Store
 * interface of both, which must agree on everything. A second run copies nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../../src/engine/session';
import { createMongoStore, type MongoStore } from '../../../src/storage/mongo/mongo-store';
import { runStoreMigrate } from '../../../src/storage/mongo/migrate-command';
import type { Store, Ticket, Turn } from '../../../src/storage/repositories';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { EmulatedMongo } from './emulated-mongo';

const T0 = 1_700_000_000_000;
const URI = 'mongodb://sahay:s3cret@db-1:27017,db-2:27017/sahay?replicaSet=rs0';
const session = (turns: number): Session => ({ stack: [{ flow: 'triage', version: 'v1', state: `s${turns}` }], lang: 'bn', vars: { turns, note: 'শ্বাসকষ্ট' }, turns });

function turn(conversationId: string, pmid: string, expectedVersion: number, replies: number): Turn {
  const at = T0 + expectedVersion * 1000;
  return {
    conversationId,
    expectedVersion,
    session: session(expectedVersion + 1),
    inbound: { id: `in-${pmid}`, platformMessageId: pmid, content: { kind: 'text', text: `বার্তা ${pmid}` }, sentAt: at - 50, receivedAt: at },
    // Replies created in the same millisecond: their order must survive the copy.
    outbound: Array.from({ length: replies }, (_, i) => ({ id: `out-${pmid}-${i}`, text: `উত্তর ${i}`, ...(i === 1 ? { choices: [{ payload: 'yes', title: 'হ্যাঁ' }] } : {}), createdAt: at })),
  };
}

function handoffTicket(conversationId: string, at: number): Ticket {
  return {
    id: 't-1', conversationId, channel: 'telegram', queue: 'kolkata-doctor', language: 'bn', priority: 3, reason: 'asked', emergency: false,
    triage: { level: 'doctor', reasons: ['spo2_low'], answers: { spo2: 93 }, at }, state: 'waiting', assigneeId: null, createdAt: at,
    assignedAt: null, firstAssignedAt: null, closedAt: null, closedBy: null, outcome: null, rating: null, updatedAt: at,
  };
}

/** An embedded install with a bit of everything. */
async function fill(store: Store): Promise<string[]> {
  const convs: string[] = [];
  for (const [i, [channel, user]] of ([['whatsapp', '8801711000000@c.us'], ['telegram', '42'], ['webchat', 'w-1']] as const).entries()) {
    const conv = await store.conversations.findOrCreate(channel, user, { id: `conv-${i}`, session: session(0), now: T0 });
    convs.push(conv.id);
    for (let v = 0; v < 3 + i; v++) {
      const t = turn(conv.id, `${channel}-${v}`, v, (v % 3) + 0);
      // The telegram patient asked for a doctor on their third turn: a hand-off ticket.
      if (channel === 'telegram' && v === 2) t.tickets = [{ kind: 'open', ticket: handoffTicket(conv.id, t.inbound.receivedAt) }];
      await store.turns.commit(t);
    }
  }
  await store.tickets.claim({ ticketId: 't-1', operatorId: 'a1', at: T0 + 10_000, eventId: 'ev-claim' });
  await store.tickets.addNote({ id: 'ev-note', ticketId: 't-1', actorId: 'a1', at: T0 + 10_000, text: 'রোগীর ছেলে ফোন করবে' });
  const enrolment = { id: 'enr-0', conversationId: 'conv-0', state: 'active' as const, slot: 'morning' as const, timeZone: 'Asia/Dhaka', endsAt: T0 + 7 * 86_400_000, missedInARow: 1, endReason: null, enrolledBy: null, createdAt: T0, updatedAt: T0, version: 0 };
  const checkin = (day: number) => ({ id: `enr-0-d${day}`, enrolmentId: 'enr-0', conversationId: 'conv-0', dueAt: T0 + day * 86_400_000, state: 'scheduled' as const, version: 0, claimedAt: null, reading: null, updatedAt: T0 });
  await store.followups.enrol(enrolment, [checkin(1), checkin(2)]);
  await store.followups.transition({ id: 'enr-0-d1', from: 'scheduled', expectedVersion: 0, to: 'answered', at: T0 + 86_400_000, claimedAt: T0 + 86_400_000, reading: { at: T0 + 86_400_000, spo2: 96, temperature: 37.8, symptoms: ['cough'], feeling: 'better', level: 'home_isolation', reasons: [] } });
  const task = { enrolmentId: 'enr-0', conversationId: 'conv-0', kind: 'call_patient' as const, doneAt: null, doneBy: null };
  await store.followups.addTask({ ...task, id: 'task-1', causeId: 'enr-0-d1', createdAt: T0 + 1 });
  await store.followups.addTask({ ...task, id: 'task-2', causeId: 'enr-0-d2', createdAt: T0 + 2 });
  await store.followups.completeTask('task-1', 'a1', T0 + 3);
  await store.conversations.setReachable('conv-1', false, T0 + 99);
  await store.outbox.markSent('out-whatsapp-1-0', T0 + 5000);
  await store.outbox.markFailed('out-whatsapp-2-0', '429 Too Many Requests', T0 + 60_000);
  await store.outbox.markFailed('out-telegram-2-1', '403 blocked by the user', null);
  await store.outbox.postpone('out-webchat-4-0', 'web chat user not connected', T0 + 3_600_000);
  await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: { id: 'triage', when: { 'triage.level': 'emergency' } }, createdAt: T0 });
  await store.flowVersions.save({ flowId: 'triage', version: 'v2', definition: { id: 'triage', v: 2 }, createdAt: T0 + 1 });
  await store.flowVersions.publish({ flowId: 'triage', version: 'v2', source: 'id: triage # edited', publishedAt: T0 + 2, actorId: 'a1', note: 'edit' });
  await store.flowVersions.publish({ flowId: 'triage', version: 'v1', source: null, publishedAt: T0 + 3, actorId: null, note: 'rollback' });
  await store.accounts.create({ id: 'a1', username: 'rita', displayName: 'ডাঃ রিতা', roles: ['doctor'], languages: ['bn', 'hi'], queues: ['triage'], active: true, registration: 'WBMC 61234', passwordHash: '$2b$12$hash', createdAt: T0, updatedAt: T0 });
  for (let i = 0; i < 7; i++) {
    await store.audit.append({ id: `e${i}`, at: T0 + Math.floor(i / 2), actorId: i % 2 ? 'a1' : null, action: 'auth.signed_in', targetType: null, targetId: null, ipHash: 'f00d', details: { n: i, ok: true, note: null } });
  }
  await store.hospitals.upsertMany(
    ['h1', 'h2', 'h3'].map((id, i) => ({
      id,
      name: `Hospital ${i}`,
      names: i ? { bn: `হাসপাতাল ${i}` } : {},
      region: 'West Bengal',
      district: i ? 'Kolkata' : null,
      city: null,
      pincode: '700020',
      address: null,
      phones: i ? ['033 2204 1101'] : null,
      ownership: i ? ('government' as const) : null,
      category: null,
      location: i ? { lat: 22.53, lng: 88.34 } : null,
      beds: { icu: { total: 10, vacant: i, updatedAt: T0, source: 'file:kolkata.csv', male: { total: 5, vacant: null } } },
    })),
    T0,
  );
  await store.hospitals.setDeskToken('h2', { hash: 'ab'.repeat(32), issuedAt: T0 + 7 });
  await store.hospitals.saveSourceStatus({ id: 'wb-portal', lastAttemptAt: T0, lastSuccessAt: null, ok: false, error: 'HTTP 503', rows: 0, imported: 0, skipped: 0 });
  const faq = (id: string, answer: string) => ({ id, topics: ['isolation'], questions: { en: ['how long?'] }, answers: { en: answer, bn: 'অন্তত ৭ দিন' }, source: 'MoHFW', reviewed: '2022-01-10' });
  await store.faq.save([{ content: faq('isolation', 'v1'), publish: true, note: 'starter' }, { content: faq('oxygen', 'v1'), publish: false, note: 'starter' }], { actorId: null, at: T0 });
  await store.faq.save([{ content: faq('isolation', 'v2'), publish: false, note: 'edit', baseVersion: 1 }], { actorId: 'a1', at: T0 + 1 });
  return convs;
}

/** Everything readable through the Store interface. */
async function everything(store: Store, convs: string[]) {
  return {
    conversations: await Promise.all(convs.map((id) => store.conversations.get(id))),
    count: await store.conversations.count(),
    messages: await Promise.all(convs.map((id) => store.messages.list(id))),
    due: await store.outbox.due(Number.MAX_SAFE_INTEGER),
    items: await Promise.all(['out-whatsapp-1-0', 'out-whatsapp-2-0', 'out-telegram-2-1', 'out-webchat-4-0'].map((id) => store.outbox.get(id))),
    counts: await store.outbox.countByStatus(),
    flows: await store.flowVersions.list('triage'),
    publications: await store.flowVersions.publications('triage'),
    published: await store.flowVersions.published(),
    accounts: await store.accounts.list(),
    audit: await store.audit.list({ limit: 100 }),
    hospitals: await store.hospitals.list(),
    deskToken: await store.hospitals.deskToken('h2'),
    sources: await store.hospitals.listSourceStatus(),
    faq: await store.faq.list(),
    faqVersions: await store.faq.versions('isolation'),
    tickets: await store.tickets.list({}),
    openTicket: await store.tickets.openFor('conv-1'),
    ticketEvents: await store.tickets.events('t-1'),
    enrolments: await store.followups.listEnrolments(),
    current: await store.followups.currentFor('conv-0'),
    checkins: await store.followups.checkins('enr-0'),
    tasks: await store.followups.tasks(),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const perUser = (items: Array<{ id: string; channel: string; userId: string }>) => {
  const users = new Map<string, string[]>();
  for (const i of items) users.set(`${i.channel}:${i.userId}`, [...(users.get(`${i.channel}:${i.userId}`) ?? []), i.id]);
  return Object.fromEntries(users);
};

describe.each([false, true])('sahay store migrate --from sqlite --to mongodb (replica set: %s)', (transactions) => {
  let dir: string;
  let file: string;
  let mongo: EmulatedMongo;
  let out: string[];
  let err: string[];
  const io = () => ({
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    openTarget: async (uri: string): Promise<MongoStore> => {
      expect(uri).toBe(URI);
      return createMongoStore(mongo.database({ transactions }));
    },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-migrate-'));
    file = join(dir, 'sahay.db');
    mongo = new EmulatedMongo();
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies everything, reads back the same through the Store interface, and copies nothing twice', async () => {
    const sqlite = openSqliteStore({ file });
    const convs = await fill(sqlite);
    const before = await everything(sqlite, convs);
    await sqlite.close();

    await expect(runStoreMigrate({ sqliteFile: file, mongodbUri: URI }, { from: 'sqlite', to: 'mongodb', batchSize: 4 }, io())).resolves.toBe(0);
    expect(err).toEqual([]);
    // The password never reaches the output.
    expect(out.join('\n')).not.toContain('s3cret');
    expect(out[0]).toBe(`Copying ${file} into MongoDB at mongodb://sahay:***@db-1:27017,db-2:27017/sahay?replicaSet (${transactions ? 'replica set' : 'standalone server'})`);
    expect(out).toContainEqual(expect.stringMatching(/^messages\s+22 read\s+22 copied\s+0 already there\s+0 refused$/));
    expect(out).toContainEqual(expect.stringMatching(/^conversations\s+3 read\s+3 copied/));
    expect(out).toContainEqual(expect.stringMatching(/^hospitals\s+3 read\s+3 copied/));
    expect(out).toContainEqual(expect.stringMatching(/^tickets\s+1 read\s+1 copied/));
    expect(out).toContainEqual(expect.stringMatching(/^ticketEvents\s+2 read\s+2 copied/));
    expect(out).toContainEqual(expect.stringMatching(/^followupCheckins\s+2 read\s+2 copied/));
    expect(out).toContainEqual(expect.stringMatching(/^followupTasks\s+2 read\s+2 copied/));
    expect(out.at(-1)).toBe('Done. Running the migration again copies nothing twice.');

    const target = await createMongoStore(mongo.database({ transactions }));
    const after = await everything(target, convs);
    expect(after).toStrictEqual({ ...before, due: after.due });
    // The queue holds the same items, and each person's in the same order. (Across people, items
    // created in the same millisecond may come in another order: MongoDB orders them by turn, not
    // by a global commit sequence that several processes could only keep with a shared counter.)
    expect([...after.due].sort(byId)).toStrictEqual([...before.due].sort(byId));
    expect(perUser(after.due)).toEqual(perUser(before.due));
    await expect(target.hospitals.revision()).resolves.toBeGreaterThan(0);
    await expect(target.faq.revision()).resolves.toBeGreaterThan(0);

    // A second run inserts nothing and changes nothing.
    out = [];
    await expect(runStoreMigrate({ sqliteFile: file, mongodbUri: URI }, { from: 'sqlite', to: 'mongodb' }, io())).resolves.toBe(0);
    expect(out.filter((l) => / copied /.test(l)).every((l) => /\s0 copied/.test(l))).toBe(true);
    expect(out).toContainEqual(expect.stringMatching(/^messages\s+22 read\s+0 copied\s+22 already there/));
    expect(await everything(target, convs)).toStrictEqual(after);

    // The migrated conversations go on on MongoDB: the next turn commits on the copied version,
    // a redelivered old message is still a duplicate.
    await expect(target.turns.commit(turn('conv-2', 'webchat-5', 5, 1))).resolves.toEqual({ status: 'committed', version: 6 });
    const redelivered = turn('conv-2', 'webchat-0', 6, 1);
    await expect(target.turns.commit({ ...redelivered, inbound: { ...redelivered.inbound, id: 'in-redelivered' } })).resolves.toEqual({ status: 'duplicate' });
    await expect(target.turns.seen('whatsapp', 'whatsapp-2')).resolves.toBe(true);
    // The copied ticket goes on too: a note written on MongoDB comes after the copied timeline,
    // and the conversation still has one open ticket.
    await target.tickets.addNote({ id: 'ev-after', ticketId: 't-1', actorId: 'a1', at: T0, text: 'x' });
    expect((await target.tickets.events('t-1')).map((e) => e.id)).toEqual(['ev-claim', 'ev-note', 'ev-after']);
    await expect(target.followups.enrol({ ...(after.current!), id: 'enr-again' }, [])).resolves.toBe(false);
    await target.close();
  });

  it('refuses what MongoDB already holds under another id, and says so', async () => {
    const sqlite = openSqliteStore({ file });
    await sqlite.accounts.create({ id: 'a1', username: 'rita', displayName: 'R', roles: ['admin'], languages: [], queues: [], active: true, passwordHash: 'h', createdAt: T0, updatedAt: T0 });
    await sqlite.close();
    const target = await createMongoStore(mongo.database({ transactions }));
    await target.accounts.create({ id: 'other', username: 'rita', displayName: 'R2', roles: ['admin'], languages: [], queues: [], active: true, passwordHash: 'h', createdAt: T0, updatedAt: T0 });
    await expect(runStoreMigrate({ sqliteFile: file, mongodbUri: URI }, { from: 'sqlite', to: 'mongodb' }, io())).resolves.toBe(1);
    expect(out).toContainEqual(expect.stringMatching(/^accounts\s+1 read\s+0 copied\s+0 already there\s+1 refused$/));
    expect(err.join('\n')).toMatch(/1 rows were refused.*Nothing was overwritten/);
    await expect(target.accounts.findByUsername('rita')).resolves.toMatchObject({ id: 'other' });
    await target.close();
  });

  it('explains what is missing instead of copying', async () => {
    const cfg = { sqliteFile: file, mongodbUri: URI };
    await expect(runStoreMigrate(cfg, { from: 'mongodb', to: 'sqlite' }, io())).resolves.toBe(64);
    await expect(runStoreMigrate({ sqliteFile: file }, { from: 'sqlite', to: 'mongodb' }, io())).resolves.toBe(78);
    await expect(runStoreMigrate(cfg, { from: 'sqlite', to: 'mongodb' }, io())).resolves.toBe(1);
    await expect(runStoreMigrate(cfg, { from: 'sqlite', to: 'mongodb', batchSize: Number.NaN }, io())).resolves.toBe(64);
    expect(err).toEqual([
      'Only `sahay store migrate --from sqlite --to mongodb` is supported.',
      'MONGODB_URI is not set: set it (in .env) to the MongoDB to copy into, e.g. mongodb://127.0.0.1:27017/sahay',
      `There is no SQLite database at ${file} (DATA_DIR): nothing to copy.`,
      '--batch-size must be a whole number of rows, at least 1.',
    ]);
  });
});
