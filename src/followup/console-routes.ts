/**
 * The console's follow-up screen (operators and doctors): every enrolled patient with
 * their readings, the open "call this patient" tasks, and pause / resume / extend / end.
 * Each view and change is audited; details hold ids and counts, never readings or text.
 *
 * GET  /api/operator/followups                 the first page of each state (active, paused, ended), each enrolment
 *                                              with its check-ins, and `next`: { <state>: cursor of its next page | null }
 * GET  /api/operator/followups?state=…&before=…  that state's page after the cursor, and its `next`
 * GET  /api/operator/followups/tasks           open tasks
 * POST /api/operator/followups/offer           { conversationId }: the patient is offered daily
 *                                              check-ins; only their "yes" enrols them
 * POST /api/operator/followups/:id/pause|resume
 * POST /api/operator/followups/:id/end          the patient is told (`patient`: told, when_free, not_told)
 * POST /api/operator/followups/:id/extend      { days }
 * POST /api/operator/followups/tasks/:id/done
 */
import { z } from 'zod';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { Checkin, Enrolment, EnrolmentPosition, EnrolmentState, Store } from '../storage/repositories';
import type { FollowupService } from './service';

const ROLES = ['operator', 'doctor'] as const;
/** The follow-up screen's lists, in the order shown: patients followed, then paused, then those who ended; newest first in each. */
const STATES = ['active', 'paused', 'ended'] as const satisfies readonly EnrolmentState[];
/** A page of each state's list. */
export const SHOWN = { active: 400, paused: 100, ended: 100 } as const;
const extendBody = z.object({ days: z.number().int().min(1).max(14) });
const offerBody = z.object({ conversationId: z.string().trim().min(1).max(200) });

/**
 * Where a page ended, as the screen is given it: opaque, so that it is passed back and never
 * built. It grants nothing: it only says where, in a list the caller may read anyway, the
 * next page starts; the page size stays the server's.
 */
const encodeCursor = (e: EnrolmentPosition): string => Buffer.from(JSON.stringify([e.createdAt, e.id])).toString('base64url');
const cursorContent = z.tuple([z.number().int().min(0), z.string().min(1).max(200)]);

function decodeCursor(cursor: string): EnrolmentPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return undefined;
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorContent.safeParse(content);
  return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : undefined;
}

const cursorSchema = z.string().transform((v, ctx) => {
  const position = decodeCursor(v);
  if (position) return position;
  ctx.addIssue({ code: 'custom', message: 'a `next` value from a previous page of this list' });
  return z.NEVER;
});

const listQuery = z
  .strictObject({ state: z.enum(STATES).optional(), before: cursorSchema.optional() })
  .refine((q) => q.before === undefined || q.state !== undefined, { path: ['state'], message: 'required with `before`: the state whose list it is from' });

/** What the screen shows of a check-in (not its claim or version). */
const shownCheckin = ({ id, dueAt, state, reading }: Checkin) => ({ id, dueAt, state, reading });

