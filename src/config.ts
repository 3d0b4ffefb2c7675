/**
 * One validated, frozen Config from the environment (.env) and config/*.yaml.
 * Every setting has a default so that `npm start` works with no .env at all;
 * a bad setting stops start-up with one line per problem naming the variable.
 * Every variable is documented in .env.example.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadHelplines, type HelplineDirectory } from './helplines/directory';
import { configDir as shippedConfigDir, flowsDir as shippedFlowsDir } from './paths';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(['bn', 'hi', 'en']).default('en'),
  FLOWS_DIR: z.string().min(1).optional(),
  CONFIG_DIR: z.string().min(1).optional(),
  OUTBOX_POLL_MS: int(1000, 50, 3_600_000),
  OUTBOX_MAX_ATTEMPTS: int(10, 1, 100),
  MAX_INPUT_CHARS: int(1000, 50, 100_000),
});

const flowId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a flow id');
const engineSchema = z.strictObject({
  entryFlow: flowId,
  homeFlow: flowId,
  fallbackFlow: flowId,
  retries: z.number().int().min(0).max(10),
  maxSteps: z.number().int().min(1).max(10_000),
  commands: z.record(z.string(), z.union([z.strictObject({ goto_flow: flowId }), z.strictObject({ call: flowId })])),
});

export type EngineConfig = z.infer<typeof engineSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file under dataDir. */
  sqliteFile: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  defaultLanguage: 'bn' | 'hi' | 'en';
  flowsDir: string;
  configDir: string;
  outbox: { pollMs: number; maxAttempts: number };
  maxInputChars: number;
  engine: EngineConfig;
  helplines: HelplineDirectory;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Read and check the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Readonly<Config> {
  const problems: string[] = [];
  // Empty values in .env mean "not set": fall back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])])})`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const configDir = e.CONFIG_DIR ? abs(e.CONFIG_DIR) : shippedConfigDir;
  const flowsDir = e.FLOWS_DIR ? abs(e.FLOWS_DIR) : shippedFlowsDir;
  if (!existsSync(configDir)) problems.push(`CONFIG_DIR: folder ${configDir} does not exist`);
  if (!existsSync(flowsDir)) problems.push(`FLOWS_DIR: folder ${flowsDir} does not exist`);
  if (problems.length) throw new ConfigError(problems);

  const engine = readYaml(join(configDir, 'engine.yaml'), engineSchema, problems);
  let helplines: HelplineDirectory | undefined;
  try {
    helplines = loadHelplines(join(configDir, 'helplines.yaml'));
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
  if (problems.length || !engine || !helplines) throw new ConfigError(problems);

  const dataDir = abs(e.DATA_DIR);
  return deepFreeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqliteFile: join(dataDir, 'sahay.db'),
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    flowsDir,
    configDir,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    maxInputChars: e.MAX_INPUT_CHARS,
    engine,
    helplines,
  });
}

function readYaml<T>(file: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
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
