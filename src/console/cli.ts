/**
 * `sahay accounts add|list|disable|enable|reset-password` and `sahay audit`: the
 * console's account administration from the command line, for the first admin
 * of a fresh install and for scripts. Passwords come from a prompt or stdin
 * (read-secret.ts), never from argv. Changes go through the same AccountService
 * as the console, and are in the audit log with actor "command line".
 */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../config';
import { AppError } from '../http/errors';
import { silentLogger } from '../log';
import type { AuditEntry, Store } from '../storage/repositories';
import { openStore, storeOptionsFor } from '../storage/open-store';
import { displayNameSchema, languagesSchema, queuesSchema, registrationSchema, rolesSchema, usernameSchema } from './account-fields';
import { cliReleaseNotice } from '../handoff/cli-release-notice';
import { createConsoleServices } from './mount';
import { publicAccount } from './public-account';
import { readNewPassword, SecretInputError, type SecretInput } from './read-secret';

export interface ConsoleCliDeps {
  config: () => Readonly<Config>;
  setExitCode: (code: number) => void;
  io?: SecretInput & { out: (line: string) => void; err: (line: string) => void };
  /** The store to use (tests); by default the one the service uses. */
  openStore?: (config: Readonly<Config>) => Promise<Store>;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerConsoleCommands(program: Command, deps: ConsoleCliDeps): void {
  const io = deps.io ?? {
    input: process.stdin,
    prompt: process.stderr,
    out: (line: string) => console.log(line),
    err: (line: string) => console.error(line),
  };
  // The store the service uses: the SQLite file under DATA_DIR, or MongoDB when MONGODB_URI is set.
  const open = deps.openStore ?? ((config: Readonly<Config>) => openStore(storeOptionsFor(config)));

  /** Run with the console's services on the configured store; user errors print one line and exit 1. */
  const withServices =
    <A extends unknown[]>(fn: (services: ReturnType<typeof createConsoleServices>, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const config = deps.config();
      const store = await open(config);
      try {
        const services = createConsoleServices({ store, config, log: silentLogger });
        // Chats given back by an account disabled here: their patients are told as from the console.
        services.accounts.setReleaseNotice(cliReleaseNotice({ config, store }));
        await fn(services, ...args);
      } catch (err) {
        if (err instanceof AppError || err instanceof SecretInputError) {
          io.err(err.message);
          deps.setExitCode(1);
        } else throw err;
      } finally {
        await store.close();
      }
    };
  const cli = { cli: true } as const;

  const accounts = program.command('accounts').description('console accounts: operators, doctors and admins');

  accounts
    .command('add')
    .description('create an account; the password is asked for (or read from the first line of stdin)')
    .argument('<username>', 'sign-in name: 2-32 lower-case letters, digits, dot, dash, underscore')
    .requiredOption('--name <display name>', 'the name colleagues know this person by')
    .option('--role <role>', 'admin, doctor or operator (repeat, or separate with commas)', collect, [])
    .option('--lang <language>', 'bn, hi or en: languages this person speaks with patients (repeatable)', collect, [])
    .option('--queue <queue>', 'a hand-off queue this person serves (repeatable)', collect, [])
    .option('--registration <number>', "a doctor's medical registration number, shown with their replies to patients")
    .action(
      withServices(async (s, username: string, opts: { name: string; role: string[]; lang: string[]; queue: string[]; registration?: string }) => {
        const input = {
          username: field('username', usernameSchema, username),
          displayName: field('--name', displayNameSchema, opts.name),
          roles: field('--role', rolesSchema, opts.role),
          languages: field('--lang', languagesSchema, opts.lang),
          queues: field('--queue', queuesSchema, opts.queue),
          registration: opts.registration === undefined ? undefined : field('--registration', registrationSchema, opts.registration),
        };
        if (await s.store.accounts.findByUsername(input.username)) throw new AppError('conflict', `The username "${input.username}" is taken.`);
        const password = await readNewPassword(io, `Password for ${input.username}`);
        const account = await s.accounts.create({ ...input, password }, cli);
        io.out(`Created ${account.username} (${account.roles.join(', ')}).`);
      }),
    );

  accounts
    .command('list')
    .description('list accounts')
    .option('--json', 'one JSON object per line')
    .action(
      withServices(async (s, opts: { json?: boolean }) => {
        const all = await s.accounts.list();
        if (opts.json) {
          for (const a of all) io.out(JSON.stringify(publicAccount(a)));
          return;
        }
        if (all.length === 0) {
          io.out('No accounts yet. Create the first admin: sahay accounts add <username> --name "<name>" --role admin');
          return;
        }
        const rows = all.map((a) => [a.username, a.active ? 'active' : 'disabled', a.roles.join(','), a.languages.join(',') || '-', a.queues.join(',') || '-', a.displayName]);
        table(['USERNAME', 'STATUS', 'ROLES', 'LANGUAGES', 'QUEUES', 'NAME'], rows).forEach((l) => io.out(l));
      }),
    );

  for (const [name, active] of [['disable', false], ['enable', true]] as const) {
    accounts
      .command(name)
      .description(active ? 'let a disabled account sign in again' : 'stop an account from signing in; its sessions end at once, and the patients it has go back to the queue, told so')
      .argument('<username>')
      .action(
        withServices(async (s, username: string) => {
          const account = await s.accounts.findByUsername(username);
          await s.accounts.update(account.id, { active }, cli);
          io.out(`${account.username} is ${active ? 'enabled' : 'disabled'}.`);
        }),
      );
  }

  accounts
    .command('reset-password')
    .description("set a new password (asked for, or read from stdin); the account's sessions end")
    .argument('<username>')
    .action(
      withServices(async (s, username: string) => {
        const account = await s.accounts.findByUsername(username);
        const password = await readNewPassword(io, `New password for ${account.username}`);
        await s.accounts.setPassword(account.id, password, cli);
        io.out(`New password set for ${account.username}; their sessions have ended.`);
      }),
    );

  program
    .command('audit')
    .description('the audit log, newest first: sign-ins, account changes, what operators viewed and changed')
    .option('--since <time>', 'from this time: 2021-05-01, 2021-05-01T10:00Z, or ago: 30m, 24h, 7d')
    .option('--until <time>', 'before this time (same forms)')
    .option('--actor <username>', "only this account's actions")
    .option('--action <action>', 'only this action, e.g. auth.sign_in_failed')
    .option('--target <type:id>', 'only entries about this record, e.g. account:1f0c…')
    .option('--ip <address>', 'only requests from this IP address (matched by its hash)')
    .option('--limit <n>', 'at most this many entries', '100')
    .option('--json', 'one JSON object per line')
    .action(
      withServices(async (s, opts: { since?: string; until?: string; actor?: string; action?: string; target?: string; ip?: string; limit: string; json?: boolean }) => {
        const now = s.now();
        const limit = field('--limit', z.coerce.number().int().min(1).max(100_000), opts.limit);
        const people = new Map((await s.accounts.list()).map((a) => [a.id, a.username]));
        const query: Parameters<typeof s.audit.list>[0] = { limit };
        if (opts.since) query.since = parseTime(opts.since, now);
        if (opts.until) query.until = parseTime(opts.until, now);
        if (opts.actor) query.actorId = (await s.accounts.findByUsername(opts.actor)).id;
        if (opts.action) query.action = opts.action;
        if (opts.target) {
          const cut = opts.target.indexOf(':');
          query.targetType = cut < 0 ? opts.target : opts.target.slice(0, cut);
          if (cut >= 0) query.targetId = opts.target.slice(cut + 1);
        }
        let entries: AuditEntry[];
        if (opts.ip) {
          // The store cannot filter by IP hash: page through the log until `limit` entries match.
          const hash = s.audit.hashIp(opts.ip);
          entries = [];
          const page = { ...query, limit: Math.max(limit, 500) };
          for (;;) {
            const batch = await s.audit.list(page);
            entries.push(...batch.filter((e) => e.ipHash === hash));
            const last = batch.at(-1);
            if (entries.length >= limit || batch.length < page.limit || !last) break;
            page.before = { at: last.at, id: last.id };
          }
          entries = entries.slice(0, limit);
        } else entries = await s.audit.list(query);
        for (const e of entries) io.out(opts.json ? JSON.stringify({ ...e, actor: e.actorId === null ? null : (people.get(e.actorId) ?? null) }) : auditLine(e, people));
        if (!opts.json && entries.length === 0) io.out('No entries.');
      }),
    );
}

/** A command-line value through its schema; a bad one is a one-line error naming the argument. */
function field<S extends z.ZodType>(name: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('bad_request', `${name}: ${result.error.issues.map((i) => i.message).join('; ')}`);
}

/** "2021-05-01", an ISO time, ms since 1970, or a span ago: "30m", "24h", "7d". */
export function parseTime(value: string, now: number): number {
  const ago = /^(\d+)\s*([mhd])$/.exec(value.trim());
  if (ago) return now - Number(ago[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 'm' | 'h' | 'd'];
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new AppError('bad_request', `Not a time: "${value}" (use 2021-05-01, 2021-05-01T10:00Z, 30m, 24h or 7d).`);
  return ms;
}

/** What acted when no account did (an audit entry's `via`): the command line, or a schedule (the bed refresh). */
const VIA = new Map<unknown, string>([
  ['cli', '(command line)'],
  ['schedule', '(schedule)'],
]);

function auditLine(e: AuditEntry, people: Map<string, string>): string {
  const when = new Date(e.at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const who = e.actorId === null ? (VIA.get(e.details.via) ?? '(unknown)') : (people.get(e.actorId) ?? e.actorId);
  const what = e.targetType ? ` ${e.targetType}:${e.targetId ?? ''}` : '';
  const details = Object.entries(e.details)
    .filter(([k]) => k !== 'via')
    .map(([k, v]) => ` ${k}=${String(v)}`)
    .join('');
  return `${when}  ${who}  ${e.action}${what}${details}${e.ipHash ? `  ip#${e.ipHash}` : ''}`;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  ');
  return [line(head), ...rows.map(line)];
}
