/**
 * A stand-in for whatsapp-web.js's Client with the same surface the channel uses
 * (src/channels/whatsapp/client.ts): an EventEmitter whose initialize, destroy,
 * sendMessage and getState a test controls. Tests emit the events the real
 * client emits ('qr', 'ready', 'message', 'disconnected'…) with recorded shapes.
 */
import { EventEmitter } from 'node:events';
import type { WaMedia, WaMessage, WaStoredMessage, WhatsAppClient, WhatsAppClientFactory } from '../../../src/channels/whatsapp/client';

export interface SentMessage {
  chatId: string;
  text: string;
  options: unknown;
  /** WhatsApp's id for it (`id.id` of the Message sendMessage resolves with): what a reply quoting it names. */
  id: string;
}

export class FakeClient extends EventEmitter implements WhatsAppClient {
  readonly sent: SentMessage[] = [];
  initialized = 0;
  destroyed = 0;
  killed = 0;
  /** What initialize() does: resolve (default), reject, or never settle ('hang'). */
  initBehaviour: 'resolve' | 'reject' | 'hang' = 'resolve';
  destroyBehaviour: 'resolve' | 'hang' = 'resolve';
  /** When set, the next sendMessage calls fail with it. */
  sendError: Error | undefined;
  /** When 'hang', getState() never answers (a wedged page). */
  stateBehaviour: 'answer' | 'throw' | 'hang' = 'answer';
  /** What WhatsApp Web still holds, by serialized id: the media of received messages. */
  readonly media = new Map<string, WaMedia | undefined>();
  /** Ids asked for by getMessageById, and downloads made (downloadMedia calls). */
  readonly lookedUp: string[] = [];
  downloads = 0;
  /** Each sendMessage call's time (Date.now, faked by jest's timers when in use). */
  readonly sendTimes: number[] = [];

  async initialize(): Promise<void> {
    this.initialized++;
    if (this.initBehaviour === 'reject') throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    if (this.initBehaviour === 'hang') return new Promise<void>(() => undefined);
  }

  async destroy(): Promise<void> {
    this.destroyed++;
    if (this.destroyBehaviour === 'hang') return new Promise<void>(() => undefined);
  }

  async forceKill(): Promise<void> {
    this.killed++;
  }

  async sendMessage(chatId: string, text: string, options?: unknown): Promise<unknown> {
    this.sendTimes.push(Date.now());
    if (this.sendError) throw this.sendError;
    // As whatsapp-web.js resolves: the sent Message, whose id a reply names as its `_data.quotedStanzaID`.
    const id = `3EB0OUT${String(this.sent.length + 1).padStart(13, '0')}`;
    this.sent.push({ chatId, text, options, id });
    return { id: { fromMe: true, remote: chatId, id, _serialized: `true_${chatId}_${id}` }, fromMe: true, body: text, type: 'chat' };
  }

  async getMessageById(messageId: string): Promise<WaStoredMessage | null> {
    this.lookedUp.push(messageId);
    if (!this.media.has(messageId)) return null;
    const media = this.media.get(messageId);
    return {
      hasMedia: true,
      downloadMedia: async () => {
        this.downloads++;
        if (!media) throw new Error('Evaluation failed: media expired');
        return media;
      },
    };
  }

  async getState(): Promise<string | null> {
    if (this.stateBehaviour === 'throw') throw new Error('Protocol error (Runtime.callFunctionOn): Target closed.');
    if (this.stateBehaviour === 'hang') return new Promise<string>(() => undefined);
    return 'CONNECTED';
  }

  /** The client as WhatsApp Web would bring it up for an already linked phone. */
  link(): void {
    this.emit('authenticated');
    this.emit('ready');
  }

  receive(message: WaMessage): void {
    this.emit('message', message);
  }
}

/** A factory that makes a new FakeClient per start and keeps them all, newest last. */
export function fakeFactory(setup?: (client: FakeClient, index: number) => void): { factory: WhatsAppClientFactory; clients: FakeClient[] } {
  const clients: FakeClient[] = [];
  return {
    clients,
    factory: () => {
      const c = new FakeClient();
      setup?.(c, clients.length);
      clients.push(c);
      return c;
    },
  };
}
