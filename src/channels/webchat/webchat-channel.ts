/**
 * The web chat channel: Botkit with (our subclass of) botbuilder-adapter-web,
 * hosted on our express app and http.Server.
 *
 * Botkit is only the bridge: its `message` and `location` handlers turn the Botkit message into an
 * InboundMessage and await the router; its `hello`/`welcome_back` handler calls
 * onConnect so that stored messages can be delivered. No Botkit dialogs, no Botkit
 * webserver (disable_webserver: we mount the webhook ourselves, after zod).
 *
 * Two transports, one protocol:
 * - webhook: `POST /api/webchat` with a frame; the response is the JSON array of
 *   the bot's messages for that turn (send() during the turn joins it, and resolves
 *   with a Handover: the message counts as sent once the response was written);
 * - websocket: `/chat/ws`; send() goes to the user's open sockets.
 *
 * @example
 *   const webchat = createWebchatChannel({ app: http.app, server, log, onConnect: (u) => outbox.flushUser('webchat', u) });
 *   http.finish();
 *   await webchat.start(router.handle);
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express, Response } from 'express';
import type { TurnContext } from 'botbuilder';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ChannelSendError, type Channel, type Handover, type InboundHandler, type SendOptions } from '../channel';
import type { InboundMessage, OutboundMessage } from '../../router/message';
import { safeStack, type Logger } from '../../log';
import { AppError } from '../../http/errors';
import { parseRequest } from '../../http/validate';
import { isPatientFrame, webFrameSchema, type PatientFrame, type WebFrame } from './frames';
import { clientAddress, WebchatGuard, type Refusal, type WebchatLimits } from './limits';
import { toWebReply } from './render';
import { SocketWebAdapter } from './socket-adapter';

export interface WebchatChannelOptions {
  app: Express;
  server: Server;
  log: Logger;
  /** A client said hello / welcome_back: deliver what was stored while it was away. Awaited within that turn. */
  onConnect?: (userId: string) => Promise<void> | void;
  /** The webhook route. Default '/api/webchat'. */
  path?: string;
  /** The websocket path. Default '/chat/ws', where the page at /chat/ connects. */
  socketPath?: string;
  /** Time of receipt for InboundMessage.sentAt (client clocks are not trusted). */
  clock?: () => number;
  /** platformMessageId for frames that carry no client id. */
  newId?: () => string;
  /** Dead-socket sweep interval, ms. */
  heartbeatMs?: number;
  /** How long a reply to a page that confirms waits for its confirmation, ms (socket-adapter.ts). */
  ackTimeoutMs?: number;
  /** A webhook response not handed to the socket this long after it was written counts as not delivered. Default 30 s. */
  responseTimeoutMs?: number;
  /**
   * Per client address (req.ip, as TRUST_PROXY makes it): messages, socket frames, sockets open at
   * once, new conversations (limits.ts; config.webchat). Each one not given takes its default; 0 turns one off.
   */
  limits?: Partial<WebchatLimits>;
}

/** A turn's error, parked in turn state so that Botkit does not console.error it; rethrown after the turn. */
const TURN_FAILURE = Symbol('sahay.turnFailure');

/** Turn state: whether the webhook turn's HTTP response was handed to the socket (Promise<boolean>). */
const RESPONSE_DELIVERED = Symbol('sahay.responseDelivered');

/** Botkit keeps dialog state per conversation; we run no dialogs, so nothing is kept (no per-user memory growth). */
const noStorage = { read: async () => ({}), write: async () => {}, delete: async () => {} };

export class WebchatChannel implements Channel {
  readonly name = 'webchat' as const;
  readonly path: string;
  readonly socketPath: string;
  private readonly adapter: SocketWebAdapter;
  private readonly controller: Botkit;
  private readonly log: Logger;
  private onInbound: InboundHandler | undefined;
  /** Webhook turns in progress per user, oldest first: the router runs one turn at a time per conversation, in order. */
  private readonly webhookTurns = new Map<string, BotWorker[]>();
  /** The tail of each user's send queue, so that messages leave in the order send() was called. */
  private readonly sendQueues = new Map<string, Promise<void>>();
  /** The webhook turn whose response each Handover's message joined (SendOptions.after). */
  private readonly handoverTurns = new WeakMap<Handover, BotWorker>();
  private readonly guard: WebchatGuard;

