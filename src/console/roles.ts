import { z } from 'zod';
import type { Role } from '../storage/repositories';

export type { Role };

/** Every role, in the order the console lists them. */
export const ROLES: readonly Role[] = ['admin', 'doctor', 'operator'];

export const roleSchema = z.enum(['admin', 'doctor', 'operator']);

/** The roles that take patients' chats (the hand-off's operators and doctors). */
export const SERVING_ROLES: readonly Role[] = ['operator', 'doctor'];

/**
 * Whether an account may hold patients' chats now: active, and an operator or doctor. The one
 * test for it: an account that stops passing it gives back the chats it holds (accounts.ts),
 * and cannot take new ones (handoff/desk.ts), so every place must agree.
 */
export function servesPatients(account: { active: boolean; roles: readonly Role[] }): boolean {
  return account.active && account.roles.some((r) => SERVING_ROLES.includes(r));
}
