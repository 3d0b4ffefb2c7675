/** `audit_log`: who did what, append-only. Listed newest first by (at, _id), filtered by actor or target. */
import { Schema } from 'mongoose';
import { jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

const nullableString = { type: String, default: null };

export const auditSchema = new Schema(
  {
    _id: nonEmptyString(),
    at: wholeNumber(),
    actorId: nullableString,
    action: nonEmptyString(),
    targetType: nullableString,
    targetId: nullableString,
    ipHash: nullableString,
    details: jsonText(),
  },
  schemaOptions('audit_log'),
);

auditSchema.index({ at: 1, _id: 1 }, { name: 'audit_at' });
auditSchema.index({ actorId: 1, at: 1, _id: 1 }, { name: 'audit_actor' });
auditSchema.index({ targetType: 1, at: 1, _id: 1 }, { name: 'audit_target_type' });
auditSchema.index({ targetType: 1, targetId: 1, at: 1, _id: 1 }, { name: 'audit_target' });
