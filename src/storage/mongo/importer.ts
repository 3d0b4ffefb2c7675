/**
 * The MongoDB side of `sahay store migrate`: each row is inserted unless a
 * document with its key (its id; a flow version's flowId + version) is there
 * already. Existing documents are never changed, so re-running the migration
 * after the service has started writing to MongoDB loses nothing.
 */
import { accountDoc } from './accounts';
import type { Collections } from './collections';
import type { AuditDoc, BedSourceDoc, ConversationDoc, HospitalDoc, MessageDoc, OutboxDoc } from './documents';
import { bumpCounter, readCounter } from './counters';
import { checkinDoc, enrolmentDoc, followupTaskDoc } from './followups';
import { TICKET_EVENTS_COUNTER, ticketDoc, ticketEventDoc } from './tickets';
import { faqVersionDoc } from './faq';
import { HOSPITALS_REVISION, hospitalFields } from './hospitals';
import { flowVersionDoc } from './mapping';
import type { ImportCount, StoreImporter, TransferHospital, TransferMessage, TransferOutboxItem } from './transfer';

/** Imported publications sort before every publication made on MongoDB (whose seq counts from 1). */
export const IMPORTED_PUBLICATION_SEQ = -1_000_000_000;

export function mongoImporter(c: Collections): StoreImporter {
  const count = (rows: number, r: { inserted: number; refused: number }): ImportCount => ({ inserted: r.inserted, refused: r.refused, existing: rows - r.inserted - r.refused });
  return {
    async conversations(rows) {
      const items = rows.map((conv) => {
        const doc: ConversationDoc = {
          _id: conv.id,
          channel: conv.channel,
          userId: conv.userId,
          session: JSON.stringify(conv.session),
          version: conv.version,
          fence: 0,
          createdAt: conv.createdAt,
          updatedAt: conv.updatedAt,
        };
        if (conv.unreachableSince !== undefined) doc.unreachableSince = conv.unreachableSince;
        return { filter: { _id: conv.id }, doc };
      });
      return count(rows.length, await c.conversations.insertMissing('conversations.byId', items));
    },
    async messages(rows) {
      const items = rows.map((m) => ({ filter: { _id: m.id }, doc: messageDoc(m) }));
      return count(rows.length, await c.messages.insertMissing('messages.byId', items));
    },
    async outbox(rows) {
      const items = rows.map((item) => ({ filter: { _id: item.id }, doc: outboxDocOf(item) }));
      return count(rows.length, await c.outbox.insertMissing('outbox.byId', items));
    },
    async flowVersions(rows) {
      const items = rows.map((v) => ({ filter: { flowId: v.flowId, version: v.version }, doc: flowVersionDoc(v) }));
      return count(rows.length, await c.flowVersions.insertMissing('flowVersions.byKey', items));
    },
    async accounts(rows) {
      // An account whose username is taken here by another id is refused, not merged.
      const items = rows.map((a) => ({ filter: { _id: a.id }, doc: accountDoc(a) }));
      return count(rows.length, await c.accounts.insertMissing('accounts.byId', items));
    },
    async audit(rows) {
      const items = rows.map((e) => {
        const doc: AuditDoc = { _id: e.id, at: e.at, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, ipHash: e.ipHash, details: JSON.stringify(e.details) };
        return { filter: { _id: e.id }, doc };
      });
      return count(rows.length, await c.audit.insertMissing('audit.byId', items));
    },
    async hospitals(rows) {
      const items = rows.map((h) => ({ filter: { _id: h.id }, doc: hospitalDocOf(h) }));
      const r = await c.hospitals.insertMissing('hospitals.byId', items);
      if (r.inserted > 0) await bumpCounter(c, HOSPITALS_REVISION);
      return count(rows.length, r);
    },
    async bedSources(rows) {
      const items = rows.map((s) => {
        const doc: BedSourceDoc = { _id: s.id, lastAttemptAt: s.lastAttemptAt, lastSuccessAt: s.lastSuccessAt, ok: s.ok, error: s.error, rows: s.rows, imported: s.imported, skipped: s.skipped };
        return { filter: { _id: s.id }, doc };
      });
      return count(rows.length, await c.bedSources.insertMissing('bedSources.byId', items));
    },
    async flowPublications(rows) {
      const items = rows.map((p) => ({
        filter: { _id: `import:${p.flowId}:${p.position}` },
        doc: { _id: `import:${p.flowId}:${p.position}`, flowId: p.flowId, version: p.version, source: p.source, publishedAt: p.publishedAt, actorId: p.actorId, note: p.note, seq: IMPORTED_PUBLICATION_SEQ + p.position },
      }));
      return count(rows.length, await c.flowPublications.insertMissing('flowPublications.byId', items));
    },
    async faqVersions(rows) {
      const items = rows.map((v) => ({ filter: { _id: faqVersionDoc(v)._id }, doc: faqVersionDoc(v) }));
      return count(rows.length, await c.faqVersions.insertMissing('faqVersions.byId', items));
    },
    async faqEntries(rows) {
      const items = rows.map((e) => ({
        filter: { _id: e.id },
        doc: { _id: e.id, latestVersion: e.latest.version, publishedVersion: e.published?.version ?? null, createdAt: e.createdAt, updatedAt: e.updatedAt },
      }));
      const r = await c.faqEntries.insertMissing('faqEntries.byId', items);
      if (r.inserted > 0) await bumpCounter(c, 'faq');
      return count(rows.length, r);
    },
    async tickets(rows) {
      const items = rows.map((t) => ({ filter: { _id: t.id }, doc: ticketDoc(t) }));
      return count(rows.length, await c.tickets.insertMissing('tickets.byId', items));
    },
    async ticketEvents(rows) {
      const items = rows.map((e) => ({ filter: { _id: e.id }, doc: ticketEventDoc(e, e.seq) }));
      const r = await c.ticketEvents.insertMissing('ticketEvents.byId', items);
      // Events written here later must sort after the copied ones: the counter moves past the highest copied seq.
      const highest = Math.max(0, ...rows.map((e) => e.seq));
      const current = await readCounter(c, TICKET_EVENTS_COUNTER);
      if (current < highest) await c.counters.updateOne('counters.byId', { _id: TICKET_EVENTS_COUNTER }, { $inc: { value: highest - current } }, { upsert: true });
      return count(rows.length, r);
    },
    async followupEnrolments(rows) {
      // An enrolment not ended whose conversation already has a current one here is refused.
      const items = rows.map((e) => ({ filter: { _id: e.id }, doc: enrolmentDoc(e) }));
      return count(rows.length, await c.followupEnrolments.insertMissing('followupEnrolments.byId', items));
    },
    async followupCheckins(rows) {
      const items = rows.map((x) => ({ filter: { _id: x.id }, doc: checkinDoc(x) }));
      return count(rows.length, await c.followupCheckins.insertMissing('followupCheckins.byId', items));
    },
    async followupTasks(rows) {
      const items = rows.map((t) => ({ filter: { _id: t.id }, doc: followupTaskDoc(t) }));
      return count(rows.length, await c.followupTasks.insertMissing('followupTasks.byId', items));
    },
  };
}

