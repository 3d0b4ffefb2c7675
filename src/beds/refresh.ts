/**
 * Scheduled bed refresh: each source of config/beds/sources.yaml is fetched (URL)
 * or read (file) on its cron schedule and imported like `sahay beds import`.
 *
 * A failed refresh — network error, timeout, HTTP error, unreadable feed — changes
 * nothing: the last good data stays, and the failure is recorded as the source's
 * status (store: for the console) and in /metrics (metrics.ts). Status messages
 * describe the failure without quoting the feed (it carries names and numbers).
 *
 * Several processes on one MongoDB each schedule every source, so a scheduled run
 * first takes the store's lease `beds-refresh:<source id>`: one process runs the
 * tick, the others skip it (debug log). SQLite and memory stores have no leases:
 * one process, the run always goes ahead. `refresh()` (the console's "refresh now")
 * takes no lease.
 *
 * ```ts
 * const refresher = new BedRefresher({ beds, sources: config.beds.sources, log, now });
 * const scheduler = startBedRefresh(refresher); // cron tasks; scheduler.stop() at shutdown
 * await refresher.status();                     // for a console screen
 * ```
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { schedule, type ScheduledTask } from 'node-cron';
import { safeErrorText, type Logger } from '../log';
import type { BedSourceStatus } from '../storage/repositories';
import type { BedSource } from './config';
import { expandHeaders } from './header-variables';
import type { ImportReport } from './importer';
import type { BedMetrics } from './metrics';
import type { AuditVia, BedsService } from './service';

/** A feed larger than this is refused rather than read into memory. */
const MAX_FEED_BYTES = 50 * 1024 * 1024;

export interface RefresherDeps {
  beds: BedsService;
  sources: readonly BedSource[];
  log: Logger;
  now: () => number;
  metrics?: BedMetrics;
  /** For `${NAME}` in source headers; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** This process, as the holder of scheduled-run leases (default: a random id). */
  owner?: string;
}

export interface RefreshOptions {
  /** Who asked, for the audit log: an admin's account id; null when no account did. */
  actorId?: string | null;
  /**
   * With no account, what asked, for the audit log: `schedule` for scheduledRefresh;
   * `cli` by default, since the command line (`sahay beds refresh`) is the only other
   * caller without an account.
   */
  via?: AuditVia;
}

/** A configured source with its last run, for the console. */
export interface SourceStatusView {
  id: string;
  /** The URL or file path (URLs without their query string: it may hold a key). */
  location: string;
  cron: string;
  partial: boolean;
  status: BedSourceStatus | null;
}

export class BedRefresher {
  private readonly running = new Map<string, Promise<BedSourceStatus>>();
  private readonly owner: string;
  /** Aborted by stop(): a fetch still running at shutdown ends at once instead of holding the exit up to its timeout. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: RefresherDeps) {
    this.owner = deps.owner ?? randomUUID();
  }

  get sources(): readonly BedSource[] {
    return this.deps.sources;
  }

  /**
   * Refresh one source now (a second call while one runs waits for it, and its import is
   * recorded as the first caller's). `actorId`: the admin who asked, for the audit log;
   * null (the default) when no account did, and then `via` says what asked.
   */
  refresh(source: BedSource, opts: RefreshOptions = {}): Promise<BedSourceStatus> {
    let run = this.running.get(source.id);
    if (!run) {
      run = this.run(source, opts.actorId ?? null, opts.via ?? 'cli').finally(() => this.running.delete(source.id));
      this.running.set(source.id, run);
    }
    return run;
  }

  /**
   * A scheduled run: refresh when this process wins the source's lease, else skip
   * (undefined). The lease is held for the fetch's timeout plus a minute and is not
   * released after the run, so that a process whose cron tick fires a few seconds
   * later finds it taken and does not run the same tick again; by the next tick it
   * has expired, or is renewed by the same holder.
   */
  async scheduledRefresh(source: BedSource): Promise<BedSourceStatus | undefined> {
    const leases = this.deps.beds.requireStore().leases;
    if (leases && !(await leases.acquire(`beds-refresh:${source.id}`, this.owner, source.timeoutMs + 60_000))) {
      this.deps.log.debug({ source: source.id }, 'bed refresh skipped: another process runs this one');
      return undefined;
    }
    return this.refresh(source, { via: 'schedule' });
  }

  /** Refresh the source with this id now (the console's "refresh now"); undefined for an unknown id. */
  async refreshById(id: string, opts: RefreshOptions = {}): Promise<BedSourceStatus | undefined> {
    const source = this.deps.sources.find((s) => s.id === id);
    return source && this.refresh(source, opts);
  }

