/**
 * Follow-up enrolments, check-ins and tasks on MongoDB (repositories.ts,
 * FollowupRepository). The claim that makes a check-in run exactly once is one
 * conditional update on (id, state, version): of two processes only one matches.
 * One enrolment not ended per conversation, and one task per (kind, cause), are
 * unique indexes, so they hold across processes without a transaction.
 */
import {
  checkinsByEnrolment,
  type Checkin,
  type CheckinState,
  type Enrolment,
  type EnrolmentPosition,
  type EnrolmentState,
  type FollowupReading,
  type FollowupRepository,
  type FollowupTask,
} from '../repositories';
import type { Collections, Filter, Update } from './collections';
import type { CheckinDoc, EnrolmentDoc, FollowupTaskDoc } from './documents';
import { DuplicateKeyError } from './errors';
import { ENROLMENTS_CURRENT_INDEX } from './followup-schema';

type Run = <T>(fn: (c: Collections) => Promise<T>) => Promise<T>;

const ALL_ENROLMENT_STATES: readonly EnrolmentState[] = ['active', 'paused', 'ended'];

export function enrolmentDoc(e: Enrolment): EnrolmentDoc {
  const doc: EnrolmentDoc = {
    _id: e.id,
    conversationId: e.conversationId,
    state: e.state,
    slot: e.slot,
    timeZone: e.timeZone,
    endsAt: e.endsAt,
    missedInARow: e.missedInARow,
    endReason: e.endReason,
    enrolledBy: e.enrolledBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
  if (e.state !== 'ended') doc.currentFor = e.conversationId;
  return doc;
}

export function toEnrolment(d: EnrolmentDoc): Enrolment {
  return {
    id: d._id,
    conversationId: d.conversationId,
    state: d.state,
    slot: d.slot,
    timeZone: d.timeZone,
    endsAt: d.endsAt,
    missedInARow: d.missedInARow,
    endReason: d.endReason,
    enrolledBy: d.enrolledBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}

export function checkinDoc(c: Checkin): CheckinDoc {
  return {
    _id: c.id,
    enrolmentId: c.enrolmentId,
    conversationId: c.conversationId,
    dueAt: c.dueAt,
    state: c.state,
    version: c.version,
    claimedAt: c.claimedAt,
    reading: c.reading === null ? null : JSON.stringify(c.reading),
    updatedAt: c.updatedAt,
  };
}

export function toCheckin(d: CheckinDoc): Checkin {
  return {
    id: d._id,
    enrolmentId: d.enrolmentId,
    conversationId: d.conversationId,
    dueAt: d.dueAt,
    state: d.state,
    version: d.version,
    claimedAt: d.claimedAt,
    reading: d.reading === null ? null : (JSON.parse(d.reading) as FollowupReading),
    updatedAt: d.updatedAt,
  };
}

export function followupTaskDoc(t: FollowupTask): FollowupTaskDoc {
  return { _id: t.id, enrolmentId: t.enrolmentId, conversationId: t.conversationId, kind: t.kind, causeId: t.causeId, open: t.doneAt === null, createdAt: t.createdAt, doneAt: t.doneAt, doneBy: t.doneBy };
}

export function toFollowupTask(d: FollowupTaskDoc): FollowupTask {
  return { id: d._id, enrolmentId: d.enrolmentId, conversationId: d.conversationId, kind: d.kind, causeId: d.causeId, createdAt: d.createdAt, doneAt: d.doneAt, doneBy: d.doneBy };
}

/** Insert the check-ins not stored yet (ids already there are skipped, never changed). */
async function insertCheckins(c: Collections, list: Checkin[]): Promise<void> {
  if (list.length === 0) return;
  await c.followupCheckins.insertMissing(
    'followupCheckins.byId',
    list.map((x) => ({ filter: { _id: x.id }, doc: checkinDoc(x) })),
  );
}

/** Enrolments in `states`, and strictly after `before` in list order (createdAt, then id, both descending). */
function enrolmentsFilter(states: readonly EnrolmentState[], before: EnrolmentPosition | undefined): Filter {
  const filter: Filter = { state: { $in: [...states] } };
  if (before) {
    // createdAt bounds the walk along the index; the id settles the boundary millisecond.
    filter.createdAt = { $lte: before.createdAt };
    filter.$or = [{ createdAt: { $lt: before.createdAt } }, { _id: { $lt: before.id } }];
  }
  return filter;
}

/** Open tasks oldest first, then done ones newest first (ties by id), as every driver lists them. */
function taskOrder(a: FollowupTask, b: FollowupTask): number {
  if ((a.doneAt === null) !== (b.doneAt === null)) return a.doneAt === null ? -1 : 1;
  const byTime = a.doneAt === null ? a.createdAt - b.createdAt : b.doneAt! - a.doneAt!;
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function mongoFollowups(c: Collections, transaction: Run | null): FollowupRepository {
  return {
    async enrol(enrolment, list) {
      // The enrolment document is the point of decision: its unique `currentFor` refuses a second
      // current enrolment in any process. Without a replica set the check-ins follow it; a crash
      // between leaves an enrolment missing some, which `addCheckins` (ids skipped) completes.
      const write = async (cc: Collections): Promise<boolean> => {
        await cc.followupEnrolments.insert([enrolmentDoc(enrolment)], { ordered: true });
        await insertCheckins(cc, list);
        return true;
      };
      // The duplicate is caught outside the transaction: inside, the server has aborted it, and a
      // callback that returned normally would be committed, refused (NoSuchTransaction, a
      // transient error) and run again by withTransaction, until its 120 s limit.
      try {
        return await (transaction ? transaction(write) : write(c));
      } catch (err) {
        if (err instanceof DuplicateKeyError && err.only(ENROLMENTS_CURRENT_INDEX)) return false;
        throw err;
      }
    },
    async getEnrolment(id) {
      const d = await c.followupEnrolments.findOne('followupEnrolments.byId', { _id: id });
      return d ? toEnrolment(d) : undefined;
    },
    async currentFor(conversationId) {
      const d = await c.followupEnrolments.findOne('followupEnrolments.current', { currentFor: conversationId });
      return d ? toEnrolment(d) : undefined;
    },
    async listEnrolments(query = {}) {
      const states = query.states ?? ALL_ENROLMENT_STATES;
      if (states.length === 0) return [];
      const docs = await c.followupEnrolments.find('followupEnrolments.byState', enrolmentsFilter(states, query.before), query.limit !== undefined ? { limit: query.limit } : {});
      return docs.map(toEnrolment);
    },
    async updateEnrolment(e, expectedVersion) {
      // The fields an update may change (conversation, creator and creation time are the enrolment's for good).
      const set: Record<string, unknown> = {
        state: e.state, slot: e.slot, timeZone: e.timeZone, endsAt: e.endsAt, missedInARow: e.missedInARow, endReason: e.endReason, updatedAt: e.updatedAt,
      };
      const update: Update = { $inc: { version: 1 } };
      if (e.state === 'ended') update.$unset = { currentFor: 1 };
      else set.currentFor = e.conversationId;
      update.$set = set;
      try {
        const { matched } = await c.followupEnrolments.updateOne('followupEnrolments.update', { _id: e.id, version: expectedVersion }, update);
        return matched === 1;
      } catch (err) {
        // Resuming an ended enrolment while the conversation has another current one.
        if (err instanceof DuplicateKeyError && err.only(ENROLMENTS_CURRENT_INDEX)) return false;
        throw err;
      }
    },
    async addCheckins(list) {
      await insertCheckins(c, list);
    },
    async due(now, states, limit) {
      if (states.length === 0) return [];
      const docs = await c.followupCheckins.find('followupCheckins.due', { state: { $in: [...states] }, dueAt: { $lte: now } }, limit !== undefined ? { limit } : {});
      return docs.map(toCheckin);
    },
    async transition(t) {
      const set: Record<string, unknown> = { state: t.to, updatedAt: t.at };
      if (t.claimedAt !== undefined) set.claimedAt = t.claimedAt;
      if (t.reading !== undefined) set.reading = t.reading === null ? null : JSON.stringify(t.reading);
      const { matched } = await c.followupCheckins.updateOne(
        'followupCheckins.transition',
        { _id: t.id, state: t.from, version: t.expectedVersion },
        { $set: set, $inc: { version: 1 } },
      );
      return matched === 1;
    },
    async checkins(enrolmentId) {
      return (await c.followupCheckins.find('followupCheckins.ofEnrolment', { enrolmentId })).map(toCheckin);
    },
    async checkinsOf(enrolmentIds) {
      // Read in (dueAt, id) order across the enrolments, so each one's own list keeps that order.
      const docs = enrolmentIds.length ? await c.followupCheckins.find('followupCheckins.ofEnrolment', { enrolmentId: { $in: [...enrolmentIds] } }) : [];
      return checkinsByEnrolment(enrolmentIds, docs.map(toCheckin));
    },
    async cancelScheduled(enrolmentId, at) {
      const unsettled: CheckinState[] = ['scheduled', 'running', 'sent'];
      const { matched } = await c.followupCheckins.updateMany(
        'followupCheckins.scheduledOf',
        { enrolmentId, state: { $in: unsettled } },
        { $set: { state: 'cancelled', updatedAt: at }, $inc: { version: 1 } },
      );
      return matched;
    },
    async addTask(task) {
      try {
        await c.followupTasks.insert([followupTaskDoc(task)], { ordered: true });
        return true;
      } catch (err) {
        // One task per (kind, cause), whichever process adds it first; a repeated id is the same task.
        if (err instanceof DuplicateKeyError) return false;
        throw err;
      }
    },
    async tasks(query = {}) {
      if (query.enrolmentId !== undefined) {
        const docs = await c.followupTasks.find('followupTasks.ofEnrolment', { enrolmentId: query.enrolmentId });
        return docs
          .map(toFollowupTask)
          .filter((t) => query.open === undefined || (t.doneAt === null) === query.open)
          .sort(taskOrder);
      }
      const open = query.open !== false ? await c.followupTasks.find('followupTasks.open', { open: true }) : [];
      const done = query.open !== true ? await c.followupTasks.find('followupTasks.done', { open: false }) : [];
      return [...open, ...done].map(toFollowupTask);
    },
    async completeTask(id, by, at) {
      const { matched } = await c.followupTasks.updateOne('followupTasks.complete', { _id: id, open: true }, { $set: { open: false, doneAt: at, doneBy: by } });
      return matched === 1;
    },
  };
}

