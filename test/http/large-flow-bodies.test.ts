/**
 * Request body sizes on the real service. A flow may hold 200,000 characters of YAML
 * (src/flow-editing/console-routes.ts), far over the app's 64 KB of JSON once it has
 * Bengali in it: check and publish read their own body, up to what their schema allows,
 * and only after the admin guard passed. Every other route keeps 64 KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_BODY_LIMIT } from '../../src/http/app';
import { FLOW_YAML_BODY_LIMIT, MAX_FLOW_YAML_CHARS } from '../../src/flow-editing/console-routes';
import { flowsDir } from '../../src/paths';
import { adminServiceForEachFile } from '../support/admin-service';

const admin = adminServiceForEachFile('large-bodies');
const send = admin.send;

const triage = readFileSync(join(flowsDir, 'triage.yaml'), 'utf8');
/** The shipped triage flow under `lines` comment lines of Bengali notes. */
const withNotes = (lines: number) => `# ${'ত্রিয়াজ নোট '.repeat(40)}\n`.repeat(lines) + triage;

it('checks and publishes a large flow with Bengali comments (over 64 KB of JSON)', async () => {
  const yaml = withNotes(120);
  const json = JSON.stringify({ yaml });
  expect(Buffer.byteLength(json)).toBeGreaterThan(2 * JSON_BODY_LIMIT);
  expect(yaml.length).toBeLessThan(MAX_FLOW_YAML_CHARS);

  const check = await send('POST', '/api/admin/flows/triage/check', json);
  expect(check.status).toBe(200);
  expect(check.body).toMatchObject({ ok: true });

  const baseVersion = admin.service.core.flows.latest('triage')!.version;
  const published = await send('PUT', '/api/admin/flows/triage', JSON.stringify({ yaml, baseVersion }));
  expect(published.status).toBe(200);
  // Comments are not part of a version (a content hash): the same version, so nothing to store.
  expect(published.body).toEqual({ status: 'unchanged', version: baseVersion });
});

it('takes as much YAML as the schema allows, in Bengali, and answers 413 past the limit sized from it', async () => {
  // 200,000 characters of Bengali: about 600 KB of JSON. The schema accepts it (the flow's own checks then speak).
  const most = `# ${'ন'.repeat(MAX_FLOW_YAML_CHARS - 3)}\n`;
  expect(most.length).toBe(MAX_FLOW_YAML_CHARS);
  const atMost = await send('POST', '/api/admin/flows/triage/check', JSON.stringify({ yaml: most }));
  expect(atMost.status).toBe(200);
  expect(atMost.body.ok).toBe(false);
  // One character more: the schema's 400, not the parser's 413.
  expect((await send('POST', '/api/admin/flows/triage/check', JSON.stringify({ yaml: `${most}x` }))).status).toBe(400);
  // Past the body limit: 413, without reading it all.
  const tooBig = await send('POST', '/api/admin/flows/triage/check', JSON.stringify({ yaml: 'x'.repeat(FLOW_YAML_BODY_LIMIT) }));
  expect(tooBig.status).toBe(413);
  expect(tooBig.body.error.code).toBe('payload_too_large');
});

it('reads a large body only after the guard: 401 without a session, 403 without the CSRF token, not a parse of it', async () => {
  // Not JSON at all: a route that parsed it before the guard would answer 400 (or 413 at 64 KB).
  const junk = `{"yaml": "${'x'.repeat(300_000)}`;
  expect((await send('POST', '/api/admin/flows/triage/check', junk, null)).status).toBe(401);
  expect((await send('PUT', '/api/admin/flows/triage', junk, null)).status).toBe(401);
  expect((await send('PUT', '/api/admin/flows/triage', junk, { cookie: admin.session.cookie, csrf: 'wrong' })).status).toBe(403);
  // Signed in, with the token: now it is read, and refused as the JSON it is not.
  expect((await send('POST', '/api/admin/flows/triage/check', junk)).status).toBe(400);
});

it('keeps 64 KB for every other route: the web chat, and admin routes whose schema is small', async () => {
  const big = JSON.stringify({ type: 'message', user: 'u1', text: 'x'.repeat(JSON_BODY_LIMIT) });
  expect((await send('POST', '/api/webchat', big, null)).status).toBe(413);
  const rollback = JSON.stringify({ version: 'x'.repeat(JSON_BODY_LIMIT), baseVersion: null });
  expect((await send('POST', '/api/admin/flows/triage/rollback', rollback)).status).toBe(413);
  // The flows' GET routes take no body: a path that only looks like a large-body route is not one.
  expect((await send('POST', '/api/admin/flows/triage/check/more', big)).status).toBe(413);
});
