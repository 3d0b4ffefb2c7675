/**
 * Follow-up enrolments, check-ins and tasks (migration 8). The claim that makes a
 * check-in run exactly once is one conditional UPDATE on (id, state, version):
 * of two processes (or a process and its restarted self) only one changes the row.
 */
import type Database from 'better-sqlite3';
import { checkinsByEnrolment, type Checkin, type CheckinState, type Enrolment, type EnrolmentPosition, type EnrolmentState, type FollowupRepository, type FollowupTask } from '../repositories';
import type { WriteBatch } from './write-batch';

interface EnrolmentRow {
  id: string;
  conversation_id: string;
  state: Enrolment['state'];
  slot: Enrolment['slot'];
  time_zone: string;
  ends_at: number;
  missed_in_a_row: number;
  end_reason: string | null;
  enrolled_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

interface CheckinRow {
  id: string;
  enrolment_id: string;
  conversation_id: string;
  due_at: number;
  state: CheckinState;
  version: number;
  claimed_at: number | null;
  reading: string | null;
  updated_at: number;
}

interface TaskRow {
  id: string;
  enrolment_id: string;
  conversation_id: string;
  kind: FollowupTask['kind'];
  cause_id: string;
  created_at: number;
  done_at: number | null;
  done_by: string | null;
}

const toEnrolment = (r: EnrolmentRow): Enrolment => ({
  id: r.id,
  conversationId: r.conversation_id,
  state: r.state,
  slot: r.slot,
  timeZone: r.time_zone,
  endsAt: r.ends_at,
  missedInARow: r.missed_in_a_row,
  endReason: r.end_reason,
  enrolledBy: r.enrolled_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const toCheckin = (r: CheckinRow): Checkin => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  conversationId: r.conversation_id,
  dueAt: r.due_at,
  state: r.state,
  version: r.version,
  claimedAt: r.claimed_at,
  reading: r.reading === null ? null : (JSON.parse(r.reading) as Checkin['reading']),
  updatedAt: r.updated_at,
});

const toTask = (r: TaskRow): FollowupTask => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  conversationId: r.conversation_id,
  kind: r.kind,
  causeId: r.cause_id,
  createdAt: r.created_at,
  doneAt: r.done_at,
  doneBy: r.done_by,
});

/**
 * Follow-up enrolments, check-ins and tasks. The runner's writes (claims, transitions, the
 * enrolment's count of misses, tasks) are group-committed (write-batch.ts) with the turns:
 * a tick starting hundreds of check-ins must not pay an fsync per write on the event loop.
 */
/**
 * The enrolment list's statement: newest first along followup_enrolments_created (state,
 * created_at), strictly after `before` when it pages. `created_at <= @beforeAt` bounds the
 * walk along the index; the id settles the boundary millisecond.
 */
export function enrolmentListQuery(query: { states?: EnrolmentState[]; limit?: number; before?: EnrolmentPosition }): { sql: string; params: Record<string, string | number> } {
  const states = query.states ?? ['active', 'paused', 'ended'];
  const params: Record<string, string | number> = { limit: query.limit ?? -1 };
  states.forEach((state, i) => (params[`state${i}`] = state));
  let where = `state IN (${states.map((_, i) => `@state${i}`).join(', ')})`;
  if (query.before) {
    where += ' AND created_at <= @beforeAt AND (created_at < @beforeAt OR id < @beforeId)';
    Object.assign(params, { beforeAt: query.before.createdAt, beforeId: query.before.id });
  }
  return { sql: `SELECT * FROM followup_enrolments WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`, params };
}

