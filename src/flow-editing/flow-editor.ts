/**
 * Admin-edited flows: the files in flows/ are the shipped defaults; an admin
 * publishes a new version from the console, and it is kept in the store with
 * its YAML and a publication record. New conversations get the published
 * version; a conversation already running keeps the version it started on,
 * because the registry never drops a version (src/flows/registry.ts).
 *
 * Every edit is checked exactly as `sahay flows check` checks a file (the same
 * parse, schema and validate code), against the flows as they run now, with the
 * edited one in place: an edit that would break another flow (a caller that
 * relied on it asking a question) is refused too.
 *
 * ```ts
 * const editor = new FlowEditor({ store, registry, ctx, flowsDir, now, log });
 * await editor.sync();                              // at start-up: apply what admins published
 * const r = await editor.publish('faq', yamlText, { actorId });
 * // { status: 'published', version: '3f2a…', previous: '9c1b…' } or { status: 'invalid', errors: [...] }
 * await editor.rollback('faq', '9c1b…', { actorId });
 * ```
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stringify } from 'yaml';
import type { FlowDef } from '../engine/flow';
import type { FlowError } from '../flows/flow-error';
import { sortFlowErrors } from '../flows/flow-error';
import { loadFlowFile, parseFlowDefinition, parseFlowSource } from '../flows/load';
import { toMermaid } from '../flows/diagram';
import { listFlowFiles, withExtraFlows, type FlowRegistry } from '../flows/registry';
import { validateFlows, type FlowToValidate, type ValidateContext } from '../flows/validate';
import type { Logger } from '../log';
import type { FlowPublication, Store } from '../storage/repositories';

export interface FlowEditorDeps {
  store: Store;
  registry: FlowRegistry;
  /** Message keys and registered actions, as the service has them. */
  ctx: ValidateContext;
  /** The shipped defaults (FLOWS_DIR). */
  flowsDir: string;
  now: () => number;
  log: Logger;
}

export type CheckResult = { ok: true; flow: FlowDef; mermaid: string } | { ok: false; errors: FlowError[] };

export type PublishResult =
  | { status: 'published'; version: string; previous: string | null }
  /** The YAML is the version that is already live: nothing was stored. */
  | { status: 'unchanged'; version: string }
  | { status: 'invalid'; errors: FlowError[] };

export type RollbackResult = { status: 'published'; version: string; previous: string | null } | { status: 'unknown_version' } | { status: 'invalid'; errors: FlowError[] };

export interface FlowSummary {
  id: string;
  /** The version new conversations get. */
  version: string;
  /** Where the live version comes from: the shipped file, or an admin's publication. */
  origin: 'file' | 'store';
  /** The shipped file's version, when the flow has a file. */
  shippedVersion: string | null;
  publishedAt: number | null;
  publishedBy: string | null;
}

export interface FlowVersionInfo {
  version: string;
  createdAt: number;
  live: boolean;
  shipped: boolean;
  /** Publications of this version, newest first. */
  publications: Array<Pick<FlowPublication, 'publishedAt' | 'actorId' | 'note'>>;
}

export interface FlowDetail extends FlowSummary {
  yaml: string;
  mermaid: string;
  versions: FlowVersionInfo[];
}

interface Shipped {
  file: string;
  version: string;
  source: string;
}

export class FlowEditor {
  private readonly shipped = new Map<string, Shipped>();
  /** Flows whose newest publication could not be applied at start-up, with why. */
  readonly skipped = new Map<string, FlowError[]>();

  constructor(private readonly deps: FlowEditorDeps) {
    for (const file of listFlowFiles(deps.flowsDir)) {
      const parsed = loadFlowFile(file);
      if (parsed.flow) this.shipped.set(parsed.flow.id, { file, version: parsed.flow.version, source: readFileSync(file, 'utf8') });
    }
  }

