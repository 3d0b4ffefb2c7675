/**
 * Every query the MongoDB driver sends, by name, with the shape of its filter
 * and its sort. Code names the query it runs (`coll.find('outbox.due', ...)`),
 * the sort is taken from here, and a test checks each entry against the
 * indexes of its collection (test/storage/mongo/index-coverage.test.ts), so a
 * new query without an index fails the build rather than a busy deployment.
 *
 * Shape:
 * - `eq`: fields compared for equality (`$in` counts as equality);
 * - `range`: the one field bounded by a range (`$lte`, `$lt`, `$exists: true`);
 * - `sort`: the order, served by the index (read forwards or backwards);
 * - `residual`: further conditions checked on the documents the index found —
 *   allowed when `eq` pins a unique key (at most one document), otherwise `why` says.
 *   Fields inside `$or` branches are checked on documents too, and must be declared.
 */
import type { CollectionName } from './schemas';

export interface QuerySpec {
  collection: CollectionName;
  eq: readonly string[];
  range?: string;
  sort?: Readonly<Record<string, 1 | -1>>;
  residual?: readonly string[];
  /** Why a residual filter or an in-memory sort is fine although `eq` does not pin one document. */
  why?: string;
}

const DELIVERY_ORDER = { createdAt: 1, turn: 1, n: 1 } as const;
const AUDIT_ORDER = { at: -1, _id: -1 } as const;
const AUDIT_WHY = 'the action filter, a target id without its type, and the page boundary are checked on entries read newest first along the index';
const TICKET_ORDER = { priority: -1, createdAt: 1, _id: 1 } as const;
const TICKET_LIST_WHY = 'the queue, creation and closing bounds are checked on tickets read in queue order within the states asked (open tickets number in the hundreds; lists since a time are tickets.listClosedSince and tickets.listCreatedSince)';
const HOSPITAL_TEXT_WHY = 'a case-insensitive match inside names cannot use an index: it is checked on hospitals read in id order (a registry holds thousands)';

