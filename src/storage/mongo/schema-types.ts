/**
 * Building blocks shared by the collection schemas: the options every schema
 * uses, and validated field types.
 */
import { Schema, type SchemaOptions } from 'mongoose';
import type { ChannelName } from '../../router/message';
import type { OutboxStatus, OutboxWaitReason } from '../repositories';

/** Every channel a document may name. A channel added to ChannelName without being added here fails `tsc`. */
export const CHANNELS = ['webchat', 'telegram', 'whatsapp', 'cli'] as const satisfies readonly ChannelName[];
type MissingChannel = Exclude<ChannelName, (typeof CHANNELS)[number]>;
const allChannelsListed: [MissingChannel] extends [never] ? true : MissingChannel = true;
void allChannelsListed;

/**
 * A field definition. Kept loose on purpose: mongoose's generic field types instantiate
 * too deeply for tsc once spread into a schema; the documents are typed in documents.ts.
 */
export type FieldOptions = Record<string, unknown>;

export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const satisfies readonly OutboxStatus[];
export const OUTBOX_WAIT_REASONS = ['offline', 'backoff'] as const satisfies readonly OutboxWaitReason[];

/**
 * - strict 'throw': a field the schema does not know is a bug in the mapping, not data to drop;
 * - no __v, no timestamps: versions and times are ours;
 * - minimize false: an empty object is a value;
 * - autoIndex false: indexes are created once at open (mongo-store.ts), not behind our back.
 */
export function schemaOptions(collection: string): SchemaOptions {
  return { collection, strict: 'throw', strictQuery: 'throw', versionKey: false, timestamps: false, minimize: false, autoIndex: false, autoCreate: false, id: false };
}

/** An integer ms time or counter, never negative. */
export function wholeNumber(required = true): FieldOptions {
  return {
    type: Number,
    required,
    min: 0,
    validate: { validator: (v: unknown) => v === undefined || v === null || Number.isSafeInteger(v), message: '{PATH} must be a whole number' },
  };
}

/** A string that must be present but may be empty (mongoose's `required` rejects ''). */
export function requiredString(path: string): FieldOptions {
  return {
    type: String,
    // `this` is the document on save, and null or a Query in update validators: only a document is checked here.
    required: function (this: unknown) {
      return isDocument(this) && typeof this.get(path) !== 'string';
    },
  };
}

/** Conditional `required` and cross-field validators see a document on insert, and null or a Query in update validators. */
export function isDocument(value: unknown): value is { get(path: string): unknown } {
  return typeof value === 'object' && value !== null && '$isNew' in value && typeof (value as { get?: unknown }).get === 'function';
}

export function nonEmptyString(): FieldOptions {
  return { type: String, required: true, minlength: 1 };
}

/** JSON text (see documents.ts); checked to parse, so that a bad write fails here and not at the next read. */
export function jsonText(required = true): FieldOptions {
  return {
    type: String,
    required,
    validate: {
      validator: (v: unknown) => {
        if (v === undefined || v === null) return !required;
        if (typeof v !== 'string') return false;
        try {
          JSON.parse(v);
          return true;
        } catch {
          return false;
        }
      },
      message: '{PATH} must be JSON text',
    },
  };
}

export function channelField(required = true): FieldOptions {
  return { type: String, enum: CHANNELS, required };
}

export { Schema };
