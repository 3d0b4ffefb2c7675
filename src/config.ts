/**
 * One validated, frozen Config from the environment (.env) and config/*.yaml.
 * Every setting has a default so that `npm start` works with no .env at all;
 * a bad setting stops start-up with one line per problem naming the variable.
 * Every variable is documented in .env.example.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readYamlFile } from './yaml-file';
import { z } from 'zod';
import type { ConsoleConfig } from './console/console-config';
import { trustProxySchema, type TrustProxy } from './console/trust-proxy';
import { readTelegramConfig, type TelegramConfig } from './channels/telegram/config';
import { DEFAULT_WEBCHAT_LIMITS, type WebchatLimits } from './channels/webchat/limits';
import { loadHelplines, type HelplineDirectory } from './helplines/directory';
import { loadTriageConfig, type TriageConfig } from './triage/triage-config';
import { headerVariableProblems, loadBedsConfig, type BedsConfig } from './beds/config';
import { loadFaqConfig, type FaqConfig } from './faq/faq-config';
import { loadHandoffConfig, type HandoffConfig } from './handoff/config';
import { loadFollowupConfig, type FollowupConfig } from './followup/config';
import type { EnvFile } from './env-file';
import { configDir as shippedConfigDir, flowsDir as shippedFlowsDir, projectRoot } from './paths';
import { MAX_STEPS_LIMIT } from './engine/engine';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
/** true/false, 1/0, yes/no, on/off (any case). */
const bool = (def: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')
    .default(def);

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Unset: <project root>/data (see dataDir in loadConfig).
  DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(['bn', 'hi', 'en']).default('en'),
  FLOWS_DIR: z.string().min(1).optional(),
  CONFIG_DIR: z.string().min(1).optional(),
  OUTBOX_POLL_MS: int(1000, 50, 3_600_000),
  OUTBOX_MAX_ATTEMPTS: int(10, 1, 100),
  MAX_INPUT_CHARS: int(5000, 50, 100_000),
  // 0: off. On by default: a conversation that talks without end can get the WhatsApp number banned.
  FLOOD_MAX_MESSAGES_PER_MINUTE: int(20, 0, 10_000),
  // Web chat, per client address (src/channels/webchat/limits.ts). 0: no limit.
  WEBCHAT_IP_MESSAGES_PER_MINUTE: int(DEFAULT_WEBCHAT_LIMITS.messagesPerMinute, 0, 1_000_000),
  WEBCHAT_IP_FRAMES_PER_MINUTE: int(DEFAULT_WEBCHAT_LIMITS.framesPerMinute, 0, 10_000_000),
  WEBCHAT_IP_SOCKETS: int(DEFAULT_WEBCHAT_LIMITS.sockets, 0, 1_000_000),
  WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE: int(DEFAULT_WEBCHAT_LIMITS.newConversationsPerMinute, 0, 1_000_000),
  TRUST_PROXY: trustProxySchema.default(false),
  CONSOLE_SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  CONSOLE_SESSION_MAX_HOURS: int(12, 1, 24 * 30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  CONSOLE_LOGIN_MAX_FAILURES: int(5, 1, 1000),
  CONSOLE_LOGIN_MAX_FAILURES_PER_IP: int(5, 1, 100_000),
  CONSOLE_LOGIN_WINDOW_MINUTES: int(5, 1, 24 * 60),
  // At least 12: a lower bcrypt cost is for tests only, which build their Config directly.
  PASSWORD_HASH_COST: int(12, 12, 15),
  // Any length is accepted: a failed check would print the value in the error.
  AUDIT_IP_SECRET: z.string().min(1).optional(),
  // Any length is accepted: a failed check would print the value in the error.
  LOG_ID_SECRET: z.string().min(1).optional(),
  WHATSAPP_ENABLED: bool(false),
  WHATSAPP_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_CHROMIUM_ARGS: z.string().default(''),
  WHATSAPP_INIT_TIMEOUT_MS: int(120_000, 1000, 3_600_000),
  WHATSAPP_RESTART_MIN_MS: int(5000, 100, 3_600_000),
  WHATSAPP_RESTART_MAX_MS: int(300_000, 100, 24 * 3_600_000),
  WHATSAPP_SEND_GAP_MS: int(1000, 0, 60_000),
  WHATSAPP_SEND_JITTER_MS: int(1500, 0, 60_000),
  WHATSAPP_SEND_PER_MINUTE: int(30, 1, 1000),
  WHATSAPP_QR_TERMINAL: bool(true),
  BEDS_STALE_HOURS: int(24, 1, 24 * 30),
  BEDS_NEARBY_KM: int(25, 1, 500),
  // Checked below without printing it: the URI may hold a password.
  MONGODB_URI: z.string().min(1).optional(),
});

