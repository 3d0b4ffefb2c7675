/**
 * `followupEnrolments`, `followupCheckins` and `followupTasks` (src/followup/).
 * One enrolment not ended per conversation: `currentFor` holds the conversation id
 * until the enrolment ends, under a sparse unique index. One task per (kind, cause).
 */
import { Schema } from 'mongoose';
import { jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

export const ENROLMENT_STATES = ['active', 'paused', 'ended'] as const;
export const CHECKIN_SLOTS = ['morning', 'afternoon', 'evening'] as const;
export const CHECKIN_STATES = ['scheduled', 'running', 'sent', 'answered', 'missed', 'cancelled'] as const;
export const TASK_KINDS = ['call_patient', 'escalation'] as const;
export const ENROLMENTS_CURRENT_INDEX = 'followup_enrolments_current';
export const TASKS_CAUSE_INDEX = 'followup_tasks_cause';

const nullableString = { type: String, default: null };
const nullableTime = { ...wholeNumber(false), default: null };

export const enrolmentSchema = new Schema(
  {
    _id: nonEmptyString(),
    conversationId: nonEmptyString(),
    currentFor: { type: String, minlength: 1 },
    state: { type: String, enum: ENROLMENT_STATES, required: true },
    slot: { type: String, enum: CHECKIN_SLOTS, required: true },
    timeZone: nonEmptyString(),
    endsAt: wholeNumber(),
    missedInARow: wholeNumber(),
    endReason: nullableString,
    enrolledBy: nullableString,
    createdAt: wholeNumber(),
    updatedAt: wholeNumber(),
    version: wholeNumber(),
  },
  schemaOptions('followup_enrolments'),
);

enrolmentSchema.index({ currentFor: 1 }, { name: ENROLMENTS_CURRENT_INDEX, unique: true, sparse: true });
// The console's list: by state, newest first.
enrolmentSchema.index({ state: 1, createdAt: -1, _id: -1 }, { name: 'followup_enrolments_state' });

export const checkinSchema = new Schema(
  {
    _id: nonEmptyString(),
    enrolmentId: nonEmptyString(),
    conversationId: nonEmptyString(),
    dueAt: wholeNumber(),
    state: { type: String, enum: CHECKIN_STATES, required: true },
    version: wholeNumber(),
    claimedAt: nullableTime,
    /** JSON of the FollowupReading, or null. */
    reading: { ...jsonText(false), default: null },
    updatedAt: wholeNumber(),
  },
  schemaOptions('followup_checkins'),
);

// The runner's sweep: check-ins in a state, due by now, oldest first.
checkinSchema.index({ state: 1, dueAt: 1, _id: 1 }, { name: 'followup_checkins_due' });
// One enrolment's schedule (and cancelling what is still scheduled).
checkinSchema.index({ enrolmentId: 1, dueAt: 1, _id: 1 }, { name: 'followup_checkins_enrolment' });

export const followupTaskSchema = new Schema(
  {
    _id: nonEmptyString(),
    enrolmentId: nonEmptyString(),
    conversationId: nonEmptyString(),
    kind: { type: String, enum: TASK_KINDS, required: true },
    causeId: nonEmptyString(),
    /** Open tasks have no doneAt: `open` is kept beside it so the list can be read open first along an index. */
    open: { type: Boolean, required: true },
    createdAt: wholeNumber(),
    doneAt: nullableTime,
    doneBy: nullableString,
  },
  schemaOptions('followup_tasks'),
);

followupTaskSchema.index({ kind: 1, causeId: 1 }, { name: TASKS_CAUSE_INDEX, unique: true });
// The console's list: open tasks oldest first, then done ones newest first.
followupTaskSchema.index({ open: 1, createdAt: 1, _id: 1 }, { name: 'followup_tasks_open' });
followupTaskSchema.index({ open: 1, doneAt: -1, _id: 1 }, { name: 'followup_tasks_done' });
// One enrolment's tasks (a handful).
followupTaskSchema.index({ enrolmentId: 1 }, { name: 'followup_tasks_enrolment' });