  /**
   * At start-up, after the shipped flows are loaded: make each flow's newest
   * publication the live version. One that no longer passes the checks (a
   * message key or action removed since) is skipped with a warning, and the
   * shipped file stays live until an admin publishes a fix.
   */
  async sync(): Promise<void> {
    for (const p of await this.deps.store.flowVersions.published()) {
      // A flow that exists only in the store (an admin made it): its versions that running
      // conversations may be on are not loaded with the files.
      for (const v of await this.deps.store.flowVersions.list(p.flowId)) {
        if (!this.deps.registry.get(p.flowId, v.version)) this.deps.registry.addOld(v.definition as FlowDef);
      }
      const stored = await this.deps.store.flowVersions.get(p.flowId, p.version);
      const parsed = stored ? parseFlowDefinition(withoutVersion(stored.definition), `store:${p.flowId}@${p.version}`) : undefined;
      const errors = !parsed?.flow ? (parsed?.errors ?? [{ file: `store:${p.flowId}`, message: `version ${p.version} is not stored` }]) : this.validateInPlace(parsed.flow, `store:${p.flowId}@${p.version}`);
      if (errors.length > 0 || !parsed?.flow) {
        this.skipped.set(p.flowId, errors);
        this.deps.log.warn({ flow: p.flowId, version: p.version, errors: errors.length }, 'published flow version no longer passes the checks: the shipped file stays live');
        continue;
      }
      // Stored definitions carry their version; it must be the one the publication names.
      this.deps.registry.add({ ...parsed.flow, version: p.version });
    }
  }

  /** The checks `sahay flows check` runs, for YAML typed in the console; errors carry its line numbers. */
  check(id: string, yaml: string): CheckResult {
    const file = `${id}.yaml`;
    const parsed = parseFlowSource(yaml, file);
    if (!parsed.flow) return { ok: false, errors: sortFlowErrors(parsed.errors) };
    if (parsed.flow.id !== id) {
      return { ok: false, errors: [{ file, flow: parsed.flow.id, field: 'id', line: parsed.locate(['id']) ?? 1, message: `the id must stay "${id}" (to make another flow, add it under its own id)` }] };
    }
    const errors = this.validateInPlace(parsed.flow, file, parsed.locate);
    return errors.length > 0 ? { ok: false, errors } : { ok: true, flow: parsed.flow, mermaid: toMermaid(parsed.flow) };
  }

  /** Check, store and make live a new version of a flow (or a new flow). */
  async publish(id: string, yaml: string, by: { actorId: string | null }): Promise<PublishResult> {
    const checked = this.check(id, yaml);
    if (!checked.ok) return { status: 'invalid', errors: checked.errors };
    const previous = this.deps.registry.latest(id)?.version ?? null;
    if (previous === checked.flow.version) return { status: 'unchanged', version: previous };
    const now = this.deps.now();
    await this.deps.store.flowVersions.save({ flowId: id, version: checked.flow.version, definition: checked.flow, createdAt: now });
    await this.deps.store.flowVersions.publish({ flowId: id, version: checked.flow.version, source: yaml, publishedAt: now, actorId: by.actorId, note: 'edit' });
    this.deps.registry.add(checked.flow);
    this.skipped.delete(id);
    return { status: 'published', version: checked.flow.version, previous };
  }

  /** Make an earlier stored version live again (checked against the flows as they are now). */
  async rollback(id: string, version: string, by: { actorId: string | null }): Promise<RollbackResult> {
    const stored = await this.deps.store.flowVersions.get(id, version);
    if (!stored) return { status: 'unknown_version' };
    const label = `${id}@${version}`;
    const parsed = parseFlowDefinition(withoutVersion(stored.definition), label);
    if (!parsed.flow) return { status: 'invalid', errors: parsed.errors };
    const flow: FlowDef = { ...parsed.flow, version };
    const errors = this.validateInPlace(flow, label);
    if (errors.length > 0) return { status: 'invalid', errors };
    const previous = this.deps.registry.latest(id)?.version ?? null;
    const shipped = this.shipped.get(id);
    const note = shipped?.version === version ? 'default' : 'rollback';
    await this.deps.store.flowVersions.publish({ flowId: id, version, source: await this.sourceOf(id, version), publishedAt: this.deps.now(), actorId: by.actorId, note });
    this.deps.registry.add(flow);
    this.skipped.delete(id);
    return { status: 'published', version, previous };
  }