const flowId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a flow id');
const engineSchema = z.strictObject({
  entryFlow: flowId,
  homeFlow: flowId,
  fallbackFlow: flowId,
  retries: z.number().int().min(0).max(10),
  maxSteps: z.number().int().min(1).max(MAX_STEPS_LIMIT),
  commands: z.record(z.string(), z.union([z.strictObject({ goto_flow: flowId }), z.strictObject({ call: flowId })])),
});

export type EngineConfig = z.infer<typeof engineSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file under dataDir. */
  sqliteFile: string;
  /** MONGODB_URI: when set, the store is MongoDB (src/storage/mongo/) instead of the SQLite file. A secret: never logged. */
  mongodbUri?: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  defaultLanguage: 'bn' | 'hi' | 'en';
  flowsDir: string;
  configDir: string;
  outbox: { pollMs: number; maxAttempts: number };
  maxInputChars: number;
  /**
   * FLOOD_MAX_MESSAGES_PER_MINUTE: how many of one conversation's messages are answered a
   * minute (src/router/flood-guard.ts); past that they are stored, not answered. 0: no limit.
   */
  flood: { maxPerMinute: number };
  /**
   * WEBCHAT_IP_*: the web chat's limits per client address (TRUST_PROXY decides which) on
   * messages, socket frames, sockets open at once and new conversations; 0 turns one off.
   */
  webchat: WebchatLimits;
  engine: EngineConfig;
  helplines: HelplineDirectory;
  /** config/triage.yaml: the rule table, red flags and symptom words (src/triage/). */
  triage: TriageConfig;
  /** express 'trust proxy' (TRUST_PROXY): whose X-Forwarded-* headers set req.ip and req.secure. */
  trustProxy: TrustProxy;
  /** The web console: sessions, cookies, sign-in throttling, password hashing (src/console/). */
  console: ConsoleConfig;
  /** Key for the opaque user references in logs (HMAC); a random one per process when unset. */
  logIdSecret: string | undefined;
  whatsapp: WhatsAppConfig;
  /** The Telegram channel (src/channels/telegram/); undefined = off (no TELEGRAM_BOT_TOKEN). */
  telegram: TelegramConfig | undefined;
  /** Hospital registry and bed search (src/beds/): kinds, gazetteer, refresh sources, BEDS_*. */
  beds: BedsConfig;
  /** config/faq/: matching thresholds, synonyms and the starter set (src/faq/). */
  faq: FaqConfig;
  /** config/handoff.yaml: queues with their time zones and hours, SLA, estimates, canned replies (src/handoff/). */
  handoff: HandoffConfig;
  /** config/followup.yaml: daily check-ins for patients in home isolation (src/followup/). */
  followup: FollowupConfig;
}

