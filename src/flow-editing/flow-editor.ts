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
 * Two admins may edit the same flow: each publish and rollback names the live
 * version it was made from (`baseVersion`), and is refused as a conflict when
 * someone published since, rather than silently replacing their change.
 *
 * "Back to the shipped default" (a publication noted `default`) means "follow
 * the file": a later deploy that changes the file makes the new file live.
 *
 * Several processes may share one store (MongoDB): each looks at the store's
 * newest publications now and then (`follow`), and applies what another
 * process published.
 *
 * ```ts
 * const editor = new FlowEditor({ store, registry, ctx, flowsDir, now, log });
 * await editor.sync();                              // at start-up: apply what admins published
 * const r = await editor.publish('faq', yamlText, { actorId, baseVersion: '9c1b…' });
 * // { status: 'published', version: '3f2a…', previous: '9c1b…' }, { status: 'invalid', errors: [...] }
 * // or { status: 'conflict', live: '77d0…' } when someone published since 9c1b…
 * await editor.rollback('faq', '9c1b…', { actorId, baseVersion: '3f2a…' });
 * // { status: 'published', … }, or { status: 'unchanged', version } when 9c1b… is already live
 * const following = editor.follow(5_000);           // in a serving process; following.stop() on the way out
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
import { safeErrorText, type Logger } from '../log';
import type { FlowPublication, Store } from '../storage/repositories';
import { settleLiveSet } from './live-set';

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

/** Someone published the flow after the admin opened it: nothing was stored; `live` is what runs now (null: no such flow). */
export type Conflict = { status: 'conflict'; live: string | null };

export type PublishResult =
  | { status: 'published'; version: string; previous: string | null }
  /** The YAML is the version that is already live: nothing was stored. */
  | { status: 'unchanged'; version: string }
  | { status: 'invalid'; errors: FlowError[] }
  | Conflict;

export type RollbackResult =
  | { status: 'published'; version: string; previous: string | null }
  /** The version asked for is the one already live: nothing was stored (no publication, no audit entry). */
  | { status: 'unchanged'; version: string }
  | { status: 'unknown_version' }
  | { status: 'invalid'; errors: FlowError[] }
  | Conflict;

/** Who publishes, and the live version they edited from (null: a flow that did not exist yet). */
export interface PublishedBy {
  actorId: string | null;
  baseVersion: string | null;
}

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
  /** The store's newest publications as last applied (fingerprint), so a refresh can tell when they moved. */
  private applied: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: FlowEditorDeps) {
    for (const file of listFlowFiles(deps.flowsDir)) {
      const parsed = loadFlowFile(file);
      if (parsed.flow) this.shipped.set(parsed.flow.id, { file, version: parsed.flow.version, source: readFileSync(file, 'utf8') });
    }
    // A conversation another process started on a version this one has not seen yet
    // (published there since this process last looked) is run on that version, read from the store.
    deps.registry.loadFrom((id, version) => this.storedVersion(id, version));
  }

  /**
   * At start-up, after the shipped flows are loaded: make each flow's newest
   * publication the live version. The published definitions are checked as one
   * set with the shipped flows (src/flow-editing/live-set.ts); one that no
   * longer passes (a message key or action removed since, a flow it calls
   * dropped) is skipped with a warning, and the shipped file stays live until
   * an admin publishes a fix.
   */
  async sync(): Promise<void> {
    await this.serially(() => this.applyPublished());
  }

  /**
   * Apply what was published since this process last looked (by another process
   * on the same store); one small read when nothing moved. True when it applied.
   */
  async refresh(): Promise<boolean> {
    return this.serially(() => this.catchUp());
  }

  /** Refresh every `everyMs` until stopped (the timer does not keep the process alive). */
  follow(everyMs: number): { stop(): void } {
    let running = false;
    const timer = setInterval(() => {
      // A slow store: the next tick does not overlap this one.
      if (running) return;
      running = true;
      this.refresh()
        .catch((err: unknown) => this.deps.log.error({ err: safeErrorText(String((err as Error)?.message ?? err)) }, 'flow publications: refresh failed'))
        .finally(() => {
          running = false;
        });
    }, everyMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
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

  /**
   * Check, store and make live a new version of a flow (or a new flow), unless
   * someone published it since `baseVersion`. The same version as the live one
   * is stored all the same when the store says otherwise (the flow's newest
   * publication was skipped, or names another version): the admin is putting
   * things right, and that publication must not come back after an upgrade.
   */
  async publish(id: string, yaml: string, by: PublishedBy): Promise<PublishResult> {
    return this.serially(async () => {
      await this.catchUp();
      const previous = this.liveVersion(id);
      if (by.baseVersion !== previous) return { status: 'conflict', live: previous };
      const checked = this.check(id, yaml);
      if (!checked.ok) return { status: 'invalid', errors: checked.errors };
      const version = checked.flow.version;
      if (previous === version && !(await this.storeDisagrees(id, version))) return { status: 'unchanged', version };
      const now = this.deps.now();
      await this.deps.store.flowVersions.save({ flowId: id, version, definition: checked.flow, createdAt: now });
      await this.deps.store.flowVersions.publish({ flowId: id, version, source: yaml, publishedAt: now, actorId: by.actorId, note: this.noteFor(id, version, 'edit') });
      this.deps.registry.add(checked.flow);
      this.skipped.delete(id);
      return { status: 'published', version, previous };
    });
  }

  /**
   * Make an earlier stored version live again (checked against the flows as they are now), unless someone
   * published since `baseVersion`. Asking for the version that is already live stores nothing, as a publish
   * of the live YAML does: a publication that changes nothing would read in the history and the audit log
   * as a change. Unless the store says otherwise (see `publish`): then it is stored, to put that right.
   */
  async rollback(id: string, version: string, by: PublishedBy): Promise<RollbackResult> {
    return this.serially(async () => {
      await this.catchUp();
      const previous = this.liveVersion(id);
      if (by.baseVersion !== previous) return { status: 'conflict', live: previous };
      if (previous === version && !(await this.storeDisagrees(id, version))) return { status: 'unchanged', version };
      const stored = await this.deps.store.flowVersions.get(id, version);
      if (!stored) return { status: 'unknown_version' };
      const label = `${id}@${version}`;
      const parsed = parseFlowDefinition(withoutVersion(stored.definition), label);
      if (!parsed.flow) return { status: 'invalid', errors: parsed.errors };
      const flow: FlowDef = { ...parsed.flow, version };
      const errors = this.validateInPlace(flow, label);
      if (errors.length > 0) return { status: 'invalid', errors };
      await this.deps.store.flowVersions.publish({ flowId: id, version, source: await this.sourceOf(id, version), publishedAt: this.deps.now(), actorId: by.actorId, note: this.noteFor(id, version, 'rollback') });
      this.deps.registry.add(flow);
      this.skipped.delete(id);
      return { status: 'published', version, previous };
    });
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
    const newest = publications[0];
    const live = newest && this.versionFollowed(newest) === latest.version ? newest : undefined;
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
    const shippedVersion = this.shipped.get(id)?.version ?? null;
    const live = publication !== undefined && this.versionFollowed(publication) === version;
    return {
      id,
      version,
      // What runs, not how it was published: a rollback to the shipped version runs the file.
      origin: version === shippedVersion ? 'file' : 'store',
      shippedVersion,
      publishedAt: live ? publication.publishedAt : null,
      publishedBy: live ? publication.actorId : null,
    };
  }

  /** The version new conversations get now (null: no such flow). */
  private liveVersion(id: string): string | null {
    return this.deps.registry.latest(id)?.version ?? null;
  }

  /**
   * A publication of the shipped version means "follow the file" (`default`):
   * when a deploy changes the file, the new file goes live, as it does for a
   * flow never edited. Any other version is pinned.
   */
  private noteFor(id: string, version: string, otherwise: 'edit' | 'rollback'): string {
    return this.shipped.get(id)?.version === version ? 'default' : otherwise;
  }

  /** The version a publication makes live: the shipped file's as it is now for `default`. */
  private versionFollowed(p: FlowPublication): string {
    const shipped = p.note === 'default' ? this.shipped.get(p.flowId) : undefined;
    return shipped?.version ?? p.version;
  }

  /** Whether the store would make something other than `version` live for this flow at the next start. */
  private async storeDisagrees(id: string, version: string): Promise<boolean> {
    if (this.skipped.has(id)) return true;
    const newest = (await this.deps.store.flowVersions.publications(id))[0];
    return (newest ? this.versionFollowed(newest) : this.shipped.get(id)?.version) !== version;
  }

  /** Apply the store's publications if they moved since this process last applied them. */
  private async catchUp(): Promise<boolean> {
    const newest = await this.deps.store.flowVersions.published();
    if (fingerprint(newest) === this.applied) return false;
    await this.applyPublished(newest);
    return true;
  }

  /**
   * Make live what the store's newest publications say, checked as one set:
   * a flow following its file (never published, or back to the default) runs
   * the file; a published definition that fails runs the file too, and is
   * listed in `skipped`.
   */
  private async applyPublished(newest?: FlowPublication[]): Promise<void> {
    const publications = newest ?? (await this.deps.store.flowVersions.published());
    const published = new Map<string, FlowToValidate>();
    const skipped = new Map<string, FlowError[]>();
    for (const p of publications) {
      await this.keepRunningVersions(p.flowId);
      if (this.versionFollowed(p) !== p.version) continue;
      const label = `store:${p.flowId}@${p.version}`;
      const stored = await this.deps.store.flowVersions.get(p.flowId, p.version);
      const parsed = stored ? parseFlowDefinition(withoutVersion(stored.definition), label) : undefined;
      // Stored definitions carry their version; it must be the one the publication names.
      if (parsed?.flow) published.set(p.flowId, { file: label, flow: { ...parsed.flow, version: p.version } });
      else skipped.set(p.flowId, parsed?.errors ?? [{ file: label, message: `version ${p.version} is not stored` }]);
    }
    const shipped = new Map<string, FlowToValidate>();
    for (const [id, file] of this.shipped) {
      const flow = this.deps.registry.get(id, file.version);
      if (flow) shipped.set(id, { file: this.fileName(id), flow });
    }
    const { dropped } = settleLiveSet({ published, shipped, ctx: withExtraFlows(this.deps.ctx, new Set()) });
    for (const [id, errors] of dropped) skipped.set(id, errors);

    for (const id of new Set([...shipped.keys(), ...published.keys()])) {
      const live = published.get(id)?.flow ?? shipped.get(id)?.flow;
      if (live && this.liveVersion(id) !== live.version) this.deps.registry.add(live);
    }
    for (const [id, errors] of skipped) {
      if (!this.skipped.has(id)) this.deps.log.warn({ flow: id, errors: errors.length }, 'published flow version no longer passes the checks: the shipped file stays live');
    }
    this.skipped.clear();
    for (const [id, errors] of skipped) this.skipped.set(id, errors);
    this.applied = fingerprint(publications);
  }

  /**
   * Every stored version of a published flow, for the conversations that may be
   * running on one: a flow made in the console is not loaded with the files, and
   * another process may have published a version this one never saw.
   */
  private async keepRunningVersions(id: string): Promise<void> {
    for (const v of await this.deps.store.flowVersions.list(id)) {
      if (!this.deps.registry.get(id, v.version)) this.deps.registry.addOld(v.definition as FlowDef);
    }
  }

  /**
   * A version a conversation runs on that the registry does not hold (FlowRegistry.load),
   * read from the store and given the schema's checks (as a publication is at start-up),
   * or undefined, logged: the conversation then goes on with the latest version. Logged
   * with the flow and version only, never the conversation.
   */
  private async storedVersion(id: string, version: string): Promise<FlowDef | undefined> {
    let stored;
    try {
      stored = await this.deps.store.flowVersions.get(id, version);
    } catch (err) {
      this.deps.log.error({ flow: id, version, err: safeErrorText(String((err as Error)?.message ?? err)) }, 'flow version of a running conversation: reading it from the store failed; this turn runs the latest version');
      throw err;
    }
    if (!stored) {
      this.deps.log.warn({ flow: id, version }, 'flow version of a running conversation is stored nowhere: it goes on with the latest version');
      return undefined;
    }
    const parsed = parseFlowDefinition(withoutVersion(stored.definition), `store:${id}@${version}`);
    if (!parsed.flow || parsed.flow.id !== id) {
      this.deps.log.warn({ flow: id, version, errors: parsed.errors.length }, 'flow version of a running conversation no longer passes the schema: it goes on with the latest version');
      return undefined;
    }
    return { ...parsed.flow, version };
  }

  /**
   * One publish, rollback or refresh at a time: each reads what is live, then
   * writes; interleaved, a refresh could put back what a publish just replaced,
   * or two publishes could both pass the `baseVersion` check.
   */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
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

/** What decides the live flows: each flow's newest publication. Two equal fingerprints make the same flows live. */
function fingerprint(newest: readonly FlowPublication[]): string {
  return JSON.stringify(newest.map((p) => [p.flowId, p.version, p.note, p.publishedAt, p.actorId]).sort());
}
