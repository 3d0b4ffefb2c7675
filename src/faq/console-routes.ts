/**
 * The FAQ in the console (admins only). Every change is a new version and an
 * audit entry naming the fields that changed (never their text):
 *
 *   GET  /api/admin/faq?q=&status=&missing=          → { entries: EntrySummary[] }
 *   POST /api/admin/faq                              { content, publish } → 201 { entry }
 *   GET  /api/admin/faq/:id                          → { entry, versions }
 *   GET  /api/admin/faq/:id/versions/:version        → { version }
 *   PUT  /api/admin/faq/:id                          { content, baseVersion, publish, basePublishedVersion? } → { entry }; 409 when someone saved since
 *   POST /api/admin/faq/:id/publish                  { baseVersion, basePublishedVersion, version? } → { status: 'published' | 'unchanged', entry }
 *   POST /api/admin/faq/:id/withdraw                 { baseVersion, basePublishedVersion } → { status: 'withdrawn' | 'unchanged', entry }
 *   POST /api/admin/faq/:id/rollback                 { version, baseVersion, basePublishedVersion } → { status: 'rolled_back' | 'unchanged', entry }
 *   POST /api/admin/faq-preview                      { question, lang, draft? } → what the bot would answer
 *
 * Create, save and preview take a whole entry: bodies over the app's 64 KB, read by the
 * route itself once the admin guard has passed (ENTRY_BODY_LIMIT).
 *
 * Publish, withdraw and rollback name the entry as the admin's page showed it:
 * `baseVersion` its latest version, `basePublishedVersion` the one the bot
 * answered with (null: none). Both are required: when either moved (a colleague
 * saved, published or withdrew meanwhile), the answer is 409 with the entry's
 * `latestVersion` and `publishedVersion` now, and nothing changes — never a
 * silent undoing of a colleague's change. `version` (publish) defaults to `baseVersion`;
 * publishing the version the bot already answers with, withdrawing an entry it does not
 * answer with, and rolling back to the version that is both the latest and the live one
 * store and audit nothing and answer `status: 'unchanged'`. Each check and its write are
 * one transaction in the store, so a colleague's change cannot slip in between. A save with `publish: true` requires
 * `basePublishedVersion` too (409 when the published version moved: it must not put
 * back an entry a colleague withdrew); a draft save may leave it out.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { ConsoleApp } from '../console/mount';
import { consoleAuth } from '../console/request-auth';
import { LANGUAGES, type Language } from '../engine/flow';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import type { FaqContent, FaqEntryRecord, FaqVersion } from '../storage/repositories';
import { answerLanguages, faqContentSchema, MAX_CONTENT_CHARS, titleOf } from './content';
import { summarize, type ChangeOutcome, type FaqAdmin } from './faq-admin';
import type { FaqService } from './faq-service';

const idParams = z.object({ id: z.string().min(1).max(80) });
const versionParams = idParams.extend({ version: z.coerce.number().int().min(1) });
const lang = z.enum(['bn', 'hi', 'en']);

const listQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(['published', 'changed', 'draft']).optional(),
  missing: lang.optional(),
});
const createBody = z.strictObject({ content: z.unknown(), publish: z.boolean().default(false) });
const saveBody = z
  .strictObject({ content: z.unknown(), baseVersion: z.number().int().min(0), publish: z.boolean().default(false), basePublishedVersion: z.number().int().min(1).nullable().optional() })
  .refine((b) => !b.publish || b.basePublishedVersion !== undefined, { path: ['basePublishedVersion'], message: 'required when publishing' });
const seenFields = { baseVersion: z.number().int().min(1), basePublishedVersion: z.number().int().min(1).nullable() };
const publishBody = z.strictObject({ ...seenFields, version: z.number().int().min(1).optional() });
const withdrawBody = z.strictObject(seenFields);
const rollbackBody = z.strictObject({ ...seenFields, version: z.number().int().min(1) });
/**
 * A whole entry in one JSON body (create, save, a draft's preview): up to MAX_CONTENT_CHARS of
 * text, each character at most six bytes of JSON (a `\uXXXX` escape), and the envelope and keys.
 * Over the app's 64 KB (a full entry in three languages is about 85 KB from the console's own
 * JSON.stringify), so these routes read their body themselves, after the admin guard.
 */
export const ENTRY_BODY_LIMIT = MAX_CONTENT_CHARS * 6 + 16 * 1024;
const previewBody = z.strictObject({ question: z.string().trim().min(1).max(1000), lang, draft: z.unknown().optional() });

