/**
 * Every flow version the process has seen. A conversation keeps the version it
 * started on (DESIGN.md), so an edited flow adds a version and never replaces
 * one: `get(id, version)` still finds the old definition for the conversations
 * that are in it, while new conversations get `latest(id)`.
 *
 * ```ts
 * const { registry, errors } = loadFlowDir(flowsDir, { hasKey, actions });
 * if (errors.length) throw new FlowLoadError(errors);
 * engine = createEngine({ flows: registry, ... });
 * await store.flowVersions.saveAll(registry.all().map((f) => ({ flowId: f.id, version: f.version, definition: f, createdAt: now })));
 * ```
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowDef } from '../engine/flow';
import type { FlowSource } from '../engine/services';
import { FlowLoadError, sortFlowErrors, type FlowError } from './flow-error';
import { loadFlowFile } from './load';
import { validateFlows, type FlowToValidate, type ValidateContext } from './validate';

/**
 * Reads a version this process does not hold from where every version is kept (the
 * store): the definition, or undefined when it is stored nowhere. May reject (the
 * store is down): the version is then asked for again on a later turn.
 */
export type FlowVersionFetcher = (id: string, version: string) => Promise<FlowDef | undefined>;

/** Versions found stored nowhere that are remembered as such (beyond it the memory starts again). */
const MAX_ABSENT = 1000;

export class FlowRegistry implements FlowSource {
  /** id → version → definition; a Map keeps the order versions were added in. */
  private readonly versions = new Map<string, Map<string, FlowDef>>();
  private readonly latestById = new Map<string, FlowDef>();
  private fetcher: FlowVersionFetcher | undefined;
  /** `id@version` → the read under way, so that turns waiting for one version share one read. */
  private readonly fetching = new Map<string, Promise<boolean>>();
  /** `id@version` of versions the store does not have: not read again on every turn of the conversation. */
  private readonly absent = new Set<string>();

  /**
   * Adds a version and makes it the latest of its flow (adding an older version
   * again — a revert — makes it the latest again). The definition is frozen: a
   * version is a content hash and must never change under it.
   */
  add(flow: FlowDef): void {
    const frozen = deepFreeze(flow);
    let byVersion = this.versions.get(flow.id);
    if (!byVersion) {
      byVersion = new Map();
      this.versions.set(flow.id, byVersion);
    }
    byVersion.delete(flow.version);
    byVersion.set(flow.version, frozen);
    this.latestById.set(flow.id, frozen);
  }

  /**
   * Adds a version that conversations may still be running on (read back from the
   * store) without making it the latest: new conversations keep getting the flow
   * as the files define it now. A version already held is left as it is.
   */
  addOld(flow: FlowDef): void {
    let byVersion = this.versions.get(flow.id);
    if (byVersion?.has(flow.version)) return;
    if (!byVersion) {
      byVersion = new Map();
      this.versions.set(flow.id, byVersion);
    }
    byVersion.set(flow.version, deepFreeze(flow));
  }

  /** That version of the flow, or its latest version when none is given. */
  get(id: string, version?: string): FlowDef | undefined {
    return version === undefined ? this.latest(id) : this.versions.get(id)?.get(version);
  }

  /** Where `load` reads the versions this process has not seen (the flow editor sets the store's). */
  loadFrom(fetcher: FlowVersionFetcher): void {
    this.fetcher = fetcher;
  }

