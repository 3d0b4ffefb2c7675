/**
 * `conversations`: one document per patient per channel, holding the session.
 * Turns commit by a conditional update on `version` (see turns-*.ts).
 */
import { Schema } from 'mongoose';

import { channelField, jsonText, nonEmptyString, requiredString, schemaOptions, wholeNumber } from './schema-types';

const settleOutboundSchema = new Schema(
  { messageId: nonEmptyString(), text: requiredString('text'), choices: jsonText(false), createdAt: wholeNumber() },
  { _id: false, strict: 'throw', minimize: false },
);

const settleSchema = new Schema(
  { inboundId: nonEmptyString(), turn: { ...wholeNumber(), min: 1 }, outbound: { type: [settleOutboundSchema], default: undefined, required: true }, tickets: jsonText(false) },
  { _id: false, strict: 'throw', minimize: false },
);

export const conversationSchema = new Schema(
  {
    _id: nonEmptyString(),
    channel: channelField(),
    userId: nonEmptyString(),
    session: jsonText(),
    version: wholeNumber(),
    fence: { ...wholeNumber(), default: 0 },
    createdAt: wholeNumber(),
    updatedAt: wholeNumber(),
    unreachableSince: wholeNumber(false),
    settle: { type: settleSchema, required: false, default: undefined },
  },
  schemaOptions('conversations'),
);

// findOrCreate: one conversation per (channel, userId), even when two processes create it at once.
conversationSchema.index({ channel: 1, userId: 1 }, { name: 'conversations_user', unique: true });
// The recovery sweep finds turns left unsettled by a crash (no replica set). Sparse: only those few are indexed.
conversationSchema.index({ 'settle.inboundId': 1 }, { name: 'conversations_unsettled', sparse: true });