export function mountFollowupConsole(consoleApp: ConsoleApp, deps: { store: Store; followup: FollowupService; now: () => number }): void {
  const { routes, audit, nav } = consoleApp;
  nav.add({ id: 'followup', label: 'nav.followup', roles: [...ROLES], script: 'screens/followup.js', order: 20 });

  /** One page of a state's list, and the cursor of the page after it (null when it is the last). */
  const pageOf = async (state: EnrolmentState, before?: EnrolmentPosition): Promise<{ state: EnrolmentState; enrolments: Enrolment[]; next: string | null }> => {
    const size = SHOWN[state];
    const rows = await deps.store.followups.listEnrolments({ states: [state], limit: size + 1, ...(before ? { before } : {}) });
    const page = rows.slice(0, size);
    const last = page.at(-1);
    return { state, enrolments: page, next: rows.length > size && last ? encodeCursor(last) : null };
  };

  routes.route('get', '/api/operator/followups', [...ROLES], async (req, res) => {
    const q = parseRequest(listQuery, req.query);
    // Each state pages on its own: every patient still followed comes before those who ended, however many have ended since.
    const pages = q.state ? [await pageOf(q.state, q.before)] : await Promise.all(STATES.map((state) => pageOf(state)));
    const enrolments = pages.flatMap((p) => p.enrolments);
    const checkins = await deps.store.followups.checkinsOf(enrolments.map((e) => e.id));
    const out = enrolments.map((e) => ({ ...e, checkins: (checkins.get(e.id) ?? []).map(shownCheckin) }));
    await audit.recordFor(req, 'followup.listed', undefined, { count: out.length });
    res.json({ enrolments: out, next: Object.fromEntries(pages.map((p) => [p.state, p.next])) });
  });

  routes.route('get', '/api/operator/followups/tasks', [...ROLES], async (_req, res) => {
    res.json({ tasks: await deps.store.followups.tasks({ open: true }) });
  });

  routes.route('post', '/api/operator/followups/offer', [...ROLES], async (req, res) => {
    const { conversationId } = parseRequest(offerBody, req.body);
    const result = await deps.followup.offer(conversationId);
    if (result.status === 'not_found') throw new AppError('not_found', 'No such conversation.');
    if (result.status !== 'offered') throw new AppError('conflict', { already_enrolled: 'The patient is already on follow-up.', unreachable: 'The patient cannot be reached.', with_a_person: 'A person has this chat.' }[result.status], { reason: result.status });
    await audit.recordFor(req, 'followup.offered', { type: 'conversation', id: conversationId });
    res.status(202).json({ status: 'offered' });
  });

  const change = (what: 'pause' | 'resume') =>
    routes.route('post', `/api/operator/followups/:id/${what}`, [...ROLES], async (req, res) => {
      const id = String(req.params.id);
      if (!(await deps.store.followups.getEnrolment(id))) throw new AppError('not_found');
      const ok = what === 'pause' ? await deps.followup.pause(id) : await deps.followup.resume(id);
      if (!ok) throw new AppError('conflict');
      await audit.recordFor(req, `followup.${what === 'pause' ? 'paused' : 'resumed'}`, { type: 'followup', id });
      res.json({ enrolment: await deps.store.followups.getEnrolment(id) });
    });
  change('pause');
  change('resume');

  // Ended, and the patient told in their language (at once, or once they are free): they would
  // otherwise wait for tomorrow's check-in. Whether they were is in the answer and the audit.
  routes.route('post', '/api/operator/followups/:id/end', [...ROLES], async (req, res) => {
    const id = String(req.params.id);
    if (!(await deps.store.followups.getEnrolment(id))) throw new AppError('not_found');
    const ended = await deps.followup.endByOperator(id);
    if (!ended.ended) throw new AppError('conflict');
    await audit.recordFor(req, 'followup.ended', { type: 'followup', id }, { patient: ended.patient });
    res.json({ enrolment: await deps.store.followups.getEnrolment(id), patient: ended.patient });
  });

  routes.route('post', '/api/operator/followups/:id/extend', [...ROLES], async (req, res) => {
    const id = String(req.params.id);
    const { days } = parseRequest(extendBody, req.body);
    if (!(await deps.store.followups.getEnrolment(id))) throw new AppError('not_found');
    if (!(await deps.followup.extend(id, days))) throw new AppError('conflict');
    await audit.recordFor(req, 'followup.extended', { type: 'followup', id }, { days });
    res.json({ enrolment: await deps.store.followups.getEnrolment(id) });
  });

  routes.route('post', '/api/operator/followups/tasks/:id/done', [...ROLES], async (req, res) => {
    const id = String(req.params.id);
    const auth = consoleAuth(req);
    if (!(await deps.store.followups.completeTask(id, auth.account.id, deps.now()))) throw new AppError('not_found');
    await audit.recordFor(req, 'followup.task_done', { type: 'followup_task', id });
    res.json({ ok: true });
  });
}
