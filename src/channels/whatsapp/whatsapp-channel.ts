/**
 * The WhatsApp channel: whatsapp-web.js (WhatsApp Web in a headless Chromium)
 * behind the Channel interface.
 *
 * - Inbound: private-chat messages become InboundMessages (inbound.ts); our own
 *   messages, groups, status updates, broadcasts and calls are ignored, each with
 *   a logged reason and a metric (never a number or a text in the log). The photos
 *   that follow an album's announcement are named as its items (albums.ts).
 * - Outbound: choices as a numbered list (render.ts), through one paced queue
 *   (send-queue.ts); failures become ChannelSendErrors that tell the outbox
 *   whether to retry (send-errors.ts).
 * - A short answer written as a reply to an older list of ours ("1", quoting an
 *   earlier question) is refused with a notice instead of being read as the answer
 *   to the current question (live-menus.ts): its log says so, without the text.
 * - The client is kept alive by WhatsAppConnection; its state is `link`.
 *
 * It depends on the narrow WhatsAppClient interface: tests give it a fake client,
 * production gives it `createChromiumClient` (see index.ts).
 *
 * @example
 *   const channel = new WhatsAppChannel({ factory, log, pacing: { gapMs: 1000, jitterMs: 1500, perMinute: 30 }, … });
 *   core.channels.set('whatsapp', channel);
 *   await channel.start((message) => core.router.handle(message).then(() => undefined));
 *   channel.link.status().state; // 'starting' → 'waiting_for_qr' → 'ready'
 */
import qrcodeTerminal from 'qrcode-terminal';
import { ChannelSendError, MediaTooLargeError, type Channel, type InboundHandler, type OpenedMedia } from '../channel';
import type { Logger } from '../../log';
import type { Metrics } from '../../metrics';
import { KeyedLock } from '../../router/keyed-lock';
import type { InboundMessage, OutboundMessage } from '../../router/message';
import type { WaCall, WaMedia, WaMessage, WhatsAppClientFactory } from './client';
import { WhatsAppConnection, withTimeout } from './connection';
import { describeError } from './describe-error';
import { AlbumTracker } from './albums';
import { albumAnnounced, isPrivateChatId, toInbound, type IgnoreReason } from './inbound';
import { LINK_STATES, WhatsAppLink } from './link';
import { LiveMenus, sentIdOf } from './live-menus';
import { renderForWhatsApp, type ChooseHints } from './render';
import { notLinked, toSendError } from './send-errors';
import { SendQueue, type PacingOptions } from './send-queue';
import type { UserRef } from './user-ref';

export interface WhatsAppChannelOptions {
  factory: WhatsAppClientFactory;
  log: Logger;
  metrics?: Metrics;
  /** Opaque patient references for logs (user-ref.ts). */
  userRef: UserRef;
  pacing: PacingOptions;
  initTimeoutMs: number;
  restartMinMs: number;
  restartMaxMs: number;
  destroyTimeoutMs?: number;
  healthCheckMs?: number;
  healthTimeoutMs?: number;
  /** One sendMessage() must finish within this (a wedged page never answers). Default 30 s. */
  sendTimeoutMs?: number;
  /** `common.choose_hint` in each language, shown under a numbered list. */
  hints?: ChooseHints;
  /** Where QR codes are printed while waiting to be linked; none when unset. */
  qrOut?: NodeJS.WritableStream;
  /** Called each time the link becomes ready: deliver what waited for it. */
  onLinked?: () => void;
  now?: () => number;
  random?: () => number;
  /** How long fetching one media file for an operator may take. Default 60 s. */
  mediaTimeoutMs?: number;
  /** How long stop() waits for messages being handled. Default 10 s. */
  drainTimeoutMs?: number;
  /** The photos of an album come within this of each other (albums.ts). Default 2 min. */
  albumWindowMs?: number;
  /**
   * The stale-list notice (`common.stale_reply`) in the patient's language (core-hooks.ts), or
   * null when the reply is not to be judged (a person has the chat or the patient waits for one:
   * it goes to the router as any message). Without it, replies quoting an older list are not
   * judged: they go on as before.
   */
  staleMenuNotice?: (conversationId: string) => Promise<string | null>;
}

