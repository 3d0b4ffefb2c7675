/**
 * The mongoose schemas, without a server: documents the driver writes pass
 * validation, malformed ones fail on the right field, unknown fields are
 * refused, and the index definitions are the ones the queries rely on.
 */
import mongoose, { type Model } from 'mongoose';
import { COLLECTION_NAMES, indexesOf, MODEL_NAMES, SCHEMAS, type CollectionName } from '../../../src/storage/mongo/schemas';
import { claimDoc, inboundDoc, newConversationDoc, outboundDoc, outboxDoc, settleOutbound, type TurnPlace } from '../../../src/storage/mongo/mapping';

const conn = mongoose.createConnection(); // never opened: models only validate
const models = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, conn.model(MODEL_NAMES[n], SCHEMAS[n])])) as unknown as Record<CollectionName, Model<unknown>>;

afterAll(() => conn.close());

const T0 = 1_700_000_000_000;
const place: TurnPlace = { conversationId: 'c1', channel: 'telegram', userId: '42', turn: 1 };
const inbound = { id: 'in-1', platformMessageId: 'tg-1', content: { kind: 'text' as const, text: 'জ্বর' }, sentAt: T0 - 5, receivedAt: T0 };
const reply = { id: 'out-1', text: 'কত দিন?', choices: [{ payload: '1', title: 'এক' }], createdAt: T0 };

/** Field paths that fail validation ([] when valid). */
async function invalidPaths(collection: CollectionName, doc: Record<string, unknown>): Promise<string[]> {
  try {
    await new models[collection](doc).validate();
    return [];
  } catch (err) {
    return Object.keys((err as mongoose.Error.ValidationError).errors ?? {}).sort();
  }
}

describe('documents the driver writes are valid', () => {
  it.each([
    ['conversations', newConversationDoc('whatsapp', '8801711000000@c.us', { id: 'c1', session: { stack: [], lang: null, vars: { a: {} }, turns: 0 }, now: T0 })],
    ['conversations', { ...newConversationDoc('cli', 'me', { id: 'c2', session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: T0 }), unreachableSince: T0, settle: { inboundId: 'in-1', turn: 1, outbound: [settleOutbound(reply), settleOutbound({ id: 'o2', text: '', createdAt: T0 })] } }],
    ['messages', inboundDoc(inbound, place)],
    ['messages', claimDoc(inbound, place)],
    ['messages', outboundDoc(reply, 0, place)],
    ['outbox', outboxDoc(reply, 0, place)],
    ['outbox', { ...outboxDoc({ id: 'o2', text: '', createdAt: T0 }, 1, place), status: 'dead', attempts: 3, lastError: '403 blocked', sentAt: T0, leaseOwner: 'p1', leaseUntil: T0 }],
    ['flowVersions', { flowId: 'triage', version: 'sha-1', definition: JSON.stringify({ when: { 'triage.level': 'emergency' } }), createdAt: T0 }],
    ['leases', { _id: 'beds-refresh', owner: 'p1', until: T0 }],
    ['accounts', { _id: 'a1', username: 'rita', displayName: 'ডাঃ রিতা', roles: ['doctor'], languages: ['bn', 'hi'], queues: [], active: true, passwordHash: '$2b$12$x', createdAt: T0, updatedAt: T0 }],
    ['consoleSessions', { _id: 'f00d', accountId: 'a1', createdAt: T0, lastSeenAt: T0 }],
    ['loginThrottle', { key: 'acct:asha', points: 5, expire: new Date(T0) }],
    ['audit', { _id: 'e1', at: T0, actorId: null, action: 'auth.signed_in', targetType: null, targetId: null, ipHash: null, details: '{}' }],
    ['counters', { _id: 'hospitals', value: 0 }],
    ['faqEntries', { _id: 'isolation-how-long', latestVersion: 2, publishedVersion: null, createdAt: T0, updatedAt: T0 }],
    ['faqVersions', { _id: 'isolation-how-long@1', entryId: 'isolation-how-long', version: 1, content: '{"id":"isolation-how-long"}', savedAt: T0, actorId: null, note: 'import' }],
    ['flowPublications', { _id: 'triage#1', flowId: 'triage', version: 'sha-1', source: null, publishedAt: T0, actorId: 'a1', note: 'edit', seq: 1 }],
    ['bedSources', { _id: 'wb-portal', lastAttemptAt: T0, lastSuccessAt: null, ok: false, error: 'HTTP 503', rows: 0, imported: 0, skipped: 0 }],
  ] as Array<[CollectionName, object]>)('%s %#', async (collection, doc) => {
    await expect(invalidPaths(collection, doc as Record<string, unknown>)).resolves.toEqual([]);
  });

  it('a hospital with and without location, names and desk token', async () => {
    const base = { _id: 'h1', name: 'SSKM', names: {}, region: null, district: null, city: null, pincode: null, address: null, phones: [], ownership: null, category: null, lat: null, lng: null, beds: '{}', createdAt: T0, updatedAt: T0, rev: 1 };
    await expect(invalidPaths('hospitals', base)).resolves.toEqual([]);
    await expect(invalidPaths('hospitals', { ...base, names: { bn: 'এসএসকেএম' }, ownership: 'government', lat: 22.5, lng: 88.3, phones: ['033 2204 1101'], deskTokenHash: 'ab', deskTokenIssuedAt: T0 })).resolves.toEqual([]);
  });
});

