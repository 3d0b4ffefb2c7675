/**
 * The audit log for admins, newest first, in pages:
 *
 *   GET /api/admin/audit?actor=<account id>&action=auth.sign_in_failed&targetType=account&targetId=…
 *                       &since=<ISO date or ms>&until=…&limit=50&before=<next from the previous page>
 *   → { entries: [{ id, at, actor: { id, username, displayName } | null, action, target, ipHash, details }], next }
 */
import { z } from 'zod';
import { parseRequest } from '../http/validate';
import type { AuditEntry } from '../storage/repositories';
import type { ConsoleContext } from './context';

/** A time as ms since epoch or an ISO 8601 date ("2021-05-01" or "2021-05-01T10:00:00Z"). */
export const timeSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'a date (2021-05-01, 2021-05-01T10:00:00Z) or ms since 1970' });
      return z.NEVER;
    }
    return ms;
  });

/** The last entry of a page, as the `before` of the next one. */
export const encodeCursor = (e: { at: number; id: string }): string => `${e.at}_${e.id}`;

const cursorSchema = z
  .string()
  .regex(/^\d+_.+$/, 'a `next` value from a previous page')
  .transform((v) => {
    const cut = v.indexOf('_');
    return { at: Number(v.slice(0, cut)), id: v.slice(cut + 1) };
  });

const querySchema = z.strictObject({
  actor: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  targetType: z.string().min(1).max(50).optional(),
  targetId: z.string().min(1).max(100).optional(),
  since: timeSchema.optional(),
  until: timeSchema.optional(),
  before: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function mountAuditRoutes(ctx: ConsoleContext): void {
  ctx.routes.route('get', '/api/admin/audit', ['admin'], async (req, res) => {
    const q = parseRequest(querySchema, req.query);
    const rows = await ctx.audit.list({
      limit: q.limit + 1,
      ...(q.actor !== undefined ? { actorId: q.actor } : {}),
      ...(q.action !== undefined ? { action: q.action } : {}),
      ...(q.targetType !== undefined ? { targetType: q.targetType } : {}),
      ...(q.targetId !== undefined ? { targetId: q.targetId } : {}),
      ...(q.since !== undefined ? { since: q.since } : {}),
      ...(q.until !== undefined ? { until: q.until } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
    });
    const page = rows.slice(0, q.limit);
    const people = new Map((await ctx.store.accounts.list()).map((a) => [a.id, { id: a.id, username: a.username, displayName: a.displayName }]));
    const last = page.at(-1);
    res.json({
      entries: page.map((e: AuditEntry) => ({
        id: e.id,
        at: e.at,
        actor: e.actorId === null ? null : (people.get(e.actorId) ?? { id: e.actorId, username: null, displayName: null }),
        action: e.action,
        target: e.targetType === null ? null : { type: e.targetType, id: e.targetId },
        ipHash: e.ipHash,
        details: e.details,
      })),
      next: rows.length > q.limit && last ? encodeCursor(last) : null,
    });
  });
}