  constructor(private readonly opts: WebchatChannelOptions) {
    this.log = opts.log.child({ channel: 'webchat' });
    this.path = opts.path ?? '/api/webchat';
    this.socketPath = opts.socketPath ?? '/chat/ws';
    this.adapter = new SocketWebAdapter(this.log);
    this.guard = new WebchatGuard(opts.limits, this.log);
    this.controller = new Botkit({ adapter: this.adapter, disable_webserver: true, disable_console: true, storage: noStorage });
    // A location frame reaches Botkit as an event (it is not a Botkit message), named by its type.
    this.controller.on(['message', 'location'], (bot, message) => this.handleMessage(bot, message));
    this.controller.on(['hello', 'welcome_back'], (bot, message) => this.handleHello(bot, message));

    // Registered now, not in start(), so that the route sits before the app's 404 and error handlers.
    opts.app.post(this.path, async (req, res) => {
      if (!this.onInbound) throw new AppError('unavailable', 'The web chat is not running.');
      // Counted before the body is read: a client picks its own user ids, so the limits are per address.
      tooMany(res, await this.guard.message(req.ip));
      const frame = parseRequest(webFrameSchema, req.body);
      if (isPatientFrame(frame)) tooMany(res, await this.guard.conversation(req.ip, frame.user));
      req.body = { ...frame, channel: 'webhook' };
      // The turn's replies are marked sent only once this response is handed to the socket: a
      // crash before then, or a connection that closes first, leaves them pending in the outbox.
      const finished = responseFinished(res);
      let written!: (ok: boolean) => void;
      const delivered = new Promise<boolean>((resolve) => (written = resolve)).then((ok) =>
        ok ? finishedWithin(finished, this.opts.responseTimeoutMs ?? 30_000) : false,
      );
      try {
        await this.adapter.processActivity(req, res, (context: TurnContext) => {
          context.turnState.set(RESPONSE_DELIVERED, delivered);
          return this.runTurn(context);
        });
        written(true);
      } catch (err) {
        // The error handler answers instead: the replies were not in what it writes.
        written(false);
        throw err;
      }
    });
  }

  async start(onInbound: InboundHandler): Promise<void> {
    const wasRunning = this.onInbound !== undefined;
    this.onInbound = onInbound;
    if (wasRunning) return;
    const { app } = this.opts;
    this.adapter.createSocketServer(
      this.opts.server,
      { path: this.socketPath, heartbeatMs: this.opts.heartbeatMs, ackTimeoutMs: this.opts.ackTimeoutMs, guard: this.guard, clientAddress: (req) => clientAddress(app, req) },
      (context) => this.runTurn(context),
    );
  }

  async stop(): Promise<void> {
    this.onInbound = undefined;
    await this.adapter.closeSocketServer();
  }

  /** Started and not stopped: for /readyz. */
  get running(): boolean {
    return this.onInbound !== undefined;
  }

  /** Whether the user has an open websocket right now. */
  isConnected(userId: string): boolean {
    return this.adapter.isConnected(userId);
  }

  send(message: OutboundMessage, opts: SendOptions = {}): Promise<void | Handover> {
    if (message.channel !== 'webchat') return Promise.reject(new ChannelSendError(`not a web chat message (${message.channel})`, false));
    const user = message.userId;
    const previous = this.sendQueues.get(user) ?? Promise.resolve();
    const sent = previous.then(() => this.deliver(message, opts.after));
    // The queue only orders; each caller sees its own message's failure.
    const tail = sent.then(
      () => undefined,
      () => undefined,
    );
    this.sendQueues.set(user, tail);
    void tail.then(() => {
      if (this.sendQueues.get(user) === tail) this.sendQueues.delete(user);
    });
    return sent;
  }

  private async deliver(message: OutboundMessage, after: Handover | undefined): Promise<void | Handover> {
    const reply = toWebReply(message);
    const user = message.userId;
    const turn = this.webhookTurns.get(user)?.[0];
    // The message before it is in a response that was still open when the outbox looked, and
    // is being written now: sent any other way (the socket, the next request's response),
    // this one could arrive first, and if that response fails the earlier one would come
    // after it. It waits instead, and is sent once the earlier one is settled.
    if (after && this.handoverTurns.get(after) !== turn) {
      throw new ChannelSendError('the web chat response this message was to follow is already being written', true);
    }
    if (!turn) {
      // The outbox id lets the page drop a message it already has (a retried send).
      await this.adapter.deliver(user, { ...reply, id: message.id });
      return;
    }
    // Read before saying: once the turn is over its context can no longer be read, and a
    // reply already in the response must not then be reported as failed (it would go twice).
    let delivered: Promise<boolean> | undefined;
    try {
      delivered = turnContextOf(turn).turnState.get(RESPONSE_DELIVERED) as Promise<boolean> | undefined;
      // WebAdapter collects what is said during a webhook turn into that turn's HTTP response.
      const { type, text, ...channelData } = reply;
      await turn.say({ type, text, channelData });
    } catch (err) {
      throw err instanceof ChannelSendError ? err : new ChannelSendError('web chat webhook turn already over', true, undefined, true);
    }
    if (!delivered) return;
    const handover: Handover = { delivered, joinable: () => this.webhookTurns.get(user)?.[0] === turn };
    this.handoverTurns.set(handover, turn);
    return handover;
  }

