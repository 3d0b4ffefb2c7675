/**
 * The live queue: server-sent events (`text/event-stream`) to each operator with the
 * console's queue screen open. Events:
 *
 *   event: queue    data: { tickets, waiting, overSla, operatorsOnline }   (this operator's view)
 *   event: ticket   data: { id, what }    a ticket changed or its patient wrote (ids only)
 *   event: end      data: { reason }      the session ended: the page signs in again
 *
 * The queue is sent on connect, shortly after every change in this process (the news
 * hub), and on each heartbeat when it differs from what was last sent — which also
 * catches other processes' changes and tickets crossing their SLA. Each heartbeat checks
 * that the console session still stands (signed out, idle past the timeout, account
 * disabled, no longer an operator or doctor) without counting as activity, and ends the
 * stream when it does not; it also picks up edits of the account's queues and languages,
 * for this operator's view and for who counts as online where (wait estimates).
 *
 * EventSource asks with `Accept: text/event-stream`; anything else gets 400, so a plain
 * request never hangs open.
 *
 * A browser that stays connected but stops reading (a laptop asleep on a flaky network)
 * would have every update buffered for it until its socket died: while the socket is
 * backed up no queue is sent (the next one after it drains says it all), and a stream
 * with more than `maxBufferedBytes` waiting is ended; EventSource reconnects by itself.
 */
import type { Request, Response } from 'express';
import type { ConsoleConfig } from '../console/console-config';
import { consoleAuth } from '../console/request-auth';
import { hashToken } from '../console/tokens';
import { AppError } from '../http/errors';
import { safeErrorText, type Logger } from '../log';
import type { Account, Role, Store } from '../storage/repositories';
import { operatorQueue } from './queue-view';
import type { HandoffService } from './service';

export interface StreamOptions {
  /** Heartbeat and refresh interval (ms). */
  heartbeatMs: number;
  /** Changes within this window are sent as one update (ms). */
  debounceMs: number;
  /** A stream with more than this written but not yet taken by its browser is ended (bytes). */
  maxBufferedBytes: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = { heartbeatMs: 15_000, debounceMs: 150, maxBufferedBytes: 1 << 20 };

export class QueueStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly deps: {
      svc: HandoffService;
      store: Store;
      console: Pick<ConsoleConfig, 'sessionIdleMs' | 'sessionMaxMs'>;
      now: () => number;
      log: Logger;
      options?: Partial<StreamOptions>;
      /** The roles that may keep a stream open (the route's roles). */
      roles: readonly Role[];
      /** An operator came online (auto-assignment may have work for them). */
      onJoin?: () => void;
    },
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** The route handler of GET /api/operator/queue/events (behind the console's role guard). */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    if (!(req.get('accept') ?? '').includes('text/event-stream')) {
      throw new AppError('bad_request', 'This is an event stream: open it with EventSource (Accept: text/event-stream).');
    }
    const { svc, now, log } = this.deps;
    const options = { ...DEFAULT_STREAM_OPTIONS, ...this.deps.options };
    const auth = consoleAuth(req);
    // Re-read at each heartbeat: an admin may change the account's queues, languages or roles.
    let account = auth.account;
    const sessionId = hashToken(auth.token);

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    // Proxies (nginx) must pass events on at once, not buffer them.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');

    let last = '';
    let timer: NodeJS.Timeout | undefined;
    let sending: Promise<void> = Promise.resolve();
    let closed = false;
    const write = (event: string, data: unknown) => {
      if (closed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (res.writableLength > options.maxBufferedBytes) {
        log.warn({ buffered: res.writableLength }, 'hand-off: live queue stream ended: its browser is not reading');
        end();
        // Not a graceful end, which would keep the connection and its buffer until the browser read it all.
        res.destroy();
      }
    };
    // `started` is told when this refresh begins, after those queued before it.
    const sendQueue = (force: boolean, started?: () => void) => {
      sending = sending.then(async () => {
        started?.();
        // Backed up: the queue read after the socket drains (below) sends the latest instead.
        if (closed || res.writableNeedDrain) return;
        const view = await operatorQueue(svc, account, now());
        const text = JSON.stringify(view);
        if (force || text !== last) {
          last = text;
          write('queue', view);
        }
      }).catch((err: Error) => log.warn({ err: safeErrorText(err.message) }, 'hand-off: live queue update failed'));
      return sending;
    };
    // News during a refresh asks for one more, after it; news while that one still waits joins
    // it. (Without the flag, every debounce period of busy news queued another full read of the
    // queue behind the running one, and a slow read let them pile up.)
    let refreshWaiting = false;
    const soon = () => {
      if (timer || refreshWaiting) return;
      timer = setTimeout(() => {
        timer = undefined;
        refreshWaiting = true;
        void sendQueue(false, () => (refreshWaiting = false));
      }, options.debounceMs);
    };
    const unsubscribe = svc.hub.subscribe((news) => {
      write('ticket', { id: news.ticketId, what: news.what });
      soon();
    });
    let leave = svc.presence.join({ id: account.id, queues: account.queues, languages: account.languages });
    const heartbeat = setInterval(() => {
      void (async () => {
        const state = await this.sessionEnded(sessionId, account.id);
        // The browser may have gone while the session was read: its presence is already let go.
        if (closed) return;
        if (typeof state === 'string') {
          write('end', { reason: state });
          end();
          return;
        }
        if (String(state.queues) !== String(account.queues) || String(state.languages) !== String(account.languages)) {
          // An admin changed the account's queues or languages: wait estimates count it where it is now.
          const rejoined = svc.presence.join({ id: state.id, queues: state.queues, languages: state.languages });
          leave();
          leave = rejoined;
        }
        account = state;
        res.write(': heartbeat\n\n');
        await sendQueue(false);
      })().catch((err: Error) => log.warn({ err: safeErrorText(err.message) }, 'hand-off: heartbeat failed'));
    }, options.heartbeatMs);

    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      unsubscribe();
      leave();
      this.open.delete(end);
      res.end();
    };
    this.open.add(end);
    res.on('drain', soon);
    req.on('close', end);
    res.on('close', end);
    res.on('error', end);
    // The browser may have gone while the sign-in was checked: its 'close' came before anyone
    // listened, and writes to a dead socket raise nothing. The stream (its heartbeat, the hub
    // listener, the operator's presence) would otherwise stay until the console session ends.
    if (req.socket.destroyed || res.destroyed) {
      end();
      return;
    }
    await sendQueue(true);
    this.deps.onJoin?.();
  };

  /**
   * Why the console session behind a stream no longer stands, or the account as it is now
   * while it does. Reading it does not extend it.
   */
  private async sessionEnded(sessionId: string, accountId: string): Promise<string | Account> {
    const { store, console: c, now, roles } = this.deps;
    const session = await store.consoleSessions.get(sessionId);
    if (!session) return 'signed_out';
    const t = now();
    if (t - session.lastSeenAt > c.sessionIdleMs || t - session.createdAt > c.sessionMaxMs) return 'expired';
    const account = await store.accounts.get(accountId);
    if (!account?.active) return 'disabled';
    // The route's guard ran once, at connect: a role taken away since ends the stream.
    if (!account.roles.some((r) => roles.includes(r))) return 'forbidden';
    return account;
  }

  /** End every stream (the service stops). */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
