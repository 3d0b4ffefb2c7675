/**
 * Reads an embedded install's SQLite database for `sahay store migrate`, in
 * batches. What the Store interface can enumerate (accounts, audit log,
 * hospitals, bed sources, FAQ, tickets, follow-ups) is read through it; conversations, messages, outbox
 * and flow versions, which it cannot list, are read from the tables, in the
 * order the SQLite driver keeps (rowid = commit order). The SQLite schema does
 * not store a message's turn; it is recomputed here: every inbound message starts
 * the next turn of its conversation (a committed turn has exactly one), and the
 * outbound messages after it are its replies, numbered 1, 2…
 */
import type { ChannelName, Choice } from '../../router/message';
import type { AuditEntry, Checkin, Conversation, FaqVersion, MessageRecord, OutboxStatus, OutboxWaitReason, StoredFlowVersion, Ticket, TicketEvent } from '../repositories';
import type { SqliteStore } from '../sqlite/sqlite-store';
import type { StoreSource, TransferHospital, TransferMessage, TransferOutboxItem, TransferTicketEvent } from './transfer';

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out';
  channel: string;
  platform_message_id: string | null;
  content: string;
  sent_at: number | null;
  at: number;
  turn: number;
  n: number;
}

interface OutboxRow {
  id: string;
  conversation_id: string;
  channel: string;
  user_id: string;
  text: string;
  choices: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
  wait_reason: OutboxWaitReason | null;
  turn: number | null;
  n: number | null;
}

/** Each message with its turn (inbound messages so far in its conversation) and its place in the turn. */
const NUMBERED_MESSAGES = `
  WITH turns AS (
    SELECT seq, id, conversation_id, direction, channel, platform_message_id, content, sent_at, at,
           SUM(direction = 'in') OVER (PARTITION BY conversation_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS t
    FROM messages
  )
  SELECT seq, id, conversation_id, direction, channel, platform_message_id, content, sent_at, at, max(t, 1) AS turn,
         ROW_NUMBER() OVER (PARTITION BY conversation_id, t ORDER BY seq) - (CASE WHEN t = 0 THEN 0 ELSE 1 END) AS n
  FROM turns`;