export const QUERIES = {
  'conversations.byId': { collection: 'conversations', eq: ['_id'] },
  'conversations.markUnreachable': { collection: 'conversations', eq: ['_id'], residual: ['unreachableSince'] },
  'conversations.byUser': { collection: 'conversations', eq: ['channel', 'userId'] },
  /** The commit point: only on the version the turn read (and, without a replica set, the fence it read, with no unsettled turn). */
  'conversations.commit': { collection: 'conversations', eq: ['_id', 'version'], residual: ['fence', 'settle.inboundId'] },
  'conversations.fence': { collection: 'conversations', eq: ['_id', 'version'], residual: ['fence', 'settle.inboundId'] },
  'conversations.settled': { collection: 'conversations', eq: ['_id', 'settle.inboundId'] },
  'conversations.unsettled': { collection: 'conversations', eq: [], range: 'settle.inboundId' },

  'messages.byId': { collection: 'messages', eq: ['_id'] },
  'messages.byDedupeKey': { collection: 'messages', eq: ['channel', 'platformMessageId'] },
  'messages.list': { collection: 'messages', eq: ['conversationId'], sort: { at: -1, turn: -1, n: -1 } },
  'messages.settleClaim': { collection: 'messages', eq: ['_id', 'claimFor'] },
  'messages.releaseClaim': { collection: 'messages', eq: ['_id'], residual: ['claimFor'] },
  'messages.staleClaims': { collection: 'messages', eq: [], range: 'claimedAt' },

  'outbox.byId': { collection: 'outbox', eq: ['_id'] },
  'outbox.due': { collection: 'outbox', eq: ['status'], range: 'nextAttemptAt', sort: DELIVERY_ORDER },
  'outbox.dueForUser': { collection: 'outbox', eq: ['status', 'channel', 'userId'], range: 'nextAttemptAt', sort: DELIVERY_ORDER },
  'outbox.dueForChannel': { collection: 'outbox', eq: ['status', 'channel'], range: 'nextAttemptAt', sort: DELIVERY_ORDER },
  // The deliverer names a user only with a channel; this serves the interface's user-only form
  // by walking the sweep's index and skipping other users.
  'outbox.dueForUserId': {
    collection: 'outbox',
    eq: ['status'],
    range: 'nextAttemptAt',
    sort: DELIVERY_ORDER,
    residual: ['userId'],
    why: 'not on the delivery path: walks the pending rows in order, skipping other users',
  },
  'outbox.countByStatus': { collection: 'outbox', eq: ['status'] },
  'outbox.countPending': { collection: 'outbox', eq: ['status'] },
  'outbox.markSent': { collection: 'outbox', eq: ['_id'], residual: ['status'] },
  'outbox.markFailed': { collection: 'outbox', eq: ['_id', 'status'] },
  'outbox.postpone': { collection: 'outbox', eq: ['_id', 'status'] },
  /** Claims a batch of due items for this process: only those free, expired or already ours. */
  'outbox.lease': { collection: 'outbox', eq: ['_id', 'status'], residual: ['leaseOwner', 'leaseUntil'] },
  'outbox.leased': { collection: 'outbox', eq: ['_id', 'leaseOwner', 'leaseUntil'] },

  'flowVersions.byKey': { collection: 'flowVersions', eq: ['flowId', 'version'] },
  'flowVersions.list': { collection: 'flowVersions', eq: ['flowId'], sort: { createdAt: 1, _id: 1 } },

  'leases.acquire': { collection: 'leases', eq: ['_id'], residual: ['owner', 'until'] },
  'leases.byName': { collection: 'leases', eq: ['_id'] },
  'leases.release': { collection: 'leases', eq: ['_id', 'owner'] },

  'accounts.byId': { collection: 'accounts', eq: ['_id'] },
  'accounts.byUsername': { collection: 'accounts', eq: ['username'] },
  'accounts.all': { collection: 'accounts', eq: [], sort: { username: 1 } },

  'consoleSessions.byId': { collection: 'consoleSessions', eq: ['_id'] },
  /** Never moves lastSeenAt backwards. */
  'consoleSessions.touch': { collection: 'consoleSessions', eq: ['_id'], residual: ['lastSeenAt'] },
  'consoleSessions.ofAccount': { collection: 'consoleSessions', eq: ['accountId'], residual: ['_id'], why: 'an account has a few sessions; the one to keep is skipped among them' },
  'consoleSessions.idle': { collection: 'consoleSessions', eq: [], range: 'lastSeenAt' },
  'consoleSessions.old': { collection: 'consoleSessions', eq: [], range: 'createdAt' },

  // rate-limiter-flexible's RateLimiterMongo (login-throttle.ts): one counter by key; expired ones are skipped.
  'loginThrottle.upsert': { collection: 'loginThrottle', eq: ['key'], residual: ['expire'] },
  'loginThrottle.get': { collection: 'loginThrottle', eq: ['key'], residual: ['expire'] },
  'loginThrottle.delete': { collection: 'loginThrottle', eq: ['key'] },

  // Newest first along (…, at, _id); `before` pages by (at, _id): at is bounded by the index,
  // and the entries of the boundary millisecond are checked one by one.
  'audit.byId': { collection: 'audit', eq: ['_id'] },
  'audit.all': { collection: 'audit', eq: [], range: 'at', sort: AUDIT_ORDER, residual: ['action', 'targetId', '_id'], why: AUDIT_WHY },
  'audit.byActor': { collection: 'audit', eq: ['actorId'], range: 'at', sort: AUDIT_ORDER, residual: ['action', 'targetId', '_id'], why: AUDIT_WHY },
  'audit.byTargetType': { collection: 'audit', eq: ['targetType'], range: 'at', sort: AUDIT_ORDER, residual: ['actorId', 'action', '_id'], why: AUDIT_WHY },
  'audit.byTarget': { collection: 'audit', eq: ['targetType', 'targetId'], range: 'at', sort: AUDIT_ORDER, residual: ['actorId', 'action', '_id'], why: AUDIT_WHY },

  'hospitals.byId': { collection: 'hospitals', eq: ['_id'] },
  /** A merge writes only on the rev it read. */
  'hospitals.merge': { collection: 'hospitals', eq: ['_id', 'rev'] },
  'hospitals.list': { collection: 'hospitals', eq: [], range: '_id', sort: { _id: 1 }, residual: ['name', 'district', 'city'], why: HOSPITAL_TEXT_WHY },
  'hospitals.listDistrict': { collection: 'hospitals', eq: ['district'], range: '_id', sort: { _id: 1 }, residual: ['name', 'district', 'city'], why: HOSPITAL_TEXT_WHY },
  'bedSources.byId': { collection: 'bedSources', eq: ['_id'] },
  'bedSources.all': { collection: 'bedSources', eq: [], sort: { _id: 1 } },
  'counters.byId': { collection: 'counters', eq: ['_id'] },

  'flowPublications.byId': { collection: 'flowPublications', eq: ['_id'] },
  'flowPublications.ofFlow': { collection: 'flowPublications', eq: ['flowId'], sort: { seq: -1 } },
  'flowPublications.all': { collection: 'flowPublications', eq: [], sort: { flowId: 1, seq: -1 } },

  'faqEntries.byId': { collection: 'faqEntries', eq: ['_id'] },
  'faqEntries.all': { collection: 'faqEntries', eq: [], sort: { _id: 1 } },
  /** Moves `latestVersion` only forwards. */
  'faqEntries.advance': { collection: 'faqEntries', eq: ['_id'], residual: ['latestVersion'] },
  'faqVersions.byId': { collection: 'faqVersions', eq: ['_id'] },
  'faqVersions.byKey': { collection: 'faqVersions', eq: ['entryId', 'version'] },
  'faqVersions.ofEntry': { collection: 'faqVersions', eq: ['entryId'], sort: { version: -1 } },

  'tickets.byId': { collection: 'tickets', eq: ['_id'] },
  'tickets.openFor': { collection: 'tickets', eq: ['openFor'] },
  /** A claim (waiting → assigned), an escalation, a cancel: conditional on the state (and priority) read with the one ticket. */
  'tickets.ifState': { collection: 'tickets', eq: ['_id'], residual: ['state', 'priority', 'firstAssignedAt'] },
  /** Only the assignee may pass on or close; a close is undone (conflict) only while it is still that close. */
  'tickets.ifAssignee': { collection: 'tickets', eq: ['_id'], residual: ['state', 'assigneeId', 'closedAt', 'closedBy'] },
  'tickets.countAssigned': { collection: 'tickets', eq: ['assigneeId', 'state'] },
  'tickets.list': { collection: 'tickets', eq: ['state'], sort: TICKET_ORDER, residual: ['queue', 'createdAt', 'closedAt'], why: TICKET_LIST_WHY },
  'tickets.listClosedSince': {
    collection: 'tickets',
    eq: ['state'],
    range: 'closedAt',
    residual: ['queue', 'createdAt'],
    why: 'the queue and creation bounds are checked on the tickets closed since the time asked, read along their closing time (put in queue order in memory)',
  },
  'tickets.listCreatedSince': {
    collection: 'tickets',
    eq: ['state'],
    range: 'createdAt',
    residual: ['queue'],
    why: 'the queue is checked on the tickets created since the time asked, read along their creation time (put in queue order in memory)',
  },
  'tickets.listOfAssignee': { collection: 'tickets', eq: ['assigneeId', 'state'], sort: TICKET_ORDER, residual: ['queue', 'createdAt', 'closedAt'], why: TICKET_LIST_WHY },
  'ticketEvents.byId': { collection: 'ticketEvents', eq: ['_id'] },
  'ticketEvents.ofTicket': { collection: 'ticketEvents', eq: ['ticketId'], sort: { seq: 1, _id: 1 } },

  'followupEnrolments.byId': { collection: 'followupEnrolments', eq: ['_id'] },
  'followupEnrolments.current': { collection: 'followupEnrolments', eq: ['currentFor'] },
  // Newest first along (state, createdAt, _id); `before` pages by (createdAt, _id) as the audit log does by (at, _id).
  'followupEnrolments.byState': {
    collection: 'followupEnrolments',
    eq: ['state'],
    range: 'createdAt',
    sort: { createdAt: -1, _id: -1 },
    residual: ['_id'],
    why: 'the page boundary: createdAt is bounded by the index, and the enrolments of the boundary millisecond are checked one by one',
  },
  /** Replaces the enrolment only on the version read. */
  'followupEnrolments.update': { collection: 'followupEnrolments', eq: ['_id', 'version'] },
  'followupCheckins.byId': { collection: 'followupCheckins', eq: ['_id'] },
  'followupCheckins.due': { collection: 'followupCheckins', eq: ['state'], range: 'dueAt', sort: { dueAt: 1, _id: 1 } },
  /** The claim (and every later step): only from the state, at the version, it was read in. */
  'followupCheckins.transition': { collection: 'followupCheckins', eq: ['_id', 'state', 'version'] },
  'followupCheckins.ofEnrolment': { collection: 'followupCheckins', eq: ['enrolmentId'], sort: { dueAt: 1, _id: 1 } },
  'followupCheckins.scheduledOf': {
    collection: 'followupCheckins',
    eq: ['enrolmentId'],
    residual: ['state'],
    why: 'an enrolment has a few weeks of daily check-ins: the ones not yet answered (scheduled, running, sent) are picked from those',
  },
  'followupTasks.byId': { collection: 'followupTasks', eq: ['_id'] },
  'followupTasks.complete': { collection: 'followupTasks', eq: ['_id'], residual: ['open'] },
  'followupTasks.open': { collection: 'followupTasks', eq: ['open'], sort: { createdAt: 1, _id: 1 } },
  'followupTasks.done': { collection: 'followupTasks', eq: ['open'], sort: { doneAt: -1, _id: 1 } },
  'followupTasks.ofEnrolment': { collection: 'followupTasks', eq: ['enrolmentId'] },
} as const satisfies Record<string, QuerySpec>;

