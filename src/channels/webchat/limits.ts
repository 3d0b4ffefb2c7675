/**
 * Per-address limits of the web chat: the page and the webhook are open to anyone, and a
 * client picks its own user ids, so the per-conversation flood guard (src/router/flood-guard.ts)
 * cannot stop one client from writing to thousands of new conversations. Counted per client
 * address (req.ip: TRUST_PROXY decides whether X-Forwarded-For is believed, as for the
 * console), IPv6 addresses by their /64 (one subscriber's block), in this process's memory:
 *
 *   messages           POST /api/webchat, and socket message / hello frames, a minute  → 429 / error frame
 *   frames             socket frames of any kind (confirmations, bad ones) a minute     → close 1013
 *   sockets            websockets open at once                                          → close 1013
 *   new conversations  messages from a user id not seen yet, a minute                   → 429 / error frame
 *
 * The defaults leave room for a shared address: a hospital's Wi-Fi, or a mobile carrier's NAT,
 * with many patients chatting at once. 0 turns a limit off. Logs name the limit only, never
 * an address, a user id or text.
 */
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { addressKey } from '../../http/address-key';
import { PlacesPerKey } from '../../limits/places-per-key';
import { takePoint } from '../../limits/take-point';
import type { Logger } from '../../log';

export interface WebchatLimits {
  /** POST /api/webchat requests and socket message / hello frames from one address a minute (WEBCHAT_IP_MESSAGES_PER_MINUTE). */
  messagesPerMinute: number;
  /** Socket frames of any kind from one address a minute (WEBCHAT_IP_FRAMES_PER_MINUTE). */
  framesPerMinute: number;
  /** Websockets open at once from one address (WEBCHAT_IP_SOCKETS). */
  sockets: number;
  /** Conversations started from one address a minute: messages from a user id this process has not seen (WEBCHAT_IP_NEW_CONVERSATIONS_PER_MINUTE). */
  newConversationsPerMinute: number;
}

/** The settings' defaults (src/config.ts uses them too). */
export const DEFAULT_WEBCHAT_LIMITS: Readonly<WebchatLimits> = Object.freeze({ messagesPerMinute: 600, framesPerMinute: 3000, sockets: 200, newConversationsPerMinute: 30 });

export type LimitName = 'messages' | 'frames' | 'sockets' | 'new_conversations';

export interface Refusal {
  limit: LimitName;
  /** Seconds to wait (Retry-After). */
  retryAfter: number;
  /** For the client: which limit, never whose. */
  message: string;
}

/** Close code for a socket refused by a limit: 1013, "try again later". */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** User ids remembered as having a conversation (a message was taken from them); the oldest are forgotten past this. */
const KNOWN_USERS = 50_000;

const MESSAGES: Record<LimitName, string> = {
  messages: 'Too many messages from this address',
  frames: 'Too many frames from this address',
  sockets: 'Too many connections from this address',
  new_conversations: 'Too many new conversations from this address',
};

export class WebchatGuard {
  private readonly limits: WebchatLimits;
  private readonly messages: RateLimiterMemory | undefined;
  private readonly frames: RateLimiterMemory | undefined;
  private readonly newConversations: RateLimiterMemory | undefined;
  private readonly openSockets: PlacesPerKey;
  /** Insertion-ordered: re-inserted when seen again, the first one is the least recently seen. */
  private readonly known = new Map<string, true>();
  /** Refusals not yet logged, per limit, and when each limit was last logged. */
  private readonly refused = new Map<LimitName, { count: number; loggedAt: number }>();

  constructor(
    limits: Partial<WebchatLimits> | undefined,
    private readonly log: Logger,
    private readonly opts: { knownUsers?: number; now?: () => number } = {},
  ) {
    this.limits = { ...DEFAULT_WEBCHAT_LIMITS, ...limits };
    const perMinute = (keyPrefix: string, points: number) => (points > 0 ? new RateLimiterMemory({ keyPrefix, points, duration: 60 }) : undefined);
    this.messages = perMinute('webchat-messages', this.limits.messagesPerMinute);
    this.frames = perMinute('webchat-frames', this.limits.framesPerMinute);
    this.newConversations = perMinute('webchat-new', this.limits.newConversationsPerMinute);
    this.openSockets = new PlacesPerKey(this.limits.sockets > 0 ? this.limits.sockets : Infinity);
  }

  /** One webhook request, or one socket message / hello frame. */
  message(address: string | undefined): Promise<Refusal | undefined> {
    return this.take(this.messages, 'messages', address);
  }

  /** One socket frame of any kind, before it is read. */
  frame(address: string | undefined): Promise<Refusal | undefined> {
    return this.take(this.frames, 'frames', address);
  }

  /** A message from this user: counted as a new conversation when the user id has not been seen. */
  async conversation(address: string | undefined, userId: string): Promise<Refusal | undefined> {
    if (this.known.delete(userId)) {
      this.known.set(userId, true);
      return undefined;
    }
    const refusal = await this.take(this.newConversations, 'new_conversations', address);
    if (!refusal) {
      this.known.set(userId, true);
      if (this.known.size > (this.opts.knownUsers ?? KNOWN_USERS)) this.known.delete(this.known.keys().next().value as string);
    }
    return refusal;
  }

  /** A websocket opened: a function to call when it closes, or the refusal when the address has as many open as allowed. */
  socketOpened(address: string | undefined): Refusal | (() => void) {
    return this.openSockets.take(addressKey(address)) ?? this.refuse('sockets', 60);
  }

  private async take(limiter: RateLimiterMemory | undefined, limit: LimitName, address: string | undefined): Promise<Refusal | undefined> {
    if (!limiter) return undefined;
    const wait = await takePoint(limiter, addressKey(address));
    return wait > 0 ? this.refuse(limit, wait) : undefined;
  }

  private refuse(limit: LimitName, retryAfter: number): Refusal {
    // A flood is refused many times a second: one log line per limit a minute at most, with the count.
    const now = (this.opts.now ?? Date.now)();
    const seen = this.refused.get(limit) ?? { count: 0, loggedAt: -Infinity };
    seen.count += 1;
    if (now - seen.loggedAt >= 60_000) {
      this.log.warn({ limit, refused: seen.count }, 'web chat: requests refused by a per-address limit');
      seen.count = 0;
      seen.loggedAt = now;
    }
    this.refused.set(limit, seen);
    return { limit, retryAfter, message: `${MESSAGES[limit]}: try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.` };
  }
}

/**
 * The client's address as express's req.ip gives it (the app's 'trust proxy' setting,
 * TRUST_PROXY), for a request express never saw: a websocket upgrade.
 */
export function clientAddress(app: Express, req: IncomingMessage): string | undefined {
  // express's own getter, read with this request as its receiver (it needs app, headers and socket).
  return Reflect.get(app.request, 'ip', { app, headers: req.headers, socket: req.socket, connection: req.socket }) as string | undefined;
}
