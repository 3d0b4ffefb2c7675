/**
 * Botkit's web adapter with a websocket server we can own and close.
 *
 * WebAdapter (botbuilder-adapter-web 1.0.10) gives us the protocol, the webhook
 * turn (processActivity collects the bot's replies into the HTTP response) and the
 * Bot Framework plumbing Botkit needs. Its own createSocketServer() is replaced
 * because, as shipped, it:
 * - starts a 30 s heartbeat interval that is never cleared (the process, and jest, never exit);
 * - keeps sockets in a module-level map keyed by user, where a stale socket's
 *   late `close` deletes the user's newer connection (a phone switching networks);
 * - hands any JSON to the bot unchecked and reports problems with console.error.
 * Here the server is bound to one path on our http.Server (other modules may serve
 * websockets on other paths), every frame is checked with zod, a user may have
 * several open sockets (tabs), and everything is logged through pino.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebAdapter } from 'botbuilder-adapter-web';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { ChannelSendError } from '../channel';
import { safeStack, type Logger } from '../../log';
import { isPatientFrame, webFrameSchema, type WebFrame } from './frames';
import { CLOSE_TRY_AGAIN_LATER, type Refusal, type WebchatGuard } from './limits';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface SocketServerOptions {
  /** The URL path the socket server answers on, e.g. '/chat/ws'. */
  path: string;
  /** How often dead connections are looked for (ping, then terminate if no pong). */
  heartbeatMs?: number;
  /** How long a message to a page that confirms (hello with `acks`) waits for its ack. */
  ackTimeoutMs?: number;
  /** Per-address limits on sockets open at once and on frames (limits.ts); none when absent. */
  guard?: WebchatGuard;
  /** The client's address for an upgrade request (TRUST_PROXY, as req.ip); default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string | undefined;
}

const DEFAULT_ACK_TIMEOUT_MS = 10_000;

/** Same limit as the HTTP body: 10,000 characters of Bengali fit with room to spare. */
const MAX_FRAME_BYTES = 64 * 1024;

/** An activity in the shape WebAdapter builds, so that Botkit sees the same thing for both transports. */
export function frameToActivity(frame: WebFrame, channelId: 'webhook' | 'websocket'): Partial<Activity> {
  const isMessage = frame.type === 'message';
  return {
    timestamp: new Date(),
    channelId,
    conversation: { id: frame.user } as Activity['conversation'],
    from: { id: frame.user } as Activity['from'],
    recipient: { id: 'bot' } as Activity['recipient'],
    channelData: isMessage ? { ...frame } : { ...frame, botkitEventType: frame.type },
    text: isMessage ? frame.text : undefined,
    type: isMessage ? ActivityTypes.Message : ActivityTypes.Event,
  };
}

export class SocketWebAdapter extends WebAdapter {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly alive = new WeakSet<WebSocket>();
  /**
   * Sockets whose page confirms what it shows, and the confirmations each one is waiting for,
   * by message id: a write to a socket that died without a close succeeds, so for these pages a
   * message counts as delivered only once confirmed (frames.ts).
   */
  private readonly confirming = new WeakMap<WebSocket, Map<string, (shown: boolean) => void>>();
  private ackTimeoutMs = DEFAULT_ACK_TIMEOUT_MS;
  private heartbeat: NodeJS.Timeout | undefined;
  private detach: (() => void) | undefined;

  constructor(private readonly log: Logger) {
    super();
  }

  /** Botkit calls this on boot to bind to its own server; we have none (disable_webserver), the channel attaches to ours. */
  override init(): void {}

  override createSocketServer(server: Server, options: SocketServerOptions, logic: TurnLogic): void {
    if (this.wss) throw new Error('web chat socket server already running');
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
      if (pathOf(req) !== options.path) {
        // Another module may serve this path; if nobody listens but us, do not leave the client hanging.
        if (server.listenerCount('upgrade') === 1) refuse(socket);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    };
    server.on('upgrade', onUpgrade);
    wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.accept(ws, logic, req, options));
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.heartbeat = setInterval(() => this.sweep(wss), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    this.wss = wss;
    this.detach = () => server.off('upgrade', onUpgrade);
  }

