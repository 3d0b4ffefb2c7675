/**
 * The follow-up part of the Store contract (repositories.ts, FollowupRepository). Called
 * from describeStoreContract, so every driver runs it.
 *
 * Rules pinned here:
 * - one enrolment not ended per conversation: a second enrol stores nothing (not even its check-ins);
 * - `transition` is the claim: it applies only from the stated state at the stated version,
 *   so of two claims at once exactly one wins; it bumps the version;
 * - `due` lists check-ins in the given states due at or before `now`, oldest first;
 * - `updateEnrolment` applies only on the version read; `cancelScheduled` cancels the unsettled ones
 *   (scheduled, running, sent), never an answered, missed or cancelled one, nor another enrolment's;
 * - one task per (kind, cause); open tasks first; completing twice fails;
 * - `listEnrolments` is newest first (createdAt, then id, both descending) and pages from `before`
 *   without gaps or repeats, ties on createdAt included;
 * - `checkinsOf` gives, in one read, what `checkins` gives for each enrolment asked.
 */
import type { Checkin, Enrolment, FollowupReading, Store } from '../../src/storage/repositories';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

export function describeFollowupContract(current: () => { store: Store }): void {
  let store: Store;
  beforeEach(() => {
    store = current().store;
  });

  async function enrolment(user: string, over: Partial<Enrolment> = {}): Promise<Enrolment> {
    const conv = await store.conversations.findOrCreate('telegram', user, { id: `conv-${user}`, session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, now: T0 });
    return {
      id: `enr-${user}`, conversationId: conv.id, state: 'active', slot: 'morning', timeZone: 'Asia/Dhaka', endsAt: T0 + 3 * DAY,
      missedInARow: 0, endReason: null, enrolledBy: null, createdAt: T0, updatedAt: T0, version: 0, ...over,
    };
  }
  const checkin = (e: Enrolment, day: number, over: Partial<Checkin> = {}): Checkin => ({
    id: `${e.id}-d${day}`, enrolmentId: e.id, conversationId: e.conversationId, dueAt: T0 + day * DAY, state: 'scheduled',
    version: 0, claimedAt: null, reading: null, updatedAt: T0, ...over,
  });

  it('enrols once per conversation, with its check-ins', async () => {
    const e = await enrolment('a');
    expect(await store.followups.enrol(e, [checkin(e, 1), checkin(e, 2)])).toBe(true);
    expect(await store.followups.enrol({ ...e, id: 'enr-a2' }, [checkin({ ...e, id: 'enr-a2' }, 1)])).toBe(false);
    expect(await store.followups.currentFor(e.conversationId)).toEqual(e);
    expect(await store.followups.getEnrolment('enr-a2')).toBeUndefined();
    expect((await store.followups.checkins(e.id)).map((c) => c.id)).toEqual(['enr-a-d1', 'enr-a-d2']);
    // Once ended, the conversation may be enrolled again.
    expect(await store.followups.updateEnrolment({ ...e, state: 'ended', endReason: 'stopped' }, 0)).toBe(true);
    expect(await store.followups.currentFor(e.conversationId)).toBeUndefined();
    expect(await store.followups.enrol({ ...e, id: 'enr-a3' }, [])).toBe(true);
    expect((await store.followups.listEnrolments({ states: ['ended'] })).map((x) => x.id)).toEqual(['enr-a']);
  });

  it('updates an enrolment only on the version read', async () => {
    const e = await enrolment('b');
    await store.followups.enrol(e, []);
    expect(await store.followups.updateEnrolment({ ...e, state: 'paused' }, 0)).toBe(true);
    expect(await store.followups.updateEnrolment({ ...e, state: 'ended' }, 0)).toBe(false);
    expect(await store.followups.getEnrolment(e.id)).toMatchObject({ state: 'paused', version: 1 });
  });

  it('lists due check-ins oldest first and lets exactly one of two claims win', async () => {
    const e = await enrolment('c');
    await store.followups.enrol(e, [checkin(e, 2), checkin(e, 1), checkin(e, 3)]);
    expect((await store.followups.due(T0 + 2 * DAY, ['scheduled'])).map((c) => c.id)).toEqual(['enr-c-d1', 'enr-c-d2']);
    const claim = () => store.followups.transition({ id: 'enr-c-d1', from: 'scheduled', expectedVersion: 0, to: 'running', at: T0 + DAY, claimedAt: T0 + DAY });
    const results = await Promise.all([claim(), claim()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.followups.due(T0 + 2 * DAY, ['running']))[0]).toMatchObject({ id: 'enr-c-d1', version: 1, claimedAt: T0 + DAY, state: 'running' });
    const reading: FollowupReading = { at: T0 + DAY, spo2: 95, temperature: 37.5, symptoms: ['cough'], feeling: 'same', level: 'home_isolation', reasons: ['mild_symptoms'] };
    expect(await store.followups.transition({ id: 'enr-c-d1', from: 'running', expectedVersion: 1, to: 'answered', at: T0 + DAY, reading })).toBe(true);
    expect((await store.followups.checkins(e.id))[0]).toMatchObject({ state: 'answered', reading, claimedAt: T0 + DAY, version: 2 });
    expect(await store.followups.cancelScheduled(e.id, T0)).toBe(2);
    expect((await store.followups.checkins(e.id)).map((c) => c.state)).toEqual(['answered', 'cancelled', 'cancelled']);
    // Adding check-ins skips ids already stored.
    await store.followups.addCheckins([checkin(e, 3), checkin(e, 4)]);
    expect((await store.followups.checkins(e.id)).map((c) => `${c.id}:${c.state}`)).toEqual(['enr-c-d1:answered', 'enr-c-d2:cancelled', 'enr-c-d3:cancelled', 'enr-c-d4:scheduled']);
  });

  it('cancels every unsettled check-in of the enrolment (scheduled, running, sent) and no other', async () => {
    const e = await enrolment('u');
    const other = await enrolment('u2');
    const reading: FollowupReading = { at: T0, spo2: 97, temperature: 37, symptoms: [], feeling: 'better', level: 'home_isolation', reasons: [] };
    await store.followups.enrol(e, [
      checkin(e, 1, { state: 'answered', version: 3, reading }),
      checkin(e, 2, { state: 'missed', version: 3 }),
      checkin(e, 3, { state: 'sent', version: 2, claimedAt: T0 + 3 * DAY }),
      checkin(e, 4, { state: 'running', version: 1, claimedAt: T0 + 4 * DAY }),
      checkin(e, 5),
      checkin(e, 6, { state: 'cancelled', version: 1 }),
    ]);
    await store.followups.enrol(other, [checkin(other, 3, { state: 'sent', version: 2 }), checkin(other, 4)]);
    expect(await store.followups.cancelScheduled(e.id, T0 + 5 * DAY)).toBe(3);
    expect((await store.followups.checkins(e.id)).map((c) => `${c.state}:${c.version}`)).toEqual(['answered:3', 'missed:3', 'cancelled:3', 'cancelled:2', 'cancelled:1', 'cancelled:1']);
    expect((await store.followups.checkins(e.id))[2]).toMatchObject({ updatedAt: T0 + 5 * DAY, claimedAt: T0 + 3 * DAY });
    expect((await store.followups.checkins(other.id)).map((c) => c.state)).toEqual(['sent', 'scheduled']);
    // A sent check-in cancelled is not due to settle any more.
    expect((await store.followups.due(T0 + 10 * DAY, ['sent'])).map((c) => c.id)).toEqual(['enr-u2-d3']);
  });

  it('pages through a state newest first, ties on createdAt by id, with no gaps or repeats', async () => {
    // Stored out of list order, four enrolments in one millisecond, and others in other states among them.
    const made: Array<[string, number, Enrolment['state']]> = [
      ['p2', T0 + 1, 'active'], ['p5', T0 + 2, 'active'], ['p1', T0, 'active'], ['p4', T0 + 1, 'active'], ['o1', T0 + 1, 'paused'],
      ['p3', T0 + 1, 'active'], ['p6', T0 + 3, 'active'], ['q2', T0 + 2, 'ended'], ['p0', T0, 'active'],
    ];
    for (const [user, createdAt, state] of made) await store.followups.enrol(await enrolment(user, { createdAt, state }), []);
    const expected = ['enr-p6', 'enr-p5', 'enr-p4', 'enr-p3', 'enr-p2', 'enr-p1', 'enr-p0'];
    expect((await store.followups.listEnrolments({ states: ['active'] })).map((e) => e.id)).toEqual(expected);

    const seen: string[][] = [];
    let before: Enrolment | undefined;
    do {
      const page = await store.followups.listEnrolments({ states: ['active'], limit: 3, ...(before ? { before } : {}) });
      seen.push(page.map((e) => e.id));
      before = page.length === 3 ? page[2] : undefined;
    } while (before && seen.length < 5); // bounded: a driver that ignored `before` would repeat its first page
    expect(seen).toEqual([['enr-p6', 'enr-p5', 'enr-p4'], ['enr-p3', 'enr-p2', 'enr-p1'], ['enr-p0']]);
    // A position inside a millisecond, and one past the end.
    expect((await store.followups.listEnrolments({ states: ['active', 'paused'], before: { createdAt: T0 + 1, id: 'enr-p4' } })).map((e) => e.id)).toEqual(['enr-p3', 'enr-p2', 'enr-o1', 'enr-p1', 'enr-p0']);
    expect(await store.followups.listEnrolments({ states: ['active'], before: { createdAt: T0, id: 'enr-p0' } })).toEqual([]);
  });

  it('reads the check-ins of many enrolments at once, each in the order checkins() gives', async () => {
    const a = await enrolment('ca');
    const b = await enrolment('cb');
    const none = await enrolment('cc');
    // Two of a's check-ins due at the same time: the id orders them.
    await store.followups.enrol(a, [checkin(a, 3), checkin(a, 1), checkin(a, 2, { id: 'enr-ca-a' }), checkin(a, 2)]);
    await store.followups.enrol(b, [checkin(b, 2), checkin(b, 1)]);
    await store.followups.enrol(none, []);
    const reading: FollowupReading = { at: T0 + DAY, spo2: 93, temperature: 38, symptoms: [], feeling: 'worse', level: 'hospital', reasons: ['low_spo2'] };
    expect(await store.followups.transition({ id: 'enr-cb-d1', from: 'scheduled', expectedVersion: 0, to: 'answered', at: T0 + DAY, reading })).toBe(true);

    const ids = [b.id, 'enr-unknown', a.id, none.id];
    const one = new Map(await Promise.all(ids.map(async (id): Promise<[string, Checkin[]]> => [id, await store.followups.checkins(id)])));
    expect(await store.followups.checkinsOf(ids)).toEqual(one);
    expect(one.get(a.id)!.map((c) => c.id)).toEqual(['enr-ca-d1', 'enr-ca-a', 'enr-ca-d2', 'enr-ca-d3']);
    expect(one.get(b.id)![0]).toMatchObject({ state: 'answered', reading });
    expect(await store.followups.checkinsOf([])).toEqual(new Map());
  });

  it('keeps one task per cause, open ones first', async () => {
    const e = await enrolment('d');
    await store.followups.enrol(e, []);
    const task = { enrolmentId: e.id, conversationId: e.conversationId, kind: 'call_patient' as const, doneAt: null, doneBy: null };
    expect(await store.followups.addTask({ ...task, id: 't1', causeId: 'c1', createdAt: T0 })).toBe(true);
    expect(await store.followups.addTask({ ...task, id: 't2', causeId: 'c1', createdAt: T0 })).toBe(false);
    expect(await store.followups.addTask({ ...task, id: 't3', causeId: 'c2', createdAt: T0 + 1 })).toBe(true);
    expect(await store.followups.completeTask('t1', 'acct-1', T0 + 5)).toBe(true);
    expect(await store.followups.completeTask('t1', 'acct-1', T0 + 6)).toBe(false);
    expect((await store.followups.tasks()).map((t) => t.id)).toEqual(['t3', 't1']);
    expect(await store.followups.tasks({ open: true })).toEqual([{ ...task, id: 't3', causeId: 'c2', createdAt: T0 + 1 }]);
    expect((await store.followups.tasks({ open: false }))[0]).toMatchObject({ id: 't1', doneAt: T0 + 5, doneBy: 'acct-1' });
  });
}
