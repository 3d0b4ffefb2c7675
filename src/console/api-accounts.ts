/**
 * Account administration (admins only):
 *
 *   GET   /api/admin/accounts                 → { accounts }
 *   POST  /api/admin/accounts                 { username, displayName, roles, languages?, queues?, registration?, password } → 201 { account }
 *   GET   /api/admin/accounts/:id             → { account }
 *   PATCH /api/admin/accounts/:id             { displayName?, roles?, languages?, queues?, registration?, active? } → { account }
 *   PUT   /api/admin/accounts/:id/password    { password } → 204; the account's sessions end
 */
import { z } from 'zod';
import { parseRequest } from '../http/validate';
import { displayNameSchema, languagesSchema, passwordSchema, queuesSchema, registrationSchema, rolesSchema, usernameSchema } from './account-fields';
import type { ConsoleContext } from './context';
import { publicAccount } from './public-account';
import { consoleAuth } from './request-auth';

const createSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
  languages: languagesSchema.default([]),
  queues: queuesSchema.default([]),
  registration: registrationSchema.optional(),
  password: passwordSchema,
});

const editSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  roles: rolesSchema.optional(),
  languages: languagesSchema.optional(),
  queues: queuesSchema.optional(),
  registration: registrationSchema.optional(),
  active: z.boolean().optional(),
});

const idParams = z.object({ id: z.string().min(1).max(100) });

export function mountAccountRoutes(ctx: ConsoleContext): void {
  const { routes, accounts } = ctx;
  const actor = (req: Parameters<typeof consoleAuth>[0]) => ({ accountId: consoleAuth(req).account.id, ip: req.ip });

  routes.route('get', '/api/admin/accounts', ['admin'], async (_req, res) => {
    res.json({ accounts: (await accounts.list()).map(publicAccount) });
  });

  routes.route('post', '/api/admin/accounts', ['admin'], async (req, res) => {
    const body = parseRequest(createSchema, req.body);
    const account = await accounts.create(body, actor(req));
    res.status(201).json({ account: publicAccount(account) });
  });

  routes.route('get', '/api/admin/accounts/:id', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    res.json({ account: publicAccount(await accounts.get(id)) });
  });

  routes.route('patch', '/api/admin/accounts/:id', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const edit = parseRequest(editSchema, req.body);
    const account = await accounts.update(id, stripUndefined(edit), actor(req));
    res.json({ account: publicAccount(account) });
  });

  routes.route('put', '/api/admin/accounts/:id/password', ['admin'], async (req, res) => {
    const { id } = parseRequest(idParams, req.params);
    const { password } = parseRequest(z.strictObject({ password: passwordSchema }), req.body);
    await accounts.setPassword(id, password, actor(req));
    res.status(204).end();
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