  /** Stop accepting, drop every connection and clear the heartbeat. */
  async closeSocketServer(): Promise<void> {
    const wss = this.wss as WebSocketServer | undefined;
    if (!wss) return;
    clearInterval(this.heartbeat);
    this.detach?.();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    this.sockets.clear();
    this.wss = undefined;
  }

  override isConnected(user: string): boolean {
    return this.openSockets(user).length > 0;
  }

  // WebAdapter's typings name the socket type of its own ws 7 copy; ours is ws 8, the same API.
  override getConnection(user: string): ReturnType<WebAdapter['getConnection']> {
    const ws = this.openSockets(user)[0];
    if (!ws) throw new Error('web chat user not connected');
    return ws as unknown as ReturnType<WebAdapter['getConnection']>;
  }

  /**
   * Send one JSON frame to every open socket of the user (several tabs share one id).
   * Resolves once at least one socket took it (a page that confirms: once it has confirmed a
   * frame with an `id`); throws a retryable offline ChannelSendError otherwise, so the message
   * waits for the patient's next connection.
   */
  async deliver(user: string, frame: { id?: string }): Promise<void> {
    const open = this.openSockets(user);
    if (open.length === 0) throw new ChannelSendError('web chat user not connected', true, undefined, true);
    const data = JSON.stringify(frame);
    // The first tab to confirm is enough: a frozen background tab must not hold every reply for
    // the whole wait (the outbox sends a turn's next reply only once this one is delivered).
    if (!(await firstTrue(open.map((ws) => this.sendTo(ws, data, frame.id))))) {
      throw new ChannelSendError('web chat socket send failed or not confirmed', true, undefined, true);
    }
  }

