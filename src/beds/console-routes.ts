/**
 * The console's beds screen (src/http/public/console/screens/beds.js) and the admin
 * API behind it, every route guarded for the admin role by the console's route table:
 *
 *   GET    /api/admin/beds/hospitals?text=&after=        → { hospitals: [...], next }
 *   PUT    /api/admin/beds/hospitals/:id/counts          (body as the desk API) → { hospital }
 *   POST   /api/admin/beds/hospitals/:id/desk-token      → { token } (shown once)
 *   DELETE /api/admin/beds/hospitals/:id/desk-token      → 204
 *   GET    /api/admin/beds/sources                       → { sources: [{ id, location, cron, status }] }
 *   POST   /api/admin/beds/sources/:id/refresh           → { status }
 *   GET    /api/admin/beds/mappings                      → { mappings: ['covidbedsindia', ...] }
 *   POST   /api/admin/beds/import?mapping=&partial=      (body: the feed as text) → the import report
 */
import express from 'express';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { Hospital } from '../storage/repositories';
import { deskBodySchema } from './desk-routes';
import type { ImportReport } from './importer';
import type { BedRefresher } from './refresh';
import type { BedsService } from './service';

const PAGE = 50;
/** Problems listed in an import answer; the counts say how many there were in all. */
const MAX_PROBLEMS = 200;

const listQuery = z.strictObject({ text: z.string().trim().max(100).optional(), after: z.string().max(200).optional() });
const importQuery = z.strictObject({
  mapping: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a mapping name from GET /api/admin/beds/mappings').optional(),
  format: z.enum(['csv', 'json']).optional(),
  partial: z.enum(['true', 'false']).optional(),
});

export function mountBedsConsole(consoleApp: ConsoleApp, deps: { beds: BedsService; refresher: BedRefresher }): void {
  const { beds, refresher } = deps;
  const { routes } = consoleApp;
  const store = () => beds.requireStore();
  const mappingsDir = join(beds.config.dir, 'mappings');
  const mappingNames = () => readdirSync(mappingsDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  const countsSchema = deskBodySchema(beds.config.kinds.map((k) => k.id));

  consoleApp.nav.add({ id: 'beds', label: 'nav.beds', roles: ['admin'], script: 'screens/beds.js', order: 40 });

  routes.route('get', '/api/admin/beds/hospitals', ['admin'], async (req, res) => {
    const q = parseRequest(listQuery, req.query);
    const page = await store().hospitals.list({ limit: PAGE + 1, ...(q.text ? { text: q.text } : {}), ...(q.after ? { afterId: q.after } : {}) });
    const shown = page.slice(0, PAGE);
    const hospitals = await Promise.all(shown.map(async (h) => ({ ...view(h), deskTokenIssuedAt: (await store().hospitals.deskToken(h.id))?.issuedAt ?? null })));
    res.json({ hospitals, kinds: beds.config.kinds.map((k) => k.id), next: page.length > PAGE ? (shown.at(-1)?.id ?? null) : null });
  });

  routes.route('put', '/api/admin/beds/hospitals/:id/counts', ['admin'], async (req, res) => {
    const body = parseRequest(countsSchema, req.body);
    const at = body.updatedAt ? Date.parse(body.updatedAt) : undefined;
    const updated = await beds.updateBeds(String(req.params.id), body.beds, { source: 'console', actorId: consoleAuth(req).account.id, ...(at !== undefined ? { at } : {}) });
    if (!updated) throw new AppError('not_found', 'No such hospital.');
    res.json({ hospital: view(updated) });
  });

  routes.route('post', '/api/admin/beds/hospitals/:id/desk-token', ['admin'], async (req, res) => {
    const token = await beds.issueDeskToken(String(req.params.id), consoleAuth(req).account.id);
    if (!token) throw new AppError('not_found', 'No such hospital.');
    res.status(201).json({ token });
  });

  routes.route('delete', '/api/admin/beds/hospitals/:id/desk-token', ['admin'], async (req, res) => {
    if (!(await beds.revokeDeskToken(String(req.params.id), consoleAuth(req).account.id))) throw new AppError('not_found', 'No such hospital.');
    res.status(204).end();
  });

  routes.route('get', '/api/admin/beds/sources', ['admin'], async (_req, res) => {
    res.json({ sources: await refresher.status() });
  });

  routes.route('post', '/api/admin/beds/sources/:id/refresh', ['admin'], async (req, res) => {
    const status = await refresher.refreshById(String(req.params.id), { actorId: consoleAuth(req).account.id });
    if (!status) throw new AppError('not_found', 'No such source in config/beds/sources.yaml.');
    // The import records what it wrote (beds.imported); the admin's refresh is recorded
    // whether or not it wrote anything. Counts only: a failure's text can quote a path.
    await consoleApp.audit.recordFor(req, 'beds.source_refreshed', { type: 'bed_source', id: status.id }, { ok: status.ok, rows: status.rows, imported: status.imported, skipped: status.skipped });
    res.json({ status });
  });

  routes.route('get', '/api/admin/beds/mappings', ['admin'], async (_req, res) => {
    res.json({ mappings: mappingNames() });
  });

  // The feed is the body as text (any content type but JSON, which the app parses first:
  // the console sends text/plain), up to 20 MB.
  routes.route('post', '/api/admin/beds/import', ['admin'], express.text({ type: () => true, limit: '20mb' }), async (req, res) => {
    const q = parseRequest(importQuery, req.query);
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new AppError('bad_request', 'Send the feed as the request body (text/plain).');
    if (q.mapping && !mappingNames().includes(q.mapping)) throw new AppError('bad_request', 'Invalid request: mapping: not a mapping in config/beds/mappings', [{ path: 'mapping', message: 'unknown mapping' }]);
    const source = `console:${q.mapping ?? 'canonical'}`;
    const mapping = beds.mappingFor(`upload.${q.format ?? 'csv'}`, { source, ...(q.mapping ? { mapping: join(mappingsDir, `${q.mapping}.yaml`) } : {}) });
    const report = await beds.importText(req.body, mapping, { partial: q.partial === 'true', actorId: consoleAuth(req).account.id });
    res.json(summary(report));
  });
}

function view(h: Hospital) {
  return { id: h.id, name: h.name, region: h.region, district: h.district, city: h.city, phones: h.phones, location: h.location, beds: h.beds, updatedAt: h.updatedAt };
}

function summary(r: ImportReport) {
  return {
    written: r.written,
    records: r.records,
    created: r.created,
    updated: r.updated,
    countsKept: r.countsKept,
    errorCount: r.errors.length,
    // A problem of the whole file: the screen does not offer "import the readable records".
    fatal: r.fatal,
    warningCount: r.warnings.length,
    errors: r.errors.slice(0, MAX_PROBLEMS),
    warnings: r.warnings.slice(0, MAX_PROBLEMS),
  };
}
