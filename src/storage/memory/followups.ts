/**
 * Follow-up enrolments, check-ins and tasks in plain Maps, with the SQLite driver's
 * semantics: each write is synchronous, so a conditional transition cannot interleave
 * with another. Copies in and out.
 */
import { checkinsByEnrolment, type Checkin, type CheckinState, type Enrolment, type EnrolmentPosition, type FollowupRepository, type FollowupTask } from '../repositories';

const copy = <T>(value: T): T => structuredClone(value);
/** Check-ins an ended enrolment cancels (cancelScheduled). */
const UNSETTLED: readonly CheckinState[] = ['scheduled', 'running', 'sent'];
/** The enrolments' list order: createdAt, then id, both descending. */
const newestFirst = (a: EnrolmentPosition, b: EnrolmentPosition): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const oldestDueFirst = (a: Checkin, b: Checkin): number => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1);

export function memoryFollowups(): FollowupRepository {
  const enrolments = new Map<string, Enrolment>();
  const checkins = new Map<string, Checkin>();
  const tasks = new Map<string, FollowupTask>();
  const current = (conversationId: string) => [...enrolments.values()].find((e) => e.conversationId === conversationId && e.state !== 'ended');

  return {
    async enrol(enrolment, list) {
      if (current(enrolment.conversationId)) return false;
      enrolments.set(enrolment.id, copy(enrolment));
      for (const c of list) checkins.set(c.id, copy(c));
      return true;
    },
    async getEnrolment(id) {
      const e = enrolments.get(id);
      return e && copy(e);
    },
    async currentFor(conversationId) {
      const e = current(conversationId);
      return e && copy(e);
    },
    async listEnrolments(query = {}) {
      const { before } = query;
      const list = [...enrolments.values()]
        .filter((e) => (!query.states || query.states.includes(e.state)) && (!before || newestFirst(before, e) < 0))
        .sort(newestFirst);
      return copy(list.slice(0, query.limit ?? list.length));
    },
    async updateEnrolment(enrolment, expectedVersion) {
      const stored = enrolments.get(enrolment.id);
      if (!stored || stored.version !== expectedVersion) return false;
      enrolments.set(enrolment.id, { ...copy(enrolment), version: expectedVersion + 1 });
      return true;
    },
    async addCheckins(list) {
      for (const c of list) if (!checkins.has(c.id)) checkins.set(c.id, copy(c));
    },
    async due(now, states, limit) {
      const list = [...checkins.values()].filter((c) => states.includes(c.state) && c.dueAt <= now).sort(oldestDueFirst);
      return copy(list.slice(0, limit ?? list.length));
    },
    async transition(t) {
      const c = checkins.get(t.id);
      if (!c || c.state !== t.from || c.version !== t.expectedVersion) return false;
      c.state = t.to;
      c.version += 1;
      c.updatedAt = t.at;
      if (t.claimedAt !== undefined) c.claimedAt = t.claimedAt;
      if (t.reading !== undefined) c.reading = copy(t.reading);
      return true;
    },
    async checkins(enrolmentId) {
      return copy([...checkins.values()].filter((c) => c.enrolmentId === enrolmentId).sort(oldestDueFirst));
    },
    async checkinsOf(enrolmentIds) {
      const asked = new Set(enrolmentIds);
      return checkinsByEnrolment(enrolmentIds, copy([...checkins.values()].filter((c) => asked.has(c.enrolmentId)).sort(oldestDueFirst)));
    },
    async cancelScheduled(enrolmentId, at) {
      let n = 0;
      for (const c of checkins.values()) {
        if (c.enrolmentId !== enrolmentId || !UNSETTLED.includes(c.state)) continue;
        c.state = 'cancelled';
        c.version += 1;
        c.updatedAt = at;
        n++;
      }
      return n;
    },
    async addTask(task) {
      if ([...tasks.values()].some((t) => t.kind === task.kind && t.causeId === task.causeId)) return false;
      tasks.set(task.id, copy(task));
      return true;
    },
    async tasks(query = {}) {
      const list = [...tasks.values()].filter(
        (t) => (query.open === undefined || (t.doneAt === null) === query.open) && (!query.enrolmentId || t.enrolmentId === query.enrolmentId),
      );
      const open = list.filter((t) => t.doneAt === null).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const done = list.filter((t) => t.doneAt !== null).sort((a, b) => b.doneAt! - a.doneAt! || (a.id < b.id ? 1 : -1));
      return copy([...open, ...done]);
    },
    async completeTask(id, by, at) {
      const t = tasks.get(id);
      if (!t || t.doneAt !== null) return false;
      t.doneAt = at;
      t.doneBy = by;
      return true;
    },
  };
}