  /** Written, and (to a page that confirms) confirmed within ackTimeoutMs. */
  private sendTo(ws: WebSocket, data: string, id: string | undefined): Promise<boolean> {
    const waiting = id === undefined ? undefined : this.confirming.get(ws);
    /** Ends this wait (false: not confirmed); set while one runs. */
    let settle: ((shown: boolean) => void) | undefined;
    const confirmed =
      waiting && id !== undefined
        ? new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => end(false), this.ackTimeoutMs);
            const end = (shown: boolean) => {
              clearTimeout(timer);
              if (waiting.get(id) === end) waiting.delete(id);
              resolve(shown);
            };
            // A second delivery of the same message (a retry) replaces the first wait, which fails.
            waiting.get(id)?.(false);
            waiting.set(id, end);
            settle = end;
          })
        : undefined;
    return new Promise<boolean>((resolve) =>
      ws.send(data, (err) => {
        if (err) {
          settle?.(false);
          resolve(false);
        } else resolve(confirmed ?? true);
      }),
    );
  }

  /** Botkit's bot.say() during a websocket turn lands here; webhook turns keep WebAdapter's behaviour. */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (context.activity.channelId !== 'websocket') return super.sendActivities(context, activities);
    for (const activity of activities) {
      await this.deliver(activity.recipient?.id ?? context.activity.from.id, { type: activity.type, text: activity.text, ...activity.channelData });
    }
    return [];
  }

  private accept(ws: WebSocket, logic: TurnLogic, req: IncomingMessage, options: SocketServerOptions): void {
    const { guard } = options;
    const address = options.clientAddress ? options.clientAddress(req) : req.socket.remoteAddress;
    const opened = guard?.socketOpened(address);
    ws.on('error', (err) => this.log.warn({ err: err.name }, 'web chat socket error'));
    if (typeof opened === 'object') {
      // As many open from this address as allowed: the page learns why, and reconnects later.
      ws.close(CLOSE_TRY_AGAIN_LATER, opened.message);
      return;
    }
    let user: string | undefined;
    let closed = false;
    /** Closed by us for going over a limit: frames still queued are dropped. */
    let shut = false;
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('close', () => {
      closed = true;
      opened?.();
      if (user !== undefined) this.unbind(user, ws);
      // Nothing more will be confirmed on this socket: its messages wait for the next connection.
      const waiting = this.confirming.get(ws);
      if (waiting) for (const settle of [...waiting.values()]) settle(false);
    });
    const refuse = (refusal: Refusal, id: string | undefined) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'error', code: 'too_many_requests', message: refusal.message, retryAfter: refusal.retryAfter, ...(id !== undefined ? { id } : {}) }));
    };
    const onFrame = async (data: RawData, isBinary: boolean): Promise<void> => {
      if (shut) return;
      const overFrames = await guard?.frame(address);
      if (overFrames) {
        shut = true;
        ws.close(CLOSE_TRY_AGAIN_LATER, overFrames.message);
        return;
      }
      const frame = isBinary ? undefined : parseFrame(data);
      if (!frame) {
        this.log.warn('web chat socket frame rejected');
        ws.send(JSON.stringify({ type: 'error', code: 'bad_request' }));
        return;
      }
      if (frame.type === 'ack') {
        this.confirming.get(ws)?.get(frame.id)?.(true);
        return;
      }
      if (guard) {
        // Not answered and not acknowledged: a page sends an unconfirmed message again after it reconnects.
        const refusal = (await guard.message(address)) ?? (isPatientFrame(frame) ? await guard.conversation(address, frame.user) : undefined);
        if (refusal) return refuse(refusal, frame.id);
      }
      if (user !== frame.user) {
        if (user !== undefined) this.unbind(user, ws);
        user = frame.user;
        // Once closed, the close handler has run and would not unbind it.
        if (!closed) this.bind(user, ws);
      }
      // Before the turn: what the hello delivers already waits for the page's confirmation.
      if ((frame.type === 'hello' || frame.type === 'welcome_back') && frame.acks && !this.confirming.has(ws)) this.confirming.set(ws, new Map());
      const context = new TurnContext(this, frameToActivity(frame, 'websocket'));
      this.runMiddleware(context, logic).then(
        () => {
          // The patient's message is stored and answered: the page need not send it again.
          if (isPatientFrame(frame) && frame.id !== undefined && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ack', id: frame.id }));
        },
        (err: unknown) => {
          this.log.error({ err: err instanceof Error ? { type: err.name, stack: safeStack(err) } : typeof err }, 'web chat socket turn failed');
        },
      );
    };
    // One frame at a time, in the order they came: the limits are counted asynchronously, and
    // a patient's messages must reach the router in the order they were sent.
    let queue = Promise.resolve();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      queue = queue
        .then(() => onFrame(data, isBinary))
        .catch((err: unknown) => this.log.error({ err: err instanceof Error ? { type: err.name, stack: safeStack(err) } : typeof err }, 'web chat socket frame failed'));
    });
  }

  private sweep(wss: WebSocketServer): void {
    for (const ws of wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  private openSockets(user: string): WebSocket[] {
    return [...(this.sockets.get(user) ?? [])].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private bind(user: string, ws: WebSocket): void {
    const set = this.sockets.get(user) ?? new Set<WebSocket>();
    set.add(ws);
    this.sockets.set(user, set);
  }

  /** Removes only this socket: a late close of an old connection leaves the newer ones alone. */
  private unbind(user: string, ws: WebSocket): void {
    const set = this.sockets.get(user);
    if (!set) return;
    set.delete(ws);
    if (set.size === 0) this.sockets.delete(user);
  }
}

/** true as soon as one of them is; false once all are false. */
function firstTrue(all: Array<Promise<boolean>>): Promise<boolean> {
  return new Promise((resolve) => {
    let left = all.length;
    if (left === 0) resolve(false);
    for (const p of all) {
      void p.then((ok) => {
        left -= 1;
        if (ok) resolve(true);
        else if (left === 0) resolve(false);
      });
    }
  });
}

function parseFrame(data: RawData): WebFrame | undefined {
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const result = webFrameSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function refuse(socket: Duplex): void {
  socket.once('finish', () => socket.destroy());
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}
