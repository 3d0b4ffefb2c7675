/**
 * The collections of the MongoDB store, by the name the driver code uses, with
 * their mongoose schemas (validation and index definitions live in the schemas).
 */
import type { Schema } from 'mongoose';
import { accountSchema } from './account-schema';
import { auditSchema } from './audit-schema';
import { consoleSessionSchema } from './console-session-schema';
import { faqEntrySchema, faqVersionSchema, flowPublicationSchema } from './content-schema';
import { conversationSchema } from './conversation-schema';
import type {
  AccountDoc,
  AuditDoc,
  BedSourceDoc,
  CheckinDoc,
  ConsoleSessionDoc,
  ConversationDoc,
  CounterDoc,
  EnrolmentDoc,
  FaqEntryDoc,
  FaqVersionDoc,
  FlowPublicationDoc,
  FlowVersionDoc,
  FollowupTaskDoc,
  HospitalDoc,
  LeaseDoc,
  LoginThrottleDoc,
  MessageDoc,
  OutboxDoc,
  TicketDoc,
  TicketEventDoc,
} from './documents';
import { checkinSchema, enrolmentSchema, followupTaskSchema } from './followup-schema';
import { flowVersionSchema } from './flow-version-schema';
import { bedSourceSchema, counterSchema, hospitalSchema } from './hospital-schema';
import { leaseSchema } from './lease-schema';
import { loginThrottleSchema } from './login-throttle-schema';
import { messageSchema } from './message-schema';
import { outboxSchema } from './outbox-schema';
import { ticketEventSchema, ticketSchema } from './ticket-schema';

export interface DocOf {
  conversations: ConversationDoc;
  messages: MessageDoc;
  outbox: OutboxDoc;
  flowVersions: FlowVersionDoc;
  leases: LeaseDoc;
  accounts: AccountDoc;
  consoleSessions: ConsoleSessionDoc;
  loginThrottle: LoginThrottleDoc;
  audit: AuditDoc;
  hospitals: HospitalDoc;
  bedSources: BedSourceDoc;
  counters: CounterDoc;
  flowPublications: FlowPublicationDoc;
  faqEntries: FaqEntryDoc;
  faqVersions: FaqVersionDoc;
  tickets: TicketDoc;
  ticketEvents: TicketEventDoc;
  followupEnrolments: EnrolmentDoc;
  followupCheckins: CheckinDoc;
  followupTasks: FollowupTaskDoc;
}
export type CollectionName = keyof DocOf;

/** Untyped schemas: the document types (documents.ts) are enforced where the driver reads and writes. */
export const SCHEMAS: { readonly [K in CollectionName]: Schema } = {
  conversations: conversationSchema,
  messages: messageSchema,
  outbox: outboxSchema,
  flowVersions: flowVersionSchema,
  leases: leaseSchema,
  accounts: accountSchema,
  consoleSessions: consoleSessionSchema,
  loginThrottle: loginThrottleSchema,
  audit: auditSchema,
  hospitals: hospitalSchema,
  bedSources: bedSourceSchema,
  counters: counterSchema,
  flowPublications: flowPublicationSchema,
  faqEntries: faqEntrySchema,
  faqVersions: faqVersionSchema,
  tickets: ticketSchema,
  ticketEvents: ticketEventSchema,
  followupEnrolments: enrolmentSchema,
  followupCheckins: checkinSchema,
  followupTasks: followupTaskSchema,
};

export const COLLECTION_NAMES = Object.keys(SCHEMAS) as CollectionName[];

/** Model names on the connection (mongoose wants one per schema). */
export const MODEL_NAMES: { readonly [K in CollectionName]: string } = {
  conversations: 'SahayConversation',
  messages: 'SahayMessage',
  outbox: 'SahayOutboxItem',
  flowVersions: 'SahayFlowVersion',
  leases: 'SahayLease',
  accounts: 'SahayAccount',
  consoleSessions: 'SahayConsoleSession',
  loginThrottle: 'SahayLoginThrottle',
  audit: 'SahayAuditEntry',
  hospitals: 'SahayHospital',
  bedSources: 'SahayBedSource',
  counters: 'SahayCounter',
  flowPublications: 'SahayFlowPublication',
  faqEntries: 'SahayFaqEntry',
  faqVersions: 'SahayFaqVersion',
  tickets: 'SahayTicket',
  ticketEvents: 'SahayTicketEvent',
  followupEnrolments: 'SahayFollowupEnrolment',
  followupCheckins: 'SahayFollowupCheckin',
  followupTasks: 'SahayFollowupTask',
};

export interface IndexDef {
  name: string;
  key: Record<string, 1 | -1>;
  unique: boolean;
  sparse: boolean;
}

/** The indexes a collection has: the schema's, plus MongoDB's own unique index on _id. */
export function indexesOf(collection: CollectionName): IndexDef[] {
  const declared = SCHEMAS[collection].indexes().map(([key, options]): IndexDef => {
    const name = (options as { name?: unknown }).name;
    if (typeof name !== 'string') throw new Error(`an index of ${collection} has no name: ${JSON.stringify(key)}`);
    return { name, key: key as Record<string, 1 | -1>, unique: options.unique === true, sparse: options.sparse === true };
  });
  return [{ name: '_id_', key: { _id: 1 }, unique: true, sparse: false }, ...declared];
}
