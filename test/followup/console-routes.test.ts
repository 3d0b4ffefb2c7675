/**
 * The console's follow-up API (operators and doctors): enrolled patients with their
 * readings, open tasks, pause / resume / extend / end, each audited; the screen in the nav.
 */
import { buildCore, type Core } from '../../src/core';
import { mountFollowupConsole, SHOWN } from '../../src/followup/console-routes';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { PASSWORDS, startConsole, type Harness } from '../console/harness';

let h: Harness;
let core: Core;
let seq = 0;
beforeAll(async () => {
  // The core is built on the harness's store, after the console is mounted: its parts are read when a request comes.
  const deps = { get store() { return core.store; }, get followup() { return core.followup; }, now: () => h.clock.now };
  h = await startConsole({ beforeFinish: ({ consoleApp }) => mountFollowupConsole(consoleApp, deps) });
  core = await buildCore(h.config, { log: silentLogger, metrics: createMetrics(), store: h.store, now: () => h.clock.now, newId: () => `f-${++seq}` });
  await h.account('op1', ['operator']);
  await h.account('admin1', ['admin']);
  // A whole core and console once for the file: seconds of work, which a loaded machine can
  // stretch past the default 20 s (seen beside other suites).
}, 60_000);
afterAll(async () => {
  await core.close();
  await h.close();
});

it('lists enrolled patients with their check-ins; pauses, resumes, extends and ends, audited', async () => {
  const conv = await core.store.conversations.findOrCreate('webchat', 'u1', { id: 'conv-1', session: { stack: [], lang: 'en', vars: { profile: { region: 'bd' } }, turns: 0 }, now: h.clock.now });
  const enrolled = await core.followup.enrol(conv.id, 'evening', 'op1');
  expect(enrolled).toMatchObject({ status: 'enrolled', enrolment: { timeZone: 'Asia/Dhaka' } });
  const id = enrolled.status === 'enrolled' ? enrolled.enrolment.id : '';

  const c = h.client();
  expect((await c.signIn('op1', PASSWORDS.operator)).status).toBe(200);
  expect((await c.req('GET', '/api/console/session')).body.nav.map((n: { id: string }) => n.id)).toContain('followup');
  const list = await c.req('GET', '/api/operator/followups');
  expect(list.status).toBe(200);
  expect(list.body.enrolments).toEqual([expect.objectContaining({ id, state: 'active', checkins: expect.any(Array) })]);
  expect(list.body.enrolments[0].checkins).toHaveLength(7);

  expect((await c.req('POST', `/api/operator/followups/${id}/pause`)).body.enrolment.state).toBe('paused');
  expect((await c.req('POST', `/api/operator/followups/${id}/pause`)).status).toBe(409);
  expect((await c.req('POST', `/api/operator/followups/${id}/resume`)).body.enrolment.state).toBe('active');
  expect((await c.req('POST', `/api/operator/followups/${id}/extend`, { days: 99 })).status).toBe(400);
  expect((await c.req('POST', `/api/operator/followups/${id}/extend`, { days: 2 })).status).toBe(200);
  expect(await core.store.followups.checkins(id)).toHaveLength(9);
  expect((await c.req('POST', `/api/operator/followups/${id}/end`)).body.enrolment).toMatchObject({ state: 'ended', endReason: 'operator' });
  expect((await c.req('POST', '/api/operator/followups/nope/end')).status).toBe(404);
  expect((await c.req('GET', '/api/operator/followups/tasks')).body.tasks).toEqual([]);

  // Offering: the patient gets the offer (their "yes" enrols); refused while on follow-up, and for an unknown conversation.
  const other = await core.store.conversations.findOrCreate('webchat', 'u2', { id: 'conv-2', session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: h.clock.now });
  const offered = await c.req('POST', '/api/operator/followups/offer', { conversationId: other.id });
  expect(offered.status).toBe(202);
  const sent = (await core.store.messages.list(other.id)).filter((m) => m.direction === 'out');
  expect(sent).toEqual([expect.objectContaining({ content: { kind: 'text', text: core.translator.t('followup.offer.ask', 'en'), choices: expect.any(Array) } })]);
  expect(await core.store.followups.currentFor(other.id)).toBeUndefined();
  expect((await h.store.audit.list({ limit: 1, action: 'followup.offered' }))[0]).toMatchObject({ targetType: 'conversation', targetId: other.id });
  expect((await c.req('POST', '/api/operator/followups/offer', { conversationId: 'nope' })).status).toBe(404);
  expect((await c.req('POST', '/api/operator/followups/offer', {})).status).toBe(400);
  await core.followup.enrol(other.id, 'morning', 'op1');
  const refused = await c.req('POST', '/api/operator/followups/offer', { conversationId: other.id });
  expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', details: { reason: 'already_enrolled' } } } });

  const actions = (await h.store.audit.list({ limit: 20, targetType: 'followup' })).map((e) => e.action);
  expect(actions).toEqual(['followup.ended', 'followup.extended', 'followup.resumed', 'followup.paused']);

  // Admins without an operator or doctor role, and strangers, are refused.
  const admin = h.client();
  await admin.signIn('admin1', PASSWORDS.admin);
  expect((await admin.req('GET', '/api/operator/followups')).status).toBe(403);
  expect((await h.client().req('GET', '/api/operator/followups')).status).toBe(401);
});