/** Outbox ids delivered recently: a retried send of one of them is not sent twice. */
const REMEMBERED_SENDS = 5000;

export class WhatsAppChannel implements Channel {
  readonly name = 'whatsapp' as const;
  readonly link: WhatsAppLink;
  private readonly connection: WhatsAppConnection;
  private readonly queue: SendQueue;
  private readonly log: Logger;
  private onInbound: InboundHandler | undefined;
  private readonly handling = new Set<Promise<void>>();
  private readonly delivered = new Set<string>();
  private readonly albums: AlbumTracker;
  private readonly menus = new LiveMenus();
  /** Per chat: its messages held back behind a quoted reply being judged, so that they reach the router in order. */
  private readonly held = new KeyedLock();
  private stopping: Promise<void> | undefined;

  constructor(private readonly opts: WhatsAppChannelOptions) {
    const now = opts.now ?? Date.now;
    this.log = opts.log.child({ channel: 'whatsapp' });
    this.link = new WhatsAppLink(now);
    this.albums = new AlbumTracker(opts.albumWindowMs ?? 120_000);
    this.queue = new SendQueue({ ...opts.pacing, ...(opts.random ? { random: opts.random } : {}) });
    const gauge = (current: string) => {
      for (const state of LINK_STATES) opts.metrics?.whatsappLinkState.set({ state }, state === current ? 1 : 0);
    };
    gauge(this.link.state);
    this.link.on('change', (status) => gauge(status.state));
    let wasReady = false;
    this.link.on('change', (status) => {
      const ready = status.state === 'ready';
      if (ready && !wasReady) opts.onLinked?.();
      wasReady = ready;
    });
    this.connection = new WhatsAppConnection({
      factory: opts.factory,
      link: this.link,
      log: this.log,
      initTimeoutMs: opts.initTimeoutMs,
      restartMinMs: opts.restartMinMs,
      restartMaxMs: opts.restartMaxMs,
      ...(opts.destroyTimeoutMs !== undefined ? { destroyTimeoutMs: opts.destroyTimeoutMs } : {}),
      ...(opts.healthCheckMs !== undefined ? { healthCheckMs: opts.healthCheckMs } : {}),
      ...(opts.healthTimeoutMs !== undefined ? { healthTimeoutMs: opts.healthTimeoutMs } : {}),
      now,
      ...(opts.random ? { random: opts.random } : {}),
      onMessage: (m) => this.receive(m),
      onCall: (c) => this.callIgnored(c),
      onQr: (qr) => this.printQr(qr),
      onRestart: (reason) => opts.metrics?.whatsappRestarts.inc({ reason }),
    });
  }

  /** Start the client in the background; the link's state tells how it goes. */
  async start(onInbound: InboundHandler): Promise<void> {
    if (this.stopping) throw new Error('WhatsApp channel: start() after stop(); make a new channel');
    this.onInbound = onInbound;
    this.connection.start();
  }

