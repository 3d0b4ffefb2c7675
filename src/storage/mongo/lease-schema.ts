/** `leases`: named leases, so that a scheduled job runs in one process at a time (see leases.ts). */
import { Schema } from 'mongoose';
import type { LeaseDoc } from './documents';
import { nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

// Looked up by _id only: no secondary index.
export const leaseSchema = new Schema(
  { _id: nonEmptyString(), owner: nonEmptyString(), until: wholeNumber() },
  schemaOptions('leases'),
);