export function sqliteFollowups(db: Database.Database, batch: WriteBatch): FollowupRepository {
  const s = {
    current: db.prepare<[string], EnrolmentRow>("SELECT * FROM followup_enrolments WHERE conversation_id = ? AND state <> 'ended'"),
    enrolment: db.prepare<[string], EnrolmentRow>('SELECT * FROM followup_enrolments WHERE id = ?'),
    insertEnrolment: db.prepare(
      `INSERT INTO followup_enrolments (id, conversation_id, state, slot, time_zone, ends_at, missed_in_a_row, end_reason, enrolled_by, created_at, updated_at, version)
       VALUES (@id, @conversationId, @state, @slot, @timeZone, @endsAt, @missedInARow, @endReason, @enrolledBy, @createdAt, @updatedAt, @version)`,
    ),
    updateEnrolment: db.prepare(
      `UPDATE followup_enrolments SET state = @state, slot = @slot, time_zone = @timeZone, ends_at = @endsAt, missed_in_a_row = @missedInARow,
         end_reason = @endReason, updated_at = @updatedAt, version = version + 1
       WHERE id = @id AND version = @expectedVersion`,
    ),
    insertCheckin: db.prepare(
      `INSERT INTO followup_checkins (id, enrolment_id, conversation_id, due_at, state, version, claimed_at, reading, updated_at)
       VALUES (@id, @enrolmentId, @conversationId, @dueAt, @state, @version, @claimedAt, @reading, @updatedAt)
       ON CONFLICT (id) DO NOTHING`,
    ),
    transition: db.prepare(
      `UPDATE followup_checkins SET state = @to, version = version + 1, updated_at = @at,
         claimed_at = CASE WHEN @setClaimed THEN @claimedAt ELSE claimed_at END,
         reading = CASE WHEN @setReading THEN @reading ELSE reading END
       WHERE id = @id AND state = @from AND version = @expectedVersion`,
    ),
    checkins: db.prepare<[string], CheckinRow>('SELECT * FROM followup_checkins WHERE enrolment_id = ? ORDER BY due_at, id'),
    // The ids come as one JSON array: one statement for any number of them, each read along followup_checkins_enrolment.
    checkinsOf: db.prepare<[string], CheckinRow>('SELECT * FROM followup_checkins WHERE enrolment_id IN (SELECT value FROM json_each(?)) ORDER BY enrolment_id, due_at, id'),
    cancel: db.prepare<[number, string]>("UPDATE followup_checkins SET state = 'cancelled', version = version + 1, updated_at = ? WHERE enrolment_id = ? AND state IN ('scheduled', 'running', 'sent')"),
    insertTask: db.prepare(
      `INSERT INTO followup_tasks (id, enrolment_id, conversation_id, kind, cause_id, created_at, done_at, done_by)
       VALUES (@id, @enrolmentId, @conversationId, @kind, @causeId, @createdAt, @doneAt, @doneBy)
       ON CONFLICT DO NOTHING`,
    ),
    completeTask: db.prepare<[number, string, string]>('UPDATE followup_tasks SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL'),
  };
  const checkinParams = (c: Checkin) => ({ ...c, reading: c.reading === null ? null : JSON.stringify(c.reading) });
  const enrol = db.transaction((e: Enrolment, list: Checkin[]) => {
    if (s.current.get(e.conversationId)) return false;
    s.insertEnrolment.run(e);
    for (const c of list) s.insertCheckin.run(checkinParams(c));
    return true;
  });
  const addCheckins = db.transaction((list: Checkin[]) => {
    for (const c of list) s.insertCheckin.run(checkinParams(c));
  });

  return {
    async enrol(enrolment, list) {
      try {
        return enrol(enrolment, list);
      } catch (err) {
        // Another process enrolled the same conversation between our check and insert.
        if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
        throw err;
      }
    },
    async getEnrolment(id) {
      const r = s.enrolment.get(id);
      return r && toEnrolment(r);
    },
    async currentFor(conversationId) {
      const r = s.current.get(conversationId);
      return r && toEnrolment(r);
    },
    async listEnrolments(query = {}) {
      const { sql, params } = enrolmentListQuery(query);
      return db.prepare<[Record<string, string | number>], EnrolmentRow>(sql).all(params).map(toEnrolment);
    },
    async updateEnrolment(e, expectedVersion) {
      return batch.statement(() => s.updateEnrolment.run({ ...e, expectedVersion }).changes === 1);
    },
    async addCheckins(list) {
      addCheckins(list);
    },
    async due(now, states, limit) {
      if (!states.length) return [];
      const rows = db
        .prepare<unknown[], CheckinRow>(`SELECT * FROM followup_checkins WHERE state IN (${states.map(() => '?').join(', ')}) AND due_at <= ? ORDER BY due_at, id LIMIT ?`)
        .all(...states, now, limit ?? -1);
      return rows.map(toCheckin);
    },
    async transition(t) {
      const params = {
        id: t.id,
        from: t.from,
        to: t.to,
        expectedVersion: t.expectedVersion,
        at: t.at,
        setClaimed: t.claimedAt !== undefined ? 1 : 0,
        claimedAt: t.claimedAt ?? null,
        setReading: t.reading !== undefined ? 1 : 0,
        reading: t.reading ? JSON.stringify(t.reading) : null,
      };
      return batch.statement(() => s.transition.run(params).changes === 1);
    },
    async checkins(enrolmentId) {
      return s.checkins.all(enrolmentId).map(toCheckin);
    },
    async checkinsOf(enrolmentIds) {
      const rows = enrolmentIds.length ? s.checkinsOf.all(JSON.stringify(enrolmentIds)) : [];
      return checkinsByEnrolment(enrolmentIds, rows.map(toCheckin));
    },
    async cancelScheduled(enrolmentId, at) {
      return batch.statement(() => s.cancel.run(at, enrolmentId).changes);
    },
    async addTask(task) {
      return batch.statement(() => s.insertTask.run(task).changes === 1);
    },
    async tasks(query = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (query.open !== undefined) where.push(query.open ? 'done_at IS NULL' : 'done_at IS NOT NULL');
      if (query.enrolmentId) {
        where.push('enrolment_id = ?');
        args.push(query.enrolmentId);
      }
      const rows = db
        .prepare<unknown[], TaskRow>(
          `SELECT * FROM followup_tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN created_at ELSE -done_at END, id`,
        )
        .all(...args);
      return rows.map(toTask);
    },
    async completeTask(id, by, at) {
      return batch.statement(() => s.completeTask.run(at, by, id).changes === 1);
    },
  };
}