export function hospitalDocOf(h: TransferHospital): HospitalDoc {
  const doc: HospitalDoc = { _id: h.id, ...hospitalFields(h), rev: 1 };
  if (h.deskToken) {
    doc.deskTokenHash = h.deskToken.hash;
    doc.deskTokenIssuedAt = h.deskToken.issuedAt;
  }
  return doc;
}

export function messageDoc(m: TransferMessage): MessageDoc {
  const doc: MessageDoc = {
    _id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    content: JSON.stringify(m.content),
    at: m.at,
    turn: m.turn,
    n: m.n,
  };
  if (m.direction === 'in') {
    if (m.channel !== undefined) doc.channel = m.channel;
    if (m.platformMessageId !== undefined) doc.platformMessageId = m.platformMessageId;
    if (m.sentAt !== undefined) doc.sentAt = m.sentAt;
  }
  return doc;
}

export function outboxDocOf(item: TransferOutboxItem): OutboxDoc {
  const doc: OutboxDoc = {
    _id: item.id,
    conversationId: item.conversationId,
    channel: item.channel,
    userId: item.userId,
    text: item.text,
    status: item.status,
    attempts: item.attempts,
    nextAttemptAt: item.nextAttemptAt,
    createdAt: item.createdAt,
    turn: item.turn,
    n: item.n,
  };
  if (item.choices) doc.choices = JSON.stringify(item.choices);
  if (item.lastError !== undefined) doc.lastError = item.lastError;
  if (item.waitReason !== undefined) doc.waitReason = item.waitReason;
  if (item.sentAt !== undefined) doc.sentAt = item.sentAt;
  return doc;
}