describe('malformed documents fail on the field at fault', () => {
  const conversation = newConversationDoc('telegram', '42', { id: 'c1', session: { stack: [], lang: null, vars: {}, turns: 0 }, now: T0 });
  const message = inboundDoc(inbound, place);
  const item = outboxDoc(reply, 0, place);

  it.each([
    ['conversations', { ...conversation, channel: 'sms' }, ['channel']],
    ['conversations', { ...conversation, version: -1 }, ['version']],
    ['conversations', { ...conversation, version: 1.5 }, ['version']],
    ['conversations', { ...conversation, session: '{not json' }, ['session']],
    ['conversations', { ...conversation, userId: '' }, ['userId']],
    ['conversations', { ...conversation, settle: { turn: 0, outbound: [] } }, ['settle.inboundId', 'settle.turn']],
    ['messages', { ...message, platformMessageId: undefined }, ['platformMessageId']],
    ['messages', { ...message, conversationId: undefined }, ['conversationId']],
    ['messages', { ...outboundDoc(reply, 0, place), platformMessageId: 'x' }, ['platformMessageId']],
    ['messages', { ...outboundDoc(reply, 0, place), claimFor: 'c1', claimedAt: T0, conversationId: undefined }, ['claimFor']],
    ['messages', { ...claimDoc(inbound, place), claimedAt: undefined }, ['claimedAt']],
    ['messages', { ...message, direction: 'sideways' }, ['direction', 'platformMessageId']],
    ['messages', { ...message, turn: 0 }, ['turn']],
    ['outbox', { ...item, status: 'lost' }, ['status']],
    ['outbox', { ...item, attempts: -1 }, ['attempts']],
    ['outbox', { ...item, text: undefined }, ['text']],
    ['outbox', { ...item, choices: '[{' }, ['choices']],
    ['accounts', { _id: 'a1', username: 'r', displayName: 'R', roles: ['root'], languages: ['fr'], queues: [], active: true, passwordHash: 'h', createdAt: T0, updatedAt: T0 }, ['languages.0', 'roles.0']],
    ['hospitals', { _id: 'h1', name: 'X', names: {}, phones: [], ownership: 'charity', lat: 91, lng: 0, beds: '{}', createdAt: T0, updatedAt: T0, rev: 0 }, ['lat', 'ownership']],
    ['leases', { _id: 'job', owner: '', until: T0 }, ['owner']],
  ] as Array<[CollectionName, Record<string, unknown>, string[]]>)('%s %#', async (collection, doc, paths) => {
    await expect(invalidPaths(collection, doc)).resolves.toEqual(paths);
  });

  it('refuses fields the schema does not know (a mapping bug, not data to drop)', () => {
    expect(() => new models.conversations({ ...conversation, sesion: '{}' })).toThrow(/sesion.*not in schema/);
    expect(() => new models.outbox({ ...item, leaseowner: 'x' })).toThrow(/not in schema/);
  });
});

