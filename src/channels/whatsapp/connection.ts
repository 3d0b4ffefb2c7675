/**
 * Keeps one whatsapp-web.js client alive.
 *
 * - Each start gets a fresh client. Starting must produce a QR code or "ready"
 *   within `initTimeoutMs` (initialize() can hang forever when the network stalls;
 *   after the phone scans, loading can stall too): else the client is torn down.
 * - Any failure — timeout, initialize() throwing, "disconnected" (WhatsApp states,
 *   a logout from the phone), "auth_failure", a crashed browser, a page that stops
 *   answering getState() — tears the client down and starts a new one after an
 *   exponential backoff with jitter, reset once linked again.
 * - Teardown is destroy() with a time limit, then forceKill() (the process tree),
 *   always, so that no Chromium is left behind, not even on a hung browser.
 *
 * Events from a client that is no longer the current one are ignored.
 */
import type { Logger } from '../../log';
import { describeError as describe } from './describe-error';
import type { WaCall, WaMessage, WhatsAppClient, WhatsAppClientFactory } from './client';
import type { DownReason, WhatsAppLink } from './link';

export interface ConnectionOptions {
  factory: WhatsAppClientFactory;
  link: WhatsAppLink;
  log: Logger;
  initTimeoutMs: number;
  restartMinMs: number;
  restartMaxMs: number;
  /** destroy() gets this long before the process tree is killed. Default 10 s. */
  destroyTimeoutMs?: number;
  /** How often a linked client is asked getState(); 0 turns the check off. Default 60 s. */
  healthCheckMs?: number;
  /** getState() must answer within this. Default 20 s. */
  healthTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
  onMessage: (message: WaMessage) => void;
  onCall: (call: WaCall) => void;
  onQr?: (qr: string) => void;
  onRestart?: (reason: DownReason) => void;
}

export class WhatsAppConnection {
  private client: WhatsAppClient | undefined;
  private linked = false;
  private running = false;
  /** Failures since the client was last linked: the backoff exponent. */
  private failures = 0;
  private deadline: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  /** Teardowns in progress (a restart waits for its own; stop() waits for all). */
  private readonly closing = new Set<Promise<void>>();

  constructor(private readonly opts: ConnectionOptions) {}

  /** The client, when it is linked and can send. */
  readyClient(): WhatsAppClient | undefined {
    return this.linked ? this.client : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Stop for good: tear the client down (and its browser), cancel any planned restart. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.linked = false;
    if (client) this.track(this.teardown(client));
    await Promise.all([...this.closing]);
    this.opts.link.update({ state: 'disconnected', reason: 'stopped', detail: null, nextAttemptAt: null });
  }

  private connect(): void {
    if (!this.running) return;
    const { link, log } = this.opts;
    link.update({ state: 'starting', nextAttemptAt: null, waState: null });
    let client: WhatsAppClient;
    try {
      client = this.opts.factory();
    } catch (err) {
      this.client = undefined;
      this.scheduleRestart('init_failed', describe(err));
      return;
    }
    this.client = client;
    this.linked = false;
    this.wire(client);
    this.armDeadline(client);
    log.info({ attempt: this.failures + 1 }, 'WhatsApp client starting');
    client.initialize().then(
      () => log.debug('WhatsApp Web loaded'),
      (err: unknown) => this.fail(client, 'init_failed', describe(err)),
    );
  }

  private wire(client: WhatsAppClient): void {
    const { link, log } = this.opts;
    const current = () => this.client === client && this.running;
    client.on('qr', (qr) => {
      if (!current()) return;
      this.clearDeadline();
      // A QR code means not linked, whatever came before (WhatsApp Web shows one after a logout).
      this.linked = false;
      this.stopHealthChecks();
      if (link.state !== 'waiting_for_qr') log.warn('WhatsApp is not linked: scan the QR code (terminal or admin console) in WhatsApp > Linked devices');
      link.update({ state: 'waiting_for_qr', qr });
      this.opts.onQr?.(qr);
    });
    client.on('authenticated', () => {
      if (!current()) return;
      // Scanned: loading the chats must still finish in time.
      this.armDeadline(client);
      link.update({ state: 'starting' });
    });
    client.on('ready', () => {
      if (!current()) return;
      this.clearDeadline();
      this.failures = 0;
      this.linked = true;
      link.update({ state: 'ready', detail: null });
      log.info('WhatsApp linked and ready');
      this.startHealthChecks(client);
    });
    client.on('change_state', (state) => {
      if (current()) link.update({ waState: String(state) });
    });
    client.on('disconnected', (reason) => {
      const r = String(reason);
      this.fail(client, r === 'LOGOUT' ? 'logout' : r === 'BROWSER_CLOSED' ? 'browser_closed' : 'disconnected', r);
    });
    client.on('auth_failure', () => this.fail(client, 'auth_failure', null));
    client.on('message', (message) => {
      if (current()) this.opts.onMessage(message);
    });
    client.on('call', (call) => {
      if (current()) this.opts.onCall(call);
    });
  }

