/**
 * A flow's version is a hash of its content: the same definition always gets the
 * same version (whatever the comments, layout or key order of the file), so a
 * conversation started on a version can find it again after a restart or on
 * another machine, and re-saving unchanged content creates nothing new.
 */
import { createHash } from 'node:crypto';
import type { FlowFile } from './schema';

/** First 12 hex characters of the sha256 of the canonical JSON of the definition. */
export function flowVersion(flow: FlowFile): string {
  const { id, spec, start, states } = flow;
  return createHash('sha256').update(canonicalJson({ id, spec, start, states })).digest('hex').slice(0, 12);
}

/** JSON with object keys sorted at every level; `undefined` fields are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
