/**
 * A stand-in for the Telegram Bot API on 127.0.0.1, for telegraf's own client to
 * talk to (TELEGRAM_API_ROOT). It records every call, answers like Telegram, and
 * can be told to fail the next calls of a method (429 with retry_after, 403
 * blocked...). getUpdates long-polls a queue the test fills; getFile and
 * /file/bot<token>/<path> serve the files a test puts in `files`. No test reaches
 * the real Telegram.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  body: Record<string, any>;
  /** performance.now() when the request arrived. */
  at: number;
  /** sendMessage: the message_id given to the sent message (absent when it was refused). */
  messageId?: number;
}

/** null: answer this call normally (lets a failure hit the second call, not the first). */
type Scripted = { status: number; body: unknown } | null;

export const BOT_TOKEN = '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
export const BOT_ID = 7000000001;

/** A file the Bot API holds for the bot: getFile gives its path (and size), /file/bot<token>/<path> its bytes. */
export interface StoredFile {
  path: string;
  data: Buffer;
  /** What the file server answers as Content-Type; default application/octet-stream (as Telegram often does). */
  contentType?: string;
  /** file_size as getFile reports it; default the data's length. */
  size?: number;
}

export class BotApiStandIn {
  readonly calls: ApiCall[] = [];
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly updates: unknown[] = [];
  private readonly waiting = new Set<() => void>();
  private server: Server | undefined;
  private messageId = 1000;
  /** The token requests must carry; any other gets 401 as from Telegram. */
  token = BOT_TOKEN;
  apiRoot = '';
  /**
   * How long getUpdates holds a poll open when no update waits, at most: Telegram holds it for the
   * request's `timeout` (telegraf asks 50 s), and answers a request without one at once.
   */
  pollHoldMs = 200;
  /** Polls that found no update and were held open, so far. */
  heldPolls = 0;
  /** Files by file_id. */
  readonly files = new Map<string, StoredFile>();
  /** Paths downloaded from the file server, in order. */
  readonly downloads: string[] = [];
  /** The messages sent, by message_id (kept when a test clears `calls`): what a press on one of them echoes. */
  readonly sent = new Map<number, Record<string, any>>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.apiRoot;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** After `after` normal answers, the next `times` calls of `method` get this answer instead of success. */
  failNext(method: string, status: number, body: unknown, times = 1, after = 0): void {
    const list = this.scripted.get(method) ?? [];
    for (let i = 0; i < after; i++) list.push(null);
    for (let i = 0; i < times; i++) list.push({ status, body });
    this.scripted.set(method, list);
  }

  /** Forget the failures still scripted for `method` (every method without one): its next calls succeed. */
  clearFailures(method?: string): void {
    if (method === undefined) this.scripted.clear();
    else this.scripted.delete(method);
  }

  /** Hand an update to the next getUpdates (long polling). */
  enqueueUpdate(update: unknown): void {
    this.updates.push(update);
    for (const wake of this.waiting) wake();
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The texts of successful sendMessage calls, in order. */
  sentTexts(): string[] {
    return this.callsOf('sendMessage').filter((c) => c.body.ok !== false).map((c) => c.body.text as string);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (download) return this.serveFile(res, download[1]!, download[2]!);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (method !== 'getUpdates') this.calls.push({ method, body, at: performance.now() });

    const scripted = this.scripted.get(method)?.shift() ?? null;
    if (scripted) {
      if (method === 'sendMessage') this.calls.at(-1)!.body.ok = false;
      return reply(res, scripted.status, scripted.body);
    }
    switch (method) {
      case 'getMe':
        return ok(res, { id: BOT_ID, is_bot: true, first_name: 'Sahay', username: 'sahay_test_bot' });
      case 'sendMessage': {
        const chatId = Number(body.chat_id);
        this.calls.at(-1)!.messageId = this.messageId + 1;
        const message = { message_id: ++this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: body.text, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}) };
        this.sent.set(message.message_id, message);
        return ok(res, message);
      }
      case 'getUpdates':
        return ok(res, await this.nextUpdates(res, Number(body.limit ?? 100), Math.min(this.pollHoldMs, Number(body.timeout ?? 0) * 1000)));
      case 'getFile': {
        const file = this.files.get(String(body.file_id));
        if (!file) return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return ok(res, { file_id: body.file_id, file_unique_id: `u${String(body.file_id).slice(0, 8)}`, file_size: file.size ?? file.data.length, file_path: file.path });
      }
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
        return ok(res, true);
      default:
        return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private serveFile(res: ServerResponse, token: string, path: string): void {
    if (token !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(path));
    if (!file) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    this.downloads.push(file.path);
    res.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream', 'content-length': String(file.data.length) });
    res.end(file.data);
  }

  /** Long polling: answer at once when updates wait, else after `holdMs` (or when one arrives). */
  private async nextUpdates(res: ServerResponse, limit: number, holdMs: number): Promise<unknown[]> {
    if (this.updates.length === 0 && holdMs > 0) {
      this.heldPolls++;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, holdMs);
        this.waiting.add(wake);
        // The client gave up (telegraf aborts its poll on stop).
        res.once('close', wake);
      });
    }
    return this.updates.splice(0, limit);
  }

  /**
   * An id for a message the patient sends: in a private chat Telegram numbers the
   * patient's and the bot's messages in one sequence, so the tests share this counter.
   */
  nextId(): number {
    return ++this.messageId;
  }

  /** The message id of the last keyboard sent to the chat (what the patient's buttons refer to). */
  lastKeyboard(chatId: number | string): number {
    const call = this.callsOf('sendMessage').filter((c) => c.body.chat_id === String(chatId) && c.body.reply_markup && c.messageId).at(-1);
    if (!call) throw new Error('no keyboard was sent to that chat');
    return call.messageId!;
  }
}

function ok(res: ServerResponse, result: unknown): void {
  reply(res, 200, { ok: true, result });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Telegram's answer when the patient blocked the bot (the wording nyaruka/courier matches too). */
export const BLOCKED = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