  async list(): Promise<FlowSummary[]> {
    const published = new Map((await this.deps.store.flowVersions.published()).map((p) => [p.flowId, p]));
    return this.deps.registry
      .ids()
      .sort()
      .flatMap((id) => {
        const latest = this.deps.registry.latest(id);
        return latest ? [this.summary(id, latest.version, published.get(id))] : [];
      });
  }

  async detail(id: string): Promise<FlowDetail | undefined> {
    const latest = this.deps.registry.latest(id);
    if (!latest) return undefined;
    const publications = await this.deps.store.flowVersions.publications(id);
    const live = publications[0]?.version === latest.version ? publications[0] : undefined;
    const stored = await this.deps.store.flowVersions.list(id);
    const shipped = this.shipped.get(id);
    const versions: FlowVersionInfo[] = stored
      .map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        live: v.version === latest.version,
        shipped: v.version === shipped?.version,
        publications: publications.filter((p) => p.version === v.version).map(({ publishedAt, actorId, note }) => ({ publishedAt, actorId, note })),
      }))
      .reverse();
    return { ...this.summary(id, latest.version, live), yaml: await this.sourceOf(id, latest.version), mermaid: toMermaid(latest), versions };
  }

  /** The YAML of a stored version: as published, as shipped, or written out from the definition. */
  async sourceOf(id: string, version: string): Promise<string> {
    const shipped = this.shipped.get(id);
    if (shipped?.version === version) return shipped.source;
    const published = (await this.deps.store.flowVersions.publications(id)).find((p) => p.version === version && p.source !== null);
    if (published?.source) return published.source;
    const stored = await this.deps.store.flowVersions.get(id, version);
    const def = (stored?.definition ?? this.deps.registry.get(id, version)) as Partial<FlowDef> | undefined;
    if (!def) return '';
    const { version: _v, ...file } = def;
    return stringify(file, { lineWidth: 0 });
  }

  private summary(id: string, version: string, publication: FlowPublication | undefined): FlowSummary {
    const shipped = this.shipped.get(id);
    const fromStore = publication !== undefined && publication.version === version && publication.note !== 'default';
    return {
      id,
      version,
      origin: fromStore ? 'store' : 'file',
      shippedVersion: shipped?.version ?? null,
      publishedAt: publication?.version === version ? publication.publishedAt : null,
      publishedBy: publication?.version === version ? publication.actorId : null,
    };
  }

  /**
   * Validate the candidate with every other flow as it runs now. Errors in other
   * flows (which were valid before) are caused by the candidate: they are
   * reported too, naming their flow.
   */
  private validateInPlace(flow: FlowDef, file: string, locate?: FlowToValidate['locate']): FlowError[] {
    const others: FlowToValidate[] = this.deps.registry
      .ids()
      .filter((other) => other !== flow.id)
      .flatMap((other) => {
        const f = this.deps.registry.latest(other);
        return f ? [{ file: this.fileName(other), flow: f }] : [];
      });
    const all = [{ file, flow, ...(locate ? { locate } : {}) }, ...others];
    return validateFlows(all, withExtraFlows(this.deps.ctx, new Set()));
  }

  private fileName(id: string): string {
    const shipped = this.shipped.get(id);
    return shipped ? relative(process.cwd(), shipped.file) || shipped.file : `${id}.yaml`;
  }
}

/** A stored definition is a FlowDef; the checks take it as a file holds it, without `version`. */
function withoutVersion(definition: unknown): unknown {
  if (definition === null || typeof definition !== 'object') return definition;
  const { version: _version, ...file } = definition as Record<string, unknown>;
  return file;
}
