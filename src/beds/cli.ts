/**
 * `sahay beds ...`: the hospital registry from the command line, through the same
 * BedsService as the service (so imports, searches and tokens behave the same).
 *
 *   sahay beds import <file> [--mapping <yaml>] [--partial] [--source <label>]
 *   sahay beds find --district <name> | --pincode <pin> | --near <lat,lng> [--kind oxygen] [--sex female] [--lang bn] [--json]
 *   sahay beds list [--text <part of a name>]
 *   sahay beds token issue|revoke <hospital-id>
 *   sahay beds refresh [<source-id>...]
 *   sahay beds sources
 *
 * Exit codes: 0 done; 1 nothing imported (unreadable records without --partial), not
 * found, or a bad argument.
 */
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { assertHeaderVariables, type Config } from '../config';
import type { Language } from '../engine/flow';
import { createTranslator } from '../i18n/translator';
import { createLogger, silentLogger } from '../log';
import { localesDir } from '../paths';
import { renderRef } from '../router/render';
import type { Store } from '../storage/repositories';
import { openStore, storeOptionsFor } from '../storage/open-store';
import { answerMessage, noDataMessage } from './answer';
import type { ImportReport } from './importer';
import type { BedTarget } from './lookup';
import type { RowProblem } from './map-record';
import { MappingError } from './mapping';
import { progressBar } from './progress';
import { BedRefresher } from './refresh';
import { BedsService } from './service';

export interface BedsCliDeps {
  config: () => Readonly<Config>;
  setExitCode: (code: number) => void;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Where the progress bar goes (default process.stderr; drawn only on a terminal). */
  progressStream?: NodeJS.WriteStream;
  openStore?: (config: Readonly<Config>) => Promise<Store>;
  now?: () => number;
}

/** Problems printed in full; the rest are counted. */
const SHOWN = 50;