it('lists every patient still followed before those who ended, however many have ended since', async () => {
  const conv = await core.store.conversations.findOrCreate('webchat', 'u-long', { id: 'conv-long', session: { stack: [], lang: 'en', vars: { profile: { region: 'bd' } }, turns: 0 }, now: h.clock.now });
  const enrolled = await core.followup.enrol(conv.id, 'morning', 'op1');
  const active = enrolled.status === 'enrolled' ? enrolled.enrolment.id : '';
  // More patients enrolled after them and ended than the screen shows of the ended, and more than
  // the 200 of every state it used to show (which then left the patient above out).
  const past = await core.store.conversations.findOrCreate('webchat', 'u-past', { id: 'conv-past', session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: h.clock.now });
  const endedSince = Math.max(SHOWN.ended, 200) + 1;
  for (let i = 0; i < endedSince; i++) {
    const at = h.clock.now + 1000 + i;
    await core.store.followups.enrol(
      { id: `ended-${i}`, conversationId: past.id, state: 'ended', slot: 'morning', timeZone: 'Asia/Dhaka', endsAt: at, missedInARow: 0, endReason: 'completed', enrolledBy: null, createdAt: at, updatedAt: at, version: 0 },
      [],
    );
  }
  const c = h.client();
  await c.signIn('op1', PASSWORDS.operator);
  // A paused patient, enrolled after the active one: listed after every active patient.
  const resting = await core.store.conversations.findOrCreate('webchat', 'u-paused', { id: 'conv-paused', session: { stack: [], lang: 'en', vars: { profile: { region: 'bd' } }, turns: 0 }, now: h.clock.now });
  const pausedEnrolment = await core.followup.enrol(resting.id, 'evening', 'op1');
  const paused = pausedEnrolment.status === 'enrolled' ? pausedEnrolment.enrolment.id : '';
  expect((await c.req('POST', `/api/operator/followups/${paused}/pause`)).status).toBe(200);
  const listed: Array<{ id: string; state: string }> = (await c.req('GET', '/api/operator/followups')).body.enrolments;
  expect(listed.map((e) => e.id)).toContain(active);
  const states = listed.map((e) => e.state);
  expect(states).toEqual([...states].sort((a, b) => ['active', 'paused', 'ended'].indexOf(a) - ['active', 'paused', 'ended'].indexOf(b)));
  expect(listed.find((e) => e.id === paused)).toMatchObject({ state: 'paused' });
  const firstEnded = listed.findIndex((e) => e.state === 'ended');
  expect(listed.slice(firstEnded).every((e) => e.state === 'ended')).toBe(true);
  // The most recently enrolled of those who ended, newest first.
  expect(listed.slice(firstEnded).map((e) => e.id)).toEqual(Array.from({ length: SHOWN.ended }, (_, i) => `ended-${endedSince - 1 - i}`));
});