  /** One transport-independent turn: Botkit's pipeline, then any failure a handler parked. */
  private async runTurn(context: TurnContext): Promise<void> {
    // An empty turn (a duplicate, a hello with nothing stored) still answers the webhook with a JSON array.
    context.turnState.set('httpBody', []);
    await this.controller.handleTurn(context);
    const failure: unknown = context.turnState.get(TURN_FAILURE);
    if (failure !== undefined) throw failure;
  }

  private async handleMessage(bot: BotWorker, message: BotkitMessage): Promise<void> {
    const context = turnContextOf(bot);
    const frame = context.activity.channelData as WebFrame;
    const onInbound = this.onInbound;
    if (!isPatientFrame(frame) || !onInbound) return;
    const inbound: InboundMessage = {
      channel: 'webchat',
      userId: frame.user,
      // The client's id is unique only among its own messages (a client may number them m-1, m-2,
      // ...), and the router's dedupe key spans every web chat user: so the key names the user too.
      platformMessageId: frame.id !== undefined ? `${frame.user}\u0000${frame.id}` : (this.opts.newId ?? randomUUID)(),
      content: contentOf(frame),
      sentAt: (this.opts.clock ?? Date.now)(),
    };
    try {
      await this.duringTurn(context, bot, message.user, () => onInbound(inbound));
    } catch (err) {
      context.turnState.set(TURN_FAILURE, err);
    }
  }

  private async handleHello(bot: BotWorker, message: BotkitMessage): Promise<void> {
    const onConnect = this.opts.onConnect;
    if (!onConnect) return;
    try {
      await this.duringTurn(turnContextOf(bot), bot, message.user, async () => onConnect(message.user));
    } catch (err) {
      // Stored messages stay stored and are tried again later; the client's hello itself succeeded.
      this.log.error({ err: err instanceof Error ? { type: err.name, stack: safeStack(err) } : typeof err }, 'web chat onConnect failed');
    }
  }

  /** While fn runs, send() to this user joins the webhook response (websocket turns need nothing). */
  private async duringTurn(context: TurnContext, bot: BotWorker, user: string, fn: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== 'webhook') return fn();
    const turns = this.webhookTurns.get(user) ?? [];
    turns.push(bot);
    this.webhookTurns.set(user, turns);
    try {
      await fn();
    } finally {
      turns.splice(turns.indexOf(bot), 1);
      if (turns.length === 0 && this.webhookTurns.get(user) === turns) this.webhookTurns.delete(user);
    }
  }
}

export function createWebchatChannel(opts: WebchatChannelOptions): WebchatChannel {
  return new WebchatChannel(opts);
}

/** What the patient sent, as the router reads it from every channel (a location as a WhatsApp or Telegram pin). */
function contentOf(frame: PatientFrame): InboundMessage['content'] {
  if (frame.type === 'location') return { kind: 'location', lat: frame.lat, lng: frame.lng };
  return frame.payload !== undefined ? { kind: 'choice', payload: frame.payload, text: frame.text } : { kind: 'text', text: frame.text };
}

/** A request over a per-address limit: 429, with Retry-After and which limit. */
function tooMany(res: Response, refusal: Refusal | undefined): void {
  if (!refusal) return;
  res.setHeader('Retry-After', String(refusal.retryAfter));
  throw new AppError('too_many_requests', refusal.message);
}

/**
 * true once the response was handed to the socket ('finish'); false when the connection
 * closed first. (Not `writableFinished`: Node sets it for an end() on a destroyed socket too.)
 */
function responseFinished(res: Response): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    res.once('finish', () => resolve(true));
    res.once('close', () => resolve(false));
  });
}

/** A response that hangs this long after it was written is given up on (the outbox sends it again: at least once). */
function finishedWithin(finished: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return Promise.race([finished, late]).finally(() => clearTimeout(timer));
}

function turnContextOf(bot: BotWorker): TurnContext {
  return bot.getConfig('context') as TurnContext;
}
