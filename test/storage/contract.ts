/**
 * The behaviour every Store driver must have, written only against the Store
 * interface. Each driver's test file calls `describeStoreContract` with a way to
 * open a fresh, empty store (and, for durable drivers, to reopen it).
 *
 * Rules pinned here that repositories.ts leaves implicit:
 * - a new conversation starts at version 0; each committed turn adds 1 and sets
 *   updatedAt to the turn's inbound.receivedAt;
 * - an inbound message is stored with `at = receivedAt`, an outbound one with `at = createdAt`;
 *   messages with the same `at` keep the order they were committed in;
 * - a duplicate wins over a conflict (a redelivered message never runs twice);
 * - outbox items are due oldest `createdAt` first, then in commit order;
 *   every attempt counts (markSent too), a postponement (the patient is offline) does not;
 *   a failure or postponement reported for an item that is no longer pending changes nothing;
 * - flowVersions.save keeps the first definition saved under a version;
 * - conversations.setReachable(false) keeps the first unreachableSince; (true) or a committed
 *   turn removes the key (it is absent, never undefined); neither changes version or updatedAt;
 * - stored values are copies: mutating what was passed in or handed out changes nothing stored.
 */
import type { Session } from '../../src/engine/session';
import type { ChannelName, Choice, InboundContent } from '../../src/router/message';
import type { CommitResult, Conversation, OutboxStatus, Store, StoredOutbound, Turn } from '../../src/storage/repositories';
import { describeConsoleRepositoryContract } from './contract-console';
import { describeHospitalContract } from './contract-hospitals';
import { describeFaqRepositoryContract } from './contract-faq';
import { describeTicketContract } from './contract-tickets';
import { describeFollowupContract } from './contract-followups';

export interface OpenedStore {
  store: Store;
  /** Open the same data again (the suite closes `store` first). */
  reopen?: () => Promise<Store>;
  /** Close whatever is still open and remove the data. */
  cleanup: () => Promise<void>;
  /** The driver's commits say whether anything else was pending for the patient (CommitResult.othersPending). */
  reportsOthersPending?: boolean;
  /** A commit that says nothing else was pending also gives `unchangedElsewhere` (another process may write the same data). */
  reportsUnchangedElsewhere?: boolean;
}

const T0 = 1_700_000_000_000;
const SEC = 1000;

/** Long, mixed-script text: Bengali, Devanagari (with conjuncts and nukta), emoji with ZWJ, ZWNJ, combining marks. */
const BENGALI = 'আমার জ্বর ১০২°, শ্বাসকষ্ট হচ্ছে। র‍্যাব, ক্‌ষ';
const HINDI = 'मुझे बुख़ार है, सांस नहीं आ रही। क्षत्रिय ज़्यादा ०१२३';
const EMOJI = '🤒😷 👩🏽‍⚕️ 🇧🇩🇮🇳 e\u0301 \u200d\u200c';
const LONG = (BENGALI + HINDI + EMOJI).repeat(120).slice(0, 5000);

