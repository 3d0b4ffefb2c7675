/**
 * The `sahay` command. Subcommands stay thin: they parse arguments and call
 * the code the service itself uses.
 */
import { Command, CommanderError } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../config';
import { builtinActions } from '../engine/builtin-actions';
import { registerActions } from '../core';
import { FlowLoadError, formatFlowError } from '../flows/flow-error';
import { createTranslator } from '../i18n/translator';
import { localesDir } from '../paths';
import { runFlowsCheck } from './flows-check';

export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
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
      await startTerminalChat(config(), undefined, opts.user ? { userId: opts.user } : {});
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
        hasKey: (key, lng) => translator.has(key, lng),
        actions: new Set([...builtinActions.keys(), ...registerActions(cfg).keys()]),
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        defaultDir: cfg.flowsDir,
      });
    });

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

function config() {
  return loadConfig(process.env);
}