  /**
   * At shutdown, before the store closes: fetches still running are aborted and every
   * run is waited for. An aborted run stores no status (nothing failed: the service
   * stopped) and starts no import, so a refresh caught by a restart neither logs a
   * failure nor writes to a store that is closing; the next tick runs it again.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Every configured source with its stored status. */
  async status(): Promise<SourceStatusView[]> {
    const stored = new Map((await this.deps.beds.requireStore().hospitals.listSourceStatus()).map((s) => [s.id, s]));
    return this.deps.sources.map((s) => ({ id: s.id, location: s.url ? s.url.replace(/[?#].*$/, '') : (s.file ?? ''), cron: s.cron, partial: s.partial, status: stored.get(s.id) ?? null }));
  }

  private async run(source: BedSource, actorId: string | null, via: AuditVia): Promise<BedSourceStatus> {
    const { beds, log, now, metrics } = this.deps;
    const store = beds.requireStore();
    const attemptAt = now();
    const previous = (await store.hospitals.listSourceStatus()).find((s) => s.id === source.id);
    let status: BedSourceStatus;
    try {
      const text = await this.read(source);
      if (this.stopping.signal.aborted) return stoppedStatus(source, attemptAt, previous, log);
      const mapping = beds.mappingFor(source.file ?? feedName(source), { ...(source.mapping ? { mapping: source.mapping } : {}), source: `refresh:${source.id}` });
      const report = await beds.importText(text, mapping, { partial: source.partial, actorId, via });
      const failure = failureOf(report);
      status = {
        id: source.id,
        lastAttemptAt: attemptAt,
        lastSuccessAt: failure ? (previous?.lastSuccessAt ?? null) : attemptAt,
        ok: !failure,
        error: failure,
        rows: report.records,
        imported: report.written ? report.created + report.updated : 0,
        skipped: new Set(report.errors.map((e) => `${e.line}:${e.record ?? ''}`)).size,
      };
    } catch (err) {
      if (this.stopping.signal.aborted) return stoppedStatus(source, attemptAt, previous, log);
      status = { id: source.id, lastAttemptAt: attemptAt, lastSuccessAt: previous?.lastSuccessAt ?? null, ok: false, error: describe(err), rows: 0, imported: 0, skipped: 0 };
    }
    await store.hospitals.saveSourceStatus(status);
    metrics?.refreshes.inc({ source: source.id, result: status.ok ? 'ok' : 'failed' });
    metrics?.up.set({ source: source.id }, status.ok ? 1 : 0);
    if (status.lastSuccessAt !== null) metrics?.lastSuccess.set({ source: source.id }, Math.floor(status.lastSuccessAt / 1000));
    if (status.ok) log.info({ source: source.id, rows: status.rows, imported: status.imported, skipped: status.skipped }, 'bed refresh done');
    else log.warn({ source: source.id, error: status.error }, 'bed refresh failed; the last good data is kept');
    return status;
  }

  private async read(source: BedSource): Promise<string> {
    if (source.file) return readFile(source.file, 'utf8');
    const headers = expandHeaders(source.headers, this.deps.env ?? process.env);
    const signal = AbortSignal.any([AbortSignal.timeout(source.timeoutMs), this.stopping.signal]);
    const res = await fetch(source.url as string, { headers, signal, redirect: 'follow' });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status}`);
    }
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_FEED_BYTES) {
      await res.body?.cancel();
      throw new Error(`the feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
    }
    const body = await res.arrayBuffer();
    if (body.byteLength > MAX_FEED_BYTES) throw new Error(`the feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
    return new TextDecoder('utf-8').decode(body);
  }
}

/** Schedule every source on its cron expression (and once at start when runOnStart). */
export function startBedRefresh(refresher: BedRefresher, log: Logger): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = [];
  for (const source of refresher.sources) {
    const run = () => refresher.scheduledRefresh(source).catch((err: unknown) => log.error({ source: source.id, err: safeErrorText(describe(err)) }, 'bed refresh crashed'));
    tasks.push(schedule(source.cron, run, { name: `beds:${source.id}`, noOverlap: true, ...(source.timezone ? { timezone: source.timezone } : {}) }));
    if (source.runOnStart) void run();
  }
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await refresher.stop();
    },
  };
}

/** A run cut short by shutdown: reported to its caller as not done, stored nowhere, logged at debug only. */
function stoppedStatus(source: BedSource, attemptAt: number, previous: BedSourceStatus | undefined, log: Logger): BedSourceStatus {
  log.debug({ source: source.id }, 'bed refresh stopped: the service is shutting down');
  return { id: source.id, lastAttemptAt: attemptAt, lastSuccessAt: previous?.lastSuccessAt ?? null, ok: false, error: 'stopped: the service was shutting down', rows: 0, imported: 0, skipped: 0 };
}

/** Why an import counts as a failed refresh, or null when it succeeded. */
function failureOf(report: ImportReport): string | null {
  if (report.records === 0 && report.errors.length === 0) return 'the feed has no records';
  if (!report.written) {
    const first = report.errors[0];
    if (!first) return 'no hospital could be read from the feed';
    const where = first.line ? `line ${first.line}` : first.record ? `record ${first.record}` : 'the file';
    // A problem of the whole feed (its header, JSON that does not parse) leaves no readable
    // record: partial would change nothing, so it is not offered.
    const advice = report.fatal ? '' : ' (set partial: true to import the readable records)';
    return `${report.errors.length} problem(s), nothing imported${advice}; first: ${where}${first.field ? `, ${first.field}` : ''}: ${first.message}`;
  }
  return null;
}

function describe(err: unknown): string {
  // Not `instanceof Error`: fetch's abort is a DOMException, from another realm under some runners.
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const e = err as { name?: unknown; message: unknown; cause?: { code?: unknown } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
    const message = String(e.message).split('\n')[0]!;
    return typeof e.cause?.code === 'string' ? `${message} (${e.cause.code})` : message;
  }
  return String(err);
}

/** A name for a URL feed, so that its format (without a mapping) follows its extension. */
function feedName(source: BedSource): string {
  const path = source.url ? new URL(source.url).pathname : '';
  return `feed${extname(path) || '.csv'}`;
}
