/**
 * A patient's photo, document or voice note, opened by an operator from a ticket's
 * transcript (GET /api/operator/tickets/:id/media/:messageId, console-routes.ts): fetched
 * now from the channel that received it (Channel.openMedia), never stored by us, and
 * sent back so that the browser cannot run it (no caching, no sniffing, a sandbox,
 * documents downloaded).
 */
import type { Response } from 'express';
import { ChannelSendError, MediaTooLargeError, type Channel, type OpenedMedia } from '../channels/channel';
import type { MediaType } from '../engine/input';
import { AppError } from '../http/errors';
import type { ChannelName } from '../router/message';
import type { Store } from '../storage/repositories';

/** The largest file an operator opens through the console (the cloud Bot API's own download limit). */
export const MEDIA_MAX_BYTES = 20 * 1024 * 1024;

interface TicketMedia extends OpenedMedia {
  conversationId: string;
  channel: ChannelName;
  messageId: string;
  mediaType: MediaType;
}

/**
 * The media of one inbound message of the ticket's conversation, fetched now from the
 * channel that received it. 404 when there is no such ticket, message or media, or the
 * platform no longer has the file; 501 when that channel cannot open media; 409
 * (`channel_offline`) while it is not running; 413 past `maxBytes`; 502 when fetching failed.
 */
export async function openTicketMedia(
  store: Store,
  channels: ReadonlyMap<ChannelName, Channel> | undefined,
  ticketId: string,
  messageId: string,
  maxBytes: number,
): Promise<TicketMedia> {
  const ticket = await store.tickets.get(ticketId);
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  const message = (await store.messages.list(ticket.conversationId)).find((m) => m.id === messageId);
  const content = message?.direction === 'in' ? message.content : undefined;
  if (content?.kind !== 'media') throw new AppError('not_found', 'No such file in this conversation.');
  const conversation = await store.conversations.get(ticket.conversationId);
  const channelName = conversation?.channel ?? ticket.channel;
  const channel = channels?.get(channelName);
  if (!channel) throw new AppError('conflict', 'That app is not running here, so the file cannot be fetched now.', { reason: 'channel_offline' });
  if (!channel.openMedia) throw new AppError('not_implemented', 'Files cannot be opened from this app.', { reason: 'not_supported' });
  let media: OpenedMedia | null;
  try {
    media = await channel.openMedia(content.ref, { maxBytes });
  } catch (err) {
    if (err instanceof MediaTooLargeError) throw tooLarge(maxBytes);
    if (err instanceof ChannelSendError && err.offline) throw new AppError('conflict', 'That app is not connected right now; try again later.', { reason: 'channel_offline' });
    throw new AppError('bad_gateway', 'The file could not be fetched from the app; try again later.', { reason: 'fetch_failed' });
  }
  if (!media) throw new AppError('not_found', 'The app no longer has this file.', { reason: 'gone' });
  if (media.data.length > maxBytes) throw tooLarge(maxBytes);
  return { ...media, conversationId: ticket.conversationId, channel: channelName, messageId, mediaType: content.mediaType };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB.`, { reason: 'too_large', maxBytes });
}

/** Shown in the browser; anything else (documents, SVG, HTML, unknown types) is downloaded. */
const INLINE_TYPES = /^(?:image\/(?:jpeg|png|gif|webp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The file itself: never cached, never sniffed, sandboxed when shown, downloaded when a document. */
export function sendMedia(res: Response, m: TicketMedia): void {
  const base = m.mimetype.split(';')[0]!.trim().toLowerCase();
  const type = MIME.test(base) ? base : 'application/octet-stream';
  const inline = m.mediaType !== 'document' && INLINE_TYPES.test(type);
  const subtype = type.split('/')[1]!;
  const extension = subtype === 'jpeg' ? 'jpg' : /^[a-z0-9]{1,5}$/.test(subtype) && type !== 'application/octet-stream' ? subtype : '';
  // At most 150 characters, counted in code points (a cut surrogate pair cannot be encoded).
  const filename = [...(m.filename?.trim() || `${m.mediaType}-${m.messageId}${extension ? `.${extension}` : ''}`)].slice(0, 150).join('');
  // An ASCII fallback and the exact name (RFC 6266 / 5987).
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(m.data.length));
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${exact}`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(m.data);
}