async function* batches<T, R>(rows: IterableIterator<T>, size: number, map: (row: T) => R): AsyncIterable<R[]> {
  let batch: R[] = [];
  for (const row of rows) {
    batch.push(map(row));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function sqliteSource(store: SqliteStore): StoreSource {
  const { db } = store;
  return {
    async *accounts() {
      yield await store.accounts.list();
    },
    async *audit(size) {
      let before: AuditEntry | undefined;
      for (;;) {
        const page = await store.audit.list({ limit: size, ...(before ? { before: { at: before.at, id: before.id } } : {}) });
        if (page.length > 0) yield page;
        if (page.length < size) return;
        before = page.at(-1);
      }
    },
    async *hospitals(size) {
      let afterId: string | undefined;
      for (;;) {
        const page = await store.hospitals.list({ limit: size, ...(afterId !== undefined ? { afterId } : {}) });
        const batch: TransferHospital[] = [];
        for (const h of page) {
          const deskToken = await store.hospitals.deskToken(h.id);
          batch.push(deskToken ? { ...h, deskToken } : h);
        }
        if (batch.length > 0) yield batch;
        if (page.length < size) return;
        afterId = page.at(-1)?.id;
      }
    },
    async *bedSources() {
      yield await store.hospitals.listSourceStatus();
    },
    async *flowPublications() {
      const flowIds = db.prepare<[], string>('SELECT DISTINCT flow_id FROM flow_versions ORDER BY flow_id').pluck().all();
      for (const flowId of flowIds) {
        const history = (await store.flowVersions.publications(flowId)).reverse();
        if (history.length > 0) yield history.map((p, position) => ({ ...p, position }));
      }
    },
    async *faqVersions(size) {
      let batch: FaqVersion[] = [];
      for (const entry of await store.faq.list()) {
        batch.push(...(await store.faq.versions(entry.id)).reverse());
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async *faqEntries() {
      yield await store.faq.list();
    },
    async *tickets(size) {
      // Ids in the order they were written; each ticket as the Store hands it out.
      const ids = db.prepare<[], string>('SELECT id FROM tickets ORDER BY rowid').pluck().all();
      let batch: Ticket[] = [];
      for (const id of ids) {
        const ticket = await store.tickets.get(id);
        if (ticket) batch.push(ticket);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    ticketEvents(size) {
      // Read from the table: the timeline's order (seq) is not part of a TicketEvent.
      const rows = db
        .prepare<[], { seq: number; id: string; ticket_id: string; at: number; kind: TicketEvent['kind']; actor_id: string | null; text: string | null; message_id: string | null; details: string }>(
          'SELECT seq, id, ticket_id, at, kind, actor_id, text, message_id, details FROM ticket_events ORDER BY seq',
        )
        .iterate();
      return batches(rows, size, (r): TransferTicketEvent => ({
        id: r.id,
        ticketId: r.ticket_id,
        at: r.at,
        kind: r.kind,
        actorId: r.actor_id,
        text: r.text,
        messageId: r.message_id,
        details: JSON.parse(r.details) as TicketEvent['details'],
        seq: r.seq,
      }));
    },
    async *followupEnrolments(size) {
      const all = await store.followups.listEnrolments();
      for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
    },
    async *followupCheckins(size) {
      let batch: Checkin[] = [];
      for (const enrolment of await store.followups.listEnrolments()) {
        batch.push(...(await store.followups.checkins(enrolment.id)));
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async *followupTasks(size) {
      const all = await store.followups.tasks();
      for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
    },
    conversations(size) {
      const rows = db
        .prepare<[], { id: string; channel: string; user_id: string; session: string; version: number; created_at: number; updated_at: number; unreachable_since: number | null }>(
          'SELECT id, channel, user_id, session, version, created_at, updated_at, unreachable_since FROM conversations ORDER BY rowid',
        )
        .iterate();
      return batches(rows, size, (r): Conversation => {
        const conv: Conversation = {
          id: r.id,
          channel: r.channel as ChannelName,
          userId: r.user_id,
          session: JSON.parse(r.session) as Conversation['session'],
          version: r.version,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        };
        if (r.unreachable_since !== null) conv.unreachableSince = r.unreachable_since;
        return conv;
      });
    },
    messages(size) {
      const rows = db.prepare<[], MessageRow>(`${NUMBERED_MESSAGES} ORDER BY conversation_id, seq`).iterate();
      return batches(rows, size, (r): TransferMessage => {
        const m: TransferMessage = {
          id: r.id,
          conversationId: r.conversation_id,
          direction: r.direction,
          content: JSON.parse(r.content) as MessageRecord['content'],
          at: r.at,
          turn: r.turn,
          n: r.n,
        };
        if (r.direction === 'in') {
          m.channel = r.channel as ChannelName;
          if (r.platform_message_id !== null) m.platformMessageId = r.platform_message_id;
          if (r.sent_at !== null) m.sentAt = r.sent_at;
        }
        return m;
      });
    },
    outbox(size) {
      // The place of each outbox row comes from its outbound message (same id). messages has no
      // index on id, so the numbering goes to a temporary table keyed by id first.
      db.exec('DROP TABLE IF EXISTS temp.migrate_reply_order');
      db.exec('CREATE TEMP TABLE migrate_reply_order (id TEXT PRIMARY KEY, turn INTEGER NOT NULL, n INTEGER NOT NULL)');
      db.exec(`INSERT OR IGNORE INTO temp.migrate_reply_order (id, turn, n) SELECT id, turn, n FROM (${NUMBERED_MESSAGES}) WHERE direction = 'out'`);
      const rows = db
        .prepare<[], OutboxRow>(
          `SELECT o.id, o.conversation_id, o.channel, o.user_id, o.text, o.choices, o.status, o.attempts, o.next_attempt_at,
                  o.created_at, o.sent_at, o.last_error, o.wait_reason, r.turn, r.n
           FROM outbox o LEFT JOIN temp.migrate_reply_order r ON r.id = o.id ORDER BY o.rowid`,
        )
        .iterate();
      return batches(rows, size, (r): TransferOutboxItem => {
        const item: TransferOutboxItem = {
          id: r.id,
          conversationId: r.conversation_id,
          channel: r.channel as ChannelName,
          userId: r.user_id,
          text: r.text,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: r.next_attempt_at,
          createdAt: r.created_at,
          // An outbox row always has its message; should one not, it still sorts by createdAt first.
          turn: r.turn ?? 1,
          n: r.n ?? 1,
        };
        if (r.choices !== null) item.choices = JSON.parse(r.choices) as Choice[];
        if (r.last_error !== null) item.lastError = r.last_error;
        if (r.wait_reason !== null) item.waitReason = r.wait_reason;
        if (r.sent_at !== null) item.sentAt = r.sent_at;
        return item;
      });
    },
    flowVersions(size) {
      const rows = db
        .prepare<[], { flow_id: string; version: string; definition: string; created_at: number }>(
          'SELECT flow_id, version, definition, created_at FROM flow_versions ORDER BY created_at, rowid',
        )
        .iterate();
      return batches(rows, size, (r): StoredFlowVersion => ({ flowId: r.flow_id, version: r.version, definition: JSON.parse(r.definition) as unknown, createdAt: r.created_at }));
    },
  };
}
