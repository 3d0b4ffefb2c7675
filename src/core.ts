/**
 * The parts every entry point shares — translator, flows, store, engine, router,
 * outbox — assembled from a Config. Channels are added by the caller (src/main.ts
 * for the service and the terminal chat, tests for their recording channels).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Channel } from './channels/channel';
import type { Config } from './config';
import { Engine } from './engine/engine';
import { builtinActions } from './engine/builtin-actions';
import type { Action, Services } from './engine/services';
import { FlowLoadError } from './flows/flow-error';
import { loadFlowDir } from './flows/registry';
import type { FlowRegistry } from './flows/registry';
import { helplinesShowAction } from './helplines/show-action';
import { createInterpreter } from './i18n/interpreter';
import { createTranslator, type Translator } from './i18n/translator';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { localesDir } from './paths';
import type { ChannelName } from './router/message';
import { OutboxDeliverer } from './router/outbox';
import { Router } from './router/router';
import type { Store } from './storage/repositories';
import { openSqliteStore } from './storage/sqlite/sqlite-store';

export interface Core {
  config: Readonly<Config>;
  store: Store;
  translator: Translator;
  flows: FlowRegistry;
  engine: Engine;
  router: Router;
  outbox: OutboxDeliverer;
  /** Filled by the caller; the outbox reads it at delivery time. */
  channels: Map<ChannelName, Channel>;
  log: Logger;
  metrics: Metrics;
  close(): Promise<void>;
}

export interface CoreOptions {
  log: Logger;
  metrics: Metrics;
  /** Defaults to the SQLite file under DATA_DIR. */
  store?: Store;
  now?: () => number;
  newId?: () => string;
}

/** Every action a flow may name with `do:`. */
export function registerActions(config: Readonly<Config>): Map<string, Action> {
  return new Map<string, Action>([['helplines.show', helplinesShowAction(config.helplines)]]);
}

export async function buildCore(config: Readonly<Config>, opts: CoreOptions): Promise<Core> {
  const { log, metrics } = opts;
  const now = opts.now ?? Date.now;
  const newId = opts.newId ?? randomUUID;
  const translator = createTranslator(localesDir);
  const actions = registerActions(config);
  const actionNames = new Set([...builtinActions.keys(), ...actions.keys()]);

  const { registry, errors } = loadFlowDir(config.flowsDir, { hasKey: (key, lng) => translator.has(key, lng), actions: actionNames });
  if (errors.length) throw new FlowLoadError(errors);

  const store = opts.store ?? openSqliteStore({ file: config.sqliteFile });
  // Keep every version a conversation may be running on, across restarts and edits.
  for (const flow of registry.all()) {
    await store.flowVersions.save({ flowId: flow.id, version: flow.version, definition: flow, createdAt: now() });
  }
  for (const id of registry.ids()) {
    for (const stored of await store.flowVersions.list(id)) {
      if (!registry.get(id, stored.version)) registry.addOld(stored.definition as never);
    }
  }

  const services: Services = { now, flows: registry, interpret: createInterpreter(translator), actions };
  const engine = new Engine(services, { ...config.engine });
  const channels = new Map<ChannelName, Channel>();
  const outbox = new OutboxDeliverer({ store, channels, now, log, metrics, options: { maxAttempts: config.outbox.maxAttempts } });
  const router = new Router({
    store,
    engine,
    translate: (key, lng, params) => translator.t(key, lng, params),
    outbox,
    now,
    newId,
    log,
    metrics,
    defaultLanguage: config.defaultLanguage,
    maxInputChars: config.maxInputChars,
  });

  return {
    config,
    store,
    translator,
    flows: registry,
    engine,
    router,
    outbox,
    channels,
    log,
    metrics,
    async close() {
      await outbox.stop();
      await Promise.all([...channels.values()].map((c) => c.stop?.()));
      await store.close();
    },
  };
}

/** Where the terminal chat keeps its user id between runs (so `npm run chat` continues). */
export function terminalUserFile(config: Readonly<Config>): string {
  return join(config.dataDir, 'terminal-user');
}
