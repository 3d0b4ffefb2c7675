/**
 * The hand-off tickets' part of the Store contract (repositories.ts, TicketRepository,
 * Turn.tickets). Called from describeStoreContract, so every driver runs it.
 *
 * Rules pinned here:
 * - tickets are opened, escalated, cancelled and rated only by a turn's effects, in the
 *   turn's transaction; a second open ticket for a conversation fails the whole turn;
 * - list is in queue order: priority descending, then createdAt, then id; filters narrow it;
 * - a claim is a conditional update: of two claims at once exactly one wins, the other is
 *   told `taken` with the ticket as it is; a cap on assigned tickets answers `at_capacity`;
 * - only the assignee may reply, pass on (release, transfer) or close; others get
 *   `not_yours` with the ticket, unknown ids `not_found`;
 * - a reply or a claim notice is an outbound message with its outbox row, like a turn's reply;
 * - close hands the chat back in one transaction (ticket, session, version + 1, the bot's
 *   messages) and only on the conversation version it was computed on (`conflict` otherwise,
 *   and nothing changes);
 * - the timeline (events) keeps notes, replies, claims, moves and the close, oldest first;
 * - a doctor's registration number is kept with the account ('' removes it).
 */
import type { Session } from '../../src/engine/session';
import type { Account, Store, Ticket, TicketEffect, Turn } from '../../src/storage/repositories';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

const session = (turns: number, vars: Record<string, unknown> = {}): Session => ({ stack: [], lang: 'bn', vars, turns });

function ticket(id: string, conversationId: string, over: Partial<Ticket> = {}): Ticket {
  return {
    id,
    conversationId,
    channel: 'telegram',
    queue: 'kolkata-doctor',
    language: 'bn',
    priority: 2,
    reason: 'asked',
    emergency: false,
    triage: { level: 'doctor', reasons: ['age_over_60'], answers: { age: 64, symptoms: ['fever'] }, at: T0 },
    state: 'waiting',
    assigneeId: null,
    createdAt: T0,
    assignedAt: null,
    firstAssignedAt: null,
    closedAt: null,
    closedBy: null,
    outcome: null,
    rating: null,
    updatedAt: T0,
    ...over,
  };
}

