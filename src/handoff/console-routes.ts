/**
 * The console's hand-off screens (src/http/public/console/screens/handoff.js and
 * handoff-stats.js) and the API behind them. Every route names its roles in the
 * console's route table; every view of a patient's conversation and every reply is
 * in the audit log (conversation.viewed, conversation.replied), as are claims,
 * releases, transfers, notes and closes.
 *
 *   GET  /api/operator/queue                      → this operator's view of the queue
 *   GET  /api/operator/queue/events               → the same, live (server-sent events, sse.ts)
 *   GET  /api/operator/tickets/:id?lang=bn        → the ticket, whole transcript, triage summary, notes
 *   GET  /api/operator/tickets/:id/media/:messageId → the patient's photo / document / voice note, fetched now
 *                                                   from the channel that received it (media.ts)
 *   POST /api/operator/tickets/:id/claim          → 200 { ticket } | 409 { error: { details: { reason: 'taken', assigneeName } } }
 *   POST /api/operator/tickets/:id/reply          { text } → 201 { messageId }
 *   POST /api/operator/tickets/:id/notes          { text } → 201
 *   POST /api/operator/tickets/:id/release        → { ticket }
 *   POST /api/operator/tickets/:id/transfer       { queue?, accountId? } → { ticket }
 *   POST /api/operator/tickets/:id/close          { outcome } → { ticket }
 *   GET  /api/operator/colleagues                 → who a ticket can be transferred to, and the queues
 *   GET  /api/admin/handoff/stats?days=7          → queues now and per day (admins)
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { Channel } from '../channels/channel';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { SERVING_ROLES, servesPatients } from '../console/roles';
import { LANGUAGES, type Language } from '../engine/flow';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { Role } from '../storage/repositories';
import type { ChannelName } from '../router/message';
import { OPERATOR_OUTCOMES, MAX_TEXT, type HandoffDesk } from './desk';
import { MEDIA_MAX_BYTES, openTicketMedia, sendMedia } from './media';
import { operatorQueue, ticketDetail } from './queue-view';
import type { HandoffService } from './service';
import type { QueueStreams } from './sse';
import { handoffStats } from './stats';

/** Who works the queues. */
export const HANDOFF_ROLES: readonly Role[] = SERVING_ROLES;

const idParams = z.object({ id: z.string().min(1).max(100) });
const mediaParams = z.object({ id: z.string().min(1).max(100), messageId: z.string().min(1).max(100) });
const textBody = z.strictObject({ text: z.string().max(MAX_TEXT * 2) });
const transferBody = z.strictObject({ queue: z.string().min(1).max(40).optional(), accountId: z.string().min(1).max(100).optional() });
const closeBody = z.strictObject({ outcome: z.enum(OPERATOR_OUTCOMES) });
const detailQuery = z.strictObject({ lang: z.enum(LANGUAGES as [Language, ...Language[]]).optional() });
const statsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(7) });

