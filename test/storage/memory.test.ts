import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { Session } from '../../src/engine/session';
import { describeStoreContract } from './contract';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close(), reportsOthersPending: true };
});

describe('memory store: sessions kept frozen, shared where unchanged (frozen.ts)', () => {
  const session = (): Session => ({
    stack: [{ flow: 'triage', version: 'v1', state: 'spo2', waiting: { retries: 0 } }],
    lang: 'bn',
    vars: { triage: { q: { spo2: 93, symptoms: ['fever'] } }, profile: { consent: true } },
    turns: 3,
  });
  const inbound = (pmid: string) => ({ id: `in-${pmid}`, platformMessageId: pmid, content: { kind: 'text' as const, text: 'x' }, sentAt: 0, receivedAt: 1 });

  it('hands out a session whose top and vars are the caller’s, and whose stack and values are frozen', async () => {
    const store = createMemoryStore();
    const given = session();
    const conv = await store.conversations.findOrCreate('webchat', 'u1', { id: 'c1', session: given, now: 0 });
    // What the caller passed in stays the caller's: nothing of it was frozen or kept.
    expect(Object.isFrozen(given.vars.triage)).toBe(false);
    given.vars.profile = { consent: false };
    (given.vars.triage as { q: { spo2: number } }).q.spo2 = 80;

    conv.session.lang = 'hi';
    conv.session.vars.extra = 1;
    expect(() => {
      (conv.session.vars.triage as { q: { spo2: number } }).q.spo2 = 70;
    }).toThrow(TypeError);
    expect(() => conv.session.stack.pop()).toThrow(TypeError);
    expect((await store.conversations.get('c1'))!.session).toEqual(session());
  });

  it('keeps the values a committed turn did not change, and copies the ones it wrote', async () => {
    const store = createMemoryStore();
    const conv = await store.conversations.findOrCreate('webchat', 'u1', { id: 'c1', session: session(), now: 0 });
    const kept = conv.session.vars.profile;
    const next: Session = { ...conv.session, vars: { ...conv.session.vars, triage: { q: { spo2: 97 } } } };
    await expect(store.turns.commit({ conversationId: 'c1', expectedVersion: 0, session: next, inbound: inbound('p1'), outbound: [] })).resolves.toMatchObject({ status: 'committed' });
    // Changing the written value afterwards changes nothing stored.
    (next.vars.triage as { q: { spo2: number } }).q.spo2 = 50;
    const read = await store.conversations.get('c1');
    expect(read!.session.vars).toEqual({ triage: { q: { spo2: 97 } }, profile: { consent: true } });
    expect(read!.session.vars.profile).toBe(kept);
    expect(Object.isFrozen(read!.session.vars.triage)).toBe(true);
  });

  it('refuses a turn whose outbox id is already pending, as SQLite does, and stores nothing of it', async () => {
    const store = createMemoryStore();
    await store.conversations.findOrCreate('webchat', 'u1', { id: 'c1', session: session(), now: 0 });
    const reply = (id: string) => ({ id, text: 'x', createdAt: 1 });
    await store.turns.commit({ conversationId: 'c1', expectedVersion: 0, session: session(), inbound: inbound('p1'), outbound: [reply('o1')] });
    await expect(store.turns.commit({ conversationId: 'c1', expectedVersion: 1, session: session(), inbound: inbound('p2'), outbound: [reply('o1')] })).rejects.toThrow('outbox id o1 is already taken');
    await expect(store.turns.commit({ conversationId: 'c1', expectedVersion: 1, session: session(), inbound: inbound('p3'), outbound: [reply('o2'), reply('o2')] })).rejects.toThrow('outbox id o2 is already taken');
    expect((await store.outbox.due(Number.MAX_SAFE_INTEGER)).map((i) => i.id)).toEqual(['o1']);
    expect((await store.conversations.get('c1'))!.version).toBe(1);
  });
});
