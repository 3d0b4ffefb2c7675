/**
 * The Telegram channel, on telegraf: long polling (a laptop, a single server
 * behind NAT) or a webhook on our express app (production). Either way each
 * update is read (inbound.ts), handed to the router, and acknowledged without
 * waiting for the turn: Telegram holds back a chat's next updates until the
 * current one is acknowledged, and the router's dedupe makes a re-sent update
 * harmless. Replies leave through send(), paced per chat and overall
 * (send-queue.ts), split at 4,096 characters (split-text.ts), with choices as an
 * inline keyboard on the last part (keyboard.ts).
 *
 * @example
 *   const telegram = createTelegramChannel({ config: config.telegram, app: http.app, log, ...telegramCoreHooks(core) });
 *   core.channels.set('telegram', telegram);
 *   http.finish();                       // the webhook route was mounted by the constructor
 *   await telegram.start((m) => core.router.handle(m).then(() => undefined));
 */
import type { Express } from 'express';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Telegraf, TelegramError } from 'telegraf';
import { safeStack, type Logger } from '../../log';
import { KeyedLock } from '../../router/keyed-lock';
import type { InboundContent, InboundMessage, OutboundMessage } from '../../router/message';
import { ChannelSendError, MediaTooLargeError, type Channel, type InboundHandler, type OpenedMedia } from '../channel';
import type { TelegramConfig } from './config';
import { readUpdate, pressKey, type Received } from './inbound';
import { choiceForData, inlineKeyboard, isDigest, KEYBOARD_POINTER, keyboardTag, readButtonData } from './keyboard';
import { judgeOnRecord, LiveKeyboards, type KeyboardRecord, type PressVerdict } from './live-keyboards';
import { classifySendError } from './send-errors';
import { SendQueue, TELEGRAM_PACING, type SendQueueOptions } from './send-queue';
import { splitText } from './split-text';
import { mountWebhookRoute } from './webhook';

export interface TelegramChannelOptions {
  config: TelegramConfig;
  log: Logger;
  /** Required in webhook mode: the route is mounted here by the constructor, so create the channel before http.finish(). */
  app?: Express;
  /** Time of a button press (presses carry no date of their own). */
  clock?: () => number;
  /** Send pacing; Telegram's limits by default. Tests use small values. */
  pacing?: SendQueueOptions;
  /** How long one Bot API request may take before it counts as failed (and is retried). */
  requestTimeoutMs?: number;
  /** Reconnect backoff when the Bot API cannot be reached: doubles from min to max. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** A send found the patient unreachable (blocked the bot, deleted the account): record it. */
  onUnreachable?: (conversationId: string) => Promise<void>;
  /** The short notice shown when a button of an old keyboard is pressed, in the conversation's language. */
  staleButtonNotice?: (conversationId: string) => Promise<string>;
  /**
   * The store's record of the chat's keyboards (`pressKey`: the press's dedupe key), for a
   * press on a keyboard this process did not send (live-keyboards.ts). Undefined: the chat
   * has no conversation. Without this hook such presses are left to the engine.
   */
  keyboardOnRecord?: (chatId: string, pressKey: string) => Promise<KeyboardRecord | undefined>;
}

/** Everything else (edits, channel posts, membership changes) is not asked for. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** answerCallbackQuery's text is at most 200 characters. */
const NOTICE_MAX = 200;
/** Parts already delivered per outbox id, so that a retried long message does not repeat its first parts. */
const MAX_PARTIAL = 10_000;
/** The cloud Bot API lets bots download files of up to 20 MB. */
const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
/** Telegram's file server may answer application/octet-stream: the file path's extension says more. */
const TYPE_OF_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif',
  '.pdf': 'application/pdf', '.oga': 'audio/ogg', '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.tgs': 'application/x-tgsticker',
};