  /** Stop receiving, let messages being handled finish, drop waiting sends (they stay in the outbox), close the browser. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.onInbound = undefined;
      const queueStopped = this.queue.stop();
      await withTimeout(Promise.all([...this.handling]), this.opts.drainTimeoutMs ?? 10_000, 'drain').catch(() => {
        this.log.warn({ handling: this.handling.size }, 'WhatsApp messages still being handled at shutdown');
      });
      await this.connection.stop();
      await queueStopped;
    })();
    return this.stopping;
  }

  async send(message: OutboundMessage): Promise<void> {
    if (message.channel !== 'whatsapp') throw new ChannelSendError(`not a WhatsApp message (${message.channel})`, false);
    if (!isPrivateChatId(message.userId)) throw new ChannelSendError('not a WhatsApp private chat id', false);
    // Sent already (the outbox could not record it): never the same message twice.
    if (this.delivered.has(message.id)) return;
    if (!this.connection.readyClient()) throw notLinked();
    const text = renderForWhatsApp(message, this.opts.hints);
    const sent = await this.queue.schedule(() => this.sendText(message.userId, text));
    this.remember(message.id);
    // The chat's live list now (live-menus.ts): what a reply quoting an older one is judged against.
    if (message.choices?.length && this.opts.staleMenuNotice) this.menus.sent(message.userId, sentIdOf(sent), message.conversationId, text, message.choices);
  }

  /** One text to a chat, when the queue says so; the link may have dropped while it waited its turn. */
  private async sendText(chatId: string, text: string): Promise<unknown> {
    const client = this.connection.readyClient();
    if (!client) throw notLinked();
    try {
      return await withTimeout(client.sendMessage(chatId, text, { linkPreview: false }), this.opts.sendTimeoutMs ?? 30_000, 'send timed out');
    } catch (err) {
      throw toSendError(err);
    }
  }

