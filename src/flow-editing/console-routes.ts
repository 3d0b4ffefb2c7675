/**
 * Flow editing in the console (admins only). Publishing and rolling back are in
 * the audit log with the versions involved:
 *
 *   GET  /api/admin/flows                        → { flows: FlowSummary[], skipped: { [id]: FlowError[] } }
 *   GET  /api/admin/flows/:id                    → FlowDetail: live version, its YAML and Mermaid diagram, every stored version
 *   GET  /api/admin/flows/:id/versions/:version  → { version, yaml, mermaid }
 *   POST /api/admin/flows/:id/check              { yaml } → { ok: true, mermaid } | { ok: false, errors } (the `sahay flows check` checks)
 *   PUT  /api/admin/flows/:id                    { yaml, baseVersion } → { status: 'published' | 'unchanged', version }; 400 with the errors
 *   POST /api/admin/flows/:id/rollback           { version, baseVersion } → { status: 'published' | 'unchanged', version }; 400 with the errors
 *
 * Check and publish take up to MAX_FLOW_YAML_CHARS of YAML: bodies over the app's 64 KB,
 * read by the route itself once the admin guard has passed (FLOW_YAML_BODY_LIMIT).
 *
 * `baseVersion` is the live version the admin edited from (null for a flow that
 * does not exist yet). It is required: when someone published since, the answer
 * is 409 with `liveVersion`, and nothing is stored — never a silent overwrite of
 * a colleague's change.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { toMermaid } from '../flows/diagram';
import type { FlowDef } from '../engine/flow';
import type { FlowError } from '../flows/flow-error';
import { NAME_RE } from '../flows/names';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { FlowEditor } from './flow-editor';

const idParams = z.object({ id: z.string().regex(NAME_RE).max(64) });
const versionParams = idParams.extend({ version: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) });
/** A flow's YAML, in characters (UTF-16 code units, as zod counts them). */
export const MAX_FLOW_YAML_CHARS = 200_000;
/**
 * The JSON body of a check or publish may hold that much YAML: each character at most six
 * bytes of JSON (the `\uXXXX` escape any client may write; the console's JSON.stringify writes
 * Bengali and Hindi as three bytes of UTF-8 each, so ~600 KB for 200,000 of them), plus the
 * envelope (`baseVersion`). Over the app's 64 KB (src/http/app.ts), so these routes read
 * their body themselves, after the admin guard (RouteTable.routeWithLargeBody).
 */
export const FLOW_YAML_BODY_LIMIT = MAX_FLOW_YAML_CHARS * 6 + 1024;

const yamlBody = z.strictObject({ yaml: z.string().max(MAX_FLOW_YAML_CHARS) });
const baseVersion = versionParams.shape.version.nullable();
const publishBody = yamlBody.extend({ baseVersion });
const rollbackBody = z.strictObject({ version: versionParams.shape.version, baseVersion });

export function mountFlowConsole(consoleApp: ConsoleApp, deps: { editor: FlowEditor; flows: { get(id: string, version?: string): FlowDef | undefined } }): void {
  const { routes, audit, nav } = consoleApp;
  const { editor } = deps;
  nav.add({ id: 'flows', label: 'nav.flows', roles: ['admin'], script: 'screens/flows.js', order: 70 });

  routes.route('get', '/api/admin/flows', ['admin'], async (_req, res) => {
    res.json({ flows: await editor.list(), skipped: Object.fromEntries(editor.skipped) });
  });

  routes.route('get', '/api/admin/flows/:id', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const detail = await editor.detail(id);
    if (!detail) throw new AppError('not_found', 'No such flow.');
    res.json(detail);
  });

  routes.route('get', '/api/admin/flows/:id/versions/:version', ['admin'], async (req, res) => {
    const { id, version } = parseRequest(versionParams, req.params);
    const flow = deps.flows.get(id, version);
    if (!flow) throw new AppError('not_found', 'No such version.');
    res.json({ version, yaml: await editor.sourceOf(id, version), mermaid: toMermaid(flow) });
  });

  routes.routeWithLargeBody('post', '/api/admin/flows/:id/check', ['admin'], FLOW_YAML_BODY_LIMIT, async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { yaml } = parseRequest(yamlBody, req.body);
    const r = editor.check(id, yaml);
    res.json(r.ok ? { ok: true, version: r.flow.version, mermaid: r.mermaid } : { ok: false, errors: r.errors.map(clientError) });
  });

  routes.routeWithLargeBody('put', '/api/admin/flows/:id', ['admin'], FLOW_YAML_BODY_LIMIT, async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { yaml, baseVersion } = parseRequest(publishBody, req.body);
    const r = await editor.publish(id, yaml, { actorId: accountId(req), baseVersion });
    if (r.status === 'conflict') throw conflict(r.live);
    if (r.status === 'invalid') throw invalid(r.errors);
    if (r.status === 'published') await audit.recordFor(req, 'flow.published', { type: 'flow', id }, { version: r.version, previous: r.previous });
    res.json(r);
  });

  routes.route('post', '/api/admin/flows/:id/rollback', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { version, baseVersion } = parseRequest(rollbackBody, req.body);
    const r = await editor.rollback(id, version, { actorId: accountId(req), baseVersion });
    if (r.status === 'conflict') throw conflict(r.live);
    if (r.status === 'unknown_version') throw new AppError('not_found', 'No such version of this flow.');
    if (r.status === 'invalid') throw invalid(r.errors);
    // Back to the version already live: nothing happened, so nothing is audited (as for an unchanged publish).
    if (r.status === 'published') await audit.recordFor(req, 'flow.rolled_back', { type: 'flow', id }, { version: r.version, previous: r.previous });
    res.json(r);
  });
}

function accountId(req: Request): string {
  return consoleAuth(req).account.id;
}

/** What the console shows of an error: where (line, state, field) and what. */
function clientError(e: FlowError) {
  return { ...(e.line !== undefined ? { line: e.line } : {}), ...(e.flow !== undefined ? { flow: e.flow } : {}), ...(e.state !== undefined ? { state: e.state } : {}), ...(e.field !== undefined ? { field: e.field } : {}), message: e.message };
}

function invalid(errors: readonly FlowError[]): AppError {
  return new AppError('bad_request', `The flow has ${errors.length} error${errors.length === 1 ? '' : 's'}.`, { flowErrors: errors.map(clientError) });
}

function conflict(liveVersion: string | null): AppError {
  return new AppError('conflict', 'Someone published this flow after you opened it. Reload it to see their change, then make yours again.', { liveVersion });
}