export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  /** telegraf's bot: its client talks to the Bot API (or TELEGRAM_API_ROOT), its poller runs polling mode. */
  readonly bot: Telegraf;
  private readonly log: Logger;
  private queue: SendQueue;
  private readonly keyboards = new LiveKeyboards();
  /** Per chat: its updates held back behind a press being checked against the store, so that they reach the router in order. */
  private readonly held = new KeyedLock();
  /** Per chat: settles when every turn handed to the router so far has (so that the store has them). */
  private readonly turnsOf = new Map<string, Promise<void>>();
  private readonly partsSent = new Map<string, number>();
  private readonly inflight = new Set<Promise<void>>();
  private onInbound: InboundHandler | undefined;
  private connected = false;
  private stopping = false;
  private polling: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnects = 0;

  constructor(private readonly opts: TelegramChannelOptions) {
    const { config } = opts;
    this.log = opts.log.child({ channel: 'telegram' });
    this.queue = new SendQueue(opts.pacing ?? TELEGRAM_PACING);
    this.bot = new Telegraf(config.token, {
      telegram: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), webhookReply: false },
    });
    // One middleware: the raw update goes to receive(), which never throws and never waits for the turn.
    this.bot.use((ctx) => this.receive(ctx.update));
    // telegraf's default handler prints the whole update (patient data) to stderr; ours logs the error type only.
    this.bot.catch((err) => this.log.error({ err: describe(err) }, 'telegram middleware failed'));

    if (config.mode === 'webhook') {
      if (!opts.app || !config.webhook) throw new Error('Telegram webhook mode needs the express app and TELEGRAM_WEBHOOK_URL / TELEGRAM_WEBHOOK_SECRET');
      mountWebhookRoute(opts.app, {
        path: config.webhook.path,
        secret: config.webhook.secret,
        accepting: () => this.onInbound !== undefined,
        receive: (update) => this.receive(update),
      });
    }
  }

  /** Started, and the Bot API accepted us (polling runs, or the webhook is set): for /readyz. */
  get running(): boolean {
    return this.onInbound !== undefined && this.connected;
  }

  /**
   * Begin receiving. Resolves once connected, or once a background reconnect is
   * scheduled when the Bot API cannot be reached; rejects when Telegram refuses the token.
   */
  async start(onInbound: InboundHandler): Promise<void> {
    const wasRunning = this.onInbound !== undefined;
    this.onInbound = onInbound;
    if (wasRunning) return;
    this.stopping = false;
    if (this.queue.stopped) this.queue = new SendQueue(this.opts.pacing ?? TELEGRAM_PACING);
    try {
      await this.connect();
      this.log.info({ mode: this.opts.config.mode, bot: this.opts.config.botId }, 'telegram channel started');
    } catch (err) {
      if (isBadToken(err)) {
        this.onInbound = undefined;
        throw new Error(`TELEGRAM_BOT_TOKEN: Telegram refused the token (${(err as TelegramError).code}); copy it again from @BotFather`);
      }
      this.log.warn({ err: describe(err) }, 'telegram: Bot API not reachable; retrying in the background');
      this.scheduleReconnect();
    }
  }

  /**
   * Stop receiving, let turns in progress finish and deliver, then stop the send queue.
   * Polling stops first, so that no update it already took is dropped; the webhook then
   * answers 503 (Telegram keeps those updates for the next start). The webhook stays set.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const polling = this.polling;
    if (polling) {
      let ended = false;
      void polling.finally(() => (ended = true)).catch(() => undefined);
      // telegraf creates its poller only after getMe and deleteWebhook, and throws on stop() until
      // then: keep asking until it takes, or launch() has ended by itself.
      while (!ended) {
        try {
          this.bot.stop('sahay stopping');
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      await polling.catch(() => undefined);
    }
    this.onInbound = undefined;
    await this.idle();
    await this.queue.stop();
    this.connected = false;
  }

  /** Resolves when every update received so far has been handled (turn committed, replies sent or queued). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Take one update, as long polling and the webhook do. Never throws and never
   * waits for the turn; updates are handed to the router in the order received
   * (the router then runs one turn at a time per conversation, in that order). A press
   * on a keyboard sent before a restart is first checked against the store, and the
   * chat's later updates wait for it (inOrder).
   */
  receive(raw: unknown): void {
    const onInbound = this.onInbound;
    const received = readUpdate(raw, this.opts.config.botId);
    const id = (raw as { update_id?: unknown } | null)?.update_id;
    // Only a number is logged: a malformed body could carry anything in that field.
    const updateId = typeof id === 'number' ? id : undefined;
    if (!onInbound) {
      this.log.warn({ update: updateId }, 'telegram update received while stopped; dropped');
      return;
    }
    switch (received.kind) {
      case 'ignored':
        // Reason codes and update ids only: never chat ids or text.
        this.log.info({ update: updateId, reason: received.reason }, 'telegram update ignored');
        if (received.callbackId) this.track(this.answer(received.callbackId));
        return;
      case 'message':
        this.inOrder(received.chatId, () => {
          this.keyboards.messageReceived(received.chatId, received.messageId);
          this.hand(onInbound, received.inbound);
        });
        return;
      case 'press':
        this.inOrder(received.chatId, () => this.press(received, onInbound, updateId));
        return;
    }
  }

  async send(message: OutboundMessage): Promise<void> {
    if (message.channel !== 'telegram') throw new ChannelSendError(`not a telegram message (${message.channel})`, false);
    const chatId = message.userId;
    const choices = message.choices ?? [];
    const text = message.text.trim() ? message.text : choices.length ? KEYBOARD_POINTER : '';
    if (!text) return;
    const parts = splitText(text);
    try {
      for (let i = this.partsSent.get(message.id) ?? 0; i < parts.length; i++) {
        const last = i === parts.length - 1;
        const markup = last && choices.length ? { reply_markup: { inline_keyboard: inlineKeyboard(choices, keyboardTag(message.id)) } } : {};
        const sent = await this.queue.run(chatId, () =>
          this.bot.telegram.callApi(
            'sendMessage',
            { chat_id: chatId, text: parts[i]!, link_preview_options: { is_disabled: true }, ...markup },
            { signal: this.timeout() },
          ),
        );
        if (last && choices.length) this.keyboards.sent(chatId, sent.message_id, message.conversationId, choices);
        if (!last) this.rememberParts(message.id, i + 1);
      }
      this.partsSent.delete(message.id);
    } catch (err) {
      const failure = classifySendError(err);
      if (!failure.error.retryable) this.partsSent.delete(message.id);
      if (failure.unreachable) await this.markUnreachable(message.conversationId);
      throw failure.error;
    }
  }

  /**
   * A patient's photo, document or voice note (its file_id, as stored), fetched from
   * the Bot API (TELEGRAM_API_ROOT) only now, when an operator opens it: getFile,
   * then the file itself. A local Bot API server in `--local` mode gives an absolute
   * path instead, which is read from disk. Null when Telegram does not know the file.
   */
  async openMedia(ref: string, opts: { maxBytes?: number } = {}): Promise<OpenedMedia | null> {
    if (!this.onInbound) throw new ChannelSendError('telegram channel is not running', true, undefined, true);
    if (!/^[A-Za-z0-9_-]{1,512}$/.test(ref)) return null;
    const maxBytes = opts.maxBytes ?? BOT_API_DOWNLOAD_LIMIT;
    try {
      const file = await this.bot.telegram.callApi('getFile', { file_id: ref }, { signal: this.timeout() });
      if (file.file_size !== undefined && file.file_size > maxBytes) throw new MediaTooLargeError(maxBytes);
      if (!file.file_path) return null;
      const url = await this.bot.telegram.getFileLink(file);
      let data: Buffer;
      let type: string | null = null;
      if (url.protocol === 'file:') {
        if ((await stat(url)).size > maxBytes) throw new MediaTooLargeError(maxBytes);
        data = await readFile(url);
      } else {
        const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000), redirect: 'error' });
        if (res.status === 404) return null;
        if (!res.ok) throw new ChannelSendError(`telegram file download failed (${res.status})`, true);
        if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new MediaTooLargeError(maxBytes);
        data = await readCapped(res, maxBytes);
        type = res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() || null;
      }
      if (!type || type === 'application/octet-stream') type = TYPE_OF_EXTENSION[extname(file.file_path).toLowerCase()] ?? 'application/octet-stream';
      return { mimetype: type, data, filename: basename(file.file_path) };
    } catch (err) {
      if (err instanceof MediaTooLargeError) throw err;
      if (err instanceof TelegramError && err.code === 400) {
        // "file is too big" (over the cloud Bot API's 20 MB); otherwise an unknown or expired file_id.
        if (/too big/i.test(err.description)) throw new MediaTooLargeError(maxBytes);
        return null;
      }
      if ((err as { code?: unknown }).code === 'ENOENT') return null;
      this.log.warn({ err: describe(err) }, 'telegram: media could not be fetched');
      throw err instanceof ChannelSendError ? err : new ChannelSendError('telegram media could not be fetched', true);
    }
  }

  /** Judge a press and act on it: at once when memory knows its keyboard, else (a promise) after asking the store. */
  private press(received: Press, onInbound: InboundHandler, updateId: number | undefined): Promise<void> | undefined {
    const verdict = this.keyboards.press(received.chatId, received.keyboardMessageId, received.callbackId);
    if (verdict.status === 'unknown' && this.opts.keyboardOnRecord) return this.pressOnRecord(received, onInbound, updateId);
    this.pressJudged(received, verdict, onInbound, updateId);
    return undefined;
  }

  /** A press on a keyboard this process did not send (before a restart): judged against the store. */
  private async pressOnRecord(received: Press, onInbound: InboundHandler, updateId: number | undefined): Promise<void> {
    const { chatId, keyboardMessageId, callbackId } = received;
    // The chat's earlier messages are in the store before it is read (this chat's later updates wait meanwhile).
    await this.turnsOf.get(chatId);
    let record: KeyboardRecord | undefined;
    try {
      record = await this.opts.keyboardOnRecord!(chatId, pressKey(callbackId));
    } catch (err) {
      // The store is failing: the turn will most likely fail too; if not, the engine judges the press as before.
      this.log.warn({ err: describe(err) }, 'telegram: keyboards on record could not be read');
    }
    // A keyboard may have been sent to the chat meanwhile (by a turn in progress): memory knows it now.
    let verdict = this.keyboards.press(chatId, keyboardMessageId, callbackId);
    if (verdict.status === 'unknown' && record) {
      verdict = judgeOnRecord(record, received);
      // Remember it, answered by this press: a second tap on it is then stale at once.
      if (verdict.status === 'current') {
        this.keyboards.sent(chatId, keyboardMessageId, record.conversationId, verdict.keyboard.choices);
        this.keyboards.press(chatId, keyboardMessageId, callbackId);
      }
    }
    this.pressJudged(received, verdict, onInbound, updateId);
  }

  private pressJudged(received: Press, verdict: PressVerdict, onInbound: InboundHandler, updateId: number | undefined): void {
    const { chatId, callbackId, buttonTitle } = received;
    if (verdict.status === 'stale') {
      this.log.info({ update: updateId, reason: 'stale_button', conversation: verdict.conversationId }, 'telegram update ignored');
      this.track(this.answerStale(callbackId, verdict.conversationId));
      return;
    }
    const { payload } = readButtonData(received.data);
    const choice = verdict.status === 'current' ? choiceForData(payload, verdict.keyboard.choices) : undefined;
    let content: InboundContent;
    if (choice) content = { kind: 'choice', payload: choice.payload, text: choice.title };
    else if (!isDigest(payload)) content = { kind: 'choice', payload, ...(buttonTitle ? { text: buttonTitle } : {}) };
    // A shortened payload of a keyboard nobody knows: the button's label still says what was meant.
    else if (buttonTitle) content = { kind: 'text', text: buttonTitle };
    else {
      this.log.info({ update: updateId, reason: 'unknown_button' }, 'telegram update ignored');
      this.track(this.answer(callbackId));
      return;
    }
    // Stop the button's spinner right away; the answer itself comes as a message.
    this.track(this.answer(callbackId));
    const inbound: InboundMessage = {
      channel: 'telegram',
      userId: chatId,
      platformMessageId: pressKey(callbackId),
      content,
      sentAt: (this.opts.clock ?? Date.now)(),
    };
    this.hand(onInbound, inbound);
  }

  /**
   * Run a chat's update now, or after the one held before it. An update that has to wait
   * for the store (a press on an unknown keyboard) holds back the chat's later ones.
   */
  private inOrder(chatId: string, step: () => Promise<void> | undefined | void): void {
    // Behind the chat's held update; a failure is logged (track) and does not hold back the next.
    if (this.held.has(chatId)) return this.track(this.held.run(chatId, async () => step()));
    // Nothing held (almost always): now, in arrival order among all chats; the chat is held only while the step waits.
    const running = step();
    if (running) this.track(this.held.run(chatId, () => running));
  }

  /** Give a message to the router now (keeping arrival order), and keep track of the turn. */
  private hand(onInbound: InboundHandler, message: InboundMessage): void {
    let turn: Promise<void>;
    try {
      turn = onInbound(message);
    } catch (err) {
      turn = Promise.reject(err);
    }
    this.track(turn);
    const chatId = message.userId;
    const before = this.turnsOf.get(chatId);
    const settled: Promise<void> = (before ? Promise.allSettled([before, turn]) : turn.catch(() => undefined)).then(() => {
      if (this.turnsOf.get(chatId) === settled) this.turnsOf.delete(chatId);
    });
    this.turnsOf.set(chatId, settled);
  }

  private async answerStale(callbackId: string, conversationId: string): Promise<void> {
    let notice: string | undefined;
    try {
      notice = await this.opts.staleButtonNotice?.(conversationId);
    } catch (err) {
      this.log.warn({ err: describe(err) }, 'telegram: stale-button notice failed');
    }
    await this.answer(callbackId, notice === undefined ? undefined : [...notice].slice(0, NOTICE_MAX).join(''));
  }

  /** Answer a callback query so that the button stops spinning; a failure (query too old) only matters to the log. */
  private async answer(callbackId: string, text?: string): Promise<void> {
    try {
      await this.bot.telegram.callApi('answerCallbackQuery', { callback_query_id: callbackId, ...(text ? { text } : {}) }, { signal: this.timeout() });
    } catch (err) {
      this.log.debug({ err: describe(err) }, 'telegram: could not answer a button press');
    }
  }

  private async markUnreachable(conversationId: string): Promise<void> {
    this.log.info({ conversation: conversationId }, 'telegram: patient unreachable (blocked the bot or left Telegram)');
    try {
      await this.opts.onUnreachable?.(conversationId);
    } catch (err) {
      this.log.error({ conversation: conversationId, err: describe(err) }, 'telegram: could not mark the contact unreachable');
    }
  }

  private async connect(): Promise<void> {
    const { config } = this.opts;
    if (config.mode === 'webhook') {
      const hook = config.webhook!;
      await this.bot.telegram.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      this.connected = true;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      let launched = false;
      // launch() resolves only when polling stops; its callback runs once getMe has accepted the token.
      const polling = this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false }, () => {
        launched = true;
        this.connected = true;
        resolve();
      });
      this.polling = polling;
      polling.then(
        () => this.pollingEnded(undefined),
        (err: unknown) => {
          if (launched) return this.pollingEnded(err);
          this.polling = undefined;
          reject(err);
        },
      );
    });
  }

  private pollingEnded(err: unknown): void {
    this.connected = false;
    this.polling = undefined;
    if (this.stopping || !this.onInbound) return;
    // 409: another process polls with this token (or a webhook is set); 401: the token was revoked.
    this.log.error({ err: describe(err) }, 'telegram polling stopped; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const min = this.opts.reconnectMinMs ?? 5000;
    const delay = Math.min(this.opts.reconnectMaxMs ?? 5 * 60_000, min * 2 ** Math.min(this.reconnects++, 20));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopping) return;
      this.connect().then(
        () => {
          this.reconnects = 0;
          this.log.info({ mode: this.opts.config.mode }, 'telegram channel reconnected');
        },
        (err: unknown) => {
          this.log.warn({ err: describe(err), retryInMs: delay }, 'telegram: still cannot reach the Bot API');
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private track(work: Promise<void>): void {
    const p = work.catch((err: unknown) => {
      // The router failed (store down...): the update was acknowledged, so it is lost unless Telegram re-sends it.
      this.log.error({ err: describe(err, true) }, 'telegram update handling failed');
    });
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private rememberParts(outboxId: string, count: number): void {
    this.partsSent.delete(outboxId);
    this.partsSent.set(outboxId, count);
    if (this.partsSent.size > MAX_PARTIAL) this.partsSent.delete(this.partsSent.keys().next().value as string);
  }

  // telegraf's typings name abort-controller's AbortSignal; node-fetch accepts the built-in one.
  private timeout(): never {
    return AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000) as never;
  }
}

type Press = Extract<Received, { kind: 'press' }>;

export function createTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  return new TelegramChannel(opts);
}

/** The response body, refused as soon as it passes `maxBytes` (the length header may be absent). */
async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new MediaTooLargeError(maxBytes);
    }
    chunks.push(Buffer.from(value));
  }
}

function isBadToken(err: unknown): boolean {
  return err instanceof TelegramError && (err.code === 401 || err.code === 404);
}

/** An error for the logs: its kind and Telegram's code, never a URL (it holds the token) or message text. */
function describe(err: unknown, withStack = false): Record<string, unknown> {
  if (err instanceof TelegramError) return { type: 'TelegramError', code: err.code, description: err.description };
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, ...(typeof code === 'string' ? { code } : {}), ...(withStack ? { stack: safeStack(err) } : {}) };
}
