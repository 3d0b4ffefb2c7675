/**
 * The operators' side over HTTP, on the real service (src/main.ts) on 127.0.0.1 with a
 * temp DATA_DIR: patients write through the web chat's webhook; operators and doctors
 * sign in to the console API. Two operators claiming at once (one wins, the other is
 * told who), the live queue (server-sent events) showing a new patient without a
 * reload and closing on sign-out, replies signed with name and registration number,
 * notes, transfer, close, the audit trail of every view and reply, /metrics and the
 * admins' statistics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/main';
import type { Ticket } from '../../src/storage/repositories';
import { testConfig } from '../console/harness';
import { desksAlwaysOpen } from './support';
import { existingConversation } from '../support/conversation';
import { signInToConsole, type ConsoleSession } from '../support/console-session';

let dir: string;
let service: RunningService;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-handoff-api-'));
  const config = testConfig(dir, { PORT: '0', HOST: '127.0.0.1' });
  // Desks open round the clock (the test runs at any hour) and a 1-second heartbeat.
  const always = desksAlwaysOpen(config);
  service = await startService({ ...always, handoff: { ...always.handoff, heartbeatSeconds: 1 } }, silentLogger);
  base = `http://127.0.0.1:${service.port}`;
  const add = (username: string, roles: Array<'admin' | 'doctor' | 'operator'>, extra: { registration?: string } = {}) =>
    service.console.accounts.create({ username, displayName: `Name ${username}`, roles, languages: ['bn', 'hi', 'en'], queues: [], password: `${username} password 1`, ...extra }, { cli: true });
  await add('meera', ['doctor'], { registration: 'WBMC 61234' });
  await add('anil', ['operator']);
  await add('noreg', ['doctor']);
  await add('asha', ['admin']);
});

afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every account here has the password `<username> password 1`. */
function signIn(username: string): Promise<ConsoleSession> {
  return signInToConsole(base, username, `${username} password 1`);
}

