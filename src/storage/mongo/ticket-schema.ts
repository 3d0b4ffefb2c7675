/**
 * `tickets` and `ticketEvents` (hand-off, src/handoff/). At most one ticket of a
 * conversation is open: `openFor` holds the conversation id while the ticket is not
 * closed and is removed when it closes, and a sparse unique index on it refuses a
 * second open ticket in any process (closed tickets are not indexed).
 */
import { Schema } from 'mongoose';
import { LANGUAGES } from './account-schema';
import { channelField, jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

export const TICKET_STATES = ['waiting', 'assigned', 'closed'] as const;
/**
 * `crisis`: the patient wrote of suicide or self-harm (flows/crisis.yaml), for a counsellor.
 * `bot_error`: handed over because turns failed on our side (src/handoff/turn-hooks.ts).
 * Kept to add to, never to narrow: stored tickets keep theirs.
 */
export const TICKET_REASONS = ['asked', 'not_understood', 'bot_error', 'emergency', 'crisis'] as const;
export const TICKET_OUTCOMES = ['advice_given', 'referred_to_hospital', 'ambulance_called', 'prescription_by_doctor', 'no_response', 'cancelled_by_patient'] as const;
export const TICKET_EVENT_KINDS = ['note', 'reply', 'claimed', 'released', 'transferred', 'closed'] as const;
/** The index that keeps one open ticket per conversation. */
export const TICKETS_OPEN_INDEX = 'tickets_open';

const nullableString = { type: String, default: null };
const nullableTime = { ...wholeNumber(false), default: null };

export const ticketSchema = new Schema(
  {
    _id: nonEmptyString(),
    conversationId: nonEmptyString(),
    channel: channelField(),
    queue: nonEmptyString(),
    language: { type: String, enum: LANGUAGES, required: true },
    priority: { ...wholeNumber(), max: 4 },
    reason: { type: String, enum: TICKET_REASONS, required: true },
    emergency: { type: Boolean, required: true },
    /** JSON of the TicketTriage, or null. */
    triage: { ...jsonText(false), default: null },
    state: { type: String, enum: TICKET_STATES, required: true },
    openFor: { type: String, minlength: 1 },
    assigneeId: nullableString,
    createdAt: wholeNumber(),
    assignedAt: nullableTime,
    firstAssignedAt: nullableTime,
    closedAt: nullableTime,
    closedBy: nullableString,
    outcome: { type: String, enum: [...TICKET_OUTCOMES, null], default: null },
    rating: { type: Number, min: 1, max: 5, default: null },
    updatedAt: wholeNumber(),
  },
  schemaOptions('tickets'),
);

ticketSchema.index({ openFor: 1 }, { name: TICKETS_OPEN_INDEX, unique: true, sparse: true });
// The queue and every list: by state (all three when the list names none), in queue order.
ticketSchema.index({ state: 1, priority: -1, createdAt: 1, _id: 1 }, { name: 'tickets_state_order' });
// An operator's tickets (and the auto-assignment cap: how many are assigned to them).
ticketSchema.index({ assigneeId: 1, state: 1, priority: -1, createdAt: 1, _id: 1 }, { name: 'tickets_assignee_order' });
// The tickets closed since a time (the wait estimate, on the patient's path; the stats page): read
// along their closing time, not every ticket ever closed in queue order.
ticketSchema.index({ state: 1, closedAt: 1 }, { name: 'tickets_state_closed' });
// The tickets created since a time (the stats page), the same way.
ticketSchema.index({ state: 1, createdAt: 1 }, { name: 'tickets_state_created' });

export const ticketEventSchema = new Schema(
  {
    _id: nonEmptyString(),
    ticketId: nonEmptyString(),
    at: wholeNumber(),
    /** Insertion order within the ticket (events of one ms keep the order they were written in). */
    seq: wholeNumber(),
    kind: { type: String, enum: TICKET_EVENT_KINDS, required: true },
    actorId: nullableString,
    text: { type: String, default: null },
    messageId: nullableString,
    details: jsonText(),
  },
  schemaOptions('ticket_events'),
);

// The timeline of one ticket, oldest first.
ticketEventSchema.index({ ticketId: 1, seq: 1, _id: 1 }, { name: 'ticket_events_timeline' });