describe('index definitions', () => {
  it('names every index, with the keys and options the driver relies on', () => {
    const all = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, indexesOf(n).map((i) => `${i.name} ${JSON.stringify(i.key)}${i.unique ? ' unique' : ''}${i.sparse ? ' sparse' : ''}`)]));
    expect(all).toEqual({
      conversations: ['_id_ {"_id":1} unique', 'conversations_user {"channel":1,"userId":1} unique', 'conversations_unsettled {"settle.inboundId":1} sparse'],
      messages: [
        '_id_ {"_id":1} unique',
        'messages_dedupe {"channel":1,"platformMessageId":1} unique sparse',
        'messages_conversation {"conversationId":1,"at":1,"turn":1,"n":1}',
        'messages_claims {"claimedAt":1} sparse',
      ],
      outbox: [
        '_id_ {"_id":1} unique',
        'outbox_due {"status":1,"createdAt":1,"turn":1,"n":1,"nextAttemptAt":1}',
        'outbox_user {"status":1,"channel":1,"userId":1,"createdAt":1,"turn":1,"n":1,"nextAttemptAt":1}',
        'outbox_channel {"status":1,"channel":1,"createdAt":1,"turn":1,"n":1,"nextAttemptAt":1}',
      ],
      flowVersions: ['_id_ {"_id":1} unique', 'flow_versions_key {"flowId":1,"version":1} unique', 'flow_versions_list {"flowId":1,"createdAt":1,"_id":1}'],
      leases: ['_id_ {"_id":1} unique'],
      accounts: ['_id_ {"_id":1} unique', 'accounts_username {"username":1} unique'],
      consoleSessions: [
        '_id_ {"_id":1} unique',
        'console_sessions_account {"accountId":1}',
        'console_sessions_last_seen {"lastSeenAt":1}',
        'console_sessions_created {"createdAt":1}',
      ],
      loginThrottle: ['_id_ {"_id":1} unique', 'login_throttle_key {"key":1} unique', 'login_throttle_expire {"expire":1}'],
      audit: [
        '_id_ {"_id":1} unique',
        'audit_at {"at":1,"_id":1}',
        'audit_actor {"actorId":1,"at":1,"_id":1}',
        'audit_target_type {"targetType":1,"at":1,"_id":1}',
        'audit_target {"targetType":1,"targetId":1,"at":1,"_id":1}',
      ],
      hospitals: ['_id_ {"_id":1} unique', 'hospitals_district {"district":1,"_id":1}'],
      bedSources: ['_id_ {"_id":1} unique'],
      counters: ['_id_ {"_id":1} unique'],
      flowPublications: ['_id_ {"_id":1} unique', 'flow_publications_flow {"flowId":1,"seq":-1}'],
      faqEntries: ['_id_ {"_id":1} unique'],
      faqVersions: ['_id_ {"_id":1} unique', 'faq_versions_key {"entryId":1,"version":1} unique'],
      tickets: [
        '_id_ {"_id":1} unique',
        'tickets_open {"openFor":1} unique sparse',
        'tickets_state_order {"state":1,"priority":-1,"createdAt":1,"_id":1}',
        'tickets_assignee_order {"assigneeId":1,"state":1,"priority":-1,"createdAt":1,"_id":1}',
        'tickets_state_closed {"state":1,"closedAt":1}',
        'tickets_state_created {"state":1,"createdAt":1}',
      ],
      ticketEvents: ['_id_ {"_id":1} unique', 'ticket_events_timeline {"ticketId":1,"seq":1,"_id":1}'],
      followupEnrolments: [
        '_id_ {"_id":1} unique',
        'followup_enrolments_current {"currentFor":1} unique sparse',
        'followup_enrolments_state {"state":1,"createdAt":-1,"_id":-1}',
      ],
      followupCheckins: [
        '_id_ {"_id":1} unique',
        'followup_checkins_due {"state":1,"dueAt":1,"_id":1}',
        'followup_checkins_enrolment {"enrolmentId":1,"dueAt":1,"_id":1}',
      ],
      followupTasks: [
        '_id_ {"_id":1} unique',
        'followup_tasks_cause {"kind":1,"causeId":1} unique',
        'followup_tasks_open {"open":1,"createdAt":1,"_id":1}',
        'followup_tasks_done {"open":1,"doneAt":-1,"_id":1}',
        'followup_tasks_enrolment {"enrolmentId":1}',
      ],
    });
  });

  it('keeps outbound messages out of the dedupe index (a sparse index skips documents without its fields)', () => {
    const out = outboundDoc(reply, 0, place) as unknown as Record<string, unknown>;
    expect(out).not.toHaveProperty('channel');
    expect(out).not.toHaveProperty('platformMessageId');
  });

  it('gives every collection its own MongoDB collection name', () => {
    const names = COLLECTION_NAMES.map((n) => SCHEMAS[n].get('collection') as string);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('messages');
  });
});
