/**
 * `sahay faq import <file>`, `sahay faq export`, `sahay faq match "<question>"`.
 *
 * - import: YAML, JSON or CSV (by the file's extension, or --format). Every row is
 *   checked first; one bad row and nothing is stored, and each problem names its
 *   row and field. The import is in the audit log (actor: command line).
 * - export: every entry's latest version, with its status, to stdout or --out, in
 *   the same formats: an export imported again changes nothing.
 * - match: the ranked entries and their scores for a question, and what the bot
 *   would do (answer, a close call, no match) — the same FaqService.match the bot uses.
 *
 * Exit codes: 0 done, 1 a problem in the file or the question, 2 a file that cannot be read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config';
import { createConsoleServices } from '../console/mount';
import { LANGUAGES, type Language } from '../engine/flow';
import { silentLogger } from '../log';
import { openStore, storeOptionsFor } from '../storage/open-store';
import type { Store } from '../storage/repositories';
import { titleOf } from './content';
import { FaqAdmin } from './faq-admin';
import { writeFaqFile } from './faq-export';
import { formatOf, formatProblem, parseFaqFile, type FaqFileFormat } from './faq-file';
import { FaqService } from './faq-service';

export interface FaqCliDeps {
  config: () => Readonly<Config>;
  setExitCode: (code: number) => void;
  io?: { out: (text: string) => void; err: (line: string) => void };
  /** The store to use (tests); by default the one the service uses. */
  openStore?: (config: Readonly<Config>) => Promise<Store>;
  now?: () => number;
}

const FORMATS = ['yaml', 'json', 'csv'] as const;

export function registerFaqCommands(program: Command, deps: FaqCliDeps): void {
  const io = deps.io ?? { out: (text: string) => process.stdout.write(text), err: (line: string) => console.error(line) };
  const open = deps.openStore ?? ((config: Readonly<Config>) => openStore(storeOptionsFor(config)));
  const now = deps.now ?? Date.now;

  /** Open the configured store (seeded with the starter set, as the service would) for one command. */
  const withStore =
    <A extends unknown[]>(fn: (store: Store, config: Readonly<Config>, service: FaqService, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const config = deps.config();
      const store = await open(config);
      try {
        const service = new FaqService({ config: config.faq, now });
        await service.attach(store);
        await fn(store, config, service, ...args);
      } finally {
        await store.close();
      }
    };

  const faq = program.command('faq').description('FAQ entries: import, export, and try the matcher');

  faq
    .command('import')
    .description('add or update entries from a YAML, JSON or CSV file (all or nothing; problems name the row and field)')
    .argument('<file>', 'the file: .yaml/.yml, .json or .csv')
    .option('--format <format>', 'yaml, json or csv (default: from the file extension)')
    .option('--check', 'only check the file; store nothing')
    .action(async (file: string, opts: { format?: string; check?: boolean }) => {
      const format = pickFormat(opts.format, file);
      if (!format) {
        io.err(`${file}: cannot tell the format: name the file .yaml, .json or .csv, or give --format yaml|json|csv`);
        return deps.setExitCode(2);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        io.err(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message}`);
        return deps.setExitCode(2);
      }
      const { rows, problems } = parseFaqFile(text, format);
      if (problems.length > 0) {
        for (const p of problems) io.err(`${file}: ${formatProblem(p)}`);
        io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'}: nothing was imported`);
        return deps.setExitCode(1);
      }
      if (opts.check) {
        io.out(`${file}: ${rows.length} entr${rows.length === 1 ? 'y' : 'ies'} checked: no problems\n`);
        return;
      }
      await withStore(async (store, config) => {
        const result = await new FaqAdmin({ store, now }).import(rows, { actorId: null });
        if ('conflict' in result) {
          io.err(`entry "${result.conflict}" was changed while importing: nothing was imported; run the import again`);
          return deps.setExitCode(1);
        }
        const { audit } = createConsoleServices({ store, config, log: silentLogger, now });
        await audit.record({ actorId: null, action: 'faq.imported', details: { via: 'cli', format, rows: rows.length, ...result } });
        io.out(`${file}: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged (${result.published} published, ${result.drafts} drafts)\n`);
      })();
    });

  faq
    .command('export')
    .description("write every entry's latest version (with its status) as YAML, JSON or CSV")
    .option('--format <format>', 'yaml, json or csv (default: from --out, else yaml)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { format?: string; out?: string }) => {
      // Refused like import refuses it: writing YAML into faq.txt (or for --format xml)
      // and exiting 0 hands a script a file it did not ask for.
      const format = opts.format === undefined && opts.out === undefined ? 'yaml' : pickFormat(opts.format, opts.out);
      if (!format) {
        io.err(
          opts.format !== undefined
            ? `--format must be yaml, json or csv, not "${opts.format}"`
            : `${opts.out}: cannot tell the format: name the file .yaml, .json or .csv, or give --format yaml|json|csv`,
        );
        return deps.setExitCode(2);
      }
      await withStore(async (store) => {
        const rows = await new FaqAdmin({ store, now }).exportRows();
        const text = writeFaqFile(rows, format);
        if (opts.out) {
          writeFileSync(opts.out, text);
          io.err(`${rows.length} entries written to ${opts.out}`);
        } else io.out(text);
      })();
    });

  faq
    .command('match')
    .description('what the bot does with a question: the ranked entries, their scores, and the decision')
    .argument('<question>', 'the question, as a patient would type it')
    .option('--lang <lang>', 'the conversation language, for the titles and answer shown: bn, hi or en', 'en')
    .option('--json', 'print JSON: { outcome, lang, candidates: [{ id, score, confidence, title, hasAnswer }] }')
    .action(
      withStore(async (_store, _config, service, question: string, opts: { lang: string; json?: boolean }) => {
        if (!(LANGUAGES as readonly string[]).includes(opts.lang)) {
          io.err(`--lang must be bn, hi or en, not "${opts.lang}"`);
          return deps.setExitCode(1);
        }
        const lang = opts.lang as Language;
        const m = await service.match(question);
        const candidates = m.candidates.map((c) => ({
          id: c.id,
          score: round(c.score),
          confidence: round(c.confidence),
          title: titleOf(c.content, lang),
          hasAnswer: c.content.answers[lang] !== undefined,
        }));
        if (opts.json) return io.out(`${JSON.stringify({ question, lang, outcome: m.outcome, candidates }, null, 2)}\n`);
        io.out(`${m.outcome}\n`);
        for (const c of candidates) io.out(`  ${c.confidence.toFixed(2)}  ${c.id}  ${c.title}${c.hasAnswer ? '' : `  (no ${lang} answer)`}\n`);
      }),
    );
}

function pickFormat(given: string | undefined, file: string | undefined): FaqFileFormat | undefined {
  if (given !== undefined) return (FORMATS as readonly string[]).includes(given) ? (given as FaqFileFormat) : undefined;
  return file === undefined ? undefined : formatOf(file);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
