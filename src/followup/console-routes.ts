/**
 * The console's follow-up screen (operators and doctors): every enrolled patient with
 * their readings, the open "call this patient" tasks, and pause / resume / extend / end.
 * Each view and change is audited; details hold ids and counts, never readings or text.
 *
 * GET  /api/operator/followups                 enrolments (not ended first) with their check-ins
 * GET  /api/operator/followups/tasks           open tasks
 * POST /api/operator/followups/offer           { conversationId }: the patient is offered daily
 *                                              check-ins; only their "yes" enrols them
 * POST /api/operator/followups/:id/pause|resume|end
 * POST /api/operator/followups/:id/extend      { days }
 * POST /api/operator/followups/tasks/:id/done
 */
import { z } from 'zod';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { Enrolment, Store } from '../storage/repositories';
import type { FollowupService } from './service';

const ROLES = ['operator', 'doctor'] as const;
/** The follow-up screen's list, newest first by state: patients followed, then paused, then the most recent who ended. */
export const SHOWN = { active: 400, paused: 100, ended: 100 } as const;
const extendBody = z.object({ days: z.number().int().min(1).max(14) });
const offerBody = z.object({ conversationId: z.string().trim().min(1).max(200) });

export function mountFollowupConsole(consoleApp: ConsoleApp, deps: { store: Store; followup: FollowupService; now: () => number }): void {
  const { routes, audit, nav } = consoleApp;
  nav.add({ id: 'followup', label: 'nav.followup', roles: [...ROLES], script: 'screens/followup.js', order: 20 });

  routes.route('get', '/api/operator/followups', [...ROLES], async (req, res) => {
    // Every patient still followed comes before those who ended, however many have ended since.
    const enrolments: Enrolment[] = [];
    for (const state of ['active', 'paused', 'ended'] as const) enrolments.push(...(await deps.store.followups.listEnrolments({ states: [state], limit: SHOWN[state] })));
    const out = await Promise.all(
      enrolments.map(async (e) => ({ ...e, checkins: (await deps.store.followups.checkins(e.id)).map(({ id, dueAt, state, reading }) => ({ id, dueAt, state, reading })) })),
    );
    await audit.recordFor(req, 'followup.listed', undefined, { count: out.length });
    res.json({ enrolments: out });
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

  const change = (what: 'pause' | 'resume' | 'end') =>
    routes.route('post', `/api/operator/followups/:id/${what}`, [...ROLES], async (req, res) => {
      const id = String(req.params.id);
      if (!(await deps.store.followups.getEnrolment(id))) throw new AppError('not_found');
      const ok = what === 'pause' ? await deps.followup.pause(id) : what === 'resume' ? await deps.followup.resume(id) : await deps.followup.end(id, 'operator');
      if (!ok) throw new AppError('conflict');
      await audit.recordFor(req, `followup.${what === 'end' ? 'ended' : what === 'pause' ? 'paused' : 'resumed'}`, { type: 'followup', id });
      res.json({ enrolment: await deps.store.followups.getEnrolment(id) });
    });
  change('pause');
  change('resume');
  change('end');

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
