import { z } from 'zod';
import type { Role } from '../storage/repositories';

export type { Role };

/** Every role, in the order the console lists them. */
export const ROLES: readonly Role[] = ['admin', 'doctor', 'operator'];

export const roleSchema = z.enum(['admin', 'doctor', 'operator']);