/** The WhatsApp Web channel (src/channels/whatsapp/); see .env.example for each setting. */
export interface WhatsAppConfig {
  enabled: boolean;
  /** <DATA_DIR>/whatsapp: the linked-device session (LocalAuth) and the WhatsApp Web page cache. */
  dataDir: string;
  chromiumPath: string;
  /** Added to the channel's own Chromium flags. */
  chromiumArgs: string[];
  /** Browser launch + WhatsApp Web load, until a QR code or "ready". */
  initTimeoutMs: number;
  /** Restart backoff after a failure: doubles from min up to max. */
  restartMinMs: number;
  restartMaxMs: number;
  /** Outbound pacing: at least gapMs between messages, plus 0..jitterMs, and at most perMinute a minute. */
  sendGapMs: number;
  sendJitterMs: number;
  sendPerMinute: number;
  /** Print the QR code in the terminal (stderr) while waiting to be linked. */
  qrInTerminal: boolean;
}

/** Variables whose values are never printed in configuration errors. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|URI|KEY/;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What refreshes bed feeds (`sahay start`, `sahay beds refresh`): every header key the sources name must be set (beds/config.ts). */
export function assertHeaderVariables(config: Pick<Config, 'beds'>, env: NodeJS.ProcessEnv = process.env): void {
  const problems = headerVariableProblems(config.beds, env);
  if (problems.length) throw new ConfigError(problems);
}

/** Where relative paths in the settings are read from. */
export interface PathBase {
  /** For paths set in the shell's environment (default: process.cwd()). */
  cwd?: string;
  /** For paths set in this .env file: its folder (see env-file.ts). */
  envFile?: EnvFile | undefined;
}

