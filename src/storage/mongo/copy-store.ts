/**
 * Copies everything from a source to a target store, batch by batch, in an
 * order that never leaves a dangling reference behind in the target (flow
 * versions, conversations, then their messages and outbox rows). Idempotent:
 * the target keeps what it has, so a second run inserts nothing.
 */
import type { ImportCount, StoreImporter, StoreSource } from './transfer';

const TABLES = ['flowVersions', 'flowPublications', 'conversations', 'messages', 'outbox', 'accounts', 'audit', 'hospitals', 'bedSources', 'faqVersions', 'faqEntries', 'tickets', 'ticketEvents', 'followupEnrolments', 'followupCheckins', 'followupTasks'] as const;

export type CopyReport = Record<(typeof TABLES)[number], ImportCount & { read: number }>;

export async function copyStore(source: StoreSource, target: StoreImporter, opts: { batchSize?: number; progress?: (table: keyof CopyReport, report: CopyReport) => void } = {}): Promise<CopyReport> {
  const size = opts.batchSize ?? 500;
  const empty = () => ({ read: 0, inserted: 0, existing: 0, refused: 0 });
  const report = Object.fromEntries(TABLES.map((t) => [t, empty()])) as CopyReport;

  async function copy<T>(table: keyof CopyReport, rows: AsyncIterable<T[]>, put: (batch: T[]) => Promise<ImportCount>): Promise<void> {
    for await (const batch of rows) {
      if (batch.length === 0) continue;
      const r = await put(batch);
      const t = report[table];
      t.read += batch.length;
      t.inserted += r.inserted;
      t.existing += r.existing;
      t.refused += r.refused;
      opts.progress?.(table, report);
    }
  }

  await copy('flowVersions', source.flowVersions(size), (b) => target.flowVersions(b));
  await copy('flowPublications', source.flowPublications(size), (b) => target.flowPublications(b));
  await copy('conversations', source.conversations(size), (b) => target.conversations(b));
  await copy('messages', source.messages(size), (b) => target.messages(b));
  await copy('outbox', source.outbox(size), (b) => target.outbox(b));
  await copy('accounts', source.accounts(size), (b) => target.accounts(b));
  await copy('audit', source.audit(size), (b) => target.audit(b));
  await copy('hospitals', source.hospitals(size), (b) => target.hospitals(b));
  await copy('bedSources', source.bedSources(size), (b) => target.bedSources(b));
  // Versions before entries: an entry never points at a version that is not there.
  await copy('faqVersions', source.faqVersions(size), (b) => target.faqVersions(b));
  await copy('faqEntries', source.faqEntries(size), (b) => target.faqEntries(b));
  // After their conversations; a ticket before its timeline, an enrolment before its check-ins and tasks.
  await copy('tickets', source.tickets(size), (b) => target.tickets(b));
  await copy('ticketEvents', source.ticketEvents(size), (b) => target.ticketEvents(b));
  await copy('followupEnrolments', source.followupEnrolments(size), (b) => target.followupEnrolments(b));
  await copy('followupCheckins', source.followupCheckins(size), (b) => target.followupCheckins(b));
  await copy('followupTasks', source.followupTasks(size), (b) => target.followupTasks(b));
  return report;
}

export function formatCopyReport(report: CopyReport): string[] {
  const rows = Object.entries(report) as Array<[keyof CopyReport, CopyReport[keyof CopyReport]]>;
  return rows.map(([table, r]) => `${table.padEnd(18)} ${String(r.read).padStart(8)} read  ${String(r.inserted).padStart(8)} copied  ${String(r.existing).padStart(8)} already there  ${String(r.refused).padStart(6)} refused`);
}
