/**
 * `hospitals` (the registry, src/beds/), `bed_sources` (the last run of each
 * refresh) and `counters` (the registry's revision, bumped by every write).
 */
import { Schema } from 'mongoose';
import { jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

const nullableString = { type: String, default: null };
const nullableNumber = { type: Number, default: null };

export const hospitalSchema = new Schema(
  {
    _id: nonEmptyString(),
    name: nonEmptyString(),
    names: { bn: { type: String }, hi: { type: String } },
    region: nullableString,
    district: nullableString,
    city: nullableString,
    pincode: nullableString,
    address: nullableString,
    phones: { type: [String], default: undefined, validate: { validator: Array.isArray, message: '{PATH} must be a list' } },
    ownership: { type: String, enum: ['government', 'private', null], default: null },
    category: nullableString,
    lat: { ...nullableNumber, min: -90, max: 90 },
    lng: { ...nullableNumber, min: -180, max: 180 },
    beds: jsonText(),
    deskTokenHash: { type: String, minlength: 1 },
    deskTokenIssuedAt: wholeNumber(false),
    createdAt: wholeNumber(),
    updatedAt: wholeNumber(),
    rev: wholeNumber(),
  },
  schemaOptions('hospitals'),
);

// The registry listed by district, in id order (paging by id).
hospitalSchema.index({ district: 1, _id: 1 }, { name: 'hospitals_district' });

export const bedSourceSchema = new Schema(
  {
    _id: nonEmptyString(),
    lastAttemptAt: wholeNumber(),
    lastSuccessAt: { ...wholeNumber(false), default: null },
    ok: { type: Boolean, required: true },
    error: nullableString,
    rows: wholeNumber(),
    imported: wholeNumber(),
    skipped: wholeNumber(),
  },
  schemaOptions('bed_sources'),
);

export const counterSchema = new Schema({ _id: nonEmptyString(), value: wholeNumber() }, schemaOptions('counters'));