export function registerBedsCommands(program: Command, deps: BedsCliDeps): void {
  const out = deps.out ?? ((line: string) => console.log(line));
  const err = deps.err ?? ((line: string) => console.error(line));
  const now = deps.now ?? Date.now;
  const open = deps.openStore ?? ((config: Readonly<Config>) => openStore(storeOptionsFor(config)));

  async function withBeds(run: (beds: BedsService, config: Readonly<Config>) => Promise<number>): Promise<void> {
    const config = deps.config();
    const store = await open(config);
    try {
      const beds = new BedsService({ config, now, newId: randomUUID, log: silentLogger });
      await beds.attach(store);
      deps.setExitCode(await run(beds, config));
    } finally {
      await store.close();
    }
  }

  const beds = program.command('beds').description('hospital registry and bed search (see README, Beds)');

  beds
    .command('import')
    .description('import hospitals and bed counts from a CSV or JSON file (canonical schema, or --mapping)')
    .argument('<file>', 'the feed: .csv or .json')
    .option('--mapping <yaml>', 'a mapping file (config/beds/mappings/)')
    .option('--partial', 'import the readable records even when some are unreadable')
    .option('--source <label>', 'label stored with every count (default: the mapping\'s source, else file:<name>)')
    .action((file: string, opts: { mapping?: string; partial?: boolean; source?: string }) =>
      withBeds(async (service) => {
        let report: ImportReport;
        const bar = progressBar(deps.progressStream ?? process.stderr, `Importing ${basename(file)}`);
        try {
          report = await service.importFile(file, {
            ...(opts.mapping ? { mapping: opts.mapping } : {}),
            ...(opts.source ? { source: opts.source } : {}),
            partial: opts.partial ?? false,
            progress: (done, total) => total >= 1000 && bar.update(done, total),
          });
        } catch (e) {
          if (e instanceof MappingError) {
            for (const p of e.problems) err(p);
            return 1;
          }
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
            err(`${(e as NodeJS.ErrnoException).path ?? file}: no such file`);
            return 1;
          }
          throw e;
        } finally {
          bar.finish();
        }
        printProblems('error', report.errors, err);
        printProblems('warning', report.warnings, err);
        if (report.written) {
          out(`${file}: ${report.records} records read; ${report.created} hospitals added, ${report.updated} updated${report.countsKept ? `, ${report.countsKept} counts kept (the stored ones are newer)` : ''}${report.errors.length ? `; ${report.errors.length} unreadable records skipped (--partial)` : ''}.`);
          return 0;
        }
        if (report.errors.length) {
          // --partial skips unreadable records; it cannot help when the file as a whole is wrong (its header).
          err(`${file}: nothing imported: ${report.errors.length} problem(s). ${report.fatal ? 'Fix them and import it again.' : 'Fix them, or import the readable records with --partial.'}`);
          return 1;
        }
        out(`${file}: no records to import.`);
        return 0;
      }),
    );

  beds
    .command('find')
    .description('find free beds, printing the answer the bot gives')
    .option('--district <name>', 'a district or city, in any language or spelling')
    .option('--pincode <pin>', 'a 6-digit PIN code')
    .option('--near <lat,lng>', 'a location, e.g. 22.57,88.36')
    .option('--kind <kind>', 'any, or a kind from config/beds/kinds.yaml', 'any')
    .option('--sex <sex>', 'male or female, when beds are split by sex')
    .option('--lang <lang>', 'language of the answer: bn, hi or en', 'en')
    .option('--json', 'print the answer as JSON')
    .action((opts: { district?: string; pincode?: string; near?: string; kind: string; sex?: string; lang: string; json?: boolean }) =>
      withBeds(async (service) => {
        const given = [opts.district, opts.pincode, opts.near].filter((x) => x !== undefined).length;
        if (given !== 1) {
          err('give exactly one of --district, --pincode or --near');
          return 1;
        }
        if (!['bn', 'hi', 'en'].includes(opts.lang)) {
          err('--lang must be bn, hi or en');
          return 1;
        }
        if (!service.finder.isKind(opts.kind)) {
          err(`--kind must be any or one of: ${service.config.kinds.map((k) => k.id).join(', ')}`);
          return 1;
        }
        // A typo (femal) must not quietly search both sexes' beds.
        if (opts.sex !== undefined && opts.sex !== 'male' && opts.sex !== 'female') {
          err(`--sex must be male or female, not "${opts.sex}"`);
          return 1;
        }
        const lang = opts.lang as Language;
        const translator = createTranslator(localesDir);
        const say = (key: string, params: Record<string, string>) => out(renderRef({ key, params }, lang, (k, l, p) => translator.t(k, l, p)));
        let target: BedTarget;
        if (opts.near !== undefined) {
          const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(opts.near);
          const lat = Number(m?.[1]);
          const lng = Number(m?.[2]);
          if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
            err('--near must be a latitude and longitude, e.g. 22.57,88.36');
            return 1;
          }
          target = { by: 'location', lat, lng };
        } else if (opts.pincode !== undefined) {
          const pin = service.finder.resolvePincode(opts.pincode);
          if (!pin) {
            say(/^\s*\d{6}\s*$/.test(opts.pincode) ? 'beds.resolve.unknown_pincode' : 'beds.resolve.bad_pincode', { text: opts.pincode });
            return 1;
          }
          target = { by: 'pincode', pincode: pin };
        } else {
          const place = service.finder.resolvePlace(opts.district ?? '');
          if (!place) {
            // Dhaka, Delhi: no bed data there, with its helplines, as the chat says it.
            const elsewhere = service.finder.elsewhere(opts.district ?? '');
            if (elsewhere) out(renderRef(noDataMessage(elsewhere.names[lang] || elsewhere.names.en, elsewhere.help), lang, (k, l, p) => translator.t(k, l, p)));
            else say('beds.resolve.unknown_place', { text: opts.district ?? '' });
            return 1;
          }
          target = { by: 'district', place: place.place };
        }
        const sex = opts.sex as 'male' | 'female' | undefined;
        const answer = service.finder.find({ target, kind: opts.kind, ...(sex ? { sex } : {}) });
        if (opts.json) out(JSON.stringify(answer, null, 2));
        else out(renderRef(answerMessage(answer, { now: now(), kindLabel: service.kindLabel, lang }), lang, (k, l, p) => translator.t(k, l, p)));
        return 0;
      }),
    );

  beds
    .command('list')
    .description('list hospitals (id, name, district), e.g. to find the id for a desk token')
    .option('--text <text>', 'part of the name, district or city')
    .action((opts: { text?: string }) =>
      withBeds(async (service) => {
        const list = await service.requireStore().hospitals.list(opts.text ? { text: opts.text } : {});
        for (const h of list) out(`${h.id}\t${h.name}\t${h.district ?? ''}`);
        err(`${list.length} hospital(s)`);
        return 0;
      }),
    );

  const token = beds.command('token').description('desk tokens: a hospital desk updates its own counts (PUT /api/hospitals/:id/beds)');
  token
    .command('issue')
    .description('issue a new desk token for a hospital (replaces its old one); printed once')
    .argument('<hospital-id>')
    .action((id: string) =>
      withBeds(async (service) => {
        const t = await service.issueDeskToken(id);
        if (!t) {
          err(`no hospital with id ${id} (see sahay beds list)`);
          return 1;
        }
        out(t);
        err('Give this token to the hospital desk over a safe channel; it is not shown again (only its hash is stored).');
        return 0;
      }),
    );
  token
    .command('revoke')
    .description('revoke a hospital\'s desk token')
    .argument('<hospital-id>')
    .action((id: string) =>
      withBeds(async (service) => {
        if (!(await service.revokeDeskToken(id))) {
          err(`no hospital with id ${id} (see sahay beds list)`);
          return 1;
        }
        out(`desk token of ${id} revoked`);
        return 0;
      }),
    );

  beds
    .command('refresh')
    .description('refresh bed sources now (config/beds/sources.yaml; all when none are named)')
    .argument('[source-ids...]')
    .action((ids: string[]) =>
      withBeds(async (service, config) => {
        assertHeaderVariables(config);
        const refresher = new BedRefresher({ beds: service, sources: config.beds.sources, log: createLogger({ level: 'warn', destination: process.stderr as never }), now });
        const chosen = ids.length ? config.beds.sources.filter((s) => ids.includes(s.id)) : config.beds.sources;
        const unknown = ids.filter((id) => !config.beds.sources.some((s) => s.id === id));
        for (const id of unknown) err(`no source ${id} in config/beds/sources.yaml`);
        let failed = unknown.length > 0;
        for (const source of chosen) {
          const s = await refresher.refresh(source);
          out(`${source.id}: ${s.ok ? `ok, ${s.imported} hospitals written from ${s.rows} records` : `FAILED: ${s.error}`}`);
          failed ||= !s.ok;
        }
        if (chosen.length === 0 && !unknown.length) out('no sources configured (config/beds/sources.yaml)');
        return failed ? 1 : 0;
      }),
    );

  beds
    .command('sources')
    .description('the configured refresh sources and their last run')
    .action(() =>
      withBeds(async (service, config) => {
        const refresher = new BedRefresher({ beds: service, sources: config.beds.sources, log: silentLogger, now });
        for (const s of await refresher.status()) {
          const st = s.status;
          const last = st ? `${st.ok ? 'ok' : `FAILED (${st.error})`} at ${new Date(st.lastAttemptAt).toISOString()}; last success ${st.lastSuccessAt ? new Date(st.lastSuccessAt).toISOString() : 'never'}` : 'not run yet';
          out(`${s.id}\t${s.cron}\t${s.location}\t${last}`);
        }
        return 0;
      }),
    );
}

function printProblems(kind: 'error' | 'warning', problems: RowProblem[], err: (line: string) => void): void {
  for (const p of problems.slice(0, SHOWN)) err(`  ${kind}: ${formatProblem(p)}`);
  if (problems.length > SHOWN) err(`  ... and ${problems.length - SHOWN} more ${kind}s`);
}

/** "line 14, oxygen_vacant: not a whole number of beds (0 or more): "abc"" */
export function formatProblem(p: RowProblem): string {
  const where = p.line ? `line ${p.line}` : p.record ? `record ${p.record}` : 'file';
  const record = p.line && p.record ? ` (record ${p.record})` : '';
  return `${where}${record}${p.field ? `, ${p.field}` : ''}: ${p.message}${p.value !== undefined ? `: "${p.value}"` : ''}`;
}
