/**
 * The `sahay` command. Subcommands stay thin: they parse arguments and call
 * the code the service itself uses.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config';
import { loadEnvFile } from '../env-file';
import { describeStore, openStore, storeOptionsFor } from '../storage/open-store';
import { builtinActions } from '../engine/builtin-actions';
import { registerActions } from '../core';
import { FlowLoadError, formatFlowError } from '../flows/flow-error';
import { validateContextOf } from '../flows/validate-context';
import { createTranslator } from '../i18n/translator';
import { localesDir } from '../paths';
import { runFlowsCheck } from './flows-check';
import { runTriageAssess } from './triage-assess';
import { createTriage } from '../triage/triage';
import { registerConsoleCommands } from '../console/cli';
import { registerFaqCommands } from '../faq/cli';
import { registerBedsCommands } from '../beds/cli';

export async function main(argv: string[]): Promise<number> {
  const envFile = loadEnvFile(process.env, process.cwd());
  const config = () => loadConfig(process.env, { envFile });
  let exitCode = 0;
  const program = new Command('sahay').description('Sahay: triage and referral chatbot (bn, hi, en)').exitOverride();

  program
    .command('start')
    .description('start the service: web chat at /chat, webhook at POST /api/webchat, /healthz, /readyz, /metrics')
    .action(async () => {
      const { startService } = await import('../main');
      const service = await startService(config());
      const shutdown = (signal: string) => {
        service.core.log.info({ signal }, 'shutting down');
        void service.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      await new Promise(() => undefined); // run until a signal
    });

  program
    .command('chat')
    .description('talk to the bot in the terminal (same router and store as the service)')
    .option('--user <id>', 'continue the conversation of this terminal user id')
    .action(async (opts: { user?: string }) => {
      const { startTerminalChat } = await import('../main');
      const cfg = config();
      sayDatabase(cfg);
      await startTerminalChat(cfg, undefined, opts.user ? { userId: opts.user } : {});
    });

  // sahay accounts add|list|disable|enable|reset-password, sahay audit
  registerConsoleCommands(program, { config, openStore: openSayingStore, setExitCode: (code) => (exitCode = code) });
  // sahay faq import|export|match
  registerFaqCommands(program, { config, openStore: openSayingStore, setExitCode: (code) => (exitCode = code) });

  program
    .command('store')
    .description('the database')
    .command('migrate')
    .description('copy the embedded install (SQLite under DATA_DIR) into MongoDB (MONGODB_URI); safe to run again')
    .requiredOption('--from <driver>', 'where the data is now: sqlite')
    .requiredOption('--to <driver>', 'where it goes: mongodb')
    .option('--batch-size <rows>', 'rows written per round trip', (v) => Number.parseInt(v, 10), 500)
    .action(async (opts: { from: string; to: string; batchSize: number }) => {
      // Loaded only here: the rest of the CLI never loads mongoose.
      const { runStoreMigrate } = await import('../storage/mongo/migrate-command');
      exitCode = await runStoreMigrate(config(), opts, { out: (line) => console.log(line), err: (line) => console.error(line) });
    });

  const flows = program.command('flows').description('flow definitions');
  flows
    .command('check')
    .description('validate flow files (all of flows/ when none are given)')
    .argument('[files...]', 'flow files or folders')
    .action((files: string[]) => {
      const cfg = config();
      const translator = createTranslator(localesDir);
      exitCode = runFlowsCheck(files, {
        ...validateContextOf(translator, new Map([...builtinActions, ...registerActions(cfg)])),
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        defaultDir: cfg.flowsDir,
      });
    });

  const triage = program.command('triage').description('triage rules (config/triage.yaml)');
  triage
    .command('assess')
    .description('assess one case read as JSON on stdin; prints {"level","reasons":[{"rule","text"}]}')
    .option('--lang <lang>', 'language of the reason texts: bn, hi or en', 'en')
    .action(async (opts: { lang: string }) => {
      const cfg = config();
      const translator = createTranslator(localesDir);
      exitCode = runTriageAssess(await readStdin(), opts.lang, {
        triage: createTriage(cfg.triage),
        translate: (key, lng) => translator.t(key, lng),
        out: (line) => console.log(line),
        err: (line) => console.error(line),
      });
    });

  registerBedsCommands(program, { config, openStore: openSayingStore, setExitCode: (code) => (exitCode = code) });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78; // EX_CONFIG
    }
    if (err instanceof FlowLoadError) {
      console.error('The flows in FLOWS_DIR have errors:');
      for (const e of err.errors) console.error(`  ${formatFlowError(e)}`);
      return 1;
    }
    throw err;
  }
  return exitCode;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** On stderr (stdout may be JSON or an export): which database a command reads and writes. */
function sayDatabase(config: Readonly<Config>): void {
  console.error(`Database: ${describeStore(storeOptionsFor(config))}`);
}

/** The store the service uses, named first: with several checkouts or DATA_DIRs about, the wrong one shows at once. */
function openSayingStore(config: Readonly<Config>) {
  sayDatabase(config);
  return openStore(storeOptionsFor(config));
}
