/** `flow_versions`: every flow version a conversation may be running on. Small; never updated. */
import { Schema } from 'mongoose';
import type { FlowVersionDoc } from './documents';
import { jsonText, nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

// _id is mongoose's ObjectId: it grows with insertion, which breaks ties of createdAt in list().
export const flowVersionSchema = new Schema(
  { flowId: nonEmptyString(), version: nonEmptyString(), definition: jsonText(), createdAt: wholeNumber() },
  schemaOptions('flow_versions'),
);

// save() is an upsert on this key: the first definition saved under a version wins.
flowVersionSchema.index({ flowId: 1, version: 1 }, { name: 'flow_versions_key', unique: true });
flowVersionSchema.index({ flowId: 1, createdAt: 1, _id: 1 }, { name: 'flow_versions_list' });