async function api(s: ConsoleSession, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A patient on the web chat's webhook: their replies for each message. */
async function patient(user: string, text: string): Promise<string[]> {
  const res = await fetch(`${base}/api/webchat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, user, channel: 'webhook' }) });
  return ((await res.json()) as Array<{ text: string }>).map((m) => m.text);
}

async function askForDoctor(user: string): Promise<Ticket> {
  for (const text of ['hello', 'english', 'yes', 'talk to a doctor', 'West Bengal']) await patient(user, text);
  const conv = await existingConversation(service.core.store, 'webchat', user);
  return (await service.core.store.tickets.openFor(conv.id))!;
}

/** Server-sent events as they arrive. */
function openStream(s: ConsoleSession) {
  const controller = new AbortController();
  const events: Array<{ event: string; data: any }> = [];
  // Set only when the response's body ends: the server closed the stream (our own abort does not count).
  let closedByServer = false;
  const done = (async () => {
    const res = await fetch(`${base}/api/operator/queue/events`, { headers: { cookie: s.cookie, accept: 'text/event-stream' }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    closedByServer = true;
  })().catch((err: Error) => {
    if (err.name !== 'AbortError') throw err;
  });
  return {
    events,
    get closedByServer() {
      return closedByServer;
    },
    close: () => controller.abort(),
    /**
     * Whether the server closed the connection within `ms`. An `end` event alone is not enough:
     * a stream that says goodbye but stays open keeps a socket and a presence slot per tab.
     */
    async closedByServerWithin(ms = 10_000): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      return closedByServer;
    },
    // Deadlines far above the 1-second heartbeat that ends a stream: a loaded machine is slow, and
    // what never comes fails as surely after 10 s as after 4.
    async until(pred: (e: { event: string; data: any }) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.event))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

const audit = async (action: string) => (await service.core.store.audit.list({ limit: 200, action })).map((e) => ({ actor: e.actorId, target: `${e.targetType}:${e.targetId}`, details: e.details }));

it('refuses a plain request to the event stream instead of hanging it open', async () => {
  const s = await signIn('anil');
  const res = await api(s, 'GET', '/api/operator/queue/events');
  expect(res.status).toBe(400);
});

it('shows a new patient in the live queue without a reload, and closes the stream on sign-out', async () => {
  const s = await signIn('anil');
  const stream = openStream(s);
  const first = await stream.until((e) => e.event === 'queue');
  expect(first.data).toMatchObject({ tickets: expect.any(Array), operatorsOnline: 1 });

  const ticket = await askForDoctor('live-1');
  await stream.until((e) => e.event === 'ticket' && e.data.id === ticket.id && e.data.what === 'opened');
  const view = await stream.until((e) => e.event === 'queue' && e.data.tickets.some((x: { id: string }) => x.id === ticket.id));
  expect(view.data.tickets.find((x: { id: string }) => x.id === ticket.id)).toMatchObject({ state: 'waiting', language: 'en', queue: 'kolkata-doctor', mine: true, withMe: false, emergency: false });
  // Only ids and codes go through the stream: nothing the patient wrote.
  expect(JSON.stringify(stream.events)).not.toContain('talk to a doctor');

  expect((await api(s, 'DELETE', '/api/console/session')).status).toBe(204);
  await stream.until((e) => e.event === 'end' && e.data.reason === 'signed_out');
  expect(await stream.closedByServerWithin()).toBe(true);
  expect(service.handoff.streams.count).toBe(0);
});

it('lets one of two operators claiming at once win and tells the other who has the patient', async () => {
  const ticket = await askForDoctor('race-1');
  const [meera, anil] = await Promise.all([signIn('meera'), signIn('anil')]);
  const results = await Promise.all([api(meera, 'POST', `/api/operator/tickets/${ticket.id}/claim`), api(anil, 'POST', `/api/operator/tickets/${ticket.id}/claim`)]);
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409]);
  const lost = results.find((r) => r.status === 409)!;
  const won = results.find((r) => r.status === 200)!;
  const winner = won.body.ticket.assigneeId as string;
  const winnerName = winner === (await service.core.store.accounts.findByUsername('meera'))!.id ? 'Name meera' : 'Name anil';
  expect(lost.body.error).toMatchObject({ code: 'conflict', details: { reason: 'taken', assigneeName: winnerName } });
  expect((await audit('ticket.claimed')).filter((e) => e.target === `ticket:${ticket.id}`)).toHaveLength(1);
  // The patient was told, once, who joined.
  const joined = (await service.core.store.messages.list(ticket.conversationId)).filter((m) => m.direction === 'out' && 'text' in m.content && (m.content.text ?? '').includes('has joined this chat'));
  expect(joined).toHaveLength(1);
});

it('needs a doctor\'s registration number before they take a patient', async () => {
  const ticket = await askForDoctor('noreg-1');
  const s = await signIn('noreg');
  const res = await api(s, 'POST', `/api/operator/tickets/${ticket.id}/claim`);
  expect(res.status).toBe(409);
  expect(res.body.error.details).toEqual({ reason: 'registration_required' });
  await expect(service.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ state: 'waiting' });
});

it('shows the whole conversation with the triage summary, takes replies, notes and a close — each view and reply audited', async () => {
  const user = 'work-1';
  for (const text of ['hello', 'english', 'yes', '1', 'no', 'fever and cough', 'yes', '5', '96', '65', 'diabetes', '4', 'no']) await patient(user, text);
  // Where the patient is decides the desk: asked once, before the request.
  expect(await patient(user, 'Talk to a doctor')).toEqual(['Where are you now?']);
  const offer = await patient(user, 'West Bengal');
  expect(offer[0]).toBe("I have asked our doctors' desk to join this chat. A doctor or health worker will write to you here.");
  const conv = await existingConversation(service.core.store, 'webchat', user);
  const ticket = (await service.core.store.tickets.openFor(conv.id))!;
  expect(ticket).toMatchObject({ priority: 2, triage: { level: 'doctor' } });

  const meera = await signIn('meera');
  const anil = await signIn('anil');
  const detail = await api(meera, 'GET', `/api/operator/tickets/${ticket.id}?lang=bn`);
  expect(detail.status).toBe(200);
  expect(detail.body.triage).toMatchObject({ level: 'doctor', reasons: expect.arrayContaining([{ rule: 'age_over_60', text: expect.stringContaining('৬০') }]) });
  expect(detail.body.triage.answers).toEqual(expect.arrayContaining([{ field: 'age', value: '65' }, { field: 'symptoms', value: 'জ্বর, কাশি' }]));
  const from = detail.body.transcript.map((l: { from: string }) => l.from);
  expect(from[0]).toBe('patient');
  expect(from).toContain('bot');
  expect(detail.body.transcript.map((l: { text: string }) => l.text)).toEqual(expect.arrayContaining(['fever and cough', 'Talk to a doctor']));
  expect(detail.body.canned.map((c: { id: string }) => c.id)).toEqual(['greeting', 'ask_spo2', 'call_ambulance', 'go_to_hospital', 'home_isolation', 'follow_up']);
  expect(detail.body.ticket).not.toHaveProperty('userId');
  expect(JSON.stringify(detail.body)).not.toContain(user);

  // Replies only from the one who has the chat.
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/reply`, { text: 'hello' })).body.error.details.reason).toBe('not_yours');
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/claim`)).status).toBe(200);
  expect((await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/reply`, { text: 'hello' })).status).toBe(409);
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/reply`, { text: '   ' })).status).toBe(400);
  const sent = await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/reply`, { text: 'Please check your SpO2 again now.' });
  expect(sent.status).toBe(201);
  const reply = (await service.core.store.messages.list(ticket.conversationId)).find((m) => m.id === sent.body.messageId)!;
  expect(reply.content).toEqual({ kind: 'text', text: 'Name meera (Reg. No. WBMC 61234):\nPlease check your SpO2 again now.' });
  // Stored with its outbox row: it goes out through the patient's own channel (the web chat).
  await expect(service.core.store.outbox.get(sent.body.messageId)).resolves.toMatchObject({ channel: 'webchat', userId: user });

  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/notes`, { text: 'Son is the carer; diabetic on insulin' })).status).toBe(201);
  const after = await api(anil, 'GET', `/api/operator/tickets/${ticket.id}?lang=en`);
  expect(after.body.notes).toMatchObject([{ author: 'Name meera', text: 'Son is the carer; diabetic on insulin' }]);
  expect(after.body.transcript.at(-1)).toMatchObject({ from: 'person', personName: 'Name meera' });
  expect(after.body.ticket).toMatchObject({ state: 'assigned', withMe: false, assigneeName: 'Name meera' });

  // Transfer to a colleague, who closes with an outcome: the bot asks the patient whether it helped.
  const anilId = (await service.core.store.accounts.findByUsername('anil'))!.id;
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/transfer`, { queue: 'no-such-queue' })).status).toBe(400);
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/transfer`, { accountId: anilId })).body.ticket).toMatchObject({ state: 'assigned', assigneeId: anilId });
  expect((await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/close`, { outcome: 'cancelled_by_patient' })).status).toBe(400);
  const closed = await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/close`, { outcome: 'referred_to_hospital' });
  expect(closed.body.ticket).toMatchObject({ state: 'closed', outcome: 'referred_to_hospital' });
  const last = (await service.core.store.messages.list(ticket.conversationId)).at(-1)!;
  expect(last.content).toMatchObject({ text: service.core.translator.t('handoff.ask.helpful', 'en') });
  // (A webhook client gets nothing outside its own requests: the answer's replies wait in the outbox behind the
  // question it could not receive; the /chat page's websocket gets them at once — see the browser test.)
  await patient(user, '5');
  await expect(service.core.store.tickets.get(ticket.id)).resolves.toMatchObject({ rating: 5 });

  // Every view of the conversation and every reply is in the audit log, with who and which record.
  const meeraId = (await service.core.store.accounts.findByUsername('meera'))!.id;
  expect(await audit('conversation.viewed')).toEqual(expect.arrayContaining([
    { actor: meeraId, target: `conversation:${ticket.conversationId}`, details: { ticket: ticket.id } },
    { actor: anilId, target: `conversation:${ticket.conversationId}`, details: { ticket: ticket.id } },
  ]));
  expect(await audit('conversation.replied')).toEqual([{ actor: meeraId, target: `conversation:${ticket.conversationId}`, details: { ticket: ticket.id, message: sent.body.messageId } }]);
  expect((await audit('ticket.closed')).find((e) => e.target === `ticket:${ticket.id}`)).toMatchObject({ actor: anilId, details: { outcome: 'referred_to_hospital' } });
  expect((await audit('ticket.transferred')).find((e) => e.target === `ticket:${ticket.id}`)).toMatchObject({ actor: meeraId, details: { to: anilId } });
  expect((await audit('ticket.note_added')).find((e) => e.target === `ticket:${ticket.id}`)).toBeDefined();
  // Audit details carry ids and codes, never what was written.
  expect(JSON.stringify(await service.core.store.audit.list({ limit: 500 }))).not.toMatch(/SpO2 again|insulin/);
});

it('puts the queue and the waits on /metrics, and gives admins queue lengths, waits and outcomes per day', async () => {
  await askForDoctor('metrics-1');
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/^sahay_handoff_waiting\{queue="kolkata-doctor"\} [1-9]/m);
  expect(metrics).toMatch(/^sahay_handoff_waiting_over_sla\{queue="kolkata-doctor"\} 0$/m);
  expect(metrics).toMatch(/^sahay_handoff_wait_seconds_count\{queue="kolkata-doctor"\} [1-9]/m);
  expect(metrics).toMatch(/^sahay_handoff_closed_total\{outcome="referred_to_hospital"\} 1$/m);

  const admin = await signIn('asha');
  const stats = await api(admin, 'GET', '/api/admin/handoff/stats?days=3');
  expect(stats.status).toBe(200);
  expect(stats.body.now.find((q: { queue: string }) => q.queue === 'kolkata-doctor')).toMatchObject({ waiting: expect.any(Number), overSla: 0 });
  const today = stats.body.days.at(-1);
  expect(today.opened).toBeGreaterThanOrEqual(4);
  expect(today.outcomes).toMatchObject({ referred_to_hospital: 1 });
  expect(today).toMatchObject({ ratings: 1, averageRating: 5 });
  // Operators do not see the admins' statistics.
  expect((await api(await signIn('anil'), 'GET', '/api/admin/handoff/stats')).status).toBe(403);
});

it('lets the one who has the patient release them back to the queue, and no one else', async () => {
  const ticket = await askForDoctor('release-1');
  const [meera, anil] = await Promise.all([signIn('meera'), signIn('anil')]);
  expect((await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/claim`)).status).toBe(200);
  expect((await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/release`)).body.error.details.reason).toBe('not_yours');
  const released = await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/release`);
  expect(released.body.ticket).toMatchObject({ state: 'waiting', assigneeId: null, queue: ticket.queue });
  // Back in the queue: a colleague can take the patient now.
  expect((await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/claim`)).status).toBe(200);
  expect((await audit('ticket.released')).filter((e) => e.target === `ticket:${ticket.id}`)).toHaveLength(1);
  expect((await api(anil, 'POST', `/api/operator/tickets/${ticket.id}/close`, { outcome: 'no_response' })).status).toBe(200);
  // A closed chat is said to be closed, not taken by whoever closed it.
  const late = await api(meera, 'POST', `/api/operator/tickets/${ticket.id}/claim`);
  expect([late.status, late.body.error.message, late.body.error.details.state]).toEqual([409, 'This chat is closed.', 'closed']);
});

it('ends a live queue stream when its account loses the operator role or is disabled', async () => {
  const add = (username: string) =>
    service.console.accounts.create({ username, displayName: `Name ${username}`, roles: ['operator'], languages: ['en'], queues: [], password: `${username} password 1` }, { cli: true });
  const ravi = await add('ravi');
  const uma = await add('uma');
  const admin = await signIn('asha');
  const [r, u] = [openStream(await signIn('ravi')), openStream(await signIn('uma'))];
  await Promise.all([r.until((e) => e.event === 'queue'), u.until((e) => e.event === 'queue')]);

  expect((await api(admin, 'PATCH', `/api/admin/accounts/${ravi.id}`, { roles: ['admin'] })).status).toBe(200);
  await r.until((e) => e.event === 'end' && e.data.reason === 'forbidden');
  expect(await r.closedByServerWithin()).toBe(true);
  // Only that account's stream: the colleague's stays open, and is the one left.
  expect([u.closedByServer, u.events.some((e) => e.event === 'end')]).toEqual([false, false]);
  expect(service.handoff.streams.count).toBe(1);

  expect((await api(admin, 'PATCH', `/api/admin/accounts/${uma.id}`, { active: false })).status).toBe(200);
  await u.until((e) => e.event === 'end');
  expect(await u.closedByServerWithin()).toBe(true);
  expect(service.handoff.streams.count).toBe(0);
});

it('gives the chats of an account disabled, or no longer an operator or doctor, back to their queues', async () => {
  const add = (username: string) =>
    service.console.accounts.create({ username, displayName: `Name ${username}`, roles: ['operator'], languages: ['en'], queues: [], password: `${username} password 1` }, { cli: true });
  const [leaving, demoted] = [await add('leaving'), await add('demoted')];
  const [first, second, third] = [await askForDoctor('held-1'), await askForDoctor('held-2'), await askForDoctor('held-3')];
  const [l, d, anil, admin] = [await signIn('leaving'), await signIn('demoted'), await signIn('anil'), await signIn('asha')];
  for (const t of [first, second]) expect((await api(l, 'POST', `/api/operator/tickets/${t.id}/claim`)).status).toBe(200);
  expect((await api(d, 'POST', `/api/operator/tickets/${third.id}/claim`)).status).toBe(200);
  // The first patient writes on while the account is still in hand: nothing changes for them.
  await patient('held-1', 'still here');

  expect((await api(admin, 'PATCH', `/api/admin/accounts/${leaving.id}`, { active: false })).status).toBe(200);
  expect((await api(admin, 'PATCH', `/api/admin/accounts/${demoted.id}`, { roles: ['admin'] })).status).toBe(200);
  for (const t of [first, second, third]) {
    expect(await service.core.store.tickets.get(t.id)).toMatchObject({ state: 'waiting', assigneeId: null, queue: t.queue });
  }
  // Each patient is told, as by a release at the desk: back in the queue, with their place and wait (or when the desk opens).
  const backInQueue = service.core.translator.t('handoff.moved.released', 'en', { status: '' }).trim();
  for (const t of [first, second, third]) {
    const last = (await service.core.store.messages.list(t.conversationId)).filter((m) => m.direction === 'out').at(-1);
    expect(last?.content).toMatchObject({ kind: 'text', text: expect.stringContaining(backInQueue) });
  }
  // A colleague can take them now (before, every claim was refused as taken, and every release as not theirs).
  for (const t of [first, second, third]) expect((await api(anil, 'POST', `/api/operator/tickets/${t.id}/claim`)).status).toBe(200);
  const adminId = (await service.core.store.accounts.findByUsername('asha'))!.id;
  const released = (await audit('ticket.released')).filter((e) => [first.id, second.id, third.id].some((id) => e.target === `ticket:${id}`));
  expect(released).toEqual(
    expect.arrayContaining([
      { actor: adminId, target: `ticket:${first.id}`, details: { reason: 'account_disabled' } },
      { actor: adminId, target: `ticket:${second.id}`, details: { reason: 'account_disabled' } },
      { actor: adminId, target: `ticket:${third.id}`, details: { reason: 'role_removed' } },
    ]),
  );
  expect(released).toHaveLength(3);
  for (const t of [first, second, third]) expect((await api(anil, 'POST', `/api/operator/tickets/${t.id}/close`, { outcome: 'no_response' })).status).toBe(200);
});
