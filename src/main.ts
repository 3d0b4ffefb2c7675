/**
 * Composition root: the only place that builds real adapters. `startService`
 * runs the HTTP server with the web chat; `startTerminalChat` talks in the
 * terminal. Both use the same core (router, engine, store) from src/core.ts.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TerminalChannel } from './channels/cli/terminal-channel';
import { createWebchatChannel } from './channels/webchat';
import type { Config } from './config';
import { buildCore, terminalUserFile, type Core } from './core';
import { createHttpApp } from './http/app';
import { createLogger, type Logger } from './log';
import { createMetrics } from './metrics';

export interface RunningService {
  core: Core;
  server: Server;
  /** The port actually listened on (useful with PORT=0). */
  port: number;
  stop(): Promise<void>;
}

export async function startService(config: Readonly<Config>, log: Logger = createLogger({ level: config.logLevel })): Promise<RunningService> {
  const metrics = createMetrics({ defaultMetrics: true });
  const core = await buildCore(config, { log, metrics });
  const http = createHttpApp({
    metrics,
    log,
    readiness: async () => ({ store: await core.store.ping(), webchat: webchat.running }),
  });
  const server = createServer(http.app);
  const webchat = createWebchatChannel({
    app: http.app,
    server,
    log,
    // A web chat tab (re)connected: send what was stored for it meanwhile.
    onConnect: (userId) => core.outbox.deliverTo('webchat', userId, { force: true }),
  });
  core.channels.set('webchat', webchat);
  http.finish();

  await webchat.start(async (message) => void (await core.router.handle(message)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Replies committed before a crash or restart go out now; then the outbox is swept on a timer.
  await core.outbox.deliverDue();
  core.outbox.start(config.outbox.pollMs);
  log.info({ port, dataDir: config.dataDir, flows: core.flows.ids().length }, `Sahay listening: web chat at http://localhost:${port}/chat`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    })());
  return { core, server, port, stop };
}

/** `sahay chat`: the terminal as a channel, with the same store as the service. */
export async function startTerminalChat(
  config: Readonly<Config>,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
  opts: { userId?: string } = {},
): Promise<void> {
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: process.stderr as never });
  const core = await buildCore(config, { log, metrics: createMetrics() });
  const userId = opts.userId ?? terminalUserId(config);
  const channel = new TerminalChannel({ ...io, userId, now: Date.now });
  core.channels.set('cli', channel);
  await core.outbox.deliverTo('cli', userId, { force: true });
  await channel.start(async (message) => void (await core.router.handle(message)));
  await channel.finished();
  await core.close();
}

/** The terminal patient keeps one id across runs, so `npm run chat` continues the conversation. */
function terminalUserId(config: Readonly<Config>): string {
  const file = terminalUserFile(config);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const id = `terminal-${randomUUID()}`;
  writeFileSync(file, id);
  return id;
}