export function mountHandoffConsole(
  consoleApp: ConsoleApp,
  deps: {
    svc: HandoffService;
    desk: HandoffDesk;
    streams: QueueStreams;
    /** The running channels (core.channels), asked for a patient's media when an operator opens it. */
    channels?: ReadonlyMap<ChannelName, Channel>;
    /** Largest file an operator may open; default MEDIA_MAX_BYTES. */
    mediaMaxBytes?: number;
  },
): void {
  const { svc, desk, streams } = deps;
  const { routes, audit } = consoleApp;
  const now = () => svc.deps.now();
  const me = (req: Request) => consoleAuth(req).account;
  const ticketOf = (req: Request) => parseRequest(idParams, req.params).id;

  consoleApp.nav.add({ id: 'handoff', label: 'nav.handoff', roles: HANDOFF_ROLES, script: 'screens/handoff.js', order: 10 });
  consoleApp.nav.add({ id: 'handoff-stats', label: 'nav.handoff_stats', roles: ['admin'], script: 'screens/handoff-stats.js', order: 50 });

  routes.route('get', '/api/operator/queue', HANDOFF_ROLES, async (req, res) => {
    res.json(await operatorQueue(svc, me(req), now()));
  });

  routes.route('get', '/api/operator/queue/events', HANDOFF_ROLES, streams.handle);

  routes.route('get', '/api/operator/tickets/:id', HANDOFF_ROLES, async (req, res) => {
    const { lang } = parseRequest(detailQuery, req.query);
    const detail = await ticketDetail(svc, ticketOf(req), me(req), lang ?? 'en', now());
    if (!detail) throw new AppError('not_found', 'No such ticket.');
    const ticket = await svc.store.tickets.get(detail.ticket.id);
    await audit.recordFor(req, 'conversation.viewed', { type: 'conversation', id: ticket!.conversationId }, { ticket: detail.ticket.id });
    res.json(detail);
  });

  routes.route('get', '/api/operator/tickets/:id/media/:messageId', HANDOFF_ROLES, async (req, res) => {
    const { id, messageId } = parseRequest(mediaParams, req.params);
    const opened = await openTicketMedia(svc.store, deps.channels, id, messageId, deps.mediaMaxBytes ?? MEDIA_MAX_BYTES);
    // Ids and codes only: never the file, its name or its caption.
    await audit.recordFor(req, 'conversation.media_opened', { type: 'conversation', id: opened.conversationId }, { ticket: id, message: messageId, channel: opened.channel });
    sendMedia(res, opened);
  });

  routes.route('post', '/api/operator/tickets/:id/claim', HANDOFF_ROLES, async (req, res) => {
    const ticket = await desk.claim(ticketOf(req), me(req));
    await audit.recordFor(req, 'ticket.claimed', { type: 'ticket', id: ticket.id }, { queue: ticket.queue });
    res.json({ ticket });
  });

  routes.route('post', '/api/operator/tickets/:id/reply', HANDOFF_ROLES, async (req, res) => {
    const id = ticketOf(req);
    const { text } = parseRequest(textBody, req.body);
    const { messageId } = await desk.reply(id, me(req), text);
    const ticket = await svc.store.tickets.get(id);
    await audit.recordFor(req, 'conversation.replied', { type: 'conversation', id: ticket!.conversationId }, { ticket: id, message: messageId });
    res.status(201).json({ messageId });
  });

  routes.route('post', '/api/operator/tickets/:id/notes', HANDOFF_ROLES, async (req, res) => {
    const id = ticketOf(req);
    const { text } = parseRequest(textBody, req.body);
    await desk.note(id, me(req), text);
    await audit.recordFor(req, 'ticket.note_added', { type: 'ticket', id });
    res.status(201).json({});
  });

  routes.route('post', '/api/operator/tickets/:id/release', HANDOFF_ROLES, async (req, res) => {
    const ticket = await desk.release(ticketOf(req), me(req));
    await audit.recordFor(req, 'ticket.released', { type: 'ticket', id: ticket.id });
    res.json({ ticket });
  });

  routes.route('post', '/api/operator/tickets/:id/transfer', HANDOFF_ROLES, async (req, res) => {
    const body = parseRequest(transferBody, req.body);
    const ticket = await desk.transfer(ticketOf(req), me(req), {
      ...(body.queue !== undefined ? { queue: body.queue } : {}),
      ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
    });
    await audit.recordFor(req, 'ticket.transferred', { type: 'ticket', id: ticket.id }, { queue: ticket.queue, to: body.accountId ?? null });
    res.json({ ticket });
  });

  routes.route('post', '/api/operator/tickets/:id/close', HANDOFF_ROLES, async (req, res) => {
    const { outcome } = parseRequest(closeBody, req.body);
    const ticket = await desk.close(ticketOf(req), me(req), outcome);
    await audit.recordFor(req, 'ticket.closed', { type: 'ticket', id: ticket.id }, { outcome });
    res.json({ ticket });
  });

  routes.route('get', '/api/operator/colleagues', HANDOFF_ROLES, async (req, res) => {
    const self = me(req).id;
    const colleagues = (await svc.store.accounts.list())
      .filter((a) => a.id !== self && servesPatients(a))
      .map((a) => ({ id: a.id, displayName: a.displayName, queues: a.queues, languages: a.languages }));
    res.json({ colleagues, queues: svc.config.queues.map((q) => ({ id: q.id, kind: q.kind })), outcomes: OPERATOR_OUTCOMES });
  });

  routes.route('get', '/api/admin/handoff/stats', ['admin'], async (req, res) => {
    const { days } = parseRequest(statsQuery, req.query);
    res.json(await handoffStats(svc, days, now()));
  });
}