  /** The current client failed: tear it down, then start again after the backoff. */
  private fail(client: WhatsAppClient, reason: DownReason, detail: string | null): void {
    if (this.client !== client || !this.running) return;
    this.client = undefined;
    this.linked = false;
    this.clearTimers();
    const { log } = this.opts;
    if (reason === 'logout') log.warn('WhatsApp was unlinked from the phone: a new QR code will be shown');
    else log.warn({ reason, detail }, 'WhatsApp client down; restarting');
    const closed = this.track(this.teardown(client));
    this.opts.link.update({ state: 'disconnected', reason, detail });
    // Never two browsers at once: the next start waits for this teardown.
    void closed.then(() => this.scheduleRestart(reason, detail));
  }

  private scheduleRestart(reason: DownReason, detail: string | null): void {
    if (!this.running) return;
    this.failures++;
    const { restartMinMs, restartMaxMs } = this.opts;
    const base = Math.min(restartMaxMs, restartMinMs * 2 ** Math.min(this.failures - 1, 30));
    // ±20 % so that several instances (or a fleet after an outage) do not retry in step.
    const delay = Math.round(Math.min(restartMaxMs, base * (0.8 + 0.4 * (this.opts.random ?? Math.random)())));
    const now = (this.opts.now ?? Date.now)();
    this.opts.link.update({ state: 'disconnected', reason, detail, restarts: this.opts.link.status().restarts + 1, nextAttemptAt: now + delay });
    this.opts.onRestart?.(reason);
    this.opts.log.info({ reason, delayMs: delay, failures: this.failures }, 'WhatsApp client restart planned');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.connect();
    }, delay);
  }

  private armDeadline(client: WhatsAppClient): void {
    this.clearDeadline();
    this.deadline = setTimeout(() => this.fail(client, 'init_timeout', `no QR code or ready within ${this.opts.initTimeoutMs} ms`), this.opts.initTimeoutMs);
  }

  private clearDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  private startHealthChecks(client: WhatsAppClient): void {
    this.stopHealthChecks();
    const every = this.opts.healthCheckMs ?? 60_000;
    if (every <= 0) return;
    let checking = false;
    this.healthTimer = setInterval(() => {
      if (checking) return;
      checking = true;
      withTimeout(client.getState(), this.opts.healthTimeoutMs ?? 20_000, 'getState() did not answer')
        .then(
          (state) => {
            if (this.client === client && state) this.opts.link.update({ waState: String(state) });
          },
          (err: unknown) => this.fail(client, 'unresponsive', describe(err)),
        )
        .finally(() => (checking = false));
    }, every);
    this.healthTimer.unref();
  }

  private stopHealthChecks(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = undefined;
  }

  private clearTimers(): void {
    this.clearDeadline();
    this.stopHealthChecks();
  }

  private track(p: Promise<void>): Promise<void> {
    this.closing.add(p);
    void p.finally(() => this.closing.delete(p));
    return p;
  }

  /** destroy() with a time limit, then make sure the process tree is gone. Never throws. */
  private async teardown(client: WhatsAppClient): Promise<void> {
    const { log } = this.opts;
    try {
      await withTimeout(client.destroy(), this.opts.destroyTimeoutMs ?? 10_000, 'destroy() did not finish');
    } catch (err) {
      log.warn({ detail: describe(err) }, 'WhatsApp client did not close cleanly; killing its browser');
    }
    try {
      await client.forceKill?.();
    } catch (err) {
      log.error({ detail: describe(err) }, 'WhatsApp browser processes could not be killed');
    }
  }
}

/** Resolve or reject with `p`, or reject after `ms`. The timer never keeps the process alive. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  // A late rejection of `p` must not become an unhandled rejection.
  p.catch(() => undefined);
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
