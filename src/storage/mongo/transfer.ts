/**
 * The rows `sahay store migrate` copies, in the Store's own terms plus what a
 * driver keeps beside them (the place of a message in its turn, the dedupe key,
 * when an item was sent). A source yields them in batches; a target inserts
 * those it does not have yet, so that a second run copies nothing twice.
 */
import type { ChannelName } from '../../router/message';
import type {
  Account,
  AuditEntry,
  BedSourceStatus,
  Checkin,
  Conversation,
  DeskToken,
  Enrolment,
  FaqEntryRecord,
  FaqVersion,
  FlowPublication,
  FollowupTask,
  Hospital,
  MessageRecord,
  OutboxItem,
  StoredFlowVersion,
  Ticket,
  TicketEvent,
} from '../repositories';

export interface TransferMessage extends MessageRecord {
  /** The conversation version the message's turn produced, and its place in the turn (0 = the inbound). */
  turn: number;
  n: number;
  /** Inbound only. */
  channel?: ChannelName;
  platformMessageId?: string;
  sentAt?: number;
}

export interface TransferOutboxItem extends OutboxItem {
  turn: number;
  n: number;
  sentAt?: number;
}

export interface TransferHospital extends Hospital {
  deskToken?: DeskToken;
}

export interface TransferPublication extends FlowPublication {
  /** Its place in the flow's history, oldest first (0, 1, 2…): the key that makes a second copy a no-op. */
  position: number;
}

export interface TransferTicketEvent extends TicketEvent {
  /** Its place in the source's timeline (write order, from 1): kept so that the timeline reads the same. */
  seq: number;
}

/**
 * Everything a store holds but console sign-in sessions: those are left behind on
 * purpose (short-lived; everyone signs in again on the new database).
 */
export interface StoreSource {
  conversations(batchSize: number): AsyncIterable<Conversation[]>;
  messages(batchSize: number): AsyncIterable<TransferMessage[]>;
  outbox(batchSize: number): AsyncIterable<TransferOutboxItem[]>;
  flowVersions(batchSize: number): AsyncIterable<StoredFlowVersion[]>;
  accounts(batchSize: number): AsyncIterable<Account[]>;
  audit(batchSize: number): AsyncIterable<AuditEntry[]>;
  hospitals(batchSize: number): AsyncIterable<TransferHospital[]>;
  bedSources(batchSize: number): AsyncIterable<BedSourceStatus[]>;
  flowPublications(batchSize: number): AsyncIterable<TransferPublication[]>;
  faqVersions(batchSize: number): AsyncIterable<FaqVersion[]>;
  faqEntries(batchSize: number): AsyncIterable<FaqEntryRecord[]>;
  tickets(batchSize: number): AsyncIterable<Ticket[]>;
  ticketEvents(batchSize: number): AsyncIterable<TransferTicketEvent[]>;
  followupEnrolments(batchSize: number): AsyncIterable<Enrolment[]>;
  followupCheckins(batchSize: number): AsyncIterable<Checkin[]>;
  followupTasks(batchSize: number): AsyncIterable<FollowupTask[]>;
}

export interface ImportCount {
  /** Inserted by this run. */
  inserted: number;
  /** Already there (an earlier run copied them): left as they are. */
  existing: number;
  /** Refused by a unique key of the target (the same key held by another row there). */
  refused: number;
}

export interface StoreImporter {
  conversations(rows: Conversation[]): Promise<ImportCount>;
  messages(rows: TransferMessage[]): Promise<ImportCount>;
  outbox(rows: TransferOutboxItem[]): Promise<ImportCount>;
  flowVersions(rows: StoredFlowVersion[]): Promise<ImportCount>;
  accounts(rows: Account[]): Promise<ImportCount>;
  audit(rows: AuditEntry[]): Promise<ImportCount>;
  /** Also moves the registry's revision on when hospitals were inserted, so that running processes reload. */
  hospitals(rows: TransferHospital[]): Promise<ImportCount>;
  bedSources(rows: BedSourceStatus[]): Promise<ImportCount>;
  flowPublications(rows: TransferPublication[]): Promise<ImportCount>;
  faqVersions(rows: FaqVersion[]): Promise<ImportCount>;
  /** Also moves the FAQ revision on when entries were inserted. */
  faqEntries(rows: FaqEntryRecord[]): Promise<ImportCount>;
  /** An open ticket whose conversation already has another open one here is refused. */
  tickets(rows: Ticket[]): Promise<ImportCount>;
  /** Also moves the timeline's counter past the copied events, so that later events sort after them. */
  ticketEvents(rows: TransferTicketEvent[]): Promise<ImportCount>;
  followupEnrolments(rows: Enrolment[]): Promise<ImportCount>;
  followupCheckins(rows: Checkin[]): Promise<ImportCount>;
  followupTasks(rows: FollowupTask[]): Promise<ImportCount>;
}
