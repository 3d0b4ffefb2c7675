/**
 * `messages`: every inbound and outbound message, in conversation order.
 * The unique (channel, platformMessageId) index is the inbound dedupe key: a
 * second insert of the same platform message fails there, in any process.
 */
import { Schema } from 'mongoose';
import type { MessageDoc } from './documents';
import { channelField, isDocument, jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

/** Reads another field of the document being validated; undefined in update validators (see isDocument). */
function other(self: unknown, path: keyof MessageDoc): unknown {
  return isDocument(self) ? self.get(path) : undefined;
}
const inbound = function (this: unknown): boolean {
  return other(this, 'direction') === 'in';
};

export const messageSchema = new Schema(
  {
    _id: nonEmptyString(),
    // A committed message belongs to a conversation; a claim (see turns-ordered.ts) names it in claimFor instead.
    conversationId: {
      type: String,
      minlength: 1,
      required: function (this: unknown) {
        return isDocument(this) && this.get('claimFor') === undefined;
      },
    },
    direction: { type: String, enum: ['in', 'out'], required: true },
    channel: { ...channelField(false), required: inbound },
    platformMessageId: {
      type: String,
      minlength: 1,
      required: inbound,
      // Outbound documents carry no dedupe key, so that the sparse unique index skips them.
      validate: {
        validator: function (this: unknown) {
          return !isDocument(this) || this.get('direction') === 'in';
        },
        message: 'an outbound message has no platformMessageId',
      },
    },
    content: jsonText(),
    sentAt: wholeNumber(false),
    at: wholeNumber(),
    turn: { ...wholeNumber(), min: 1 },
    n: wholeNumber(),
    claimFor: {
      type: String,
      minlength: 1,
      validate: {
        validator: function (this: unknown) {
          return !isDocument(this) || (this.get('direction') === 'in' && this.get('conversationId') === undefined);
        },
        message: 'only an inbound message that is not committed yet is a claim',
      },
    },
    claimedAt: {
      ...wholeNumber(false),
      required: function (this: unknown) {
        return other(this, 'claimFor') !== undefined;
      },
    },
  },
  schemaOptions('messages'),
);

// The dedupe key. Sparse: outbound documents have neither field and are not indexed
// (a compound sparse index skips only documents that have none of its fields).
messageSchema.index({ channel: 1, platformMessageId: 1 }, { name: 'messages_dedupe', unique: true, sparse: true });
// messages.list: one conversation, newest first (read backwards), ties in commit order.
messageSchema.index({ conversationId: 1, at: 1, turn: 1, n: 1 }, { name: 'messages_conversation' });
// The recovery sweep finds claims left by a crash (no replica set); only claims have claimedAt.
messageSchema.index({ claimedAt: 1 }, { name: 'messages_claims', sparse: true });