/** Read and check the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, base: PathBase = {}): Readonly<Config> {
  const problems: string[] = [];
  // Empty values in .env mean "not set": fall back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      // Never echo a secret (tokens, passwords, connection strings) into a terminal or a log.
      const shown = SECRET_NAME.test(name) ? '(value hidden)' : `(got ${JSON.stringify(cleaned[name])})`;
      problems.push(`${issue.path.join('.')}: ${issue.message} ${shown}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  // A relative path is read from where it was written: a .env file's folder, or the
  // current directory for one typed in the shell. So the checkout's `.env` means the
  // same from any folder once `npm link` has put `sahay` on the PATH.
  const abs = (name: string, p: string) => {
    if (isAbsolute(p)) return p;
    return resolve(base.envFile?.names.has(name) ? base.envFile.dir : (base.cwd ?? process.cwd()), p);
  };
  const configDir = e.CONFIG_DIR ? abs('CONFIG_DIR', e.CONFIG_DIR) : shippedConfigDir;
  const flowsDir = e.FLOWS_DIR ? abs('FLOWS_DIR', e.FLOWS_DIR) : shippedFlowsDir;
  if (!existsSync(configDir)) problems.push(`CONFIG_DIR: folder ${configDir} does not exist`);
  if (!existsSync(flowsDir)) problems.push(`FLOWS_DIR: folder ${flowsDir} does not exist`);
  if (e.WHATSAPP_ENABLED && !existsSync(e.WHATSAPP_CHROMIUM_PATH)) {
    problems.push(`WHATSAPP_CHROMIUM_PATH: ${e.WHATSAPP_CHROMIUM_PATH} not found (install Chromium: apt-get install -y chromium)`);
  }
  if (e.WHATSAPP_RESTART_MIN_MS > e.WHATSAPP_RESTART_MAX_MS) problems.push('WHATSAPP_RESTART_MIN_MS: must not be above WHATSAPP_RESTART_MAX_MS');
  const telegram = readTelegramConfig(cleaned, problems);
  if (e.MONGODB_URI !== undefined && !/^mongodb(\+srv)?:\/\/[^\s/?]+/.test(e.MONGODB_URI)) {
    problems.push('MONGODB_URI: must look like mongodb://host:27017/sahay or mongodb+srv://cluster.example.org/sahay (value not shown: it may hold a password)');
  }
  if (problems.length) throw new ConfigError(problems);

  const engine = readYaml(join(configDir, 'engine.yaml'), engineSchema, problems);
  let helplines: HelplineDirectory | undefined;
  try {
    helplines = loadHelplines(join(configDir, 'helplines.yaml'));
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
  let triage: TriageConfig | undefined;
  try {
    triage = loadTriageConfig(join(configDir, 'triage.yaml'), helplines ? new Set(Object.keys(helplines.regions)) : undefined);
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
  const beds = loadBedsConfig(configDir, { staleHours: e.BEDS_STALE_HOURS, nearbyKm: e.BEDS_NEARBY_KM }, problems);
  if (problems.length || !engine || !helplines || !triage) throw new ConfigError(problems);
  if (!beds) throw new ConfigError(problems);
  const faq = loadFaqConfig(configDir, problems);
  const handoff = loadHandoffConfig(configDir, problems, new Set(Object.keys(helplines.regions)));
  const followup = loadFollowupConfig(configDir, problems);
  if (problems.length || !faq || !handoff || !followup) throw new ConfigError(problems);

  // Unset, the data lives in the checkout like the flows and config it goes with, not in
  // whatever folder the command was typed in (which would silently start an empty database).
  const dataDir = e.DATA_DIR ? abs('DATA_DIR', e.DATA_DIR) : join(projectRoot, 'data');
  return deepFreeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqliteFile: join(dataDir, 'sahay.db'),
    mongodbUri: e.MONGODB_URI,
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    flowsDir,
    configDir,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    maxInputChars: e.MAX_INPUT_CHARS,
    flood: { maxPerMinute: e.FLOOD_MAX_MESSAGES_PER_MINUTE },
    webchat: {
      messagesPerMinute: e.WEBCHAT_IP_MESSAGES_PER_MINUTE,
      framesPerMinute: e.WEBCHAT_IP_FRAMES_PER_MINUTE,
      sockets: e.WEBCHAT_IP_SOCKETS,
      newConversationsPerMinute: e.WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE,
    },
    engine,
    helplines,
    triage,
    trustProxy: e.TRUST_PROXY,
    console: {
      sessionIdleMs: e.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.CONSOLE_SESSION_MAX_HOURS * 3_600_000,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
      loginMaxFailures: e.CONSOLE_LOGIN_MAX_FAILURES,
      loginMaxFailuresPerIp: e.CONSOLE_LOGIN_MAX_FAILURES_PER_IP,
      loginWindowMs: e.CONSOLE_LOGIN_WINDOW_MINUTES * 60_000,
      passwordCost: e.PASSWORD_HASH_COST,
      auditIpSecret: e.AUDIT_IP_SECRET,
    },
    logIdSecret: e.LOG_ID_SECRET,
    whatsapp: {
      enabled: e.WHATSAPP_ENABLED,
      dataDir: join(dataDir, 'whatsapp'),
      chromiumPath: e.WHATSAPP_CHROMIUM_PATH,
      chromiumArgs: splitArgs(e.WHATSAPP_CHROMIUM_ARGS),
      initTimeoutMs: e.WHATSAPP_INIT_TIMEOUT_MS,
      restartMinMs: e.WHATSAPP_RESTART_MIN_MS,
      restartMaxMs: e.WHATSAPP_RESTART_MAX_MS,
      sendGapMs: e.WHATSAPP_SEND_GAP_MS,
      sendJitterMs: e.WHATSAPP_SEND_JITTER_MS,
      sendPerMinute: e.WHATSAPP_SEND_PER_MINUTE,
      qrInTerminal: e.WHATSAPP_QR_TERMINAL,
    },
    telegram,
    beds,
    faq,
    handoff,
    followup,
  });
}

/** Flags separated by spaces; a part in "double" or 'single' quotes keeps its spaces: --host-resolver-rules="MAP * ~NOTFOUND". */
function splitArgs(value: string): string[] {
  return (value.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((arg) => arg.replace(/"([^"]*)"|'([^']*)'/g, (_, d: string | undefined, q: string | undefined) => d ?? q ?? ''));
}

function readYaml<T>(file: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
