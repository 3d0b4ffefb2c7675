/** `console_sessions`: signed-in browsers; _id is the sha256 of the cookie's token. */
import { Schema } from 'mongoose';
import { nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

export const consoleSessionSchema = new Schema(
  { _id: nonEmptyString(), accountId: nonEmptyString(), createdAt: wholeNumber(), lastSeenAt: wholeNumber() },
  schemaOptions('console_sessions'),
);

// Signing an account out everywhere; expiring idle and old sessions.
consoleSessionSchema.index({ accountId: 1 }, { name: 'console_sessions_account' });
consoleSessionSchema.index({ lastSeenAt: 1 }, { name: 'console_sessions_last_seen' });
consoleSessionSchema.index({ createdAt: 1 }, { name: 'console_sessions_created' });
