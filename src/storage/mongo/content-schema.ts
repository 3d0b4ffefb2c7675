/**
 * `flow_publications` (admin publications of flow versions) and `faq_entries` /
 * `faq_versions` (FAQ entries with their append-only history).
 */
import { Schema } from 'mongoose';
import { jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

const nullableString = { type: String, default: null };

export const flowPublicationSchema = new Schema(
  {
    _id: nonEmptyString(),
    flowId: nonEmptyString(),
    version: nonEmptyString(),
    source: nullableString,
    publishedAt: wholeNumber(),
    actorId: nullableString,
    note: { type: String, required: true },
    seq: { type: Number, required: true, validate: { validator: Number.isSafeInteger, message: '{PATH} must be a whole number' } },
  },
  schemaOptions('flow_publications'),
);

// A flow's history newest first, and the newest of every flow (flowId ascending, seq descending).
flowPublicationSchema.index({ flowId: 1, seq: -1 }, { name: 'flow_publications_flow' });

export const faqEntrySchema = new Schema(
  {
    _id: nonEmptyString(),
    latestVersion: { ...wholeNumber(), min: 1 },
    publishedVersion: { ...wholeNumber(false), default: null },
    createdAt: wholeNumber(),
    updatedAt: wholeNumber(),
  },
  schemaOptions('faq_entries'),
);

export const faqVersionSchema = new Schema(
  {
    _id: nonEmptyString(),
    entryId: nonEmptyString(),
    version: { ...wholeNumber(), min: 1 },
    content: jsonText(),
    savedAt: wholeNumber(),
    actorId: nullableString,
    note: { type: String, required: true },
  },
  schemaOptions('faq_versions'),
);

// A version number is taken once per entry, even by two processes saving at once.
faqVersionSchema.index({ entryId: 1, version: 1 }, { name: 'faq_versions_key', unique: true });