function richSession(turns = 0): Session {
  return {
    stack: [
      { flow: 'home', version: 'v1', state: 'menu' },
      { flow: 'triage', version: 'sha-9f2c', state: 'spo2', waiting: { retries: 1 } },
    ],
    lang: 'bn',
    vars: {
      symptoms: { fever: true, breathless: false, days: 3 },
      vitals: { spo2: 93.5, temp: -0.25, pulse: null },
      tags: ['migrant', 'ksa', ''],
      note: BENGALI,
      empty: {},
      nested: { a: [{ b: [1, 2, { c: 'x' }] }] },
    },
    turns,
  };
}

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    let ids = 0;
    const nextId = (prefix: string): string => `${prefix}-${++ids}`;

    beforeEach(async () => {
      ids = 0;
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    /** A committed result as this driver gives it: whether others were pending, where it says so. */
    function committed(version: number, othersPending: boolean): CommitResult {
      if (!opened.reportsOthersPending) return { status: 'committed', version };
      if (othersPending || !opened.reportsUnchangedElsewhere) return { status: 'committed', version, othersPending };
      return { status: 'committed', version, othersPending, unchangedElsewhere: expect.any(Function) as () => boolean };
    }

    /** The outbox's counts, its pending count checked against them. */
    async function outboxCounts(): Promise<Record<OutboxStatus, number>> {
      const counts = await store.outbox.countByStatus();
      expect(await store.outbox.countPending()).toBe(counts.pending);
      return counts;
    }

    async function conversation(channel: ChannelName = 'telegram', userId = 'user-1', session: Session = richSession()): Promise<Conversation> {
      return store.conversations.findOrCreate(channel, userId, { id: nextId('conv'), session, now: T0 });
    }

    function out(text: string, at: number, choices?: Choice[]): StoredOutbound {
      return choices ? { id: nextId('out'), text, choices, createdAt: at } : { id: nextId('out'), text, createdAt: at };
    }

    function turn(
      conv: { id: string },
      opts: { pmid: string; expectedVersion: number; at?: number; session?: Session; content?: InboundContent; outbound?: StoredOutbound[] },
    ): Turn {
      const at = opts.at ?? T0 + SEC;
      return {
        conversationId: conv.id,
        expectedVersion: opts.expectedVersion,
        session: opts.session ?? richSession(opts.expectedVersion + 1),
        inbound: {
          id: nextId('in'),
          platformMessageId: opts.pmid,
          content: opts.content ?? { kind: 'text', text: `message ${opts.pmid}` },
          sentAt: at - 200,
          receivedAt: at,
        },
        outbound: opts.outbound ?? [out(`reply to ${opts.pmid}`, at)],
      };
    }

    /** Everything observable about one conversation, to prove that nothing changed. */
    async function snapshot(conv: { id: string }) {
      return {
        conversation: await store.conversations.get(conv.id),
        messages: await store.messages.list(conv.id),
        outbox: await store.outbox.due(Number.MAX_SAFE_INTEGER),
        counts: await outboxCounts(),
      };
    }

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBe(true);
    });

    describe('conversations', () => {
      it('makes a new conversation\'s start only when the conversation is new (given as a function)', async () => {
        let made = 0;
        const start = () => ({ id: `lazy-${++made}`, session: richSession(), now: T0 });
        const created = await store.conversations.findOrCreate('telegram', 'lazy-user', start);
        expect(created).toMatchObject({ id: 'lazy-1', channel: 'telegram', userId: 'lazy-user', version: 0 });
        await expect(store.conversations.findOrCreate('telegram', 'lazy-user', start)).resolves.toStrictEqual(created);
        expect(made).toBe(1);
      });

      it('creates a conversation at version 0 with the given session', async () => {
        const conv = await conversation('whatsapp', '8801711000000@c.us');
        expect(conv).toStrictEqual({
          id: 'conv-1',
          channel: 'whatsapp',
          userId: '8801711000000@c.us',
          session: richSession(),
          version: 0,
          createdAt: T0,
          updatedAt: T0,
        });
        await expect(store.conversations.get(conv.id)).resolves.toStrictEqual(conv);
        await expect(store.conversations.count()).resolves.toBe(1);
      });

      it('findOrCreate returns the existing conversation, ignoring the new init', async () => {
        const first = await conversation('telegram', '42');
        const again = await store.conversations.findOrCreate('telegram', '42', {
          id: 'other-id',
          session: { stack: [], lang: null, vars: {}, turns: 0 },
          now: T0 + 99 * SEC,
        });
        expect(again).toStrictEqual(first);
        await expect(store.conversations.get('other-id')).resolves.toBeUndefined();
        await expect(store.conversations.count()).resolves.toBe(1);
      });

      it('keeps conversations distinct per channel and per user', async () => {
        const a = await conversation('telegram', '42');
        const b = await conversation('whatsapp', '42');
        const c = await conversation('telegram', '43');
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect(b).toMatchObject({ channel: 'whatsapp', userId: '42' });
        await expect(store.conversations.count()).resolves.toBe(3);
      });

      it('creates one conversation when several messages of a new user race', async () => {
        const all = await Promise.all(
          [1, 2, 3, 4, 5].map((i) => store.conversations.findOrCreate('webchat', 'racer', { id: `race-${i}`, session: richSession(), now: T0 })),
        );
        expect(new Set(all.map((c) => c.id)).size).toBe(1);
        await expect(store.conversations.count()).resolves.toBe(1);
      });

      it('findByUser finds a user\'s conversation on its channel and creates none for an unknown user', async () => {
        const conv = await conversation('telegram', '42');
        await expect(store.conversations.findByUser('telegram', '42')).resolves.toStrictEqual(conv);
        await expect(store.conversations.findByUser('whatsapp', '42')).resolves.toBeUndefined();
        await expect(store.conversations.findByUser('telegram', '43')).resolves.toBeUndefined();
        await expect(store.conversations.count()).resolves.toBe(1);
      });

      it('returns undefined for an unknown id', async () => {
        await expect(store.conversations.get('nope')).resolves.toBeUndefined();
      });

      it('hands out copies: mutating a session passed in or read back changes nothing stored', async () => {
        const init = richSession();
        const conv = await store.conversations.findOrCreate('cli', 'me', { id: 'c1', session: init, now: T0 });
        init.vars.note = 'changed';
        init.stack.pop();
        conv.session.vars.tags = [];
        const read = await store.conversations.get('c1');
        read!.session.lang = 'hi';
        await expect(store.conversations.get('c1')).resolves.toMatchObject({ session: richSession() });
      });
    });

    describe('conversations.setReachable', () => {
      it('marks a patient unreachable without touching the version, keeps the first time, and clears it', async () => {
        const conv = await conversation('telegram', '42');
        await store.turns.commit(turn(conv, { pmid: 'r1', expectedVersion: 0 }));
        await store.conversations.setReachable(conv.id, false, T0 + 5 * SEC);
        await store.conversations.setReachable(conv.id, false, T0 + 9 * SEC);
        const marked = await store.conversations.get(conv.id);
        expect(marked).toMatchObject({ version: 1, updatedAt: T0 + SEC, unreachableSince: T0 + 5 * SEC });
        await expect(store.conversations.findOrCreate('telegram', '42', { id: 'x', session: richSession(), now: T0 })).resolves.toStrictEqual(marked);

        await store.conversations.setReachable(conv.id, true, T0 + 10 * SEC);
        const cleared = await store.conversations.get(conv.id);
        // Absent, not undefined: a reachable conversation has the same shape as a new one.
        expect(cleared).not.toHaveProperty('unreachableSince');
        expect(cleared).toMatchObject({ version: 1, updatedAt: T0 + SEC });
      });

      it('is cleared by the patient\'s next committed turn, and not by a duplicate', async () => {
        const conv = await conversation('telegram', '42');
        await store.turns.commit(turn(conv, { pmid: 'r1', expectedVersion: 0 }));
        await store.conversations.setReachable(conv.id, false, T0 + 5 * SEC);
        await expect(store.turns.commit(turn(conv, { pmid: 'r1', expectedVersion: 1 }))).resolves.toEqual({ status: 'duplicate' });
        await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ unreachableSince: T0 + 5 * SEC });
        await store.turns.commit(turn(conv, { pmid: 'r2', expectedVersion: 1, at: T0 + 6 * SEC }));
        await expect(store.conversations.get(conv.id)).resolves.not.toHaveProperty('unreachableSince');
      });

      it('leaves other conversations alone and ignores an unknown id', async () => {
        const a = await conversation('telegram', '42');
        const b = await conversation('telegram', '43');
        await store.conversations.setReachable(a.id, false, T0);
        await store.conversations.setReachable('nope', false, T0);
        await expect(store.conversations.get(b.id)).resolves.toStrictEqual(b);
        await expect(store.conversations.get('nope')).resolves.toBeUndefined();
        await expect(store.conversations.count()).resolves.toBe(2);
      });
    });

    describe('turns.commit', () => {
      it('stores the session, messages and outbox rows, and bumps the version', async () => {
        const conv = await conversation('telegram', '42');
        const choices = [
          { payload: 'yes', title: 'হ্যাঁ' },
          { payload: 'no', title: 'না' },
        ];
        const t = turn(conv, {
          pmid: 'tg-42-1',
          expectedVersion: 0,
          session: richSession(1),
          outbound: [out('প্রথম', T0 + SEC), out('দ্বিতীয়?', T0 + SEC, choices)],
        });
        await expect(store.turns.commit(t)).resolves.toEqual(committed(1, false));

        await expect(store.conversations.get(conv.id)).resolves.toStrictEqual({ ...conv, session: richSession(1), version: 1, updatedAt: T0 + SEC });
        await expect(store.messages.list(conv.id)).resolves.toEqual([
          { id: t.inbound.id, conversationId: conv.id, direction: 'in', content: t.inbound.content, at: T0 + SEC },
          { id: t.outbound[0]!.id, conversationId: conv.id, direction: 'out', content: { kind: 'text', text: 'প্রথম' }, at: T0 + SEC },
          { id: t.outbound[1]!.id, conversationId: conv.id, direction: 'out', content: { kind: 'text', text: 'দ্বিতীয়?', choices }, at: T0 + SEC },
        ]);
        const outbox = await store.outbox.due(T0 + SEC);
        expect(outbox).toEqual([
          {
            id: t.outbound[0]!.id,
            conversationId: conv.id,
            channel: 'telegram',
            userId: '42',
            text: 'প্রথম',
            status: 'pending',
            attempts: 0,
            nextAttemptAt: T0 + SEC,
            createdAt: T0 + SEC,
          },
          {
            id: t.outbound[1]!.id,
            conversationId: conv.id,
            channel: 'telegram',
            userId: '42',
            text: 'দ্বিতীয়?',
            choices,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: T0 + SEC,
            createdAt: T0 + SEC,
          },
        ]);
        expect(outbox[0]).not.toHaveProperty('choices');
        expect(outbox[0]).not.toHaveProperty('lastError');
        await expect(outboxCounts()).resolves.toEqual({ pending: 2, sent: 0, dead: 0 });
      });

      it('commits successive turns, each on the version the previous one produced', async () => {
        const conv = await conversation();
        for (let v = 0; v < 5; v++) {
          await expect(store.turns.commit(turn(conv, { pmid: `m${v}`, expectedVersion: v, at: T0 + v * SEC }))).resolves.toEqual(committed(v + 1, v > 0));
        }
        await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ version: 5, session: richSession(5), updatedAt: T0 + 4 * SEC });
        await expect(store.messages.list(conv.id)).resolves.toHaveLength(10);
      });

      it('commits a turn without outbound messages', async () => {
        const conv = await conversation();
        await expect(store.turns.commit(turn(conv, { pmid: 'quiet', expectedVersion: 0, outbound: [] }))).resolves.toEqual(committed(1, false));
        await expect(store.messages.list(conv.id)).resolves.toHaveLength(1);
        await expect(outboxCounts()).resolves.toEqual({ pending: 0, sent: 0, dead: 0 });
      });

      it('stores every kind of inbound content as given', async () => {
        const conv = await conversation();
        const contents: InboundContent[] = [
          { kind: 'text', text: HINDI },
          { kind: 'choice', payload: 'lang:bn', text: 'বাংলা' },
          { kind: 'choice', payload: 'menu' },
          { kind: 'location', lat: 22.5726, lng: 88.3639 },
          { kind: 'media', mediaType: 'image', ref: 'tg:file/AgAC-1', caption: 'রিপোর্ট' },
          { kind: 'contact', phone: '+8801711000000', name: 'রহিম' },
          { kind: 'unsupported', what: 'poll' },
        ];
        for (const [i, content] of contents.entries()) {
          await store.turns.commit(turn(conv, { pmid: `k${i}`, expectedVersion: i, content, outbound: [], at: T0 + i }));
        }
        const listed = await store.messages.list(conv.id);
        expect(listed.map((m) => m.content)).toStrictEqual(contents);
      });

      it('marks the inbound message as seen, per channel', async () => {
        const conv = await conversation('telegram', '42');
        await expect(store.turns.seen('telegram', 'p1')).resolves.toBe(false);
        await store.turns.commit(turn(conv, { pmid: 'p1', expectedVersion: 0 }));
        await expect(store.turns.seen('telegram', 'p1')).resolves.toBe(true);
        await expect(store.turns.seen('whatsapp', 'p1')).resolves.toBe(false);
        await expect(store.turns.seen('telegram', 'p2')).resolves.toBe(false);
      });

      it('rejects a turn for a conversation that does not exist', async () => {
        await expect(store.turns.commit(turn({ id: 'ghost' }, { pmid: 'g1', expectedVersion: 0 }))).rejects.toThrow();
        await expect(store.turns.seen('telegram', 'g1')).resolves.toBe(false);
      });
    });

    describe('duplicates', () => {
      it('answers duplicate and changes nothing, even when the duplicate carries another session', async () => {
        const conv = await conversation('whatsapp', 'w1');
        await store.turns.commit(turn(conv, { pmid: 'wamid.1', expectedVersion: 0 }));
        const before = await snapshot(conv);

        const redelivered = turn(conv, {
          pmid: 'wamid.1',
          expectedVersion: 1,
          session: { stack: [], lang: 'en', vars: { hijacked: true }, turns: 99 },
          outbound: [out('should never be sent', T0 + 5 * SEC)],
        });
        await expect(store.turns.commit(redelivered)).resolves.toEqual({ status: 'duplicate' });
        expect(await snapshot(conv)).toStrictEqual(before);
        await expect(store.outbox.get(redelivered.outbound[0]!.id)).resolves.toBeUndefined();
      });

      it('answers duplicate rather than conflict when the duplicate is also stale', async () => {
        const conv = await conversation();
        await store.turns.commit(turn(conv, { pmid: 'x1', expectedVersion: 0 }));
        await store.turns.commit(turn(conv, { pmid: 'x2', expectedVersion: 1 }));
        const before = await snapshot(conv);
        await expect(store.turns.commit(turn(conv, { pmid: 'x1', expectedVersion: 0 }))).resolves.toEqual({ status: 'duplicate' });
        expect(await snapshot(conv)).toStrictEqual(before);
      });

      it('dedupes on (channel, platform message id): the same id on another channel is a new message', async () => {
        const tg = await conversation('telegram', 'u');
        const wa = await conversation('whatsapp', 'u');
        await expect(store.turns.commit(turn(tg, { pmid: 'same', expectedVersion: 0 }))).resolves.toMatchObject({ status: 'committed' });
        await expect(store.turns.commit(turn(wa, { pmid: 'same', expectedVersion: 0 }))).resolves.toMatchObject({ status: 'committed' });
      });

      it('dedupes across conversations of the same channel (adapters must make ids unique per channel)', async () => {
        const a = await conversation('telegram', 'a');
        const b = await conversation('telegram', 'b');
        await store.turns.commit(turn(a, { pmid: 'dup', expectedVersion: 0 }));
        await expect(store.turns.commit(turn(b, { pmid: 'dup', expectedVersion: 0 }))).resolves.toEqual({ status: 'duplicate' });
        await expect(store.conversations.get(b.id)).resolves.toMatchObject({ version: 0 });
        await expect(store.messages.list(b.id)).resolves.toEqual([]);
      });
    });

    describe('conflicts', () => {
      it('answers conflict on a stale version and changes nothing (no orphan inbound message)', async () => {
        const conv = await conversation();
        await store.turns.commit(turn(conv, { pmid: 'c1', expectedVersion: 0 }));
        const before = await snapshot(conv);

        const stale = turn(conv, { pmid: 'c2', expectedVersion: 0, session: richSession(42) });
        await expect(store.turns.commit(stale)).resolves.toEqual({ status: 'conflict' });
        expect(await snapshot(conv)).toStrictEqual(before);
        await expect(store.turns.seen('telegram', 'c2')).resolves.toBe(false);
        await expect(store.outbox.get(stale.outbound[0]!.id)).resolves.toBeUndefined();

        // Rerun on the version just read: the same message now commits.
        await expect(store.turns.commit(turn(conv, { pmid: 'c2', expectedVersion: 1 }))).resolves.toEqual(committed(2, true));
      });

      it('answers conflict for a version from the future', async () => {
        const conv = await conversation();
        await expect(store.turns.commit(turn(conv, { pmid: 'f1', expectedVersion: 3 }))).resolves.toEqual({ status: 'conflict' });
        await expect(store.conversations.get(conv.id)).resolves.toMatchObject({ version: 0 });
      });

      it('lets exactly one of two turns computed on the same version commit', async () => {
        const conv = await conversation();
        const results = await Promise.all([
          store.turns.commit(turn(conv, { pmid: 'r1', expectedVersion: 0 })),
          store.turns.commit(turn(conv, { pmid: 'r2', expectedVersion: 0 })),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['committed', 'conflict']);
        await expect(store.messages.list(conv.id)).resolves.toHaveLength(2);
      });

      // A driver may group-commit the turns of many conversations (the SQLite one does):
      // each turn must still stand or fall on its own.
      it('keeps turns issued together independent: a stale or impossible one changes nothing of the others', async () => {
        const [a, b, c] = [await conversation('telegram', 'a'), await conversation('telegram', 'b'), await conversation('telegram', 'c')];
        await store.turns.commit(turn(b, { pmid: 'b0', expectedVersion: 0 }));
        const results = await Promise.allSettled([
          store.turns.commit(turn(a, { pmid: 'a1', expectedVersion: 0 })),
          store.turns.commit(turn(b, { pmid: 'b1', expectedVersion: 0 })),
          store.turns.commit(turn({ id: 'ghost' }, { pmid: 'g1', expectedVersion: 0 })),
          store.turns.commit(turn(c, { pmid: 'c1', expectedVersion: 0 })),
        ]);
        expect(results[0]).toEqual({ status: 'fulfilled', value: committed(1, false) });
        expect(results[1]).toEqual({ status: 'fulfilled', value: { status: 'conflict' } });
        expect(results[2]?.status).toBe('rejected');
        expect(results[3]).toEqual({ status: 'fulfilled', value: committed(1, false) });
        await expect(store.conversations.get(b.id)).resolves.toMatchObject({ version: 1 });
        await expect(store.messages.list(b.id)).resolves.toHaveLength(2);
        await expect(store.turns.seen('telegram', 'b1')).resolves.toBe(false);
        await expect(store.turns.seen('telegram', 'g1')).resolves.toBe(false);
        for (const conv of [a, c]) await expect(store.messages.list(conv.id)).resolves.toHaveLength(2);
        await expect(outboxCounts()).resolves.toEqual({ pending: 3, sent: 0, dead: 0 });
      });

      it('answers duplicate for a redelivery on the current version issued with other turns, which still commit', async () => {
        const [a, b] = [await conversation('telegram', 'a'), await conversation('telegram', 'b')];
        await store.turns.commit(turn(a, { pmid: 'a1', expectedVersion: 0 }));
        const before = await snapshot(a);
        // The version matches, so only the stored inbound message shows it is a redelivery.
        const redelivered = turn(a, { pmid: 'a1', expectedVersion: 1, session: { stack: [], lang: 'en', vars: { hijacked: true }, turns: 99 } });
        const results = await Promise.all([store.turns.commit(redelivered), store.turns.commit(turn(b, { pmid: 'b1', expectedVersion: 0 }))]);
        expect(results).toEqual([{ status: 'duplicate' }, committed(1, false)]);
        const after = await snapshot(a);
        expect(after.conversation).toStrictEqual(before.conversation);
        expect(after.messages).toStrictEqual(before.messages);
        await expect(store.outbox.get(redelivered.outbound[0]!.id)).resolves.toBeUndefined();
        await expect(store.messages.list(b.id)).resolves.toHaveLength(2);
      });
    });

    describe('outbox', () => {
      /** Two conversations, three turns, four outbound messages created at T0+1s, +2s, +2s, +3s. */
      async function fill() {
        const tg = await conversation('telegram', 't-user');
        const wa = await conversation('whatsapp', 'w-user');
        const t1 = turn(tg, { pmid: 'o1', expectedVersion: 0, at: T0 + SEC });
        const t2 = turn(wa, { pmid: 'o2', expectedVersion: 0, at: T0 + 2 * SEC, outbound: [out('wa-a', T0 + 2 * SEC), out('wa-b', T0 + 2 * SEC)] });
        const t3 = turn(tg, { pmid: 'o3', expectedVersion: 1, at: T0 + 3 * SEC });
        // Committed out of creation order: due() must still answer oldest first.
        for (const t of [t1, t3, t2]) expect(await store.turns.commit(t)).toMatchObject({ status: 'committed' });
        const [a, b, c, d] = [t1.outbound[0]!.id, t2.outbound[0]!.id, t2.outbound[1]!.id, t3.outbound[0]!.id];
        return { tg, wa, a, b, c, d };
      }
      const ids = (items: { id: string }[]) => items.map((i) => i.id);

      it("says on commit whether anything else of the patient's was pending: only theirs, sent or given up ones not counted", async () => {
        const said = async (t: Turn) => {
          const result = await store.turns.commit(t);
          expect(result.status).toBe('committed');
          return result.status === 'committed' ? result.othersPending : undefined;
        };
        // A driver that does not say leaves it out; delivery then reads the outbox.
        const expected = (othersPending: boolean) => (opened.reportsOthersPending ? othersPending : undefined);
        const tg = await conversation('telegram', 'same-id');
        const wa = await conversation('whatsapp', 'same-id');
        const first = turn(tg, { pmid: 'p1', expectedVersion: 0 });
        expect(await said(first)).toBe(expected(false));
        // Another channel's patient with the same user id is someone else.
        expect(await said(turn(wa, { pmid: 'p2', expectedVersion: 0 }))).toBe(expected(false));
        const second = turn(tg, { pmid: 'p3', expectedVersion: 1 });
        expect(await said(second)).toBe(expected(true));
        for (const o of [...first.outbound, ...second.outbound]) await store.outbox.markSent(o.id, T0 + 9 * SEC);
        const third = turn(tg, { pmid: 'p4', expectedVersion: 2 });
        expect(await said(third)).toBe(expected(false));
        // Failed and waiting for its retry: still pending.
        await store.outbox.markFailed(third.outbound[0]!.id, 'network', T0 + 60 * SEC);
        const fifth = turn(tg, { pmid: 'p5', expectedVersion: 3 });
        expect(await said(fifth)).toBe(expected(true));
        // Given up (dead) or sent: not pending any more.
        await store.outbox.markFailed(third.outbound[0]!.id, 'blocked', null);
        for (const o of fifth.outbound) await store.outbox.markSent(o.id, T0 + 9 * SEC);
        expect(await said(turn(tg, { pmid: 'p6', expectedVersion: 4 }))).toBe(expected(false));
      });

      it('gives due items oldest first, only those due, with limit and filters', async () => {
        const { a, b, c, d } = await fill();
        expect(ids(await store.outbox.due(T0))).toEqual([]);
        expect(ids(await store.outbox.due(T0 + 2 * SEC))).toEqual([a, b, c]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC))).toEqual([a, b, c, d]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { limit: 2 }))).toEqual([a, b]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'telegram' }))).toEqual([a, d]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'whatsapp', limit: 1 }))).toEqual([b]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { userId: 'w-user' }))).toEqual([b, c]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'telegram', userId: 'w-user' }))).toEqual([]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'webchat' }))).toEqual([]);
      });

      it("gives one patient's due items (channel and user) oldest first, with a limit", async () => {
        const { tg, a, d } = await fill();
        const later = turn(tg, { pmid: 'o4', expectedVersion: 2, at: T0 + 4 * SEC, outbound: [out('tg-x', T0 + 4 * SEC), out('tg-y', T0 + 4 * SEC)] });
        await store.turns.commit(later);
        const [x, y] = later.outbound.map((o) => o.id);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'telegram', userId: 't-user' }))).toEqual([a, d, x, y]);
        expect(ids(await store.outbox.due(T0 + 3 * SEC, { channel: 'telegram', userId: 't-user' }))).toEqual([a, d]);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'telegram', userId: 't-user', limit: 3 }))).toEqual([a, d, x]);
        await store.outbox.markSent(a, T0 + 5 * SEC);
        await store.outbox.markFailed(d, 'ETIMEDOUT', T0 + 60 * SEC);
        expect(ids(await store.outbox.due(T0 + 9 * SEC, { channel: 'telegram', userId: 't-user' }))).toEqual([x, y]);
        expect(ids(await store.outbox.due(T0 + 60 * SEC, { channel: 'telegram', userId: 't-user' }))).toEqual([d, x, y]);
      });

      it('marks sent together all land', async () => {
        const { a, b, c, d } = await fill();
        await Promise.all([a, b, c].map((id) => store.outbox.markSent(id, T0 + 5 * SEC)));
        expect(ids(await store.outbox.due(T0 + 9 * SEC))).toEqual([d]);
        await expect(outboxCounts()).resolves.toEqual({ pending: 1, sent: 3, dead: 0 });
      });

      it('keeps in commit order the messages of one turn created in the same millisecond', async () => {
        const conv = await conversation();
        const many = Array.from({ length: 6 }, (_, i) => out(`part ${i}`, T0));
        await store.turns.commit(turn(conv, { pmid: 'burst', expectedVersion: 0, at: T0, outbound: many }));
        expect(ids(await store.outbox.due(T0))).toEqual(many.map((m) => m.id));
        expect((await store.messages.list(conv.id)).slice(1).map((m) => m.id)).toEqual(many.map((m) => m.id));
      });

      it('markSent takes an item out of the queue', async () => {
        const { a, b, c, d } = await fill();
        await store.outbox.markSent(a, T0 + 4 * SEC);
        expect(ids(await store.outbox.due(T0 + 9 * SEC))).toEqual([b, c, d]);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ status: 'sent', attempts: 1 });
        await store.outbox.markSent(a, T0 + 5 * SEC); // reported twice: harmless
        await expect(store.outbox.get(a)).resolves.toMatchObject({ status: 'sent', attempts: 1 });
        await expect(outboxCounts()).resolves.toEqual({ pending: 3, sent: 1, dead: 0 });
      });

      it('markFailed with a retry time counts the attempt and reschedules', async () => {
        const { a, b, c, d } = await fill();
        await store.outbox.markFailed(a, 'ETIMEDOUT', T0 + 30 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({
          status: 'pending',
          attempts: 1,
          lastError: 'ETIMEDOUT',
          nextAttemptAt: T0 + 30 * SEC,
          createdAt: T0 + SEC,
        });
        expect(ids(await store.outbox.due(T0 + 29 * SEC))).toEqual([b, c, d]);
        // Once due again it keeps its place: oldest created first.
        expect(ids(await store.outbox.due(T0 + 30 * SEC))).toEqual([a, b, c, d]);

        await store.outbox.markFailed(a, '429 Too Many Requests', T0 + 60 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ attempts: 2, lastError: '429 Too Many Requests', nextAttemptAt: T0 + 60 * SEC });
        await store.outbox.markSent(a, T0 + 61 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ status: 'sent', attempts: 3 });
      });

      it('markFailed without a retry time gives the item up for dead', async () => {
        const { a, b, c, d } = await fill();
        await store.outbox.markFailed(b, '403 bot was blocked by the user', null);
        await expect(store.outbox.get(b)).resolves.toMatchObject({ status: 'dead', attempts: 1, lastError: '403 bot was blocked by the user' });
        expect(ids(await store.outbox.due(Number.MAX_SAFE_INTEGER))).toEqual([a, c, d]);
        // A late failure report for a dead or sent item changes nothing.
        await store.outbox.markFailed(b, 'late', T0);
        await expect(store.outbox.get(b)).resolves.toMatchObject({ status: 'dead', attempts: 1, lastError: '403 bot was blocked by the user' });
        await store.outbox.markSent(c, T0 + 3 * SEC);
        await store.outbox.markFailed(c, 'late', null);
        await expect(store.outbox.get(c)).resolves.toMatchObject({ status: 'sent', attempts: 1 });
        await expect(outboxCounts()).resolves.toEqual({ pending: 2, sent: 1, dead: 1 });
        // A late success report wins over dead: the message did reach the patient.
        await store.outbox.markSent(b, T0 + 4 * SEC);
        await expect(store.outbox.get(b)).resolves.toMatchObject({ status: 'sent', attempts: 2 });
        await expect(outboxCounts()).resolves.toEqual({ pending: 2, sent: 2, dead: 0 });
      });

      it('postpone reschedules without counting an attempt and says the item waits for its patient (offline); markFailed says it backs off', async () => {
        const { a, b, c, d } = await fill();
        await expect(store.outbox.get(a)).resolves.not.toHaveProperty('waitReason');
        // A web chat tab closed or WhatsApp unlinked, sweep after sweep: never an attempt.
        for (const hour of [1, 2, 3]) await store.outbox.postpone(a, 'web chat user not connected', T0 + hour * 3600 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({
          status: 'pending',
          attempts: 0,
          lastError: 'web chat user not connected',
          nextAttemptAt: T0 + 3 * 3600 * SEC,
          waitReason: 'offline',
        });
        expect(ids(await store.outbox.due(T0 + 3 * 3600 * SEC - 1))).toEqual([b, c, d]);
        expect(ids(await store.outbox.due(T0 + 3 * 3600 * SEC))).toEqual([a, b, c, d]);

        // A real failure counts and backs off (a wait the patient's writing does not lift), until postponed again.
        await store.outbox.markFailed(a, '429 Too Many Requests', T0 + 4 * 3600 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ attempts: 1, lastError: '429 Too Many Requests', waitReason: 'backoff' });
        await store.outbox.postpone(a, 'WhatsApp is not linked right now', T0 + 5 * 3600 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ attempts: 1, nextAttemptAt: T0 + 5 * 3600 * SEC, waitReason: 'offline' });
        await store.outbox.markSent(a, T0 + 5 * 3600 * SEC);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ status: 'sent', attempts: 2 });

        // Only a pending item is postponed: a late report for a sent or dead one, or an unknown id, changes nothing.
        await store.outbox.postpone(a, 'late', T0);
        await expect(store.outbox.get(a)).resolves.toMatchObject({ status: 'sent', attempts: 2, lastError: 'WhatsApp is not linked right now' });
        await store.outbox.markFailed(b, '403 blocked', null);
        await store.outbox.postpone(b, 'late', T0);
        await expect(store.outbox.get(b)).resolves.toMatchObject({ status: 'dead', attempts: 1, lastError: '403 blocked' });
        await store.outbox.postpone('nope', 'x', T0);
        await expect(outboxCounts()).resolves.toEqual({ pending: 2, sent: 1, dead: 1 });
      });

      it('ignores unknown ids and counts all three statuses on an empty store', async () => {
        await expect(outboxCounts()).resolves.toEqual({ pending: 0, sent: 0, dead: 0 });
        await expect(store.outbox.get('nope')).resolves.toBeUndefined();
        await store.outbox.markSent('nope', T0);
        await store.outbox.markFailed('nope', 'x', null);
        await expect(outboxCounts()).resolves.toEqual({ pending: 0, sent: 0, dead: 0 });
      });
    });

    describe('messages.list', () => {
      it('lists oldest first; with a limit, the newest messages, still oldest first', async () => {
        const conv = await conversation();
        const other = await conversation('webchat', 'other');
        for (let v = 0; v < 4; v++) {
          await store.turns.commit(turn(conv, { pmid: `l${v}`, expectedVersion: v, at: T0 + v * SEC, outbound: [out(`r${v}`, T0 + v * SEC + 10)] }));
        }
        await store.turns.commit(turn(other, { pmid: 'l-other', expectedVersion: 0 }));

        const all = await store.messages.list(conv.id);
        expect(all.map((m) => [m.direction, m.at])).toEqual(
          [0, 1, 2, 3].flatMap((v) => [
            ['in', T0 + v * SEC],
            ['out', T0 + v * SEC + 10],
          ]),
        );
        expect(all.every((m) => m.conversationId === conv.id)).toBe(true);
        const last3 = await store.messages.list(conv.id, { limit: 3 });
        expect(last3).toEqual(all.slice(-3));
        await expect(store.messages.list(conv.id, { limit: 100 })).resolves.toEqual(all);
        await expect(store.messages.list('unknown')).resolves.toEqual([]);
      });

      it('orders by time even when a later turn carries an earlier time', async () => {
        const conv = await conversation();
        await store.turns.commit(turn(conv, { pmid: 'late', expectedVersion: 0, at: T0 + 5 * SEC, outbound: [] }));
        await store.turns.commit(turn(conv, { pmid: 'early', expectedVersion: 1, at: T0 + 2 * SEC, outbound: [] }));
        const listed = await store.messages.list(conv.id);
        expect(listed.map((m) => m.at)).toEqual([T0 + 2 * SEC, T0 + 5 * SEC]);
      });
    });

    describe('flowVersions', () => {
      const def = (label: string) => ({ id: 'triage', spec: 1, version: label, start: 'a', states: { a: { say: `triage.${label}`, end: true } } });

      it('saves, gets and lists versions oldest first, per flow', async () => {
        await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 });
        await store.flowVersions.save({ flowId: 'triage', version: 'v2', definition: def('v2'), createdAt: T0 + SEC });
        await store.flowVersions.save({ flowId: 'home', version: 'v1', definition: { id: 'home' }, createdAt: T0 + 2 * SEC });

        await expect(store.flowVersions.get('triage', 'v2')).resolves.toStrictEqual({ flowId: 'triage', version: 'v2', definition: def('v2'), createdAt: T0 + SEC });
        await expect(store.flowVersions.get('triage', 'v3')).resolves.toBeUndefined();
        await expect(store.flowVersions.get('nope', 'v1')).resolves.toBeUndefined();
        expect((await store.flowVersions.list('triage')).map((v) => v.version)).toEqual(['v1', 'v2']);
        expect((await store.flowVersions.list('home')).map((v) => v.version)).toEqual(['v1']);
        await expect(store.flowVersions.list('nope')).resolves.toEqual([]);
      });

      it('is idempotent: saving a version again keeps the first one', async () => {
        await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 });
        await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 + SEC });
        await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: def('other'), createdAt: T0 + 2 * SEC });
        await expect(store.flowVersions.list('triage')).resolves.toStrictEqual([{ flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 }]);
      });

      it('saves many at once (start-up), as save does each: the first write of a version wins', async () => {
        await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 });
        await store.flowVersions.saveAll([
          { flowId: 'triage', version: 'v1', definition: def('other'), createdAt: T0 + SEC },
          { flowId: 'triage', version: 'v2', definition: def('v2'), createdAt: T0 + SEC },
          { flowId: 'home', version: 'v1', definition: { id: 'home' }, createdAt: T0 + SEC },
          { flowId: 'home', version: 'v1', definition: { id: 'home', again: true }, createdAt: T0 + 2 * SEC },
        ]);
        await store.flowVersions.saveAll([]);
        await expect(store.flowVersions.list('triage')).resolves.toStrictEqual([
          { flowId: 'triage', version: 'v1', definition: def('v1'), createdAt: T0 },
          { flowId: 'triage', version: 'v2', definition: def('v2'), createdAt: T0 + SEC },
        ]);
        await expect(store.flowVersions.list('home')).resolves.toStrictEqual([{ flowId: 'home', version: 'v1', definition: { id: 'home' }, createdAt: T0 + SEC }]);
      });
    });

    describe('console repositories', () => describeConsoleRepositoryContract(() => opened));
    describe('hospitals', () => describeHospitalContract(() => opened));

    describe('faq and flow publications', () => describeFaqRepositoryContract(() => opened));
    describe('hand-off tickets', () => describeTicketContract(() => opened));
    describe('follow-up check-ins', () => describeFollowupContract(() => opened));

    describe('text and JSON fidelity', () => {
      it('round-trips Bengali, Devanagari, emoji and 5,000-character text exactly', async () => {
        expect(LONG).toHaveLength(5000);
        const userId = `ব্যবহারকারী-${EMOJI}`;
        const conv = await store.conversations.findOrCreate('webchat', userId, { id: 'u1', session: richSession(), now: T0 });
        const session: Session = { ...richSession(1), vars: { long: LONG, bn: BENGALI, hi: HINDI, emoji: EMOJI, [BENGALI]: HINDI } };
        const choices = [{ payload: `p-${HINDI}`, title: LONG.slice(0, 300) }];
        const t = turn(conv, { pmid: `pm-${EMOJI}`, expectedVersion: 0, session, content: { kind: 'text', text: LONG }, outbound: [out(LONG, T0 + SEC, choices)] });
        await store.turns.commit(t);
        await store.flowVersions.save({ flowId: 'faq', version: 'v1', definition: { text: LONG }, createdAt: T0 });

        await expect(store.conversations.get('u1')).resolves.toMatchObject({ userId, session });
        expect((await store.conversations.get('u1'))!.session).toStrictEqual(session);
        const [inbound, outbound] = await store.messages.list('u1');
        expect(inbound!.content).toStrictEqual({ kind: 'text', text: LONG });
        expect(outbound!.content).toStrictEqual({ kind: 'text', text: LONG, choices });
        const [item] = await store.outbox.due(T0 + SEC);
        expect(item).toMatchObject({ text: LONG, choices, userId });
        await expect(store.turns.seen('webchat', `pm-${EMOJI}`)).resolves.toBe(true);
        // Stored exactly as given: no Unicode normalisation behind the caller's back.
        expect(EMOJI.normalize('NFC')).not.toBe(EMOJI);
        await expect(store.turns.seen('webchat', `pm-${EMOJI.normalize('NFC')}`)).resolves.toBe(false);
        expect((await store.flowVersions.get('faq', 'v1'))!.definition).toStrictEqual({ text: LONG });
      });

      it('round-trips a session exactly as JSON', async () => {
        const conv = await conversation();
        const session: Session = {
          stack: [],
          lang: null,
          vars: { zero: 0, neg: -17, float: 0.1 + 0.2, big: 2 ** 53 - 1, t: true, f: false, n: null, s: '', arr: [[], {}, [null]], deep: { a: { b: { c: { d: 'e' } } } } },
          turns: 7,
        };
        await store.turns.commit(turn(conv, { pmid: 'json', expectedVersion: 0, session }));
        const read = (await store.conversations.get(conv.id))!.session;
        expect(read).toStrictEqual(session);
        expect(JSON.stringify(read)).toBe(JSON.stringify(session));
      });
    });

    it('survives close and reopen', async () => {
      if (!opened.reopen) return; // only durable drivers reopen
      const conv = await conversation('telegram', '42');
      await store.turns.commit(turn(conv, { pmid: 'd1', expectedVersion: 0, at: T0 + SEC }));
      const t2 = turn(conv, { pmid: 'd2', expectedVersion: 1, at: T0 + 2 * SEC, outbound: [out('a', T0 + 2 * SEC, [{ payload: 'x', title: 'এক্স' }]), out('b', T0 + 2 * SEC)] });
      await store.turns.commit(t2);
      await store.outbox.markFailed(t2.outbound[0]!.id, 'boom', T0 + 9 * SEC);
      await store.outbox.markFailed(t2.outbound[1]!.id, 'gone', null);
      await store.conversations.setReachable(conv.id, false, T0 + 3 * SEC);
      await store.flowVersions.save({ flowId: 'triage', version: 'v1', definition: { a: [1, 'দুই'] }, createdAt: T0 });

      const before = {
        conversation: await store.conversations.get(conv.id),
        messages: await store.messages.list(conv.id),
        due: await store.outbox.due(Number.MAX_SAFE_INTEGER),
        items: await Promise.all(t2.outbound.map((o) => store.outbox.get(o.id))),
        counts: await outboxCounts(),
        flows: await store.flowVersions.list('triage'),
      };
      await store.close();
      store = await opened.reopen();

      await expect(store.ping()).resolves.toBe(true);
      expect({
        conversation: await store.conversations.get(conv.id),
        messages: await store.messages.list(conv.id),
        due: await store.outbox.due(Number.MAX_SAFE_INTEGER),
        items: await Promise.all(t2.outbound.map((o) => store.outbox.get(o.id))),
        counts: await outboxCounts(),
        flows: await store.flowVersions.list('triage'),
      }).toStrictEqual(before);
      await expect(store.turns.seen('telegram', 'd2')).resolves.toBe(true);
      await expect(store.turns.commit(turn(conv, { pmid: 'd2', expectedVersion: 2 }))).resolves.toEqual({ status: 'duplicate' });
      await expect(store.turns.commit(turn(conv, { pmid: 'd3', expectedVersion: 2 }))).resolves.toEqual(committed(3, true));
      await expect(store.conversations.findOrCreate('telegram', '42', { id: 'new', session: richSession(), now: T0 })).resolves.toMatchObject({ id: conv.id });
    });

    it('answers ping false once closed', async () => {
      await store.close();
      await expect(store.ping()).resolves.toBe(false);
    });
  });
}