export function mountFaqConsole(consoleApp: ConsoleApp, deps: { faq: FaqService; admin: FaqAdmin }): void {
  const { routes, audit, nav } = consoleApp;
  const { admin, faq } = deps;
  nav.add({ id: 'faq', label: 'nav.faq', roles: ['admin'], script: 'screens/faq.js', order: 60 });
  const actor = (req: Request) => audit.recordFor.bind(audit, req);

  routes.route('get', '/api/admin/faq', ['admin'], async (req, res) => {
    const { q, status, missing } = parseRequest(listQuery, req.query);
    const needle = searchForm(q?.trim() ?? '');
    const records = (await admin.records()).filter(
      (r) => (needle === '' || textOf(r.latest.content).includes(needle)) && (!missing || r.latest.content.answers[missing] === undefined),
    );
    const entries = records.map(summarize).filter((e) => !status || e.status === status);
    res.json({ entries });
  });

  routes.routeWithLargeBody('post', '/api/admin/faq', ['admin'], ENTRY_BODY_LIMIT, async (req, res) => {
    const body = parseRequest(createBody, req.body);
    const content = parseContent(body.content);
    if (await admin.get(content.id)) throw new AppError('conflict', `An entry with the id "${content.id}" exists.`);
    const saved = await admin.save(content, { publish: body.publish, baseVersion: 0, actorId: accountId(req) });
    if (saved.status === 'conflict') throw new AppError('conflict', `An entry with the id "${content.id}" exists.`);
    await actor(req)('faq.created', { type: 'faq', id: content.id }, { version: saved.record.latest.version, published: body.publish, languages: answerLanguages(content).join(',') });
    res.status(201).json({ entry: view(saved.record) });
  });

  routes.route('get', '/api/admin/faq/:id', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const record = await found(admin.get(id));
    res.json({ entry: view(record), versions: (await admin.versions(id)).map((v) => versionSummary(v, record)) });
  });

  routes.route('get', '/api/admin/faq/:id/versions/:version', ['admin'], async (req, res) => {
    const { id, version } = parseRequest(versionParams, req.params);
    const v = (await admin.versions(id)).find((x) => x.version === version);
    if (!v) throw new AppError('not_found', 'No such version.');
    res.json({ version: v });
  });

  routes.routeWithLargeBody('put', '/api/admin/faq/:id', ['admin'], ENTRY_BODY_LIMIT, async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const body = parseRequest(saveBody, req.body);
    const content = parseContent(body.content);
    if (content.id !== id) throw new AppError('bad_request', 'The id of an entry cannot change.', [{ path: 'content.id', message: 'must stay the same' }]);
    const before = await found(admin.get(id));
    const saved = await admin.save(content, { publish: body.publish, baseVersion: body.baseVersion, basePublishedVersion: body.basePublishedVersion, actorId: accountId(req) });
    if (saved.status === 'conflict') {
      // A publishing save that found the published version moved: say where the entry is now, as publish does.
      if (saved.publishedVersion !== undefined) throw stale(saved.latestVersion, saved.publishedVersion);
      throw new AppError('conflict', 'Someone saved this entry after you opened it. Reload it, and make your change again.', { latestVersion: saved.latestVersion });
    }
    await actor(req)('faq.updated', { type: 'faq', id }, { version: saved.record.latest.version, published: body.publish, fields: changedFields(before.latest.content, content).join(',') || 'none' });
    res.json({ entry: view(saved.record) });
  });

  routes.route('post', '/api/admin/faq/:id/publish', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { version, ...seen } = parseRequest(publishBody, req.body);
    const outcome = await found(admin.publish(id, seen, version));
    // The version the bot already answers with: nothing happened, so nothing is audited.
    if (outcome.status === 'unchanged') {
      res.json({ status: 'unchanged', entry: view(outcome.record) });
      return;
    }
    const record = changed(outcome);
    await actor(req)('faq.published', { type: 'faq', id }, { version: record.published?.version ?? null });
    res.json({ status: 'published', entry: view(record) });
  });

  routes.route('post', '/api/admin/faq/:id/withdraw', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const seen = parseRequest(withdrawBody, req.body);
    const outcome = await found(admin.withdraw(id, seen));
    // Not answered with already: nothing happened, so nothing is audited.
    if (outcome.status === 'unchanged') {
      res.json({ status: 'unchanged', entry: view(outcome.record) });
      return;
    }
    const record = changed(outcome);
    // The version the bot stopped answering with: the one the admin saw, as nothing moved since.
    await actor(req)('faq.withdrawn', { type: 'faq', id }, { was_version: seen.basePublishedVersion });
    res.json({ status: 'withdrawn', entry: view(record) });
  });

  routes.route('post', '/api/admin/faq/:id/rollback', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { version, ...seen } = parseRequest(rollbackBody, req.body);
    const result = await admin.rollback(id, version, seen, { actorId: accountId(req) });
    if (!result) throw new AppError('not_found', 'No such entry or version.');
    // Back to the version that is already the latest and the live one: nothing stored, nothing audited.
    if (result.status === 'unchanged') {
      res.json({ status: 'unchanged', entry: view(result.record) });
      return;
    }
    const record = changed(result);
    await actor(req)('faq.rolled_back', { type: 'faq', id }, { to_version: version, version: record.latest.version });
    res.json({ status: 'rolled_back', entry: view(record) });
  });

  // What the bot would answer: the bot's own match, with the entry being edited in place of its published version.
  routes.routeWithLargeBody('post', '/api/admin/faq-preview', ['admin'], ENTRY_BODY_LIMIT, async (req, res) => {
    const body = parseRequest(previewBody, req.body);
    const draft = body.draft === undefined ? undefined : parseContent(body.draft);
    const m = await faq.match(body.question, draft ? { draft } : {});
    const [top] = m.candidates;
    res.json({
      outcome: m.outcome,
      candidates: m.candidates.map((c) => ({ id: c.id, title: titleOf(c.content, body.lang), confidence: round(c.confidence), score: round(c.score) })),
      ...(m.outcome === 'answer' && top ? { answer: answerIn(top.content, body.lang) } : {}),
    });
  });
}

