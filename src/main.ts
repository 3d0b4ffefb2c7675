/**
 * Composition root: the only place that builds real adapters. `startService`
 * runs the HTTP server with the web chat; `startTerminalChat` talks in the
 * terminal. Both use the same core (router, engine, store) from src/core.ts.
 */
import { mountFollowupConsole } from './followup/console-routes';
import { startFollowupJob } from './jobs/followup-checkins';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { TerminalChannel } from './channels/cli/terminal-channel';
import { createTelegramChannel, telegramCoreHooks, type TelegramChannel } from './channels/telegram';
import { createWebchatChannel } from './channels/webchat';
import { createWhatsAppChannel, deliverWaiting, whatsappCoreHooks, type WhatsAppChannel } from './channels/whatsapp';
import { mountWhatsAppConsole } from './channels/whatsapp/console-screen';
import { assertHeaderVariables, type Config } from './config';
import { buildCore, terminalUserFile, type Core } from './core';
import { mountConsole, type ConsoleApp } from './console/mount';
import { mountFaqConsole } from './faq/console-routes';
import { FaqAdmin } from './faq/faq-admin';
import { mountFlowConsole } from './flow-editing/console-routes';
import { startBeds } from './beds/mount';
import { startHandoff, type RunningHandoff } from './handoff/mount';
import { createHttpApp } from './http/app';
import { createLogger, safeErrorText, type Logger } from './log';
import { createMetrics } from './metrics';

/**
 * How often a serving process looks for flows another process published: one small read of
 * the newest publications; an admin who publishes sees it live everywhere within seconds.
 */
const FLOW_PUBLICATIONS_POLL_MS = 5_000;

export interface RunningService {
  core: Core;
  server: Server;
  /** The port actually listened on (useful with PORT=0). */
  port: number;
  /** The express app (its routes are enumerated by the console's authorization test). */
  app: Express;
  /** The web console: other modules add screens (nav), guarded routes and audit records. */
  console: ConsoleApp;
  /** The WhatsApp channel when enabled; `whatsapp.link` has its state and the QR code to scan. */
  whatsapp?: WhatsAppChannel;
  /** The Telegram channel when TELEGRAM_BOT_TOKEN is set. */
  telegram?: TelegramChannel;
  /** Hand-off to people: the operators' desk, the live queue's streams, auto-assignment. */
  handoff: RunningHandoff;
  stop(): Promise<void>;
}

export async function startService(config: Readonly<Config>, log: Logger = createLogger({ level: config.logLevel })): Promise<RunningService> {
  // The scheduled refresh sends these headers: a key missing from this environment is a setting to fix now.
  assertHeaderVariables(config);
  const metrics = createMetrics({ defaultMetrics: true });
  const core = await buildCore(config, { log, metrics });
  const http = createHttpApp({
    metrics,
    log,
    // WhatsApp (when enabled) is ready once a phone is linked: its state is on /metrics and in the console.
    readiness: async () => ({ store: await core.store.ping(), webchat: webchat.running, ...(whatsapp ? { whatsapp: whatsapp.link.state } : {}), ...(telegram ? { telegram: telegram.running } : {}) }),
  });
  const server = createServer(http.app);
  const webchat = createWebchatChannel({
    app: http.app,
    server,
    log,
    // Per client address (WEBCHAT_IP_*): a client picks its own user ids, so the flood guard alone cannot stop it.
    limits: config.webchat,
    // A web chat tab (re)connected: send what was stored for it meanwhile.
    onConnect: (userId) => core.outbox.deliverTo('webchat', userId, { force: true }),
  });
  core.channels.set('webchat', webchat);
  const whatsapp = config.whatsapp.enabled
    ? await createWhatsAppChannel(config, {
        log,
        metrics,
        hints: { bn: core.translator.t('common.choose_hint', 'bn'), hi: core.translator.t('common.choose_hint', 'hi'), en: core.translator.t('common.choose_hint', 'en') },
        // Linked (again): what waited for the link goes out now.
        onLinked: () => void deliverWaiting(core.store, core.outbox).catch((err: Error) => log.error({ err: safeErrorText(err.message) }, 'WhatsApp: delivering waiting messages failed')),
        ...whatsappCoreHooks(core),
      })
    : undefined;
  if (whatsapp) core.channels.set('whatsapp', whatsapp);
  // Telegram when TELEGRAM_BOT_TOKEN is set. In webhook mode the constructor mounts the route, so before http.finish().
  const telegram = config.telegram ? createTelegramChannel({ config: config.telegram, app: http.app, log, ...telegramCoreHooks(core) }) : undefined;
  if (telegram) core.channels.set('telegram', telegram);
  // Accounts, sign-in and the audit log at /console; modules that add console screens and
  // /api/admin or /api/operator routes do so through consoleApp, before the check below.
  http.app.set('trust proxy', config.trustProxy);
  const consoleApp = mountConsole(http.app, { store: core.store, config, log });
  // PUT /api/hospitals/:id/beds (desk tokens), the console's beds screen, and the scheduled refresh.
  const beds = startBeds({ app: http.app, beds: core.beds, console: consoleApp, metrics, log });
  // The queue and conversation screens, the live queue (server-sent events), /metrics, auto-assignment.
  const handoff = startHandoff({ core, console: consoleApp, metrics, log });
  // The FAQ and flow editors (admins): screens, /api/admin/faq* and /api/admin/flows*, every edit audited.
  mountFaqConsole(consoleApp, { faq: core.faq, admin: new FaqAdmin({ store: core.store, now: Date.now }) });
  mountFlowConsole(consoleApp, { editor: core.flowEditor, flows: core.flows });
  // Follow-up (operators, doctors): enrolled patients' readings, "call this patient" tasks, pause / extend / end.
  mountFollowupConsole(consoleApp, { store: core.store, followup: core.followup, now: Date.now });
  mountWhatsAppConsole(consoleApp, whatsapp?.link);
  consoleApp.assertGuarded();
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
  // Flows published by another process on the same store (MongoDB runs several) go live here within seconds.
  const flowPublications = core.flowEditor.follow(FLOW_PUBLICATIONS_POLL_MS);
  // Daily follow-up check-ins: node-cron ticks the runner, which claims what is due (src/followup/).
  const followupJob = startFollowupJob(core.followup, config.followup.cron, log);
  // In the background: Chromium and WhatsApp Web take a while; the link state says how it goes.
  await whatsapp?.start(async (message) => void (await core.router.handle(message)));
  log.info({ port, dataDir: config.dataDir, flows: core.flows.ids().length }, `Sahay listening: web chat at http://localhost:${port}/chat, console at http://localhost:${port}/console`);
  await consoleApp.checkAccounts();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await beds.stop();
      await handoff.stop();
      followupJob.stop();
      flowPublications.stop();
      await core.close();
    })());
  // After listen: in webhook mode Telegram posts updates as soon as the webhook is set. A refused token stops start-up.
  await telegram?.start(async (message) => void (await core.router.handle(message))).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { core, server, port, app: http.app, console: consoleApp, ...(whatsapp ? { whatsapp } : {}), ...(telegram ? { telegram } : {}), handoff, stop };
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
