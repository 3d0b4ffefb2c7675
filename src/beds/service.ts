/**
 * Beds, assembled: the gazetteer, the in-memory directory over the store, bed
 * search, imports, count updates and desk tokens. One instance per process
 * (src/core.ts builds it); the chat actions, the desk API, the refresh
 * scheduler, the console and `sahay beds` all go through it, so that every
 * write also updates the index that searches read.
 *
 * ```ts
 * const beds = new BedsService({ config, now, newId, log });
 * await beds.attach(store);
 * const report = await beds.importFile('Pune.csv', { mapping: 'config/beds/mappings/covidbedsindia.yaml' });
 * const answer = beds.finder.find({ target: { by: 'district', place: 'pune' }, kind: 'oxygen' });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Config } from '../config';
import { AppError } from '../http/errors';
import type { Logger } from '../log';
import type { BedCount, Hospital, Store } from '../storage/repositories';
import { ALL } from './config';
import { countUpdateProblems } from './count-update-problems';
import { hashDeskToken, deskTokenMatches } from './desk-token';
import { BedDirectory } from './directory';
import { Facilities } from './facility';
import { Gazetteer } from './gazetteer';
import { prepareImport, writeImport, type ImportReport } from './importer';
import { BedFinder } from './lookup';
import { canonicalMapping, fileSource, loadMapping, type Mapping } from './mapping';

export interface BedsServiceDeps {
  config: Pick<Readonly<Config>, 'beds' | 'helplines'>;
  now: () => number;
  newId: () => string;
  log: Logger;
}

export interface ImportOptions {
  /** A mapping file, or a parsed mapping; the canonical schema when absent. */
  mapping?: string | Mapping;
  /** Write the readable records even when some could not be read. */
  partial?: boolean;
  /** The label stored with every count (default: the mapping's `source`, else file:<name>). */
  source?: string;
  progress?: (done: number, total: number) => void;
  /** Who asked, for the audit log: an account id, or null for the command line and schedules. */
  actorId?: string | null;
  /**
   * With no account, what asked: the command line or the schedule, recorded as the audit
   * entry's `via` (`sahay audit` shows an entry with neither as "(unknown)"). Default:
   * `cli` for importFile (only the command line imports a file by its path), none otherwise.
   */
  via?: AuditVia;
}

/** What acted when no account did. */
export type AuditVia = 'cli' | 'schedule';

/** Counts as a desk or an admin gives them: a kind's total may be left out to keep the stored one. */
export type CountUpdate = Record<string, { vacant: number; total?: number | null; male?: SplitUpdate; female?: SplitUpdate }>;
type SplitUpdate = { vacant: number | null; total?: number | null };

export class BedsService {
  readonly gazetteer: Gazetteer;
  readonly directory: BedDirectory;
  readonly finder: BedFinder;
  private store: Store | undefined;
  private readonly labels: Map<string, string>;

  constructor(private readonly deps: BedsServiceDeps) {
    const { beds, helplines } = deps.config;
    this.gazetteer = new Gazetteer(beds.places);
    this.directory = new BedDirectory(this.gazetteer, { now: deps.now });
    this.finder = new BedFinder({ gazetteer: this.gazetteer, index: this.directory.index, kinds: beds.kinds, facilities: new Facilities(beds.facilities), helplines, staleHours: beds.staleHours, nearbyKm: beds.nearbyKm, now: deps.now });
    this.labels = new Map(beds.kinds.map((k) => [k.id, k.label]));
  }

  get config(): Readonly<Config['beds']> {
    return this.deps.config.beds;
  }

  /** The label key of a kind (kinds.yaml); `any` and `all` have their own. */
  readonly kindLabel = (kind: string): string => this.labels.get(kind) ?? (kind === ALL || kind === 'any' ? 'beds.kind.any' : kind);

  /** Use this store and load the registry into memory. */
  async attach(store: Store): Promise<void> {
    this.store = store;
    await this.directory.attach(store);
  }

  /** The mapping to read a file with: the one named, else the canonical schema for its extension. */
  mappingFor(file: string, opts: Pick<ImportOptions, 'mapping' | 'source'> = {}): Mapping {
    const source = opts.source ?? fileSource(file);
    const m =
      typeof opts.mapping === 'string'
        ? loadMapping(opts.mapping, this.config.kinds, source)
        : (opts.mapping ?? canonicalMapping(this.config.kinds, extname(file).toLowerCase() === '.json' ? 'json' : 'csv', source));
    return opts.source ? { ...m, sourceLabel: opts.source } : m;
  }

  async importFile(file: string, opts: ImportOptions = {}): Promise<ImportReport> {
    return this.importText(readFileSync(file, 'utf8'), this.mappingFor(file, opts), { via: 'cli', ...opts, label: file });
  }