function parseContent(value: unknown): FaqContent {
  const result = faqContentSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: ['content', ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('bad_request', `Invalid entry: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

async function found<T>(p: Promise<T | undefined>): Promise<T> {
  const v = await p;
  if (v === undefined) throw new AppError('not_found', 'No such FAQ entry.');
  return v;
}

/** The entry after a publish, withdrawal or rollback; 409, saying where the entry is now, when it was refused. */
function changed(outcome: ChangeOutcome): FaqEntryRecord {
  if (outcome.status === 'saved') return outcome.record;
  throw stale(outcome.latestVersion, outcome.publishedVersion);
}

/** The 409 of a change refused as made from a stale page, with where the entry is now. */
function stale(latestVersion: number, publishedVersion: number | null): AppError {
  const now = publishedVersion === null ? 'the bot does not answer with it' : `the bot answers with version ${publishedVersion}`;
  return new AppError('conflict', `Someone changed this entry after you opened it: its latest version is ${latestVersion}, and ${now}. Nothing was changed. Reload it to see their change, then decide again.`, {
    latestVersion,
    publishedVersion,
  });
}

function accountId(req: Request): string {
  return consoleAuth(req).account.id;
}

function view(r: FaqEntryRecord) {
  return { ...summarize(r), latest: r.latest, published: r.published };
}

function versionSummary(v: FaqVersion, r: FaqEntryRecord) {
  return { version: v.version, savedAt: v.savedAt, actorId: v.actorId, note: v.note, published: r.published?.version === v.version, languages: answerLanguages(v.content) };
}

function answerIn(c: FaqContent, lang: Language) {
  return { id: c.id, lang, text: c.answers[lang] ?? null, available: answerLanguages(c) };
}

/** The fields an edit changed, as names for the audit log: "answers.bn,questions.en". */
export function changedFields(a: FaqContent, b: FaqContent): string[] {
  const out: string[] = [];
  for (const l of LANGUAGES) {
    if ((a.answers[l] ?? null) !== (b.answers[l] ?? null)) out.push(`answers.${l}`);
    if (JSON.stringify(a.questions[l] ?? []) !== JSON.stringify(b.questions[l] ?? [])) out.push(`questions.${l}`);
  }
  if (JSON.stringify(a.topics) !== JSON.stringify(b.topics)) out.push('topics');
  if (a.source !== b.source) out.push('source');
  if (a.reviewed !== b.reviewed) out.push('reviewed');
  return out;
}

function textOf(c: FaqContent): string {
  return [c.id, ...c.topics, ...Object.values(c.questions).flat(), ...Object.values(c.answers)].map(searchForm).join('\n');
}

/**
 * Text as the entry list compares it: NFC and lower case. য় typed as one code point (U+09DF)
 * must find the য + nukta that stored text holds, and the other way round.
 */
function searchForm(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
