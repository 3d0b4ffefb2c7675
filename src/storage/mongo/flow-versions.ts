import type { FlowPublication, FlowVersionRepository, StoredFlowVersion } from '../repositories';
import type { Collections } from './collections';
import { bumpCounter } from './counters';
import type { FlowPublicationDoc } from './documents';
import { DuplicateKeyError } from './errors';
import { flowVersionDoc, toFlowVersion } from './mapping';

const PUBLICATION_SEQ = 'flow_publications';

export function toPublication(d: FlowPublicationDoc): FlowPublication {
  return { flowId: d.flowId, version: d.version, source: d.source ?? null, publishedAt: d.publishedAt, actorId: d.actorId ?? null, note: d.note };
}

export function mongoFlowVersions(c: Collections): FlowVersionRepository {
  async function save(v: StoredFlowVersion): Promise<void> {
    // First write wins: a version is immutable once conversations may be running on it.
    const { flowId, version, ...rest } = flowVersionDoc(v);
    try {
      await c.flowVersions.updateOne('flowVersions.byKey', { flowId, version }, { $setOnInsert: rest }, { upsert: true });
    } catch (err) {
      // Two processes saving the same version at start-up: one upsert wins, the other hits the key.
      if (!(err instanceof DuplicateKeyError && err.only('flow_versions_key'))) throw err;
    }
  }
  return {
    save,
    // Each save is idempotent and stands alone (a version is never changed once stored), so they need no transaction.
    async saveAll(versions) {
      for (const v of versions) await save(v);
    },
    async get(flowId, version) {
      const doc = await c.flowVersions.findOne('flowVersions.byKey', { flowId, version });
      return doc ? toFlowVersion(doc) : undefined;
    },
    async list(flowId) {
      return (await c.flowVersions.find('flowVersions.list', { flowId })).map(toFlowVersion);
    },
    async publish(p) {
      // Versions are never deleted: once found, it stays publishable.
      if (!(await c.flowVersions.findOne('flowVersions.byKey', { flowId: p.flowId, version: p.version }))) return false;
      // The order of publications across processes comes from one counter, not from clocks.
      const seq = await bumpCounter(c, PUBLICATION_SEQ);
      await c.flowPublications.insert(
        [{ _id: `${p.flowId}#${seq}`, flowId: p.flowId, version: p.version, source: p.source, publishedAt: p.publishedAt, actorId: p.actorId, note: p.note, seq }],
        { ordered: true },
      );
      return true;
    },
    async publications(flowId) {
      return (await c.flowPublications.find('flowPublications.ofFlow', { flowId })).map(toPublication);
    },
    async published() {
      // Every publication, by flow then newest first: the first of each flow is live (an admin's history is short).
      const newest = new Map<string, FlowPublication>();
      for (const d of await c.flowPublications.find('flowPublications.all', {})) if (!newest.has(d.flowId)) newest.set(d.flowId, toPublication(d));
      return [...newest.values()];
    },
  };
}