  /** Import a feed's text; nothing changes when records are unreadable, unless `partial`. */
  async importText(text: string, mapping: Mapping, opts: ImportOptions & { label?: string } = {}): Promise<ImportReport> {
    const store = this.requireStore();
    const now = this.deps.now();
    const prepared = prepareImport(text, { mapping, gazetteer: this.gazetteer, now, ...(opts.progress ? { progress: opts.progress } : {}) });
    const report = await writeImport(store, prepared, { partial: opts.partial ?? false, now });
    if (report.written) {
      await this.directory.reload();
      await this.audit(opts.actorId ?? null, 'beds.imported', null, { source: mapping.sourceLabel, records: report.records, written: report.created + report.updated, errors: report.errors.length }, opts.via);
    }
    this.deps.log.info({ source: mapping.sourceLabel, records: report.records, written: report.written, errors: report.errors.length, warnings: report.warnings.length }, 'bed import');
    return report;
  }

  /**
   * A desk's or an admin's new counts for one hospital, true as of `at` (default now).
   * A kind's total left out keeps the stored total. Undefined for an unknown hospital;
   * a `bad_request` AppError naming the field for counts that break the rules of
   * count-update-problems.ts (a future time, more vacant than the total to be stored).
   */
  async updateBeds(id: string, update: CountUpdate, opts: { source: 'desk' | 'console'; at?: number; actorId?: string | null }): Promise<Hospital | undefined> {
    const store = this.requireStore();
    const current = this.directory.index.get(id)?.hospital ?? (await store.hospitals.get(id));
    if (!current) return undefined;
    const at = opts.at ?? this.deps.now();
    const beds: Record<string, BedCount> = {};
    for (const [kind, c] of Object.entries(update)) {
      const stored = current.beds[kind];
      const total = c.total === undefined ? (stored?.total ?? null) : c.total;
      const split = (s: SplitUpdate | undefined, old: BedCount['male']) => s && { vacant: s.vacant, total: s.total === undefined ? (old?.total ?? null) : s.total };
      const male = split(c.male, stored?.male);
      const female = split(c.female, stored?.female);
      beds[kind] = { total, vacant: c.vacant, ...(male ? { male } : {}), ...(female ? { female } : {}), updatedAt: at, source: opts.source };
    }
    // Checked here, on the counts as merged, not on the request alone: a request that
    // leaves the total out is checked against the stored total it will be stored with.
    const problems = countUpdateProblems(beds, at, this.deps.now());
    if (problems.length) throw new AppError('bad_request', `Invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const before = await store.hospitals.revision();
    const updated = await store.hospitals.updateBeds(id, beds, this.deps.now());
    if (updated) {
      await this.directory.wrote([updated], before);
      await this.audit(opts.actorId ?? null, 'hospital.beds_updated', id, { source: opts.source, kinds: Object.keys(update).join(',') });
    }
    return updated;
  }

  /**
   * A new desk token for a hospital (replacing any earlier one); shown once, stored hashed.
   * Undefined for an unknown hospital. No account (null): the command line, the only other caller.
   */
  async issueDeskToken(id: string, actorId: string | null = null): Promise<string | undefined> {
    const store = this.requireStore();
    const token = `sahay_desk_${randomBytes(32).toString('base64url')}`;
    const before = await store.hospitals.revision();
    if (!(await store.hospitals.setDeskToken(id, { hash: hashDeskToken(token), issuedAt: this.deps.now() }))) return undefined;
    await this.directory.wrote([], before);
    await this.audit(actorId, 'hospital.desk_token_issued', id, {}, 'cli');
    return token;
  }

  /** Revoke a hospital's desk token; false for an unknown hospital. No account (null): the command line. */
  async revokeDeskToken(id: string, actorId: string | null = null): Promise<boolean> {
    const store = this.requireStore();
    const before = await store.hospitals.revision();
    if (!(await store.hospitals.setDeskToken(id, null))) return false;
    await this.directory.wrote([], before);
    await this.audit(actorId, 'hospital.desk_token_revoked', id, {}, 'cli');
    return true;
  }

  /** Does this bearer token belong to this hospital's desk? (Constant-time comparison of hashes.) */
  async deskTokenValid(id: string, token: string): Promise<boolean> {
    const stored = await this.requireStore().hospitals.deskToken(id);
    return deskTokenMatches(token, stored?.hash);
  }

  requireStore(): Store {
    if (!this.store) throw new Error('beds: no store attached yet');
    return this.store;
  }

  /** `via` is recorded only without an account: an account says who acted by itself. */
  private async audit(actorId: string | null, action: string, hospitalId: string | null, details: Record<string, string | number | boolean | null>, via?: AuditVia): Promise<void> {
    await this.requireStore().audit.append({
      id: this.deps.newId(),
      at: this.deps.now(),
      actorId,
      action,
      targetType: hospitalId ? 'hospital' : null,
      targetId: hospitalId,
      ipHash: null,
      details: actorId === null && via ? { ...details, via } : details,
    });
  }
}