  /**
   * Makes `get(id, version)` find a version that another process on the same store
   * made (an admin published it there, and a conversation started on it there) before
   * this process looked at the store's publications: read from the store, kept as an
   * old version (not made the latest: publications go live by `FlowEditor.refresh`).
   * True when the version is held now; false when it is stored nowhere (or cannot be
   * read now), and the conversation can only go on with the latest version.
   */
  load(id: string, version: string): Promise<boolean> {
    if (this.versions.get(id)?.has(version)) return Promise.resolve(true);
    const key = `${id}@${version}`;
    const fetcher = this.fetcher;
    if (!fetcher || this.absent.has(key)) return Promise.resolve(false);
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = fetcher(id, version)
        .then(
          (flow) => {
            if (flow) {
              // Keyed by the version the conversation names, whatever the stored copy says.
              this.addOld({ ...flow, id, version });
              return true;
            }
            if (this.absent.size >= MAX_ABSENT) this.absent.clear();
            this.absent.add(key);
            return false;
          },
          () => false,
        )
        .finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    return pending;
  }

  latest(id: string): FlowDef | undefined {
    return this.latestById.get(id);
  }

  has(id: string): boolean {
    return this.latestById.has(id);
  }

  /** Flow ids, in the order they were first added. */
  ids(): string[] {
    return [...this.versions.keys()];
  }

  /** Every version of every flow, oldest first within a flow: what the store should keep. */
  all(): FlowDef[] {
    return [...this.versions.values()].flatMap((byVersion) => [...byVersion.values()]);
  }
}

export interface LoadedFlows {
  /** The flows whose files have no errors. */
  registry: FlowRegistry;
  /** Sorted by file, then line; empty when every file is clean. */
  errors: FlowError[];
}

/** Loads and validates, as one set, every flow file (`*.yaml`, `*.yml`) in `dir` (file-name order). */
export function loadFlowDir(dir: string, ctx: ValidateContext): LoadedFlows {
  const files = listFlowFiles(dir);
  const parsed = files.map((file) => ({ file, ...loadFlowFile(file) }));
  const valid: FlowToValidate[] = parsed.flatMap(({ file, flow, locate }) => (flow ? [{ file, flow, locate }] : []));
  // A broken file is reported once, for itself; flows that call it should not fail too.
  const brokenIds = parsed.flatMap((p) => (p.flow === undefined && p.id !== undefined ? [p.id] : []));
  const extraFlowIds = new Set([...(ctx.extraFlowIds ?? []), ...brokenIds]);
  const errors = sortFlowErrors([...parsed.flatMap((p) => p.errors), ...validateFlows(valid, withExtraFlows(ctx, extraFlowIds))]);
  const broken = new Set(errors.map((e) => e.file));
  const registry = new FlowRegistry();
  for (const v of valid) if (!broken.has(v.file)) registry.add(v.flow);
  return { registry, errors };
}

/** For start-up: the registry, or a FlowLoadError that lists every error, one per line. */
export function loadFlowDirOrThrow(dir: string, ctx: ValidateContext): FlowRegistry {
  const { registry, errors } = loadFlowDir(dir, ctx);
  if (errors.length > 0) throw new FlowLoadError(errors);
  return registry;
}

/**
 * Both spellings of YAML's extension: a `triage.yml` that is silently left out is
 * a flow the author believes live and never is. Two files with one id (`a.yaml`
 * and `a.yml`) are reported as a duplicate flow by validation, like any other pair.
 */
export const FLOW_FILE_EXTENSIONS = ['.yaml', '.yml'] as const;

/** Paths of the flow files (`*.yaml`, `*.yml`) in `dir`, sorted by name. */
export function listFlowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && FLOW_FILE_EXTENSIONS.some((ext) => d.name.endsWith(ext)))
    .map((d) => d.name)
    .sort()
    .map((name) => join(dir, name));
}

/** The same context with more known flow ids (not a spread: its methods may live on a prototype). */
export function withExtraFlows(ctx: ValidateContext, extraFlowIds: ReadonlySet<string>): ValidateContext {
  return {
    hasKey: (key, lng) => ctx.hasKey(key, lng),
    placeholders: (key, lng) => ctx.placeholders(key, lng),
    actions: ctx.actions,
    actionArgs: ctx.actionArgs,
    extraFlowIds,
    ...(ctx.readings ? { readings: ctx.readings } : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
