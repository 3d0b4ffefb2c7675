/**
 * WhatsApp albums. whatsapp-web.js (1.34) gives the photos of an album no album id:
 * the phone sends an `album` message first (no media: inbound.ts ignores it as
 * bookkeeping), then each photo or video as a message of its own. So the channel
 * remembers, per chat, the album announced last, and names it (content.album) on the
 * photos and videos that follow, until another kind of message comes from that chat
 * or none of them has come for `windowMs`. The router then answers the album once.
 *
 * An album whose photos came before its announcement is simply not named: each of its
 * photos is answered, as any photo is.
 *
 * ```ts
 * const albums = new AlbumTracker(120_000);
 * albums.announced('919800000001@c.us', 'false_919800000001@c.us_3EB0ALBUM', now);
 * albums.tag(photo, now).content; // { kind: 'media', …, album: 'false_919800000001@c.us_3EB0ALBUM' }
 * ```
 */
import type { InboundMessage } from '../../router/message';

/** Chats with an album open, at most (the oldest is forgotten first). */
const MAX_OPEN = 10_000;

export class AlbumTracker {
  /** Chat id → the album announced last and when its last item (or the announcement) came. */
  private readonly open = new Map<string, { album: string; lastAt: number }>();

  constructor(private readonly windowMs: number) {}

  /** An `album` message came from `chatId`: the photos and videos that follow are its items. */
  announced(chatId: string, album: string, at: number): void {
    this.open.delete(chatId);
    this.open.set(chatId, { album, lastAt: at });
    if (this.open.size > MAX_OPEN) {
      const oldest = this.open.keys().next().value;
      if (oldest !== undefined) this.open.delete(oldest);
    }
  }

  /** The message as received, or named as an item of its chat's open album when it is one. */
  tag(message: InboundMessage, at: number): InboundMessage {
    const open = this.open.get(message.userId);
    if (!open) return message;
    const content = message.content;
    const item = content.kind === 'media' && (content.mediaType === 'image' || content.mediaType === 'video');
    if (!item || at - open.lastAt > this.windowMs) {
      this.open.delete(message.userId);
      return message;
    }
    open.lastAt = at;
    return { ...message, content: { ...content, album: open.album } };
  }
}