export function describeTicketContract(current: () => { store: Store }): void {
  let store: Store;
  let pm = 0;
  beforeEach(() => {
    store = current().store;
    pm = 0;
  });

  async function conversation(user: string) {
    return store.conversations.findOrCreate('telegram', user, { id: `conv-${user}`, session: session(0), now: T0 });
  }

  /**
   * Commit one turn on the conversation's current version, with the given ticket effects;
   * `platformMessageId` names its inbound message (a redelivery repeats one).
   */
  async function turn(conversationId: string, tickets: TicketEffect[], at = T0 + MIN, platformMessageId?: string) {
    const conv = (await store.conversations.get(conversationId))!;
    const t: Turn = {
      conversationId,
      expectedVersion: conv.version,
      session: session(conv.version + 1, { handoff: { ticket: 'x' } }),
      inbound: { id: `in-${++pm}-${conversationId}`, platformMessageId: platformMessageId ?? `pm-${pm}-${conversationId}`, content: { kind: 'text', text: 'ডাক্তার' }, sentAt: at, receivedAt: at },
      outbound: [{ id: `out-${pm}-${conversationId}`, text: 'অপেক্ষা করুন', createdAt: at }],
      tickets,
    };
    return store.turns.commit(t);
  }

  async function opened(user: string, over: Partial<Ticket> = {}): Promise<Ticket> {
    const conv = await conversation(user);
    const t = ticket(`t-${user}`, conv.id, over);
    await expect(turn(conv.id, [{ kind: 'open', ticket: t }], t.createdAt)).resolves.toMatchObject({ status: 'committed' });
    return t;
  }

  it('opens a ticket with the turn that asked for it, and finds the open one of a conversation', async () => {
    const t = await opened('a');
    await expect(store.tickets.get(t.id)).resolves.toStrictEqual(t);
    await expect(store.tickets.openFor(t.conversationId)).resolves.toStrictEqual(t);
    await expect(store.tickets.openFor('conv-nobody')).resolves.toBeUndefined();
    await expect(store.tickets.get('nope')).resolves.toBeUndefined();
    expect((await store.messages.list(t.conversationId)).map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('lists the tickets closed since a time in queue order: priority first, then oldest, then by id', async () => {
    const closed = (closedAt: number, over: Partial<Ticket> = {}): Partial<Ticket> => ({ state: 'closed', closedAt, closedBy: 'op-1', outcome: 'advice_given', assigneeId: 'op-1', assignedAt: T0, firstAssignedAt: T0, ...over });
    await opened('c4', closed(T0 + 50 * MIN));
    await opened('c1', closed(T0 + 40 * MIN));
    await opened('c2', closed(T0 + 45 * MIN, { createdAt: T0 + MIN }));
    await opened('c3', closed(T0 + 30 * MIN, { priority: 3 }));
    await opened('c0', closed(T0 + 5 * MIN)); // closed before the bound
    await opened('w1', {}); // still waiting
    const ids = (await store.tickets.list({ states: ['closed'], closedFrom: T0 + 30 * MIN })).map((t) => t.id);
    expect(ids).toEqual(['t-c3', 't-c1', 't-c4', 't-c2']);
  });

  it('refuses a second open ticket for a conversation: the whole turn fails and nothing of it is stored', async () => {
    const t = await opened('a');
    const before = await store.conversations.get(t.conversationId);
    // Rejected (a driver's own error class may come from another realm than the test's Error, so no toThrow).
    const failed = await turn(t.conversationId, [{ kind: 'open', ticket: ticket('t-again', t.conversationId) }]).then(() => false, () => true);
    expect(failed).toBe(true);
    await expect(store.conversations.get(t.conversationId)).resolves.toStrictEqual(before);
    await expect(store.tickets.get('t-again')).resolves.toBeUndefined();
    expect(await store.messages.list(t.conversationId)).toHaveLength(2);
  });

  it('stores no ticket change of a redelivered message: the turn is a duplicate', async () => {
    const conv = await conversation('redelivered');
    const first: Turn = {
      conversationId: conv.id,
      expectedVersion: 0,
      session: session(1),
      inbound: { id: 'in-first', platformMessageId: 'pm-once', content: { kind: 'text', text: 'ডাক্তার' }, sentAt: T0, receivedAt: T0 },
      outbound: [],
    };
    await expect(store.turns.commit(first)).resolves.toMatchObject({ status: 'committed' });
    const again: Turn = {
      ...first,
      expectedVersion: 1,
      session: session(2, { handoff: { ticket: 't-dup' } }),
      inbound: { ...first.inbound, id: 'in-again' },
      tickets: [{ kind: 'open', ticket: ticket('t-dup', conv.id) }],
    };
    await expect(store.turns.commit(again)).resolves.toEqual({ status: 'duplicate' });
    await expect(store.tickets.get('t-dup')).resolves.toBeUndefined();
    await expect(store.tickets.openFor(conv.id)).resolves.toBeUndefined();
    await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ version: 1 });
  });

  it('answers duplicate, not an error, for a redelivery whose turn would open a second ticket', async () => {
    // The first delivery opened a ticket; the redelivered message, run again on the current
    // version, asks for another. The router no longer checks before the turn: the commit must say duplicate.
    const conv = await conversation('redelivered-open');
    const t = ticket('t-redelivered-open', conv.id);
    await expect(turn(conv.id, [{ kind: 'open', ticket: t }], t.createdAt, 'pm-open')).resolves.toMatchObject({ status: 'committed' });
    const again = turn(conv.id, [{ kind: 'open', ticket: ticket('t-second', conv.id) }], T0, 'pm-open');
    await expect(again).resolves.toEqual({ status: 'duplicate' });
    await expect(store.tickets.get('t-second')).resolves.toBeUndefined();
    await expect(store.tickets.openFor(conv.id)).resolves.toMatchObject({ id: t.id });
    await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ version: 1 });
  });

  it('lists in queue order (priority, then the longest wait, then id) and filters', async () => {
    await opened('old-mild', { priority: 1, createdAt: T0 });
    await opened('new-urgent', { priority: 3, createdAt: T0 + 5 * MIN, queue: 'probash-doctor' });
    await opened('old-urgent', { priority: 3, createdAt: T0 + MIN });
    await opened('b-same', { priority: 2, createdAt: T0 + 2 * MIN });
    await opened('a-same', { priority: 2, createdAt: T0 + 2 * MIN });
    const ids = (ts: Ticket[]) => ts.map((t) => t.id);
    await expect(store.tickets.list({}).then(ids)).resolves.toEqual(['t-old-urgent', 't-new-urgent', 't-a-same', 't-b-same', 't-old-mild']);
    await expect(store.tickets.list({ queues: ['probash-doctor'] }).then(ids)).resolves.toEqual(['t-new-urgent']);
    await expect(store.tickets.list({ queues: [] }).then(ids)).resolves.toEqual([]);
    await expect(store.tickets.list({ createdFrom: T0 + MIN, createdTo: T0 + 5 * MIN }).then(ids)).resolves.toEqual(['t-old-urgent', 't-a-same', 't-b-same']);
    await expect(store.tickets.list({ limit: 2 }).then(ids)).resolves.toEqual(['t-old-urgent', 't-new-urgent']);
    await store.tickets.claim({ ticketId: 't-a-same', operatorId: 'op-1', at: T0 + 9 * MIN, eventId: 'e1' });
    await expect(store.tickets.list({ states: ['assigned'] }).then(ids)).resolves.toEqual(['t-a-same']);
    await expect(store.tickets.list({ states: ['waiting'], assigneeId: 'op-1' }).then(ids)).resolves.toEqual([]);
    await expect(store.tickets.list({ assigneeId: 'op-1' }).then(ids)).resolves.toEqual(['t-a-same']);
    await expect(store.tickets.list({ closedFrom: T0 }).then(ids)).resolves.toEqual([]);
  });

  it('lets exactly one of two operators claiming at once win; the other is told who has it', async () => {
    const t = await opened('a');
    const results = await Promise.all([
      store.tickets.claim({ ticketId: t.id, operatorId: 'op-1', at: T0 + 2 * MIN, eventId: 'e1' }),
      store.tickets.claim({ ticketId: t.id, operatorId: 'op-2', at: T0 + 2 * MIN, eventId: 'e2' }),
    ]);
    const won = results.filter((r) => r.status === 'claimed');
    const lost = results.filter((r) => r.status === 'taken');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.status === 'claimed' ? won[0]!.ticket.assigneeId : null;
    expect(lost[0]).toMatchObject({ status: 'taken', ticket: { state: 'assigned', assigneeId: winner } });
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ state: 'assigned', assigneeId: winner, assignedAt: T0 + 2 * MIN, firstAssignedAt: T0 + 2 * MIN });
    expect((await store.tickets.events(t.id)).map((e) => [e.kind, e.actorId])).toEqual([['claimed', winner]]);
    await expect(store.tickets.claim({ ticketId: 'nope', operatorId: 'op-1', at: T0, eventId: 'e3' })).resolves.toEqual({ status: 'not_found' });
  });

  it('stores the claim notice as a message with its outbox row, and keeps a cap on assigned tickets', async () => {
    const a = await opened('a');
    const b = await opened('b');
    const claimed = await store.tickets.claim({
      ticketId: a.id, operatorId: 'op-1', at: T0 + 2 * MIN, maxAssigned: 1, eventId: 'e1',
      notice: { id: 'notice-1', text: 'ডাঃ আশা দাস (রেজি. নং WBMC 61234) যোগ দিয়েছেন।', createdAt: T0 + 2 * MIN },
    });
    expect(claimed.status).toBe('claimed');
    expect((await store.messages.list(a.conversationId)).at(-1)).toMatchObject({ id: 'notice-1', direction: 'out', content: { kind: 'text', text: expect.stringContaining('WBMC 61234') } });
    await expect(store.outbox.get('notice-1')).resolves.toMatchObject({ status: 'pending', conversationId: a.conversationId, userId: 'a' });
    await expect(store.tickets.claim({ ticketId: b.id, operatorId: 'op-1', at: T0 + 3 * MIN, maxAssigned: 1, eventId: 'e2' })).resolves.toEqual({ status: 'at_capacity' });
    await expect(store.tickets.get(b.id)).resolves.toMatchObject({ state: 'waiting', assigneeId: null });
    await expect(store.tickets.claim({ ticketId: b.id, operatorId: 'op-1', at: T0 + 3 * MIN, maxAssigned: 2, eventId: 'e3' })).resolves.toMatchObject({ status: 'claimed' });
  });

  it('takes replies only from the assignee, stored like a turn\'s reply and on the timeline', async () => {
    const t = await opened('a');
    await expect(store.tickets.reply({ ticketId: t.id, operatorId: 'op-1', message: { id: 'r0', text: 'x', createdAt: T0 }, eventId: 'e0' })).resolves.toMatchObject({ status: 'not_yours', ticket: { state: 'waiting' } });
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-1', at: T0 + 2 * MIN, eventId: 'e1' });
    const message = { id: 'r1', text: 'Dr Asha (Reg. No. WBMC 61234):\nজ্বর কত?', createdAt: T0 + 3 * MIN };
    await expect(store.tickets.reply({ ticketId: t.id, operatorId: 'op-1', message, eventId: 'e2' })).resolves.toMatchObject({ status: 'ok', ticket: { id: t.id } });
    await expect(store.tickets.reply({ ticketId: t.id, operatorId: 'op-2', message: { id: 'r2', text: 'x', createdAt: T0 }, eventId: 'e3' })).resolves.toMatchObject({ status: 'not_yours' });
    await expect(store.tickets.reply({ ticketId: 'nope', operatorId: 'op-1', message: { id: 'r3', text: 'x', createdAt: T0 }, eventId: 'e4' })).resolves.toEqual({ status: 'not_found' });
    const messages = await store.messages.list(t.conversationId);
    expect(messages.map((m) => m.id)).toEqual([expect.any(String), expect.any(String), 'r1']);
    await expect(store.outbox.get('r1')).resolves.toMatchObject({ text: message.text, status: 'pending', channel: 'telegram', userId: 'a' });
    await expect(store.outbox.get('r2')).resolves.toBeUndefined();
    expect((await store.tickets.events(t.id)).map((e) => [e.kind, e.messageId])).toEqual([['claimed', null], ['reply', 'r1']]);
  });

  it('releases, transfers to a queue or to a colleague, only by the assignee', async () => {
    const t = await opened('a');
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-1', at: T0 + 2 * MIN, eventId: 'e1' });
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-2', at: T0, queue: t.queue, assigneeId: null, eventId: 'x' })).resolves.toMatchObject({ status: 'not_yours' });
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-1', at: T0 + 3 * MIN, queue: t.queue, assigneeId: null, eventId: 'e2' })).resolves.toMatchObject({
      status: 'ok', ticket: { state: 'waiting', assigneeId: null, assignedAt: null, firstAssignedAt: T0 + 2 * MIN },
    });
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-2', at: T0 + 4 * MIN, eventId: 'e3' });
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-2', at: T0 + 5 * MIN, queue: 'counsellor', assigneeId: null, eventId: 'e4' })).resolves.toMatchObject({
      status: 'ok', ticket: { state: 'waiting', queue: 'counsellor', firstAssignedAt: T0 + 2 * MIN },
    });
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-3', at: T0 + 6 * MIN, eventId: 'e5' });
    await expect(store.tickets.move({ ticketId: t.id, operatorId: 'op-3', at: T0 + 7 * MIN, queue: 'counsellor', assigneeId: 'op-4', eventId: 'e6' })).resolves.toMatchObject({
      status: 'ok', ticket: { state: 'assigned', assigneeId: 'op-4', assignedAt: T0 + 7 * MIN },
    });
    expect((await store.tickets.events(t.id)).map((e) => [e.kind, e.actorId, e.details])).toEqual([
      ['claimed', 'op-1', {}],
      ['released', 'op-1', {}],
      ['claimed', 'op-2', {}],
      ['transferred', 'op-2', { queue: 'counsellor', to: null }],
      ['claimed', 'op-3', {}],
      ['transferred', 'op-3', { queue: 'counsellor', to: 'op-4' }],
    ]);
  });

  it('closes and hands the chat back in one go, only on the version it was computed on', async () => {
    const t = await opened('a');
    await store.tickets.claim({ ticketId: t.id, operatorId: 'op-1', at: T0 + 2 * MIN, eventId: 'e1' });
    const conv = (await store.conversations.get(t.conversationId))!;
    const back = session(conv.session.turns + 1, { handoff: { ticket: t.id, state: 'closed' } });
    const close = (over: object = {}) =>
      store.tickets.close({
        ticketId: t.id, operatorId: 'op-1', outcome: 'advice_given', at: T0 + 10 * MIN, eventId: 'e-close',
        conversation: { expectedVersion: conv.version, session: back },
        outbound: [{ id: 'fb-1', text: 'এটা কি কাজে লেগেছে?', choices: [{ payload: '5', title: '5' }], createdAt: T0 + 10 * MIN }],
        ...over,
      });
    await expect(close({ operatorId: 'op-2' })).resolves.toMatchObject({ status: 'not_yours' });
    await expect(close({ conversation: { expectedVersion: conv.version - 1, session: back } })).resolves.toEqual({ status: 'conflict' });
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ state: 'assigned', closedAt: null });
    await expect(store.outbox.get('fb-1')).resolves.toBeUndefined();

    await expect(close()).resolves.toMatchObject({ status: 'ok', ticket: { state: 'closed', outcome: 'advice_given', closedAt: T0 + 10 * MIN, closedBy: 'op-1', assigneeId: 'op-1' } });
    const after = (await store.conversations.get(t.conversationId))!;
    expect(after).toMatchObject({ version: conv.version + 1, session: back, updatedAt: T0 + 10 * MIN });
    expect((await store.messages.list(t.conversationId)).at(-1)).toMatchObject({ id: 'fb-1', content: { choices: [{ payload: '5', title: '5' }] } });
    await expect(store.outbox.get('fb-1')).resolves.toMatchObject({ status: 'pending', choices: [{ payload: '5', title: '5' }] });
    await expect(store.tickets.openFor(t.conversationId)).resolves.toBeUndefined();
    await expect(close()).resolves.toMatchObject({ status: 'not_yours', ticket: { state: 'closed' } });
    expect((await store.tickets.events(t.id)).at(-1)).toMatchObject({ kind: 'closed', details: { outcome: 'advice_given' } });
    await expect(store.tickets.list({ closedFrom: T0 + 10 * MIN }).then((ts) => ts.map((x) => x.id))).resolves.toEqual([t.id]);
    // As the wait estimate asks (closed, since a time): closed at the bound is in, after it is out.
    await expect(store.tickets.list({ states: ['closed'], closedFrom: T0 + 10 * MIN }).then((ts) => ts.map((x) => x.id))).resolves.toEqual([t.id]);
    await expect(store.tickets.list({ states: ['closed'], closedFrom: T0 + 10 * MIN + 1 })).resolves.toEqual([]);
    await expect(store.tickets.list({ states: ['assigned', 'waiting'], closedFrom: T0 })).resolves.toEqual([]);
  });

  it('escalates, cancels and rates through turns; a closed ticket is not cancelled again', async () => {
    const t = await opened('a');
    await turn(t.conversationId, [{ kind: 'escalate', ticketId: t.id, priority: 4, at: T0 + 2 * MIN }]);
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ emergency: true, priority: 4, state: 'waiting', updatedAt: T0 + 2 * MIN });
    await turn(t.conversationId, [{ kind: 'escalate', ticketId: t.id, priority: 1, at: T0 + 3 * MIN }]);
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ priority: 4 });
    await turn(t.conversationId, [{ kind: 'cancel', ticketId: t.id, at: T0 + 4 * MIN }]);
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ state: 'closed', outcome: 'cancelled_by_patient', closedAt: T0 + 4 * MIN, closedBy: null });
    await turn(t.conversationId, [{ kind: 'cancel', ticketId: t.id, at: T0 + 5 * MIN }, { kind: 'rate', ticketId: t.id, rating: 4, at: T0 + 5 * MIN }]);
    await expect(store.tickets.get(t.id)).resolves.toMatchObject({ closedAt: T0 + 4 * MIN, rating: 4 });
    // Another ticket may be opened once the first is closed.
    await expect(turn(t.conversationId, [{ kind: 'open', ticket: ticket('t-second', t.conversationId, { createdAt: T0 + 6 * MIN }) }])).resolves.toMatchObject({ status: 'committed' });
    await expect(store.tickets.openFor(t.conversationId)).resolves.toMatchObject({ id: 't-second' });
  });

  it('keeps private notes on the timeline, oldest first, and copies what it hands out', async () => {
    const t = await opened('a');
    await expect(store.tickets.addNote({ id: 'n1', ticketId: t.id, actorId: 'op-1', at: T0 + 2 * MIN, text: 'রোগী বয়স্ক; ছেলের নম্বর চাই' })).resolves.toBe(true);
    await expect(store.tickets.addNote({ id: 'n2', ticketId: 'nope', actorId: 'op-1', at: T0, text: 'x' })).resolves.toBe(false);
    const events = await store.tickets.events(t.id);
    expect(events).toEqual([{ id: 'n1', ticketId: t.id, at: T0 + 2 * MIN, kind: 'note', actorId: 'op-1', text: 'রোগী বয়স্ক; ছেলের নম্বর চাই', messageId: null, details: {} }]);
    const got = (await store.tickets.get(t.id))!;
    got.triage!.reasons.push('changed');
    events[0]!.text = 'changed';
    await expect(store.tickets.get(t.id)).resolves.toStrictEqual(t);
    await expect(store.tickets.events(t.id)).resolves.toMatchObject([{ text: 'রোগী বয়স্ক; ছেলের নম্বর চাই' }]);
  });

  it("keeps a doctor's registration number with the account, and removes it when set to ''", async () => {
    const account: Account = {
      id: 'doc-1', username: 'asha', displayName: 'ডাঃ আশা দাস', roles: ['doctor'], languages: ['bn'], queues: [], active: true,
      registration: 'WBMC 61234', passwordHash: '$2b$04$abcdefghijklmnopqrstuu', createdAt: T0, updatedAt: T0,
    };
    await store.accounts.create(account);
    await expect(store.accounts.get('doc-1')).resolves.toStrictEqual(account);
    await expect(store.accounts.update('doc-1', { registration: 'WBMC 99999' }, T0 + 1)).resolves.toMatchObject({ registration: 'WBMC 99999' });
    const cleared = await store.accounts.update('doc-1', { registration: '' }, T0 + 2);
    expect(cleared).not.toHaveProperty('registration');
    await expect(store.accounts.get('doc-1')).resolves.not.toHaveProperty('registration');
  });
}