/** `n` more patients followed, stored directly (no check-ins), three enrolled in each millisecond: their enrolment ids. */
async function followed(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const conv = await core.store.conversations.findOrCreate('webchat', `u-many-${i}`, { id: `conv-many-${i}`, session: { stack: [], lang: 'en', vars: {}, turns: 0 }, now: h.clock.now });
    const at = h.clock.now + 10_000 + Math.floor(i / 3);
    await core.store.followups.enrol(
      { id: `many-${i}`, conversationId: conv.id, state: 'active', slot: 'morning', timeZone: 'Asia/Dhaka', endsAt: at, missedInARow: 0, endReason: null, enrolledBy: null, createdAt: at, updatedAt: at, version: 0 },
      [],
    );
    ids.push(`many-${i}`);
  }
  return ids;
}

it('pages each state: the first page of each with its cursor, then the next page of those followed by theirs', async () => {
  await followed(SHOWN.active + 2);
  const active = (await core.store.followups.listEnrolments({ states: ['active'] })).map((e) => e.id);
  const counts = { active: active.length, paused: (await core.store.followups.listEnrolments({ states: ['paused'] })).length, ended: (await core.store.followups.listEnrolments({ states: ['ended'] })).length };
  const c = h.client();
  await c.signIn('op1', PASSWORDS.operator);

  const first = await c.req('GET', '/api/operator/followups');
  expect(first.status).toBe(200);
  const shown = (state: string) => first.body.enrolments.filter((e: { state: string }) => e.state === state);
  expect(shown('active').map((e: { id: string }) => e.id)).toEqual(active.slice(0, SHOWN.active));
  for (const state of ['active', 'paused', 'ended'] as const) {
    expect(shown(state)).toHaveLength(Math.min(counts[state], SHOWN[state]));
    expect(first.body.next[state]).toEqual(counts[state] > SHOWN[state] ? expect.any(String) : null);
  }

  const second = await c.req('GET', `/api/operator/followups?state=active&before=${encodeURIComponent(first.body.next.active)}`);
  expect(second.status).toBe(200);
  expect(second.body.enrolments.map((e: { id: string }) => e.id)).toEqual(active.slice(SHOWN.active));
  expect(second.body.enrolments[0]).toMatchObject({ state: 'active', checkins: [] });
  expect(second.body.next).toEqual({ active: null });
  expect((await h.store.audit.list({ limit: 1, action: 'followup.listed' }))[0]?.details).toEqual({ count: active.length - SHOWN.active });
});

it('refuses a cursor it did not give, an unknown state, and a cursor without its state', async () => {
  const c = h.client();
  await c.signIn('op1', PASSWORDS.operator);
  const cursor = (content: string) => Buffer.from(content).toString('base64url');
  for (const bad of ['not a cursor!', cursor('[1700000000000]'), cursor('[-1,"many-1"]'), cursor('{"createdAt":1,"id":"x"}'), cursor('[1.5,"x"]'), '']) {
    const res = await c.req('GET', `/api/operator/followups?state=active&before=${encodeURIComponent(bad)}`);
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'bad_request', details: [{ path: 'before', message: 'a `next` value from a previous page of this list' }] } } });
  }
  expect((await c.req('GET', '/api/operator/followups?state=waiting')).body).toMatchObject({ error: { code: 'bad_request', details: [{ path: 'state' }] } });
  expect((await c.req('GET', `/api/operator/followups?before=${cursor('[1,"x"]')}`)).body).toMatchObject({ error: { code: 'bad_request', details: [{ path: 'state' }] } });
  // A well-made position is only a place in a list the operator may read anyway.
  expect((await c.req('GET', `/api/operator/followups?state=ended&before=${cursor('[0,"x"]')}`)).body).toEqual({ enrolments: [], next: { ended: null } });
});
