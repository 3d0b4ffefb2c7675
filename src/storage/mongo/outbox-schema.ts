/**
 * `outbox`: replies committed with their turn and waiting to be sent. Two
 * indexes serve the two ways the deliverer reads it: everything due (the sweep)
 * and one user's pending messages (after every turn).
 */
import { Schema } from 'mongoose';
import type { OutboxDoc } from './documents';
import { channelField, jsonText, nonEmptyString, OUTBOX_STATUSES, OUTBOX_WAIT_REASONS, requiredString, schemaOptions, wholeNumber } from './schema-types';

export const outboxSchema = new Schema(
  {
    _id: nonEmptyString(),
    conversationId: nonEmptyString(),
    channel: channelField(),
    userId: nonEmptyString(),
    text: requiredString('text'),
    choices: jsonText(false),
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    attempts: wholeNumber(),
    nextAttemptAt: wholeNumber(),
    createdAt: wholeNumber(),
    turn: { ...wholeNumber(), min: 1 },
    n: { ...wholeNumber(), min: 1 },
    sentAt: wholeNumber(false),
    lastError: { type: String },
    waitReason: { type: String, enum: OUTBOX_WAIT_REASONS },
    leaseOwner: { type: String, minlength: 1 },
    leaseUntil: wholeNumber(false),
  },
  schemaOptions('outbox'),
);

// Equality, Sort, Range: status, then the delivery order, then the due time, so that
// the sweep walks pending items oldest first and stops after `limit` without sorting.
outboxSchema.index({ status: 1, createdAt: 1, turn: 1, n: 1, nextAttemptAt: 1 }, { name: 'outbox_due' });
// One user's pending messages in order (deliverTo, after every turn).
outboxSchema.index({ status: 1, channel: 1, userId: 1, createdAt: 1, turn: 1, n: 1, nextAttemptAt: 1 }, { name: 'outbox_user' });
// One channel's (a process that runs only some channels, e.g. the one holding the WhatsApp session, sweeps only those).
outboxSchema.index({ status: 1, channel: 1, createdAt: 1, turn: 1, n: 1, nextAttemptAt: 1 }, { name: 'outbox_channel' });