  /**
   * A patient's photo, voice note or document, fetched from WhatsApp only now, when
   * an operator opens it. `ref` is the media reference stored with the inbound
   * message (its serialized id). Resolves with null when it is not a media message
   * of a private chat or WhatsApp no longer has the file; rejects with a
   * ChannelSendError (offline) while WhatsApp is not linked, or when fetching fails.
   */
  async openMedia(ref: string, opts: { maxBytes?: number } = {}): Promise<OpenedMedia | null> {
    const chat = /^(?:true|false)_([^_\s]+)_[^\s]+$/.exec(ref)?.[1];
    if (!chat || !isPrivateChatId(chat)) return null;
    const client = this.connection.readyClient();
    if (!client) throw notLinked();
    const limit = this.opts.mediaTimeoutMs ?? 60_000;
    let media: WaMedia | undefined;
    try {
      const message = await withTimeout(client.getMessageById(ref), limit, 'media lookup timed out');
      if (!message?.hasMedia) return null;
      media = await withTimeout(message.downloadMedia(), limit, 'media download timed out');
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'WhatsApp media could not be fetched');
      throw toSendError(err);
    }
    if (!media?.data) return null;
    const data = Buffer.from(media.data, 'base64');
    if (opts.maxBytes !== undefined && data.length > opts.maxBytes) throw new MediaTooLargeError(opts.maxBytes);
    return { mimetype: media.mimetype, data, ...(media.filename ? { filename: media.filename } : {}) };
  }

  private receive(raw: WaMessage): void {
    const now = this.opts.now ?? Date.now;
    const decision = toInbound(raw, now);
    if (!decision.accept) {
      // An album's announcement: the photos that follow are answered as one (albums.ts).
      const album = albumAnnounced(raw);
      if (album) this.albums.announced(album.chatId, album.album, now());
      return this.ignored(decision.reason, { type: typeof raw?.type === 'string' ? raw.type.slice(0, 40) : undefined });
    }
    const onInbound = this.onInbound;
    if (!onInbound) return this.ignored('stopping', {});
    const message = this.albums.tag(decision.message, now());
    const chat = message.userId;
    const step = () => this.admit(message, decision.quotedId, onInbound);
    // Behind the chat's message being judged (a quoted short answer: live-menus.ts), in arrival order.
    if (this.held.has(chat)) return this.track(this.held.run(chat, async () => step()));
    // Almost always: handed on now; the chat is held only while a judgement waits for the store.
    const judging = step();
    if (judging) this.track(this.held.run(chat, () => judging));
  }

  /**
   * A message to hand to the router, unless it is a short answer quoting an earlier list
   * (live-menus.ts): then the store is asked first (staleMenuNotice) — a promise, which holds
   * the chat's later messages behind it.
   */
  private admit(message: InboundMessage, quotedId: string | undefined, onInbound: InboundHandler): Promise<void> | undefined {
    if (this.opts.staleMenuNotice) {
      const { content } = message;
      const verdict = this.menus.received(message.userId, message.platformMessageId, quotedId, content.kind === 'text' ? content.text : undefined);
      if (verdict.status === 'stale') return this.judgeStale(message, verdict.conversationId, onInbound);
    }
    this.dispatch(message, onInbound);
    return undefined;
  }

  /** Called at once (no await before it): the router queues one user's messages in arrival order. */
  private dispatch(message: InboundMessage, onInbound: InboundHandler): void {
    const userRef = this.opts.userRef(message.userId);
    this.log.debug({ userRef, kind: message.content.kind }, 'WhatsApp message received');
    const handled: Promise<void> = onInbound(message)
      .catch((err: unknown) => this.log.error({ userRef, kind: message.content.kind, err: describeError(err) }, 'WhatsApp message could not be handled'))
      .finally(() => this.handling.delete(handled));
    this.handling.add(handled);
  }

  /**
   * A short answer quoting an earlier list: not an answer to the current question, which stays
   * open, and the patient is told so — unless no bot question is what they answer (a person has
   * the chat or they wait for one: the hook says null), when it goes to the router as any message.
   */
  private async judgeStale(message: InboundMessage, conversationId: string, onInbound: InboundHandler): Promise<void> {
    let notice: string | null;
    try {
      notice = await this.opts.staleMenuNotice!(conversationId);
    } catch (err) {
      // Not known: the message goes on as before the check existed.
      this.log.warn({ err: describeError(err) }, 'WhatsApp: a quoted reply could not be judged; handed on');
      notice = null;
    }
    if (notice === null || !notice.trim()) return this.dispatch(message, onInbound);
    this.opts.metrics?.whatsappIgnored.inc({ reason: 'stale_menu' });
    this.log.info({ reason: 'stale_menu' }, 'WhatsApp message refused: a short answer quoting an earlier list; the current question stays open');
    this.track(this.sendNotice(message.userId, notice));
  }

  /** Keep a background task until it settles, so that stop() waits for it. */
  private track(task: Promise<void>): void {
    const tracked: Promise<void> = task.finally(() => this.handling.delete(tracked));
    this.handling.add(tracked);
  }

  /** Tell the patient that their reply answered an earlier list, in their language, through the paced queue. */
  private async sendNotice(chatId: string, notice: string): Promise<void> {
    try {
      await this.queue.schedule(() => this.sendText(chatId, notice));
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'WhatsApp: the stale-list notice could not be sent');
    }
  }

  private callIgnored(call: WaCall): void {
    if (call.fromMe) return;
    this.ignored('call', { video: Boolean(call.isVideo), group: Boolean(call.isGroup) });
  }

  private ignored(reason: IgnoreReason, detail: Record<string, unknown>): void {
    this.opts.metrics?.whatsappIgnored.inc({ reason });
    this.log.info({ reason, ...detail }, 'WhatsApp message ignored');
  }

  private printQr(qr: string): void {
    const out = this.opts.qrOut;
    if (!out) return;
    try {
      // Called as a method: qrcode-terminal reads its error-correction level from `this`.
      qrcodeTerminal.generate(qr, { small: true }, (art) => {
        out.write(`\nWhatsApp: scan this code with the phone of the service number (WhatsApp > Linked devices > Link a device).\nIt changes every 20 seconds or so; the admin console shows the current one.\n${art}\n`);
      });
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'WhatsApp QR code could not be printed; the admin console shows it');
    }
  }

  private remember(id: string): void {
    this.delivered.add(id);
    if (this.delivered.size > REMEMBERED_SENDS) {
      const oldest = this.delivered.values().next().value;
      if (oldest !== undefined) this.delivered.delete(oldest);
    }
  }
}
