/** `accounts`: console sign-in accounts (src/console/). */
import { Schema } from 'mongoose';
import { nonEmptyString, schemaOptions, wholeNumber } from './schema-types';

export const ROLES = ['admin', 'doctor', 'operator'] as const;
export const LANGUAGES = ['bn', 'hi', 'en'] as const;

export const accountSchema = new Schema(
  {
    _id: nonEmptyString(),
    username: nonEmptyString(),
    displayName: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: undefined, validate: { validator: Array.isArray, message: '{PATH} must be a list' } },
    languages: { type: [{ type: String, enum: LANGUAGES }], default: undefined, validate: { validator: Array.isArray, message: '{PATH} must be a list' } },
    queues: { type: [{ type: String, minlength: 1 }], default: undefined, validate: { validator: Array.isArray, message: '{PATH} must be a list' } },
    active: { type: Boolean, required: true },
    registration: { type: String, minlength: 1 },
    passwordHash: nonEmptyString(),
    createdAt: wholeNumber(),
    updatedAt: wholeNumber(),
  },
  schemaOptions('accounts'),
);

// Sign-in by name; a taken name is refused here, in any process. Also the list order.
accountSchema.index({ username: 1 }, { name: 'accounts_username', unique: true });