export type QueryName = keyof typeof QUERIES;

export function querySpec(name: QueryName): QuerySpec {
  return QUERIES[name];
}

/**
 * The top-level fields a filter constrains, and those under `$or`/`$and`
 * branches (residual by nature). Used to check that a query's filter has the
 * shape its table entry declares.
 */
export function filterFields(filter: Record<string, unknown>): { fields: string[]; branchFields: string[] } {
  const fields: string[] = [];
  const branchFields = new Set<string>();
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and' || key === '$nor') {
      for (const branch of value as Record<string, unknown>[]) {
        const inner = filterFields(branch);
        for (const f of [...inner.fields, ...inner.branchFields]) branchFields.add(f);
      }
    } else if (key.startsWith('$')) {
      throw new Error(`unsupported top-level operator ${key}`);
    } else {
      fields.push(key);
    }
  }
  return { fields, branchFields: [...branchFields] };
}

/** Problems with a filter sent under a query name, or [] when it has the declared shape. */
export function filterShapeProblems(name: QueryName, filter: Record<string, unknown>): string[] {
  const spec: QuerySpec = QUERIES[name];
  const { fields, branchFields } = filterFields(filter);
  const declared = new Set([...spec.eq, ...(spec.range ? [spec.range] : []), ...(spec.residual ?? [])]);
  const problems: string[] = [];
  for (const f of spec.eq) if (!fields.includes(f)) problems.push(`${name}: equality field ${f} missing from the filter`);
  for (const f of fields) if (!declared.has(f)) problems.push(`${name}: field ${f} is not declared in queries.ts`);
  for (const f of branchFields) if (!declared.has(f)) problems.push(`${name}: $or field ${f} is not declared in queries.ts`);
  return problems;
}
